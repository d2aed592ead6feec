// Messages of meta: errors, alarms and notices the server sends, by code. Keys start with 'meta.'.
import type { Catalogue } from './types.js';

export const meta = {} as const satisfies Catalogue;
