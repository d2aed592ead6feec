// Messages of realtime: errors, alarms and notices the server sends, by code. Keys start with 'realtime.'.
import type { Catalogue } from './types.js';

export const realtime = {} as const satisfies Catalogue;
