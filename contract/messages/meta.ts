// Messages of meta: errors, alarms and notices the server sends, by code. Keys start with 'meta.'.
import type { Catalogue } from './types.js';

export const meta = {
  'meta.noCity': { 'zh-CN': '尚未加载城市数据', en: 'no city loaded yet' },
} as const satisfies Catalogue;
