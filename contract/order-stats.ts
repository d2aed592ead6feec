// Aggregates of work orders for walls and consoles: KPI counters, the three rates (三率) by area or
// department, and root-cause items (源头治理). Aggregates only: no reporter data ever.
import { z } from 'zod';
import { AreaId } from './areas.js';

/** category: the order's category code; level: the supervising level it reached (0 grid … 3 district). */
export const StatsGroupBy = z.enum(['district', 'street', 'community', 'grid', 'department', 'category', 'level']);
export type StatsGroupBy = z.infer<typeof StatsGroupBy>;

export const StatsQuery = z.object({
  area: AreaId.optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  groupBy: StatsGroupBy.default('street'),
});
export type StatsQuery = z.infer<typeof StatsQuery>;

/**
 * 三率 three rates. Response rate (响应率): orders accepted (or handled on the spot) within the response window
 * (1 h; 15 min for 重大) over orders reported. On-time rate (按时办结率): orders resolved by their deadline over
 * orders resolved or overdue. Satisfaction (满意率): satisfied + basically satisfied over every rating given
 * (an unsatisfied rating that reopened an order still counts).
 */
export const RateRow = z.object({
  key: z.string(),
  name: z.string(),
  total: z.number().int(),
  responded: z.number().int(),
  responseRate: z.number().nullable(),
  due: z.number().int(),
  onTime: z.number().int(),
  onTimeRate: z.number().nullable(),
  rated: z.number().int(),
  satisfied: z.number().int(),
  satisfactionRate: z.number().nullable(),
});
export type RateRow = z.infer<typeof RateRow>;

export const PartyStatsQuery = z.object({
  area: AreaId.optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
});

/**
 * One party's work (五级联动): what it holds now (open, of them overdue), and in the period the orders it resolved
 * (of them on time), returned (a department sending one back) and handed up a level.
 */
export const PartyStatsRow = z.object({
  kind: z.enum(['grid', 'community', 'street', 'centre', 'department']),
  areaId: z.number().int().nullable(),
  dept: z.string().nullable(),
  name: z.string(),
  open: z.number().int(),
  overdue: z.number().int(),
  resolved: z.number().int(),
  onTime: z.number().int(),
  onTimeRate: z.number().nullable(),
  returned: z.number().int(),
  handedUp: z.number().int(),
});
export type PartyStatsRow = z.infer<typeof PartyStatsRow>;

export const KpiQuery = z.object({ area: AreaId.optional() });

export const Kpis = z.object({
  /** Counted from 00:00 Asia/Shanghai today. */
  today: z.object({ created: z.number().int(), closed: z.number().int() }),
  open: z.number().int(),
  overdue: z.number().int(),
  yellow: z.number().int(),
  red: z.number().int(),
  critical: z.number().int(),
  /** Last 30 days. */
  onTimeRate: z.number().nullable(),
  satisfactionRate: z.number().nullable(),
  lastSeq: z.number().int(),
});
export type Kpis = z.infer<typeof Kpis>;

export const RootCauseQuery = z.object({
  area: AreaId.optional(),
  days: z.coerce.number().int().min(1).max(365).default(30),
  radius: z.coerce.number().min(5).max(500).default(50),
  minCount: z.coerce.number().int().min(2).max(100).default(3),
});

/** 源头治理: the same category at about the same place again and again. */
export const RootCause = z.object({
  categoryCode: z.string(),
  count: z.number().int(),
  lon: z.number(),
  lat: z.number(),
  gridId: z.number().int(),
  firstAt: z.string(),
  lastAt: z.string(),
  orderIds: z.array(z.number().int()),
});
export type RootCause = z.infer<typeof RootCause>;
