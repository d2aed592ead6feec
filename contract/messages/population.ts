// Messages of population: errors, alarms and notices the server sends, by code. Keys start with 'population.'.
import type { Catalogue } from './types.js';

export const population = {} as const satisfies Catalogue;
