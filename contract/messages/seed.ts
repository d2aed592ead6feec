// Messages of seed: errors, alarms and notices the server sends, by code. Keys start with 'seed.'.
import type { Catalogue } from './types.js';

export const seed = {} as const satisfies Catalogue;
