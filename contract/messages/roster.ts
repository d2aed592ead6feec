// Messages of the grid-worker roster import. Keys start with 'roster.'.
import type { Catalogue } from './types.js';

export const roster = {
  'roster.unknownGrid': {
    'zh-CN': '第 {line} 行：找不到网格「{grid}」（填网格编码，或「社区/网格」名称）',
    en: 'line {line}: no grid "{grid}" (give a grid code, or "community/grid" names)',
  },
  'roster.gridOutOfScope': {
    'zh-CN': '第 {line} 行：网格「{grid}」不在您的管辖范围内',
    en: 'line {line}: the grid "{grid}" is outside your scope',
  },
  'roster.noGrid': { 'zh-CN': '第 {line} 行：未填网格', en: 'line {line}: no grid given' },
  'roster.noName': { 'zh-CN': '第 {line} 行：未填姓名', en: 'line {line}: no name given' },
  'roster.badPhone': {
    'zh-CN': '第 {line} 行：手机号「{phone}」无效（应为 11 位手机号）',
    en: 'line {line}: "{phone}" is not a valid mobile number (11 digits)',
  },
  'roster.duplicatePhone': {
    'zh-CN': '第 {line} 行：手机号 {phone} 与第 {first} 行重复',
    en: 'line {line}: the phone {phone} repeats line {first}',
  },
  'roster.phoneOutOfScope': {
    'zh-CN': '第 {line} 行：手机号 {phone} 属于您管辖范围以外的网格员',
    en: 'line {line}: the phone {phone} belongs to a grid worker outside your scope',
  },
  'roster.notFound': {
    'zh-CN': '花名册导入 {id} 不存在或不在您的管辖范围内',
    en: 'roster import {id} not found in your scope',
  },
  'roster.notPending': {
    'zh-CN': '花名册导入 {id} 已{status}，不能再处理',
    en: 'roster import {id} is already {status}',
  },
  'roster.hasRefusals': {
    'zh-CN': '花名册有 {count} 行被拒绝：修正文件后重新导入',
    en: '{count} rows of the roster were refused: fix the file and import it again',
  },
  'roster.changedSince': {
    'zh-CN': '第 {line} 行：网格 {grid} 自报告以来已被删除或移出您的范围，未写入任何内容；请重新导入',
    en: 'line {line}: the grid {grid} was deleted or left your scope since the report; nothing was written: import again',
  },
} as const satisfies Catalogue;
