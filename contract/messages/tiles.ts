// Messages of tiles: errors, alarms and notices the server sends, by code. Keys start with 'tiles.'.
import type { Catalogue } from './types.js';

export const tiles = {
  'tiles.outOfRange': { 'zh-CN': '瓦片 {z}/{x}/{y} 超出范围', en: 'tile {z}/{x}/{y} does not exist' },
  'tiles.noBasemapFile': {
    'zh-CN': '此服务器的底图不是 MBTiles 或 PMTiles 文件',
    en: "this server's base map is not an MBTiles or PMTiles file",
  },
} as const satisfies Catalogue;
