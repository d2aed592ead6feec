// Messages of areas: errors, alarms and notices the server sends, by code. Keys start with 'areas.'.
import type { Catalogue } from './types.js';

export const areas = {
  'areas.notFoundInScope': { 'zh-CN': '区域 {id} 不存在或不在您的管辖范围内', en: 'area {id} not found in your scope' },
  'areas.chooseArea': {
    'zh-CN': '您的范围涵盖整个系统（{districts} 个区）：请指定区域',
    en: 'your scope is the whole installation ({districts} districts): name an area',
  },
  'areas.noDistrictInScope': {
    'zh-CN': '您的范围内没有完整的区：城市概况只汇总完整的区',
    en: 'no whole district lies in your scope: the city figures sum whole districts only',
  },
} as const satisfies Catalogue;
