// Messages of export: errors, alarms and notices the server sends, by code. Keys start with 'export.'.
import type { Catalogue } from './types.js';

export const exportMessages = {
  'export.gcj02Note': {
    'zh-CN':
      '坐标为 GCJ-02（国测局坐标，“火星坐标”）：由 WGS84 经非线性偏移得到，在中国境内与 WGS84 相差约 300–700 m，不是独立的大地基准，也没有 EPSG 代码。.prj 中的 GEOGCS 名为 GCJ-02、椭球为 WGS84，仅作标识；GIS 软件若当作 WGS84 显示会偏移。需要 WGS84 时请以 crs=wgs84 重新导出',
    en: 'coordinates are GCJ-02 (the Chinese "Mars" coordinates): WGS84 moved by a non-linear offset of about 300–700 m inside China; it is not a geodetic datum and has no EPSG code. The .prj names the GEOGCS GCJ-02 on the WGS84 ellipsoid only to say so; GIS software that treats it as WGS84 will show it shifted. Export again with crs=wgs84 for WGS84',
  },
} as const satisfies Catalogue;
