// Messages of outbound webhooks. Keys start with 'webhooks.'.
import type { Catalogue } from './types.js';

export const webhooks = {
  'webhooks.nameRequired': { 'zh-CN': '请填写名称', en: 'a name is required' },
  'webhooks.urlRequired': { 'zh-CN': '请填写回调地址', en: 'a URL is required' },
  'webhooks.topicsRequired': { 'zh-CN': '请至少选择一个主题', en: 'choose at least one topic' },
  'webhooks.notFound': { 'zh-CN': '订阅 {id} 不存在或不在您的管辖范围内', en: 'webhook {id} not found in your scope' },
  'webhooks.badUrl': {
    'zh-CN': '回调地址须为 http(s) 网址，不含用户名和密码：{url}',
    en: 'the URL must be http(s), without user name or password: {url}',
  },
  'webhooks.privateAddress': {
    'zh-CN': '回调地址 {host} 指向内网、本机或保留地址，不予投递（可由 GRIDWALL_WEBHOOK_ALLOW_PRIVATE 放行）',
    en: '{host} is a private, loopback or reserved address and is refused (GRIDWALL_WEBHOOK_ALLOW_PRIVATE allows it)',
  },
  'webhooks.unresolvable': { 'zh-CN': '无法解析主机 {host}', en: 'host {host} does not resolve' },
  'webhooks.areaNotInScope': { 'zh-CN': '区域 {id} 不在您的管辖范围内', en: 'area {id} is not in your scope' },
  'webhooks.clientRequired': {
    'zh-CN': '主题 open311.status 须指定 Open311 客户端账号',
    en: 'the topic open311.status needs the Open311 client account',
  },
  'webhooks.clientOnlyForOpen311': {
    'zh-CN': '仅主题 open311.status 可指定客户端账号',
    en: 'a client account is only for the topic open311.status',
  },
  'webhooks.clientNotInScope': {
    'zh-CN': '账号 {id} 不存在或不在您的管辖范围内',
    en: 'account {id} not found in your scope',
  },
  'webhooks.callbackNotRegistered': {
    'zh-CN': 'callback_url 未登记为本账号的 open311.status 订阅，请联系管理员登记',
    en: 'callback_url is not registered as an open311.status webhook of this account; ask an administrator to add it',
  },
  'webhooks.timeout': { 'zh-CN': '对方 {seconds} 秒内未应答', en: 'no answer within {seconds} s' },
  'webhooks.redirect': { 'zh-CN': '对方要求重定向，不予跟随', en: 'redirects are not followed' },
} as const satisfies Catalogue;
