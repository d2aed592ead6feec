// Messages of layer imports (buildings, roads, water, resources, police grids): report notices and errors, by code.
// Keys start with 'layers.'.
import type { Catalogue } from './types.js';

export const layers = {
  'layers.osm.unreadable': {
    'zh-CN': '无法读取 OpenStreetMap 数据（.osm.pbf）：{reason}',
    en: 'the OpenStreetMap extract (.osm.pbf) cannot be read: {reason}',
  },
  'layers.crs.osm': {
    'zh-CN': 'OpenStreetMap 数据为 WGS84 经纬度',
    en: 'OpenStreetMap data is in WGS84 longitude/latitude',
  },
  'layers.otherLayers': {
    'zh-CN': '文件中另有 {count} 个要素属于其他图层（道路、建筑、水系或兴趣点），本次不导入',
    en: '{count} features of the file belong to other layers (roads, buildings, water or points of interest) and are not imported here',
  },
  'layers.noGeometry': { 'zh-CN': '第 {n} 个要素没有几何，已跳过', en: 'feature {n} has no geometry and is left out' },
  'layers.wrongGeometry': {
    'zh-CN': '第 {n} 个要素的几何类型 {type} 不适用于本图层，已跳过',
    en: 'feature {n} is a {type}, which this layer does not take; left out',
  },
  'layers.wrongGeometryMore': {
    'zh-CN': '另有 {count} 个要素的几何类型不适用于本图层，已跳过',
    en: '{count} more features have a geometry this layer does not take; left out',
  },
  'layers.emptyGeometry': {
    'zh-CN': '第 {n} 个要素的几何修复后为空，已跳过',
    en: 'nothing is left of feature {n} once its geometry is repaired; left out',
  },
  'layers.resourceWithoutName': {
    'zh-CN': '第 {n} 个兴趣点没有名称，已跳过',
    en: 'point of interest {n} has no name; left out',
  },
  'layers.outsideArea': {
    'zh-CN': '{count} 个要素不在您的管辖范围内，不导入',
    en: '{count} features lie outside your area and are not imported',
  },
  'layers.householdsEstimated': {
    'zh-CN': '{households} 户为估算：层数 × 占地面积 ÷ 每户 {m2} 平方米（可在导入选项中修改）',
    en: '{households} households are estimated as floors × footprint area ÷ {m2} m² per household (editable in the import options)',
  },
  'layers.floorsDefaulted': {
    'zh-CN': '{count} 栋建筑没有层数，按 {floors} 层计',
    en: '{count} buildings have no number of floors and are taken as {floors} floors',
  },
  'layers.pointsWithoutHouseholds': {
    'zh-CN': '{count} 栋建筑只有点位、没有户数，按 0 户导入（请补充户数或导入轮廓）',
    en: '{count} buildings are points without a household count and are imported with 0 households (add the counts or import footprints)',
  },
  'layers.unknownKind': {
    'zh-CN': '类型「{value}」无对应的服务资源类型，{count} 个要素不导入',
    en: 'the type "{value}" maps to no resource kind: {count} features are not imported',
  },
  'layers.replaces.rows': {
    'zh-CN': '接受后将替换您管辖范围内现有的 {count} 条记录',
    en: 'accepting replaces the {count} rows now inside your area',
  },
  'layers.replaces.police': {
    'zh-CN': '接受后将替换您管辖范围内现有的 {count} 个警格',
    en: 'accepting replaces the {count} police grids now in your area',
  },
  'layers.replaces.buildings': {
    'zh-CN':
      '接受后将删除文件覆盖范围内（其所在社区）旧有的 {count} 栋建筑：新文件中没有与之地址或轮廓相符的建筑，且无居民居住',
    en: 'accepting removes {count} earlier buildings of the area the file covers (their communities): no building of the file matches them by address or footprint, and no resident lives in them',
  },
  'layers.buildingsMatched': {
    'zh-CN': '{count} 栋旧有建筑与新文件中的建筑地址或轮廓相符：原地更新，编号不变，其 {residents} 位居民仍属该楼',
    en: '{count} earlier buildings match a building of the file by address or footprint: they are updated in place, keeping their ids and their {residents} residents',
  },
  'layers.buildingsKept': {
    'zh-CN':
      '{count} 栋旧有建筑（{households} 户，{residents} 位居民）与新文件中的建筑均不相符，但有居民居住：保留不删。请重新导入居民后再导入建筑，或补上这些建筑',
    en: '{count} earlier buildings ({households} households, {residents} residents) match no building of the file but residents live in them: they are kept. Import the residents again and then the buildings, or add these buildings to the file',
  },
  'layers.step.queued': { 'zh-CN': '排队等待', en: 'waiting in the queue' },
  'layers.step.read': { 'zh-CN': '读取文件', en: 'reading the file' },
  'layers.step.convert': { 'zh-CN': '转换坐标', en: 'converting coordinates' },
  'layers.step.check': { 'zh-CN': '检查要素', en: 'checking features' },
  'layers.step.match': { 'zh-CN': '比对旧有建筑', en: 'matching earlier buildings' },
  'layers.step.replaces': { 'zh-CN': '统计将替换的记录', en: 'counting what accepting replaces' },
  'layers.step.store': { 'zh-CN': '保存报告', en: 'storing the report' },
  'layers.analysing': {
    'zh-CN': '图层导入 #{id} 正在分析，尚无报告可接受或取消',
    en: 'layer import #{id} is still being analysed: there is no report to accept yet',
  },
  'layers.analysisFailedState': {
    'zh-CN': '图层导入 #{id} 分析失败，无法接受',
    en: 'the analysis of layer import #{id} failed: there is nothing to accept',
  },
  'layers.analysisFailed': {
    'zh-CN': '图层分析失败：{reason}',
    en: 'the layer analysis failed: {reason}',
  },
  'layers.analysisRequeued': {
    'zh-CN': '运行分析的节点已停止，分析已重新排队，将从头运行',
    en: 'the node running the analysis stopped: it is queued to run again from the start',
  },
  'layers.fileGone': {
    'zh-CN': '上传的文件已不在，请重新上传',
    en: 'the uploaded file is gone: upload it again',
  },
  'layers.nothingToImport': {
    'zh-CN': '没有可导入的要素',
    en: 'there is nothing to import',
  },
} as const satisfies Catalogue;
