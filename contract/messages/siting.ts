// Messages of siting: errors, alarms and notices the server sends, by code. Keys start with 'siting.'.
import type { Catalogue } from './types.js';

export const siting = {} as const satisfies Catalogue;
