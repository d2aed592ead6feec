// Messages of privacy: errors, alarms and notices the server sends, by code. Keys start with 'privacy.'.
import type { Catalogue } from './types.js';

export const privacy = {} as const satisfies Catalogue;
