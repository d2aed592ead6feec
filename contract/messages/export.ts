// Messages of export: errors, alarms and notices the server sends, by code. Keys start with 'export.'.
import type { Catalogue } from './types.js';

export const exportMessages = {
  'export.gcj02Note': {
    'zh-CN': '坐标为 GCJ-02（国测局坐标），.prj 仅表示经纬度',
    en: 'coordinates are GCJ-02; the .prj only says longitude/latitude',
  },
} as const satisfies Catalogue;
