// Messages of geodata: errors, alarms and notices the server sends, by code. Keys start with 'geodata.'.
import type { Catalogue } from './types.js';

export const geodata = {
  'geodata.crs.unknown': {
    'zh-CN':
      '未知坐标系「{option}」：可用 wgs84、cgcs2000、gcj02、bd09、epsg:4326、epsg:4490 或 CGCS2000 3 度带 epsg:4513–4554',
    en: 'unknown CRS "{option}": use wgs84, cgcs2000, gcj02, bd09, epsg:4326, epsg:4490 or a CGCS2000 3-degree zone epsg:4513–4554',
  },
  'geodata.crs.assumedWgs84': { 'zh-CN': '按 WGS84 处理（{why}）', en: 'assumed WGS84 ({why})' },
  'geodata.crs.undecided': {
    'zh-CN':
      '坐标系未定（{why}）：WGS84、GCJ-02、BD-09 读法相差数百米，无法从已有边界判断，请对照候选位置选定坐标系后重新分析',
    en: 'CRS undecided ({why}): the WGS84, GCJ-02 and BD-09 readings lie hundreds of metres apart and the stored boundaries cannot tell them apart; compare the candidate placements and re-analyse with the CRS named',
  },
  'geodata.crs.pointsAlike': {
    'zh-CN': '三种读法下落在辖区内的点数相同（{inside}/{total}）',
    en: 'every reading puts the same number of points inside the district ({inside} of {total})',
  },
  'geodata.crs.fitAlikeTable': {
    'zh-CN': '各读法与现有边界的吻合度相近：{table}',
    en: 'the readings fit the existing boundaries about equally: {table}',
  },
  'geodata.crs.prjOffset': {
    'zh-CN': '.prj 指明偏移坐标系 {name}',
    en: 'the .prj names the offset datum {name}',
  },
  'geodata.crs.noReference': { 'zh-CN': '没有可比对的现有边界', en: 'no existing boundaries to compare with' },
  'geodata.crs.noPointInside': {
    'zh-CN': '这些点都不在现有区域内',
    en: 'none of the points fall inside the existing district',
  },
  'geodata.crs.pointsWgs84': {
    'zh-CN': '按 WGS84 处理：{inside}/{total} 个点落在现有辖区内，其他坐标系并不更好',
    en: 'assumed WGS84: {inside} of {total} points fall inside the district and no other reading does better',
  },
  'geodata.crs.pointsReading': {
    'zh-CN': '按 {crs} 处理：该读法下 {inside}/{total} 个点落在辖区内（WGS84 为 {wgs84}）',
    en: 'read as {crs}: {inside} of {total} points fall inside the district that way ({wgs84} as WGS84)',
  },
  'geodata.crs.farFromAll': { 'zh-CN': '离现有边界都很远：{table}', en: 'far from every existing boundary: {table}' },
  'geodata.crs.fitAlike': {
    'zh-CN': '按 WGS84 处理：各坐标系与现有边界的吻合度相近（{table}）',
    en: 'assumed WGS84: the readings fit existing boundaries about equally ({table})',
  },
  'geodata.crs.shift': { 'zh-CN': '（坐标偏移约 {metres} m）', en: ' (a ~{metres} m shift)' },
  'geodata.crs.detected': {
    'zh-CN': '判断为 {crs}{shift}：与现有边界的中位距离 {table}',
    en: 'detected {crs}{shift}: median distance to existing boundaries {table}',
  },
  'geodata.crs.noCoordinates': { 'zh-CN': '没有坐标', en: 'the layer has no coordinates' },
  'geodata.crs.prjProjected': { 'zh-CN': '.prj 指定投影坐标系 {name}', en: 'the .prj names the projected CRS {name}' },
  'geodata.crs.prjGeographicMismatch': {
    'zh-CN': '.prj 为地理坐标系 {name}，但坐标超出经纬度范围',
    en: 'the .prj names the geographic CRS {name} but the coordinates are not longitudes and latitudes',
  },
  'geodata.crs.prjContradicted': {
    'zh-CN': '.prj 写的是 {name}，但坐标与现有边界按 {crs} 才对得上；{detail}',
    en: 'the .prj says {name} but the coordinates line up only as {crs}; {detail}',
  },
  'geodata.crs.prjGeographic': {
    'zh-CN': '.prj 指定 {name}（按 WGS84/CGCS2000）',
    en: 'the .prj names {name} (read as WGS84/CGCS2000)',
  },
  'geodata.crs.zonePrefix': {
    'zh-CN': '投影坐标（米），东坐标带号前缀 {zone} → {name}（CGCS2000 3 度带，中央经线 {meridian}°E）',
    en: 'projected metres with zone prefix {zone} in the easting → {name} (CGCS2000 3-degree zone, central meridian {meridian}°E)',
  },
  'geodata.crs.zoneAssumed': {
    'zh-CN': '投影坐标（米）无带号，按现有辖区所在的 3 度带 {zone}（中央经线 {meridian}°E）→ {name}',
    en: "projected metres without a zone prefix: assumed the district's own 3-degree zone {zone} (central meridian {meridian}°E) → {name}",
  },
  'geodata.crs.unreadable': {
    'zh-CN': '坐标既不是经纬度，也不像 CGCS2000 高斯-克吕格投影坐标；请附 .prj 或指定坐标系',
    en: 'the coordinates are neither longitudes/latitudes nor CGCS2000 Gauss-Krüger metres: add the .prj or name the CRS',
  },
} as const satisfies Catalogue;
