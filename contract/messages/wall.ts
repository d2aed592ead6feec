// Messages of wall: errors, alarms and notices the server sends, by code. Keys start with 'wall.'.
import type { Catalogue } from './types.js';

export const wall = {
  'wall.alarmNotFoundInScope': {
    'zh-CN': '告警 {seq} 不存在或不在您的管辖范围内',
    en: 'alarm {seq} not found in your scope',
  },
  'wall.alarmAcked': { 'zh-CN': '告警 {seq} 已由 {by} 确认', en: 'alarm {seq} was already acknowledged by {by}' },
  'wall.layoutId': {
    'zh-CN': '布局编号为小写字母、数字和连字符',
    en: 'layout id: lower-case letters, digits and hyphens',
  },
  'wall.layoutNotFound': { 'zh-CN': '没有布局 {id}', en: 'no stored layout {id}' },
  'wall.layouts': { 'zh-CN': '大屏布局', en: 'a wall layout' },
  'wall.layoutProblems': { 'zh-CN': '布局有误：{problems}', en: 'the layout has problems: {problems}' },
  'wall.layout.outsideGrid': {
    'zh-CN': '{name} 超出 {columns}×{rows} 的网格',
    en: '{name} lies outside the {columns}×{rows} grid',
  },
  'wall.layout.overlap': { 'zh-CN': '{a} 与 {b} 重叠', en: '{a} overlaps {b}' },
  'wall.layout.rowWeights': { 'zh-CN': '行高权重应有 {rows} 个', en: 'rowWeights needs {rows} values, one per row' },
  'wall.layout.panelTwice': { 'zh-CN': '{panel} 出现了两次', en: '{panel} appears twice' },
} as const satisfies Catalogue;
