// Messages of http: errors, alarms and notices the server sends, by code. Keys start with 'http.'.
import type { Catalogue } from './types.js';

export const http = {} as const satisfies Catalogue;
