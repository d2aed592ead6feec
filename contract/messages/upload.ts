// Messages of the one upload receiver (api/http/upload.ts). Keys start with 'upload.'.
import type { Catalogue } from './types.js';

export const upload = {
  'upload.noun.file': { 'zh-CN': '文件', en: 'file' },
  'upload.noun.importFile': { 'zh-CN': '导入文件', en: 'import file' },
  'upload.noun.photo': { 'zh-CN': '照片', en: 'photo' },
  'upload.missing': {
    'zh-CN': '缺少{noun}：表单字段应为 {field}',
    en: 'no {noun}: send it in the multipart field "{field}"',
  },
  'upload.tooLarge': { 'zh-CN': '{noun}不超过 {mb} MB', en: 'the {noun} is at most {mb} MB' },
  'upload.oneAtATime': { 'zh-CN': '每次只能上传一个{noun}', en: 'send one {noun} at a time' },
  'upload.wrongField': {
    'zh-CN': '{noun}应放在表单字段 {field} 中，而不是 {got}',
    en: 'send the {noun} in the multipart field "{field}", not "{got}"',
  },
  'upload.tooManyFields': { 'zh-CN': '表单字段过多（最多 {max} 个）', en: 'too many form fields (at most {max})' },
  'upload.malformed': { 'zh-CN': '上传格式错误：{reason}', en: 'malformed upload: {reason}' },
} as const satisfies Catalogue;
