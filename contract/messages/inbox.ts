// Messages of each account's inbox. Keys start with 'inbox.'.
import type { Catalogue } from './types.js';

export const inbox = {
  'inbox.readNothing': { 'zh-CN': '请给出 upTo 或 ids', en: 'give upTo or ids' },
} as const satisfies Catalogue;
