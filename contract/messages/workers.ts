// Messages of workers: errors, alarms and notices the server sends, by code. Keys start with 'workers.'.
import type { Catalogue } from './types.js';

export const workers = {
  'workers.notInScope': { 'zh-CN': '网格员 {id} 不在您的管辖范围内', en: 'grid worker {id} not in your scope' },
  'workers.areaNotInScope': { 'zh-CN': '区域 {id} 不在您的管辖范围内', en: 'area {id} not in your scope' },
  'workers.orderNotInScope': {
    'zh-CN': '工单 {id} 不存在或不在您的管辖范围内',
    en: 'order {id} not found in your scope',
  },
  'workers.toAfterFrom': { 'zh-CN': 'to 须晚于 from', en: 'to must be after from' },
  'workers.trailTooLong': { 'zh-CN': '一次最多查询 {days} 天', en: 'at most {days} days a request' },
  'workers.tooManyWorkerDays': {
    'zh-CN': '{workers} 名网格员 × {days} 天过多，请选较小的区域或时段（至多 {max} 人天）',
    en: '{workers} workers × {days} days is too much: pick a smaller area or period (≤ {max} worker-days)',
  },
  'workers.invalidDate': { 'zh-CN': '日期无效：{day}', en: 'invalid date: {day}' },
  'workers.dateInFuture': { 'zh-CN': '日期在未来', en: 'the date is in the future' },
  'workers.accountNotLinked': { 'zh-CN': '此账号未关联网格员', en: 'this account is not linked to a grid worker' },
  'workers.inactive': { 'zh-CN': '网格员已停用', en: 'this grid worker is not active' },
  'workers.onlyWorkersPostPositions': { 'zh-CN': '只有网格员可上报定位', en: 'only grid workers post positions' },
  'workers.invalidBatch': { 'zh-CN': '定位批次无效：{at} {issue}', en: 'invalid batch: {at} {issue}' },
  'workers.pointInFuture': {
    'zh-CN': '第 {index} 个点的时间在未来（设备时钟有误）：{t}',
    en: 'point {index} is in the future (device clock wrong): {t}',
  },
  'workers.pointTooOld': {
    'zh-CN': '第 {index} 个点早于保留期（{days} 天）：{t}',
    en: 'point {index} is older than the retention of {days} days: {t}',
  },
  'workers.badWeight': {
    'zh-CN': '权重 "{part}" 无效，应为 {criteria}:数字',
    en: 'weight "{part}" must be {criteria}:number ≥ 0',
  },
  'workers.weightsAllZero': { 'zh-CN': '权重之和须大于 0', en: 'weights must not all be 0' },
  'workers.residentNotInScope': { 'zh-CN': '居民 {id} 不在您的管辖范围内', en: 'resident {id} not in your scope' },
  'workers.residentNotSpecial': {
    'zh-CN': '该居民不属于特殊群体，无需走访登记',
    en: 'this resident is not in a special group',
  },
  'workers.visitInFuture': { 'zh-CN': '走访时间在未来', en: 'the visit time is in the future' },
  'workers.visitTooOld': { 'zh-CN': '走访须在 {days} 天内登记', en: 'a visit must be logged within {days} days' },
  'workers.photoNotFound': { 'zh-CN': '照片 {id} 不存在，请先上传', en: 'photo {id} not found: upload it first' },
  'workers.personRowsForbidden': { 'zh-CN': '此角色不可查看个人明细', en: 'this role may not see person-level rows' },
  'workers.personRowsNeedPurpose': {
    'zh-CN': '查看个人明细须说明查阅目的（purpose）',
    en: 'a list of persons needs a stated purpose (purpose=…)',
  },
  // Alarms about a grid worker: the kind (outside the grid, silent) is shown beside them
  'workers.alarm.outOfGrid': {
    'zh-CN': '网格员 {name} 离开责任网格 {grid} 已 {minutes} 分钟',
    en: 'grid worker {name} has been outside grid {grid} for {minutes} min',
  },
  'workers.alarm.silent': {
    'zh-CN': '网格员 {name}（{grid}）已 {minutes} 分钟无定位',
    en: 'no position from grid worker {name} ({grid}) for {minutes} min',
  },
  'workers.field.noPoints': { 'zh-CN': '至少一个点', en: 'at least one point' },
  'workers.field.dayFormat': { 'zh-CN': '日期格式 YYYY-MM-DD', en: 'date as YYYY-MM-DD' },
  'workers.field.monthFormat': { 'zh-CN': '月份格式 YYYY-MM', en: 'month as YYYY-MM' },
  'workers.field.purposeRequired': { 'zh-CN': '请说明查阅目的', en: 'state the purpose of this read' },
  'workers.field.tooManyPoints': { 'zh-CN': '每批最多 {maximum} 个点', en: 'at most {maximum} points a batch' },
} as const satisfies Catalogue;
