// Messages of resources: errors, alarms and notices the server sends, by code. Keys start with 'resources.'.
import type { Catalogue } from './types.js';

export const resources = {
  'resources.pointInNoGrid': {
    'zh-CN': '坐标 ({lon}, {lat}) 不在本区任何网格内（应为 WGS84）',
    en: 'the point ({lon}, {lat}) is in no grid of this district (coordinates must be WGS84)',
  },
  'resources.placeOutsideScope': { 'zh-CN': '该位置不在您的管辖范围内', en: 'that place is outside your area' },
  'resources.notFoundInScope': {
    'zh-CN': '资源 {id} 不存在或不在您的管辖范围内',
    en: 'resource {id} not found in your scope',
  },
  'resources.headerMismatch': {
    'zh-CN': '表头不符合模板：{problems}；应为 {expected}',
    en: 'the header does not match the template: {problems}; expected {expected}',
  },
  'resources.missingColumns': { 'zh-CN': '缺少列 {columns}', en: 'missing {columns}' },
  'resources.unknownColumns': { 'zh-CN': '无法识别的列 {columns}', en: 'unknown {columns}' },
  'resources.rowOutsideScope': { 'zh-CN': '坐标不在您管辖范围内的网格中', en: 'the point is in no grid of your area' },
  'resources.needHasNoKind': { 'zh-CN': '「{need}」没有对应的资源类型', en: 'no resource type answers "{need}"' },
  'resources.twoProblems': { 'zh-CN': '{a}；{b}', en: '{a}; {b}' },
  'resources.field.nameRequired': { 'zh-CN': '请填写名称', en: 'name is required' },
  'resources.field.radiusChoice': { 'zh-CN': '半径应为 300、500 或 1000 米', en: 'radius must be 300, 500 or 1000' },
  'resources.field.unknownKind': { 'zh-CN': '未知资源类型 {kind}', en: 'unknown kind {kind}' },
} as const satisfies Catalogue;
