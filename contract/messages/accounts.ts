// Messages of accounts: errors, alarms and notices the server sends, by code. Keys start with 'accounts.'.
import type { Catalogue } from './types.js';

export const accounts = {
  'accounts.areaNotInScope': { 'zh-CN': '区域 {id} 不在您的管辖范围内', en: 'area {id} is not in your scope' },
  'accounts.workerScopedToGrid': {
    'zh-CN': '网格员账号的范围应为一个网格',
    en: 'a grid worker account is scoped to one grid',
  },
  'accounts.workerIdRequired': { 'zh-CN': '网格员账号需指定网格员', en: 'a grid worker account needs its workerId' },
  'accounts.departmentRequired': {
    'zh-CN': '部门工作人员账号须选择所属部门',
    en: 'a department account needs its department',
  },
  'accounts.departmentOnlyForDepartments': {
    'zh-CN': '只有部门工作人员账号可选择部门',
    en: 'only a department account belongs to a department',
  },
  'accounts.workerIdOnlyForWorkers': {
    'zh-CN': '只有网格员账号可关联网格员',
    en: 'only a grid_worker account reports as a grid worker',
  },
  'accounts.workerNotInArea': {
    'zh-CN': '网格员 {worker} 不负责区域 {area}',
    en: 'worker {worker} does not patrol area {area}',
  },
  'accounts.usernameTaken': { 'zh-CN': '用户名 {username} 已存在', en: 'username {username} is taken' },
  'accounts.notFoundInScope': {
    'zh-CN': '账号 {id} 不存在或不在您的范围内',
    en: 'account {id} not found in your scope',
  },
  'accounts.notYourself': {
    'zh-CN': '不能修改自己的角色、范围或停用自己',
    en: 'you cannot change your own role or scope, or deactivate yourself',
  },
  'accounts.field.passwordTooShort': { 'zh-CN': '密码至少 12 个字符', en: 'a password needs at least 12 characters' },
  'accounts.field.usernameFormat': {
    'zh-CN': '用户名为 2–64 位小写字母、数字或 _ . -',
    en: 'a username is 2–64 of a–z, 0–9, _ . -',
  },
  'accounts.field.displayNameRequired': { 'zh-CN': '请填写姓名', en: 'a display name is required' },
  'accounts.field.nothingToChange': { 'zh-CN': '没有要修改的字段', en: 'nothing to change' },
} as const satisfies Catalogue;
