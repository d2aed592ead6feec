// Messages of auth: errors, alarms and notices the server sends, by code. Keys start with 'auth.'.
import type { Catalogue } from './types.js';

export const auth = {
  'auth.wrongCredentials': { 'zh-CN': '用户名或密码错误', en: 'wrong username or password' },
  'auth.mustChangePassword': {
    'zh-CN': '请先修改一次性密码，再进行其他操作',
    en: 'change your one-time password before anything else',
  },
  'auth.wrongCurrentPassword': { 'zh-CN': '当前密码不正确', en: 'the current password is wrong' },
  'auth.tooManyFailedLogins': {
    'zh-CN': '登录失败过于频繁，请 {seconds} 秒后再试',
    en: 'too many failed logins, retry in {seconds} s',
  },
  'auth.wholeDistrictOnly': {
    'zh-CN': '{what}覆盖全区，只能由管辖全区的账号修改',
    en: '{what} covers the whole district: only an account whose scope holds the whole district may change it',
  },
  'auth.password.common': {
    'zh-CN': '密码过于常见，容易被猜到，请换一个',
    en: 'the password is among the commonest ones and easily guessed: choose another',
  },
  'auth.password.username': { 'zh-CN': '密码不能包含用户名', en: 'the password must not contain the username' },
  'auth.password.pattern': {
    'zh-CN': '密码是简单的规律（重复字符、连续数字或字母、键盘上相邻的键），请换一个',
    en: 'the password is a simple pattern (repeated characters, a run of digits or letters, neighbouring keys): choose another',
  },
} as const satisfies Catalogue;
