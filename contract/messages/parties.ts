// Messages of the parties of an order (五级联动): who holds it, and why a party may not act on it.
import type { Catalogue } from './types.js';

export const parties = {
  'parties.kind.grid': { 'zh-CN': '网格', en: 'grid' },
  'parties.kind.community': { 'zh-CN': '社区', en: 'community' },
  'parties.kind.street': { 'zh-CN': '街道', en: 'street' },
  'parties.kind.centre': { 'zh-CN': '区指挥中心', en: 'district centre' },
  'parties.kind.department': { 'zh-CN': '部门', en: 'department' },
  'parties.centreName': { 'zh-CN': '{district}指挥中心', en: '{district} centre' },
  'parties.refuse.notHolder': {
    'zh-CN': '工单当前由{holder}办理，你不能{action}',
    en: 'the order is held by the {holder}; you may not {action} it',
  },
  'parties.refuse.noParty': {
    'zh-CN': '该账号不代表任何办理层级',
    en: 'this account does not act for any party',
  },
  'parties.refuse.handUpTop': {
    'zh-CN': '{holder}已是最高层级，无法再上报',
    en: 'the {holder} is the top of the ladder; there is no level to hand up to',
  },
  'parties.refuse.handDownLevel': {
    'zh-CN': '只有街道和区指挥中心可以下派',
    en: 'only a street or the district centre may hand an order down',
  },
  'parties.refuse.handDownTarget': {
    'zh-CN': '只能下派给本工单所在的社区或网格，且须低于本层级',
    en: "hand down only to the order's own community or grid, below your level",
  },
  'parties.refuse.extensionPending': {
    'zh-CN': '已有一条延期申请待审批',
    en: 'a request for more time is already waiting for a decision',
  },
  'parties.refuse.extensionHours': {
    'zh-CN': '延期时长须为 1 至 1440 小时',
    en: 'more time must be 1 to 1440 hours',
  },
  'parties.refuse.noExtensionPending': {
    'zh-CN': '没有待审批的延期申请',
    en: 'there is no request for more time to decide',
  },
  'parties.refuse.extensionLevel': {
    'zh-CN': '延期须由派单层级或其上级审批',
    en: 'the dispatching level or a level above it decides on more time',
  },
  'parties.refuse.assistDepts': {
    'zh-CN': '请选择本部门以外、尚未协办的部门',
    en: 'choose departments other than your own that are not assisting yet',
  },
  'parties.refuse.notAssisting': {
    'zh-CN': '本部门没有该工单的协办任务',
    en: 'your department has no assist task on this order',
  },
  'parties.refuse.assistClosed': {
    'zh-CN': '该协办任务已结束',
    en: 'the assist task is already finished',
  },
  'parties.refuse.assistStatus': {
    'zh-CN': '协办状态须为已签收、已完成或已拒绝',
    en: 'an assist answer is signed, done or declined',
  },
  'parties.refuse.noteText': { 'zh-CN': '请填写进展情况', en: 'write what has happened' },
  'parties.handDownOutside': {
    'zh-CN': '区域 {id} 不在本工单所在位置之下或不在你的范围内',
    en: 'area {id} is not under the order or not in your scope',
  },
  'parties.unknownDepartment': { 'zh-CN': '未知部门 {code}', en: 'unknown department {code}' },
  'parties.alarm.supervised': {
    'zh-CN': '工单 #{id} 超时，已升级由{level}督办',
    en: 'order #{id} is overdue and now supervised by the {level}',
  },
} as const satisfies Catalogue;
