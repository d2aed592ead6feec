// Messages of tiles: errors, alarms and notices the server sends, by code. Keys start with 'tiles.'.
import type { Catalogue } from './types.js';

export const tiles = {
  'tiles.outOfRange': { 'zh-CN': '瓦片 {z}/{x}/{y} 超出范围', en: 'tile {z}/{x}/{y} does not exist' },
} as const satisfies Catalogue;
