// Messages of resources: errors, alarms and notices the server sends, by code. Keys start with 'resources.'.
import type { Catalogue } from './types.js';

export const resources = {} as const satisfies Catalogue;
