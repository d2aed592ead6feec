// Messages of needs: errors, alarms and notices the server sends, by code. Keys start with 'needs.'.
import type { Catalogue } from './types.js';

export const needs = {} as const satisfies Catalogue;
