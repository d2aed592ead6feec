// Messages of accounts: errors, alarms and notices the server sends, by code. Keys start with 'accounts.'.
import type { Catalogue } from './types.js';

export const accounts = {} as const satisfies Catalogue;
