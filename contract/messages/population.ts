// Messages of population: errors, alarms and notices the server sends, by code. Keys start with 'population.'.
import type { Catalogue } from './types.js';

export const population = {
  'population.buildingIdInvalid': {
    'zh-CN': '楼栋编号「{value}」应为正整数',
    en: 'building_id "{value}" must be a positive whole number',
  },
  'population.householdInvalid': {
    'zh-CN': '户号「{value}」应为 1–100000 的整数',
    en: 'household "{value}" must be a whole number from 1 to 100000',
  },
  'population.ageInvalid': {
    'zh-CN': '年龄「{value}」应为 0–120 的整数',
    en: 'age "{value}" must be a whole number from 0 to 120',
  },
  'population.sexInvalid': { 'zh-CN': '性别「{value}」应为 男/女 或 M/F', en: 'sex "{value}" must be 男/女 or M/F' },
  'population.flagInvalid': {
    'zh-CN': '{column}「{value}」应为 是/否、1/0 或 Y/N',
    en: '{column} "{value}" must be 是/否, 1/0 or Y/N',
  },
  'population.childTooOld': {
    'zh-CN': '困境儿童应未满 18 岁（年龄 {age}）',
    en: 'a child in difficulty is under 18 (age {age})',
  },
  'population.elderTooYoung': {
    'zh-CN': '独居老人应满 60 岁（年龄 {age}）',
    en: 'an elder living alone is 60 or over (age {age})',
  },
  'population.buildingNotFound': {
    'zh-CN': '楼栋 {id} 不存在或不在您的管辖范围内',
    en: 'building {id} not found in your scope',
  },
  'population.addressMismatch': {
    'zh-CN': '楼栋 {id} 的地址是「{address}」，不是「{given}」',
    en: 'building {id} is at "{address}", not "{given}"',
  },
  'population.addressNotFound': {
    'zh-CN': '找不到地址为「{address}」的楼栋（在您的管辖范围内）',
    en: 'no building at "{address}" in your scope',
  },
  'population.addressAmbiguous': {
    'zh-CN': '地址「{address}」对应多个楼栋（{ids}）：请填写楼栋编号',
    en: '"{address}" matches several buildings ({ids}): give the building id',
  },
  'population.buildingNoGrid': {
    'zh-CN': '地址「{address}」的楼栋 {id} 尚未划入网格：先导入或划分网格，再导入其居民',
    en: 'the building {id} at "{address}" is in no grid yet: import or cut the grids first, then its residents',
  },
  'population.replaced': {
    'zh-CN': '{buildings} 栋楼的居民已替换：写入 {written} 人，移除 {removed} 人；{refused} 行有误未导入{heldBack}',
    en: 'residents of {buildings} buildings replaced: {written} written, {removed} removed; {refused} rows refused{heldBack}',
  },
  'population.heldBack': {
    'zh-CN': '，{buildings} 栋楼因有误行保持不变（{rows} 行未写入）',
    en: ', {buildings} buildings with refused rows left unchanged ({rows} rows not written)',
  },
  'population.appended': {
    'zh-CN': '写入 {written} 人（{buildings} 栋楼），{refused} 行有误未导入',
    en: '{written} residents added to {buildings} buildings, {refused} rows refused',
  },
  'population.modeInvalid': {
    'zh-CN': '导入方式「{mode}」应为 replace 或 append',
    en: 'mode "{mode}" must be replace or append',
  },
  'population.field.bboxFormat': {
    'zh-CN': 'bbox 应为 west,south,east,north',
    en: 'bbox must be west,south,east,north',
  },
  'population.field.h3Resolution': { 'zh-CN': 'res 应为 7、8 或 9', en: 'res must be 7, 8 or 9' },
} as const satisfies Catalogue;
