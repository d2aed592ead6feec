// Messages of import: errors, alarms and notices the server sends, by code. Keys start with 'import.'.
import type { Catalogue } from './types.js';

export const importMessages = {} as const satisfies Catalogue;
