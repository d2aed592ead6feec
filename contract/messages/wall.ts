// Messages of wall: errors, alarms and notices the server sends, by code. Keys start with 'wall.'.
import type { Catalogue } from './types.js';

export const wall = {} as const satisfies Catalogue;
