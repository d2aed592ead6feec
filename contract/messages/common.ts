// Messages every domain uses: the generic refusals and the request-level errors. Keys start with 'common.'.
import type { Catalogue } from './types.js';

export const common = {
  'common.unauthorized': { 'zh-CN': '请先登录', en: 'please log in' },
  'common.forbidden': { 'zh-CN': '无权访问', en: 'not allowed for this account' },
  'common.notFound': { 'zh-CN': '未找到', en: 'not found' },
  'common.unavailable': { 'zh-CN': '数据库暂不可用，请稍后重试', en: 'database unavailable, retry shortly' },
  'common.internal': { 'zh-CN': '服务器内部错误', en: 'internal error' },
  'common.bodyTooLarge': { 'zh-CN': '请求体过大', en: 'request body too large' },
  'common.malformedJson': { 'zh-CN': 'JSON 格式错误', en: 'malformed JSON body' },
  'common.malformedBody': { 'zh-CN': '请求体格式错误', en: 'malformed request body' },
  'common.tooManyParameters': { 'zh-CN': '参数过多', en: 'too many parameters in the request body' },
  'common.unsupportedCharset': { 'zh-CN': '不支持的字符集', en: 'unsupported charset' },
  'common.unsupportedEncoding': { 'zh-CN': '不支持的内容编码', en: 'unsupported content encoding' },
  'common.requestAborted': { 'zh-CN': '请求中断', en: 'request aborted' },
  'common.bodySizeMismatch': { 'zh-CN': '请求体长度与声明不符', en: 'request body size does not match its length' },
  'common.invalidRequest': { 'zh-CN': '请求无效', en: 'invalid request' },
  'common.responseMismatch': {
    'zh-CN': '响应与接口声明不符：{problem}',
    en: 'the response does not keep to its declaration: {problem}',
  },
  'common.issueAt': { 'zh-CN': '{at}：{issue}', en: '{at}: {issue}' },
  'common.invalidInput': { 'zh-CN': '{where}无效：{at}{issue}', en: 'invalid {where}: {at}{issue}' },
  'common.nulCharacter': {
    'zh-CN': '{where}含有空字符（NUL）：{at}',
    en: 'invalid {where}: {at} holds a NUL character',
  },
  'common.where.body': { 'zh-CN': '请求体', en: 'request body' },
  'common.where.query': { 'zh-CN': '查询参数', en: 'query' },
  'common.where.path': { 'zh-CN': '路径参数', en: 'path' },
  'common.where.fileName': { 'zh-CN': '文件名', en: 'file name' },
  'common.field.outOfRange': { 'zh-CN': '超出范围（至多 {maximum}）', en: 'out of range (at most {maximum})' },
} as const satisfies Catalogue;
