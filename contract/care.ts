// Care files (一人一档): what a visit to a special-group resident records (needs found, help given, referrals to a
// department), the weekly visit rule and its compliance per ISO week or month, the phone's list of who is due
// this week, and referrals (转介) to 民政 / 残联 / 卫健 / 教育 tracked until they are answered.
import { z } from 'zod';
import { DbIdText } from './ids.js';

/**
 * Needs a visit may find. Codes shared with the needs survey's items (contract/needs.ts) keep their code there:
 * medical, home_doctor, day_care, elder_canteen, employment.
 */
export const CARE_NEEDS = [
  'daily_care',
  'medical',
  'home_doctor',
  'psychological',
  'financial',
  'safety',
  'schooling',
  'employment',
  'elder_canteen',
  'day_care',
] as const;
export const CareNeed = z.enum(CARE_NEEDS);
export type CareNeed = z.infer<typeof CareNeed>;

/** Departments a referral goes to. */
export const REFERRAL_DEPTS = ['civil_affairs', 'disabled_persons', 'health', 'education'] as const;
export const ReferralDept = z.enum(REFERRAL_DEPTS);
export type ReferralDept = z.infer<typeof ReferralDept>;

export const REFERRAL_STATUSES = ['open', 'answered', 'closed'] as const;
export const ReferralStatus = z.enum(REFERRAL_STATUSES);
export type ReferralStatus = z.infer<typeof ReferralStatus>;

export const ReferralCreate = z.object({
  toDept: ReferralDept,
  reason: z.string().trim().min(2, 'care.field.reasonRequired').max(500),
});
export type ReferralCreate = z.infer<typeof ReferralCreate>;

/** How often a grid's special-group residents are visited: `visits` per ISO week, or per month (remote grids). */
export const VisitRule = z.object({ per: z.enum(['week', 'month']), visits: z.number().int().min(1).max(31) });
export type VisitRule = z.infer<typeof VisitRule>;

export const Period = z.enum(['week', 'month']);
export type Period = z.infer<typeof Period>;

/** 'YYYY-Www', an ISO week (Monday to Sunday, China time). */
export const IsoWeek = z.string().regex(/^\d{4}-W(0[1-9]|[1-4]\d|5[0-3])$/, 'care.field.weekFormat');

export const Referral = z.object({
  id: z.number().int(),
  residentId: z.number().int(),
  visitId: z.number().int().nullable(),
  gridId: z.number().int(),
  gridName: z.string(),
  toDept: ReferralDept,
  reason: z.string(),
  status: ReferralStatus,
  answer: z.string().nullable(),
  answeredAt: z.string().nullable(),
  createdAt: z.string(),
  /** Open past the referral deadline (GRIDWALL_REFERRAL_DAYS). */
  overdue: z.boolean(),
});
export type Referral = z.infer<typeof Referral>;

export const ReferralQuery = z.object({
  status: ReferralStatus.optional(),
  overdue: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  area: DbIdText.optional(),
});

export const ReferralAnswer = z.object({ answer: z.string().trim().min(2, 'care.field.answerRequired').max(500) });

/** A special-group resident of the worker's grids and whether a visit is due this week, for the phone (the read is audited). */
export const DuePerson = z.object({
  residentId: z.number().int(),
  gridId: z.number().int(),
  gridName: z.string(),
  address: z.string(),
  flags: z.number().int(),
  age: z.number().int(),
  sex: z.number().int(),
  rule: VisitRule,
  /** Visits counted for the rule so far: this week's, or this month's under a monthly rule. */
  visits: z.number().int(),
  lastVisit: z.string().nullable(),
  /** Not yet visited as the rule asks this week; false: done for now (listed after those due). */
  due: z.boolean(),
});
export type DuePerson = z.infer<typeof DuePerson>;

export const DueList = z.object({
  week: z.string(),
  from: z.string(),
  to: z.string(),
  /** Those due first (never visited first, then the longest since the last visit), then those done. */
  persons: z.array(DuePerson),
  /** Special-group residents of the grids whose rule is met for now. */
  done: z.number().int(),
});
export type DueList = z.infer<typeof DueList>;

export const DueQuery = z.object({
  purpose: z.string().trim().min(2, 'workers.field.purposeRequired').max(200),
});

/** An area's own visit rule: it applies to every grid under the area that has no nearer rule. */
export const VisitRuleRow = VisitRule.extend({
  areaId: z.number().int(),
  name: z.string(),
  level: z.string(),
});
export type VisitRuleRow = z.infer<typeof VisitRuleRow>;
