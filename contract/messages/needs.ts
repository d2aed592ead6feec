// Messages of needs: errors, alarms and notices the server sends, by code. Keys start with 'needs.'.
import type { Catalogue } from './types.js';

export const needs = {
  // The need items' names (NEED_ITEMS in contract/needs.ts), for messages that name one.
  'needs.item.surroundings': { 'zh-CN': '社区周边设施', en: 'Community surroundings' },
  'needs.item.culture_sports': { 'zh-CN': '文化体育活动设施', en: 'Culture & sports facilities' },
  'needs.item.property': { 'zh-CN': '物业及业委会服务', en: 'Property services' },
  'needs.item.maintenance': { 'zh-CN': '社区便民维修', en: 'Convenience maintenance' },
  'needs.item.public_facilities': { 'zh-CN': '完善的公共设施', en: 'Public facilities' },
  'needs.item.medical': { 'zh-CN': '医疗咨询服务', en: 'Medical consultation' },
  'needs.item.interest_class': { 'zh-CN': '兴趣培训班', en: 'Interest classes' },
  'needs.item.parcel': { 'zh-CN': '快递收发', en: 'Parcel delivery' },
  'needs.item.vocational': { 'zh-CN': '职业技能培训', en: 'Vocational training' },
  'needs.item.home_doctor': { 'zh-CN': '医生上门服务', en: 'Home doctor visits' },
  'needs.item.elder_canteen': { 'zh-CN': '老年助餐（长者食堂）', en: 'Elder canteen' },
  'needs.item.day_care': { 'zh-CN': '日间照料', en: 'Elder day care' },
  'needs.item.waste_sorting': { 'zh-CN': '垃圾分类指导', en: 'Waste sorting guidance' },
  'needs.item.groceries': { 'zh-CN': '买菜便利', en: 'Grocery access' },
  'needs.item.employment': { 'zh-CN': '就业帮扶', en: 'Employment help' },
  'needs.item.after_school': { 'zh-CN': '课后托管', en: 'After-school care' },
  'needs.jobNotFound': { 'zh-CN': '导入任务 {id} 不存在', en: 'import job {id} not found' },
  'needs.gridNotFound': {
    'zh-CN': '网格编码 {code} 不存在或不在您的管辖范围内',
    en: 'grid {code} not found in your scope',
  },
  'needs.buildingNotInGrid': {
    'zh-CN': '网格 {code} 内没有楼栋「{address}」',
    en: 'no building "{address}" in grid {code}',
  },
  'needs.importDone': {
    'zh-CN': '导入 {inserted} 行，{refused} 行有误未导入',
    en: '{inserted} rows imported, {refused} rows refused',
  },
  'needs.fileGone': { 'zh-CN': '上传的文件已不在', en: 'the uploaded file is no longer kept' },
  'needs.importRequeued': {
    'zh-CN': '服务进程停止，导入重新排队，将从头再做',
    en: 'the server process stopped; the import is queued to run again from the start',
  },
  'needs.importFailed': {
    'zh-CN': '导入失败，未写入任何数据：{reason}',
    en: 'import failed, nothing was written: {reason}',
  },
  'needs.noSurveys': { 'zh-CN': '{area} 尚无问卷数据', en: 'no survey responses in {area}' },
  'needs.headerNul': {
    'zh-CN': '表头第 {column} 列含有空字符（NUL）',
    en: 'header column {column} holds a NUL character',
  },
  'needs.cellNul': {
    'zh-CN': '第 {line} 行第 {column} 列含有空字符（NUL），文件可能已损坏',
    en: 'line {line}, column {column} holds a NUL character: the file may be damaged',
  },
  'needs.notWorkbook': {
    'zh-CN': '无法读取 XLSX 文件（不是有效的 Excel 2007+ 工作簿）：{reason}',
    en: 'not a readable XLSX workbook: {reason}',
  },
  'needs.fakeXlsx': {
    'zh-CN': '文件扩展名为 .xlsx 但内容不是 XLSX',
    en: 'the file is named .xlsx but is not an XLSX workbook',
  },
  'needs.oldXls': {
    'zh-CN': '不支持旧版 .xls，请另存为 .xlsx 或 CSV',
    en: 'old .xls is not supported: save as .xlsx or CSV',
  },
  'needs.unreadableFile': { 'zh-CN': '无法读取文件：{reason}', en: 'cannot read the file: {reason}' },
  'needs.emptyFile': { 'zh-CN': '文件为空', en: 'the file is empty' },
  'needs.headerMismatch': {
    'zh-CN': '表头不符合模板：缺少列 {missing}；无法识别的列 {unknown}；应为 {expected}（必填 {required}）',
    en: 'the header does not match the template: missing columns {missing}; unknown columns {unknown}; expected {expected} (required {required})',
  },
  'needs.noRows': { 'zh-CN': '文件只有表头，没有数据行', en: 'the file has a header but no rows' },
  'needs.tooManyRows': {
    'zh-CN': '一次最多导入 {max} 行（此文件 {rows} 行）',
    en: 'at most {max} rows per file (this one has {rows})',
  },
  'needs.monthInvalid': { 'zh-CN': '月份「{value}」应为 YYYY-MM', en: 'month "{value}" must be YYYY-MM' },
  'needs.gridCodeInvalid': {
    'zh-CN': '网格编码「{value}」应为 15 位数字',
    en: 'grid_code "{value}" must be 15 digits',
  },
  'needs.groupUnknown': { 'zh-CN': '人群「{value}」未知，应为 {groups}', en: 'unknown group "{value}": use {groups}' },
  'needs.channelInvalid': {
    'zh-CN': '渠道「{value}」应为 paper/electronic（纸质/电子）',
    en: 'channel "{value}" must be paper or electronic',
  },
  'needs.weightInvalid': {
    'zh-CN': '权重「{value}」应为大于 0 的数',
    en: 'weight "{value}" must be a positive number',
  },
  'needs.itemUnknown': { 'zh-CN': '需求项「{value}」未知', en: 'unknown need item "{value}"' },
  'needs.streetProjectScope': {
    'zh-CN': '街道项目只能由管辖整个街道的账号立项，可标记为街道层级',
    en: 'a street project is opened by an account holding the whole street: mark the need for the street instead',
  },
  'needs.communityTierNoProject': {
    'zh-CN': '居委可解决的需求不立项，可转为工单',
    en: 'a community-resolvable need becomes a work order, not a project',
  },
  'needs.projectTitleRequired': { 'zh-CN': '请填写项目名称', en: 'projectTitle is required for a project' },
  'needs.invalidOrder': { 'zh-CN': '工单无效：{issue}', en: 'invalid order: {issue}' },
  'needs.noSafetyOrder': { 'zh-CN': '需求不能转为安全隐患工单', en: 'a need cannot become a safety-hazard order' },
  'needs.field.monthFormat': { 'zh-CN': '月份格式为 YYYY-MM', en: 'month must be YYYY-MM' },
  'needs.field.h3Resolution': { 'zh-CN': 'res 应为 7、8 或 9', en: 'res must be 7, 8 or 9' },
} as const satisfies Catalogue;
