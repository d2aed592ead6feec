// Messages of workers: errors, alarms and notices the server sends, by code. Keys start with 'workers.'.
import type { Catalogue } from './types.js';

export const workers = {} as const satisfies Catalogue;
