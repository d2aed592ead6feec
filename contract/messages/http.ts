// Messages of http: errors, alarms and notices the server sends, by code. Keys start with 'http.'.
import type { Catalogue } from './types.js';

export const http = {
  'http.noSuchEndpoint': { 'zh-CN': '没有这个接口', en: 'no such endpoint' },
  'http.foreignOrigin': {
    'zh-CN': '跨站请求被拒绝：请从本系统的页面操作（管理员可在 GRIDWALL_PUBLIC_ORIGIN 中加入可信来源）',
    en: 'cross-origin request refused: use Gridwall from its own pages (an administrator may add a trusted origin to GRIDWALL_PUBLIC_ORIGIN)',
  },
  'http.zip.tooManyEntries': {
    'zh-CN': '压缩包内文件过多（至多 {max} 个）',
    en: 'the archive holds too many entries (at most {max})',
  },
  'http.zip.tooLarge': {
    'zh-CN': '压缩包解压后过大（至多 {mb} MB）',
    en: 'the archive unpacks to too much data (at most {mb} MB)',
  },
  'http.zip.corrupt': { 'zh-CN': 'zip 文件无法解开：{why}', en: 'the zip cannot be opened: {why}' },
} as const satisfies Catalogue;
