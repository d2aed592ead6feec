// Messages of photos: errors, alarms and notices the server sends, by code. Keys start with 'photos.'.
import type { Catalogue } from './types.js';

export const photos = {} as const satisfies Catalogue;
