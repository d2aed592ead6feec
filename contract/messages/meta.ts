// Messages of meta: errors, alarms and notices the server sends, by code. Keys start with 'meta.'.
import type { Catalogue } from './types.js';

export const meta = {
  'meta.noCity': { 'zh-CN': '尚未加载城市数据', en: 'no city loaded yet' },
  'meta.adminPasswordMissing': {
    'zh-CN': '系统中还没有管理员：请设置 GRIDWALL_ADMIN_PASSWORD（至少 12 个字符）后再启动',
    en: 'the installation has no administrator yet: set GRIDWALL_ADMIN_PASSWORD (12+ characters) and start again',
  },
  'meta.adminNameTaken': {
    'zh-CN': '账号 admin 已存在但不是启用的管理员：请先在数据库中处理该账号',
    en: 'an account named admin exists but is not an active administrator: resolve it in the database first',
  },
  'meta.noDistrict': {
    'zh-CN': '尚未导入任何辖区：请管理员从导入页面导入区界',
    en: 'no district loaded yet: an administrator imports one on the import page',
  },
  'meta.demoRemoveConfirm': {
    'zh-CN': '请在 confirm 中填写 {phrase} 以确认删除演示城市',
    en: 'type {phrase} in confirm to remove the demo city',
  },
  'meta.noDemoCity': { 'zh-CN': '系统中没有演示城市', en: 'the installation holds no demo city' },
} as const satisfies Catalogue;
