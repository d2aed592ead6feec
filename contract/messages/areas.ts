// Messages of areas: errors, alarms and notices the server sends, by code. Keys start with 'areas.'.
import type { Catalogue } from './types.js';

export const areas = {
  'areas.notFoundInScope': { 'zh-CN': '区域 {id} 不存在或不在您的管辖范围内', en: 'area {id} not found in your scope' },
} as const satisfies Catalogue;
