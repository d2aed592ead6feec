// Messages of tiles: errors, alarms and notices the server sends, by code. Keys start with 'tiles.'.
import type { Catalogue } from './types.js';

export const tiles = {} as const satisfies Catalogue;
