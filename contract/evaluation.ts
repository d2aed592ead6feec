// Satisfaction evaluation (居民满意度考评, seed 004): the indicator system, weights (direct / AHP / entropy),
// periods, questionnaire import, results (score, rank with its 5–95% band, progress index), drill-down,
// special items and the reverse-issue list (反向问题清单) dispatched as work orders.
import { z } from 'zod';
import { ORDER_FAMILIES } from './order-categories.js';
import { DbId, DbIdText } from './ids.js';
import { NoteFields } from './messages/note-fields.js';

export const EVAL_GROUPS = ['elder', 'middle_young', 'organisation'] as const;
export const EvalGroup = z.enum(EVAL_GROUPS);
export type EvalGroup = z.infer<typeof EvalGroup>;
export const EVAL_GROUP_NAMES: Record<EvalGroup, { zh: string; en: string }> = {
  elder: { zh: '老年居民群体', en: 'Elder residents' },
  middle_young: { zh: '中青年居民群体', en: 'Middle-aged & young residents' },
  organisation: { zh: '驻区单位', en: 'Organisations in the area' },
};

export const NodeLevel = z.enum(['dimension', 'focus', 'indicator']);
export type NodeLevel = z.infer<typeof NodeLevel>;
export const Polarity = z.enum(['positive', 'reverse']);
export const IndicatorSource = z.enum(['questionnaire', 'orders']);
export const NormKind = z.enum(['score', 'target', 'minmax']);
export const OrderMeasure = z.enum(['complaint_rate', 'unsatisfied_share']);
export const WeightMethod = z.enum(['direct', 'ahp', 'entropy']);
export type WeightMethod = z.infer<typeof WeightMethod>;
export const OrderFamily = z.enum(ORDER_FAMILIES);

/** Order sources that are residents' complaints (patrol finds and orders raised at the wall are not). */
export const COMPLAINT_SOURCES = ['hotline_12345', 'open311', 'app'] as const;

export const PeriodCode = z.string().regex(/^\d{4}Q[1-4]$/, 'evaluation.field.periodFormat');

export const EvalNode = z.object({
  id: z.number().int(),
  parentId: z.number().int().nullable(),
  level: NodeLevel,
  code: z.string(),
  name: z.string(),
  nameEn: z.string(),
  sort: z.number().int(),
  /** Weight among its siblings. */
  weight: z.number(),
  /** Product of the weights down to this node: its share of the composite score. */
  globalWeight: z.number(),
  polarity: Polarity.nullable(),
  source: IndicatorSource.nullable(),
  norm: NormKind.nullable(),
  target: z.number().nullable(),
  worst: z.number().nullable(),
  orderMeasure: OrderMeasure.nullable(),
  orderFamilies: z.array(z.string()),
});
export type EvalNode = z.infer<typeof EvalNode>;

export const WeightGroup = z.object({
  parentId: z.number().int().nullable(),
  method: WeightMethod,
  matrix: z.array(z.array(z.number())).nullable(),
  lambdaMax: z.number().nullable(),
  cr: z.number().nullable(),
  basisPeriod: z.string().nullable(),
  updatedAt: z.string(),
});
export type WeightGroup = z.infer<typeof WeightGroup>;

export const EvalSystem = z.object({
  id: z.number().int(),
  name: z.string(),
  nodes: z.array(EvalNode),
  groups: z.array(WeightGroup),
});
export type EvalSystem = z.infer<typeof EvalSystem>;

const Code = z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,19}$/, 'evaluation.field.codeFormat');
const Name = z.string().trim().min(1).max(60);

export const NodeCreate = z
  .object({
    parentId: DbId.nullable(),
    code: Code,
    name: Name,
    nameEn: z.string().trim().max(80).default(''),
    polarity: Polarity.optional(),
    source: IndicatorSource.optional(),
    norm: NormKind.optional(),
    target: z.number().finite().nullable().optional(),
    worst: z.number().finite().nullable().optional(),
    orderMeasure: OrderMeasure.nullable().optional(),
    orderFamilies: z.array(OrderFamily).max(13).optional(),
  })
  .strict();
export type NodeCreate = z.infer<typeof NodeCreate>;

export const NodePatch = z
  .object({
    name: Name.optional(),
    nameEn: z.string().trim().max(80).optional(),
    sort: z.number().int().min(0).max(1000).optional(),
    polarity: Polarity.optional(),
    norm: NormKind.optional(),
    target: z.number().finite().nullable().optional(),
    worst: z.number().finite().nullable().optional(),
    orderFamilies: z.array(OrderFamily).max(13).optional(),
  })
  .strict();
export type NodePatch = z.infer<typeof NodePatch>;

const Matrix = z.array(z.array(z.number().finite()).min(1).max(15)).min(1).max(15);

export const WeightsInput = z.discriminatedUnion('method', [
  z
    .object({
      method: z.literal('direct'),
      parentId: DbId.nullable(),
      weights: z.array(z.number().finite().min(0)).min(1).max(30),
    })
    .strict(),
  z.object({ method: z.literal('ahp'), parentId: DbId.nullable(), matrix: Matrix }).strict(),
  z.object({ method: z.literal('entropy'), parentId: DbId.nullable(), period: PeriodCode.optional() }).strict(),
]);
export type WeightsInput = z.infer<typeof WeightsInput>;

export const AhpCheckInput = z.object({ matrix: Matrix }).strict();
export const AhpCheck = z.object({
  weights: z.array(z.number()),
  lambdaMax: z.number(),
  ci: z.number(),
  ri: z.number(),
  cr: z.number(),
  consistent: z.boolean(),
});
export type AhpCheck = z.infer<typeof AhpCheck>;

export const EvalPeriod = z.object({ id: z.number().int(), code: z.string(), starts: z.string(), ends: z.string() });
export type EvalPeriod = z.infer<typeof EvalPeriod>;

export const EvalLevel = z.enum(['street', 'community']);
export type EvalLevel = z.infer<typeof EvalLevel>;

export const ResultsQuery = z.object({
  period: PeriodCode.optional(),
  level: EvalLevel.default('street'),
  /** Only areas under this one (a street, to rank its communities). */
  area: DbIdText.optional(),
});
export type ResultsQuery = z.infer<typeof ResultsQuery>;

export const RankBand = z.object({ p5: z.number().int(), p95: z.number().int() });
export const ProgressOut = z.object({ change: z.number(), index: z.number().nullable() });

export const AreaResult = z.object({
  areaId: z.number().int(),
  code: z.string(),
  name: z.string(),
  /** Final 0–100 score: weighted indicators plus special points; null without any data. */
  score: z.number().nullable(),
  special: z.number(),
  rank: z.number().int().nullable(),
  band: RankBand.nullable(),
  previousScore: z.number().nullable(),
  progress: ProgressOut.nullable(),
  /** Score of every dimension, in the system's order. */
  dimensions: z.array(z.object({ id: z.number().int(), score: z.number().nullable() })),
  respondents: z.number().int(),
});
export type AreaResult = z.infer<typeof AreaResult>;

export const Results = z.object({
  period: z.string(),
  previousPeriod: z.string().nullable(),
  level: EvalLevel,
  dimensions: z.array(
    z.object({ id: z.number().int(), code: z.string(), name: z.string(), nameEn: z.string(), weight: z.number() }),
  ),
  bands: z.object({ draws: z.number().int(), spread: z.number(), seed: z.number().int() }),
  areas: z.array(AreaResult),
});
export type Results = z.infer<typeof Results>;

export const TrendQuery = z.object({ level: EvalLevel.default('street'), area: DbIdText.optional() });
export const Trend = z.object({
  periods: z.array(z.string()),
  areas: z.array(
    z.object({
      areaId: z.number().int(),
      name: z.string(),
      scores: z.array(z.number().nullable()),
      ranks: z.array(z.number().int().nullable()),
    }),
  ),
});
export type Trend = z.infer<typeof Trend>;

export const IndicatorResult = z.object({
  id: z.number().int(),
  code: z.string(),
  name: z.string(),
  nameEn: z.string(),
  dimensionId: z.number().int(),
  focusId: z.number().int(),
  polarity: Polarity,
  source: IndicatorSource,
  /** The measured value: a 0–100 mean score, complaints per 1,000 households, or a % of ratings. */
  raw: z.number().nullable(),
  unit: z.enum(['score', 'per_1000_households', 'percent']),
  score: z.number().nullable(),
  globalWeight: z.number(),
  /** Points this indicator adds to the composite (weight × score, with missing indicators' weight spread over the rest). */
  contribution: z.number().nullable(),
  groups: z.array(z.object({ group: EvalGroup, respondents: z.number().int(), score: z.number() })),
});
export type IndicatorResult = z.infer<typeof IndicatorResult>;

export const AreaDetail = z.object({
  period: z.string(),
  area: z.object({ id: z.number().int(), name: z.string(), level: z.string(), households: z.number().int() }),
  result: AreaResult,
  /** Rank among the areas of the same level in the caller's scope. */
  of: z.number().int(),
  indicators: z.array(IndicatorResult),
  specials: z.array(z.object({ id: z.number().int(), points: z.number(), reason: z.string() })),
});
export type AreaDetail = z.infer<typeof AreaDetail>;

export const ReverseQuery = z.object({
  period: PeriodCode.optional(),
  area: DbIdText.optional(),
  min: z.coerce.number().int().min(1).max(1000).default(2),
});
export const ReverseIssue = z.object({
  areaId: z.number().int(),
  areaName: z.string(),
  streetName: z.string(),
  topic: OrderFamily,
  complaints: z.number().int(),
  per1000: z.number(),
  rated: z.number().int(),
  unsatisfied: z.number().int(),
  /** The most frequent category among these complaints: the dispatched order's category. */
  topCategory: z.string(),
  dispatch: z.object({ orderId: z.number().int(), status: z.string(), deadline: z.string() }).nullable(),
});
export type ReverseIssue = z.infer<typeof ReverseIssue>;
export const ReverseList = z.object({ period: z.string(), issues: z.array(ReverseIssue) });
export type ReverseList = z.infer<typeof ReverseList>;

export const DispatchInput = z
  .object({ period: PeriodCode, areaId: DbId, topic: OrderFamily, note: z.string().trim().max(200).optional() })
  .strict();
export type DispatchInput = z.infer<typeof DispatchInput>;

export const SpecialInput = z
  .object({
    period: PeriodCode,
    areaId: DbId,
    points: z
      .number()
      .finite()
      .min(-10)
      .max(10)
      .refine((v) => v !== 0, 'evaluation.field.pointsNotZero'),
    reason: z.string().trim().min(1).max(200),
  })
  .strict();
export type SpecialInput = z.infer<typeof SpecialInput>;
export const Special = z.object({
  id: z.number().int(),
  period: z.string(),
  areaId: z.number().int(),
  areaName: z.string(),
  points: z.number(),
  reason: z.string(),
  createdAt: z.string(),
});
export type Special = z.infer<typeof Special>;

/** Import columns: period, community code, group, respondents, then one column per questionnaire indicator code. */
export const IMPORT_FIXED_COLUMNS = ['period', 'community_code', 'group', 'respondents'] as const;
export const ImportRowError = z.object({
  line: z.number().int(),
  column: z.string().optional(),
  reason: z.string(),
  ...NoteFields,
});
export type ImportRowError = z.infer<typeof ImportRowError>;
export const ImportResult = z.object({
  fileName: z.string(),
  encoding: z.string().nullable(),
  rows: z.number().int(),
  /** Stored (community × group × indicator) results; 0 when any row was refused. */
  inserted: z.number().int(),
  errors: z.array(ImportRowError),
});
export type ImportResult = z.infer<typeof ImportResult>;
