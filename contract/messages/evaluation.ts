// Messages of evaluation: errors, alarms and notices the server sends, by code. Keys start with 'evaluation.'.
import type { Catalogue } from './types.js';

export const evaluation = {} as const satisfies Catalogue;
