// Messages of geodata: errors, alarms and notices the server sends, by code. Keys start with 'geodata.'.
import type { Catalogue } from './types.js';

export const geodata = {} as const satisfies Catalogue;
