// Messages of auth: errors, alarms and notices the server sends, by code. Keys start with 'auth.'.
import type { Catalogue } from './types.js';

export const auth = {} as const satisfies Catalogue;
