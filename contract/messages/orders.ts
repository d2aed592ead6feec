// Messages of orders: errors, alarms and notices the server sends, by code. Keys start with 'orders.'.
import type { Catalogue } from './types.js';

export const orders = {} as const satisfies Catalogue;
