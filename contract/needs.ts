// Needs surveys (社区需求调查): the questionnaire's need items, respondent groups and channels, the import
// format, need-rate analytics with 95% Wilson intervals, and three-tier triage (三级分流).
import { z } from 'zod';
import { DbId, DbIdText } from './ids.js';
import { NoteFields } from './messages/note-fields.js';

export const NEED_CATEGORIES = [
  'environment',
  'facilities',
  'services',
  'health',
  'elder',
  'youth',
  'employment',
] as const;
export const NeedCategory = z.enum(NEED_CATEGORIES);
export type NeedCategory = z.infer<typeof NeedCategory>;

export interface NeedItemDef {
  code: string;
  category: NeedCategory;
  zh: string;
  en: string;
  /** resources.kind that answers this need, for need ↔ resource gaps. */
  resourceKinds: string[];
}

/** The questionnaire's items (bit = index in the response's need mask; never reorder, only append). */
export const NEED_ITEMS: readonly NeedItemDef[] = [
  {
    code: 'surroundings',
    category: 'environment',
    zh: '社区周边设施',
    en: 'Community surroundings',
    resourceKinds: [],
  },
  {
    code: 'culture_sports',
    category: 'facilities',
    zh: '文化体育活动设施',
    en: 'Culture & sports facilities',
    resourceKinds: ['culture', 'sports'],
  },
  { code: 'property', category: 'services', zh: '物业及业委会服务', en: 'Property services', resourceKinds: [] },
  { code: 'maintenance', category: 'services', zh: '社区便民维修', en: 'Convenience maintenance', resourceKinds: [] },
  {
    code: 'public_facilities',
    category: 'facilities',
    zh: '完善的公共设施',
    en: 'Public facilities',
    resourceKinds: [],
  },
  { code: 'medical', category: 'health', zh: '医疗咨询服务', en: 'Medical consultation', resourceKinds: ['clinic'] },
  {
    code: 'interest_class',
    category: 'youth',
    zh: '兴趣培训班',
    en: 'Interest classes',
    resourceKinds: ['culture', 'school'],
  },
  { code: 'parcel', category: 'services', zh: '快递收发', en: 'Parcel delivery', resourceKinds: ['parcel_locker'] },
  {
    code: 'vocational',
    category: 'employment',
    zh: '职业技能培训',
    en: 'Vocational training',
    resourceKinds: ['community_office'],
  },
  { code: 'home_doctor', category: 'health', zh: '医生上门服务', en: 'Home doctor visits', resourceKinds: ['clinic'] },
  {
    code: 'elder_canteen',
    category: 'elder',
    zh: '老年助餐（长者食堂）',
    en: 'Elder canteen',
    resourceKinds: ['elder_canteen'],
  },
  {
    code: 'day_care',
    category: 'elder',
    zh: '日间照料',
    en: 'Elder day care',
    resourceKinds: ['day_care', 'elder_station'],
  },
  {
    code: 'waste_sorting',
    category: 'environment',
    zh: '垃圾分类指导',
    en: 'Waste sorting guidance',
    resourceKinds: [],
  },
  { code: 'groceries', category: 'services', zh: '买菜便利', en: 'Grocery access', resourceKinds: ['market'] },
  {
    code: 'employment',
    category: 'employment',
    zh: '就业帮扶',
    en: 'Employment help',
    resourceKinds: ['community_office'],
  },
  { code: 'after_school', category: 'youth', zh: '课后托管', en: 'After-school care', resourceKinds: ['school'] },
] as const;
export const NEED_CODES = NEED_ITEMS.map((i) => i.code) as [string, ...string[]];
export const NeedCode = z.enum(NEED_CODES);
export const needBit = (code: string): number => NEED_ITEMS.findIndex((i) => i.code === code);

export const RESPONDENT_GROUPS = ['elder', 'child_teen', 'young_adult', 'adult', 'low_income', 'disabled'] as const;
export const RespondentGroup = z.enum(RESPONDENT_GROUPS);
export type RespondentGroup = z.infer<typeof RespondentGroup>;
export const GROUP_NAMES: Record<RespondentGroup, { zh: string; en: string }> = {
  elder: { zh: '老年人', en: 'Elders' },
  child_teen: { zh: '儿童青少年', en: 'Children & teens' },
  young_adult: { zh: '青年', en: 'Young adults' },
  adult: { zh: '中年居民', en: 'Adults' },
  low_income: { zh: '困难群体', en: 'Low-income' },
  disabled: { zh: '残疾人', en: 'Disabled' },
};

/** The questionnaire as GET /api/needs/items sends it: the need items and the respondent groups, named. */
export const NeedCatalogue = z.object({
  items: z.array(
    z.object({
      code: NeedCode,
      category: NeedCategory,
      zh: z.string(),
      en: z.string(),
      resourceKinds: z.array(z.string()),
    }),
  ),
  groups: z.array(z.object({ code: RespondentGroup, zh: z.string(), en: z.string() })),
});
export type NeedCatalogue = z.infer<typeof NeedCatalogue>;

export const CHANNELS = ['paper', 'electronic'] as const;
export const Channel = z.enum(CHANNELS);

/** Fewer respondents than this in a cell (area × group × month): the rate is not sent. */
export const MIN_RESPONDENTS = 10;

// ---- import -----------------------------------------------------------------------------------------------

/** Template columns, in order. Needs: item codes or Chinese names separated by ; 、 , or |. */
export const IMPORT_COLUMNS = [
  'month',
  'grid_code',
  'building_address',
  'group',
  'channel',
  'weight',
  'needs',
] as const;
export const IMPORT_REQUIRED = ['month', 'grid_code', 'group', 'channel', 'needs'] as const;
export const IMPORT_MAX_ERRORS = 1000;

export const ImportRowError = z.object({
  line: z.number().int(),
  column: z.string().optional(),
  reason: z.string(),
  ...NoteFields,
});
export type ImportRowError = z.infer<typeof ImportRowError>;

export const ImportJob = z.object({
  id: z.string(),
  status: z.enum(['running', 'done', 'failed']),
  fileName: z.string(),
  format: z.enum(['csv', 'xlsx']),
  encoding: z.string().nullable(),
  rows: z.number().int(),
  processed: z.number().int(),
  inserted: z.number().int(),
  errors: z.array(ImportRowError),
  errorCount: z.number().int(),
  message: z.string().nullable(),
  ...NoteFields,
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type ImportJob = z.infer<typeof ImportJob>;

// ---- analytics --------------------------------------------------------------------------------------------

export const AnalyticsLevel = z.enum(['district', 'street', 'community', 'grid']);
export type AnalyticsLevel = z.infer<typeof AnalyticsLevel>;
const Month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'needs.field.monthFormat');

export const NeedRatesQuery = z.object({
  area: DbIdText.optional(),
  group: RespondentGroup.optional(),
  month: Month.optional(),
});
export type NeedRatesQuery = z.infer<typeof NeedRatesQuery>;

export const Rate = z.object({
  /** Weighted share of respondents naming the need, 0–1. */
  rate: z.number(),
  low: z.number(),
  high: z.number(),
});
export type Rate = z.infer<typeof Rate>;

export const NeedRate = Rate.extend({
  code: z.string(),
  rank: z.number().int(),
  /** Its 95% interval overlaps the next-ranked need's: the order between them is not established. */
  tiedWithNext: z.boolean(),
  /** Change in rate from the month before (percentage points / 100); null without that month. */
  change: z.number().nullable(),
});
export type NeedRate = z.infer<typeof NeedRate>;

export const NeedRates = z.object({
  areaId: z.number().int(),
  group: RespondentGroup.nullable(),
  month: z.string().nullable(),
  previousMonth: z.string().nullable(),
  /** As published: null under 10 (withheld), else rounded to base 10. */
  respondents: z.number().int().nullable(),
  /** Effective sample size (Σw)²/Σw² that the intervals use. */
  effectiveN: z.number(),
  weighted: z.boolean(),
  /** true: fewer than MIN_RESPONDENTS; no rate is sent. */
  suppressed: z.boolean(),
  needs: z.array(NeedRate),
});
export type NeedRates = z.infer<typeof NeedRates>;

export const NeedBreakdownQuery = z.object({
  area: DbIdText.optional(),
  by: z.enum(['street', 'community', 'grid', 'group']),
  month: Month.optional(),
  need: NeedCode.optional(),
  /** How many of the highest needs each row lists (default 10: the top-10). */
  top: z.coerce.number().int().min(1).max(NEED_ITEMS.length).default(10),
});
export type NeedBreakdownQuery = z.infer<typeof NeedBreakdownQuery>;

export const BreakdownRow = z.object({
  key: z.string(),
  areaId: z.number().int().nullable(),
  name: z.string(),
  /** As published: null under 10 (withheld), else rounded to base 10. */
  respondents: z.number().int().nullable(),
  suppressed: z.boolean(),
  /** The `top` highest needs, highest first (only `need` when given; none for a suppressed row). */
  needs: z.array(NeedRate),
  /** First need: the top item, null when suppressed. */
  first: z.string().nullable(),
  firstTied: z.boolean(),
});
export type BreakdownRow = z.infer<typeof BreakdownRow>;
export const NeedBreakdown = z.object({ by: z.string(), month: z.string().nullable(), rows: z.array(BreakdownRow) });
export type NeedBreakdown = z.infer<typeof NeedBreakdown>;

export const NeedTrendQuery = z.object({
  area: DbIdText.optional(),
  group: RespondentGroup.optional(),
  needs: z.string().optional(),
});
export const NeedTrend = z.object({
  months: z.array(z.string()),
  respondents: z.array(z.number().int().nullable()),
  series: z.array(z.object({ code: z.string(), rates: z.array(z.number().nullable()) })),
});
export type NeedTrend = z.infer<typeof NeedTrend>;

export const NeedHeatQuery = z.object({
  need: NeedCode,
  res: z.coerce
    .number()
    .int()
    .refine((r) => r === 7 || r === 8 || r === 9, 'needs.field.h3Resolution')
    .default(8),
  month: Month.optional(),
  area: DbIdText.optional(),
});
export const NeedHeat = z.object({
  need: z.string(),
  res: z.number().int(),
  minCount: z.number().int(),
  cells: z.array(
    z.object({
      h3: z.string(),
      lon: z.number(),
      lat: z.number(),
      value: z.number().int(),
      respondents: z.number().int(),
    }),
  ),
  suppressed: z.number().int(),
});
export type NeedHeat = z.infer<typeof NeedHeat>;

// ---- triage ------------------------------------------------------------------------------------------------

export const TRIAGE_TIERS = ['community', 'street', 'district'] as const;
export const TriageTier = z.enum(TRIAGE_TIERS);
export type TriageTier = z.infer<typeof TriageTier>;

export const TriageInput = z.object({
  areaId: DbId,
  need: NeedCode,
  tier: TriageTier,
  note: z.string().trim().max(500).default(''),
  /** community: a work order of this category at the area's centre; street/district: a project record. */
  action: z.enum(['none', 'order', 'project']).default('none'),
  orderCategory: z.string().optional(),
  projectTitle: z.string().trim().min(2).max(200).optional(),
});
export type TriageInput = z.infer<typeof TriageInput>;

export const Triage = z.object({
  id: z.number().int(),
  areaId: z.number().int(),
  areaName: z.string(),
  need: z.string(),
  tier: TriageTier,
  note: z.string(),
  orderId: z.number().int().nullable(),
  orderStatus: z.string().nullable(),
  projectId: z.number().int().nullable(),
  projectTitle: z.string().nullable(),
  projectStatus: z.string().nullable(),
  decidedBy: z.string(),
  decidedAt: z.string(),
});
export type Triage = z.infer<typeof Triage>;

/** The monthly needs report of a street or community (GET /api/needs/report?format=json; CSV and HTML render it). */
export const MonthlyReport = z.object({
  area: z.object({ id: z.number(), name: z.string(), level: z.string() }),
  month: z.string(),
  previousMonth: z.string(),
  respondents: z.number().nullable(),
  suppressed: z.boolean(),
  top: z.array(
    z.object({
      rank: z.number(),
      code: z.string(),
      name: z.string(),
      rate: z.number(),
      low: z.number(),
      high: z.number(),
      change: z.number().nullable(),
      tiedWithNext: z.boolean(),
      actions: z.array(Triage),
    }),
  ),
  groups: z.array(
    z.object({
      group: z.string(),
      name: z.string(),
      respondents: z.number().nullable(),
      first: z.string().nullable(),
      firstName: z.string(),
      firstTied: z.boolean(),
    }),
  ),
  subAreas: z.array(
    z.object({
      id: z.number().nullable(),
      name: z.string(),
      respondents: z.number().nullable(),
      first: z.string().nullable(),
      firstName: z.string(),
      firstRate: z.number().nullable(),
    }),
  ),
});
export type MonthlyReport = z.infer<typeof MonthlyReport>;
