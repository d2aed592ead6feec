// Messages of photos: errors, alarms and notices the server sends, by code. Keys start with 'photos.'.
import type { Catalogue } from './types.js';

export const photos = {
  'photos.unsupportedType': {
    'zh-CN': '只接受 JPEG、PNG 或 WebP 图片（按内容识别）',
    en: 'only JPEG, PNG or WebP images are accepted (checked by content)',
  },
  'photos.noPhoto': { 'zh-CN': '缺少照片：表单字段应为 photo', en: 'no photo: send it in the multipart field "photo"' },
  'photos.quotaCount': {
    'zh-CN': '未关联工单的照片已达 {count} 张，请先提交上报或等待 {hours} 小时后自动清理',
    en: 'you hold {count} photos not attached to any report: attach them first, or wait until unattached photos are removed after {hours} h',
  },
  'photos.quotaBytes': {
    'zh-CN': '未关联工单的照片合计不超过 {mb} MB',
    en: 'the photos you hold unattached to any report may total at most {mb} MB',
  },
  'photos.notFound': { 'zh-CN': '照片不存在或无权查看', en: 'photo not found in your scope' },
} as const satisfies Catalogue;
