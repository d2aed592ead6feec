// Messages of areas: errors, alarms and notices the server sends, by code. Keys start with 'areas.'.
import type { Catalogue } from './types.js';

export const areas = {} as const satisfies Catalogue;
