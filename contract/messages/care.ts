// Messages of care files (一人一档): visits, their rule and referrals. Keys start with 'care.'.
import type { Catalogue } from './types.js';

export const care = {
  'care.weekOrMonth': {
    'zh-CN': '按周统计时请用 week 参数，不用 month',
    en: 'a weekly count takes week, not month',
  },
  'care.noSuchWeek': { 'zh-CN': '没有这一周：{week}', en: 'no such week: {week}' },
  'care.visitNotInScope': {
    'zh-CN': '走访记录 {id} 不存在或不在您的管辖范围内',
    en: 'visit {id} not found in your scope',
  },
  'care.referralNotInScope': {
    'zh-CN': '转介 {id} 不存在或不在您的管辖范围内',
    en: 'referral {id} not found in your scope',
  },
  'care.referralNotOpen': { 'zh-CN': '转介 {id} 已答复或已办结', en: 'referral {id} is already answered or closed' },
  'care.referralClosed': { 'zh-CN': '转介 {id} 已办结', en: 'referral {id} is already closed' },
  'care.referralTwice': {
    'zh-CN': '同一次走访向同一部门只能转介一次',
    en: 'one visit refers to each department once',
  },
  'care.field.reasonRequired': { 'zh-CN': '请填写转介原因', en: 'give the reason for the referral' },
  'care.field.answerRequired': { 'zh-CN': '请填写答复内容', en: 'give the answer' },
  'care.field.weekFormat': { 'zh-CN': '周应写作 YYYY-Www，如 2026-W50', en: 'a week is YYYY-Www, e.g. 2026-W50' },
} as const satisfies Catalogue;
