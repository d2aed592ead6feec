// Messages of export: errors, alarms and notices the server sends, by code. Keys start with 'export.'.
import type { Catalogue } from './types.js';

export const exportMessages = {} as const satisfies Catalogue;
