// Grid workers: position batches from the phone, live positions, trails with stops, patrol coverage,
// visits to special-group residents and their compliance, grid assessment ranking, dispatch help.
import { z } from 'zod';
import { CARE_NEEDS, CareNeed, IsoWeek, Period, REFERRAL_DEPTS, ReferralCreate, VisitRule } from './care.js';
import { DbIdText } from './ids.js';

/** Most points one batch may carry (HTTP or the Socket.IO `positions` event). */
export const MAX_BATCH = 500;

/** Position flags (bits): kept and shown, never used as truth by coverage, stops or geofences. */
export const POSITION_FLAGS = { speedJump: 1, outsideDistrict: 2 } as const;

export const PositionPoint = z.object({
  /** Device time of the fix, ISO 8601 with offset. */
  t: z.iso.datetime({ offset: true }),
  lon: z.number().min(-180).max(180),
  lat: z.number().min(-90).max(90),
  /** Horizontal accuracy in metres, as the device reports it. */
  accuracy: z.number().min(0).max(100_000).optional(),
  /** Speed in m/s, as the device reports it. */
  speed: z.number().min(0).max(1000).optional(),
});
export type PositionPoint = z.infer<typeof PositionPoint>;

export const PositionBatch = z.object({
  points: z.array(PositionPoint).min(1, 'workers.field.noPoints').max(MAX_BATCH, 'workers.field.tooManyPoints'),
});
export type PositionBatch = z.infer<typeof PositionBatch>;

export const IngestResult = z.object({
  accepted: z.number().int(),
  duplicates: z.number().int(),
  /** Accepted points that carry a flag (speed jump, outside the district). */
  flagged: z.number().int(),
});
export type IngestResult = z.infer<typeof IngestResult>;

/** Socket.IO `positions` ack (the event maps are in contract/sockets.ts). */
export type { PositionsAck } from './sockets.js';

export const WorkerSummary = z.object({
  id: z.number().int(),
  name: z.string(),
  grids: z.array(z.object({ id: z.number().int(), name: z.string() })),
});
export type WorkerSummary = z.infer<typeof WorkerSummary>;

export const LivePosition = z.object({
  workerId: z.number().int(),
  name: z.string(),
  gridId: z.number().int(),
  gridName: z.string(),
  lon: z.number(),
  lat: z.number(),
  t: z.string(),
  /** No position for more than 10 minutes. */
  stale: z.boolean(),
  flags: z.number().int(),
});
export type LivePosition = z.infer<typeof LivePosition>;

/** `worker:position` push: the latest position of one worker (throttled), to the rooms of their grids. */
export type WorkerPositionPush = Omit<LivePosition, 'stale'>;

export const Stop = z.object({
  lon: z.number(),
  lat: z.number(),
  from: z.string(),
  to: z.string(),
  minutes: z.number(),
});
export type Stop = z.infer<typeof Stop>;

export const Trail = z.object({
  workerId: z.number().int(),
  name: z.string(),
  gridIds: z.array(z.number().int()),
  /** [lon, lat] per point, in device-time order (flagged points left out). */
  path: z.array(z.tuple([z.number(), z.number()])),
  /** Epoch milliseconds, one per path point. */
  timestamps: z.array(z.number()),
  stops: z.array(Stop),
  /** Points left out of the path because they carry a flag. */
  flagged: z.number().int(),
});
export type Trail = z.infer<typeof Trail>;

export const TrailQuery = z.object({
  from: z.iso.datetime({ offset: true }),
  to: z.iso.datetime({ offset: true }),
});
export type TrailQuery = z.infer<typeof TrailQuery>;

export const TrailCollection = z.object({ from: z.string(), to: z.string(), trails: z.array(Trail) });
export type TrailCollection = z.infer<typeof TrailCollection>;

/** A China-Standard-Time day, 'YYYY-MM-DD'. */
export const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'workers.field.dayFormat');

export const CoverageQuery = z.object({
  day: Day,
  /** 'day' = that day; 'week' = the 7 days ending that day. */
  period: z.enum(['day', 'week']).default('day'),
});
export type CoverageQuery = z.infer<typeof CoverageQuery>;

export const GridCoverage = z.object({
  gridId: z.number().int(),
  name: z.string(),
  /** Share of the grid's road length within ~30 m of an accepted position, 0–1. */
  coverage: z.number(),
  roadMetres: z.number(),
  points: z.number().int(),
  /** No accepted position inside the grid in the period. */
  unpatrolled: z.boolean(),
});
export type GridCoverage = z.infer<typeof GridCoverage>;

export const CoverageReport = z.object({ from: z.string(), to: z.string(), grids: z.array(GridCoverage) });
export type CoverageReport = z.infer<typeof CoverageReport>;

export const VisitCreate = z.object({
  residentId: z.number().int().positive(),
  visitedAt: z.iso.datetime({ offset: true }).optional(),
  note: z.string().trim().max(500).optional(),
  photoId: z.string().min(8).max(80).optional(),
  /** Needs found on the visit (CARE_NEEDS). */
  needsFound: z.array(CareNeed).max(CARE_NEEDS.length).optional(),
  /** Help given on the spot. */
  helpGiven: z.string().trim().max(500).optional(),
  /** Made by the phone when the visit is logged: a replay with the same id from the same account returns the first visit. */
  clientId: z.string().min(8).max(80).optional(),
  /** Referrals to departments the visit raises (one per department). */
  referrals: z.array(ReferralCreate).max(REFERRAL_DEPTS.length).optional(),
});
export type VisitCreate = z.infer<typeof VisitCreate>;

export const Visit = z.object({
  id: z.number().int(),
  residentId: z.number().int(),
  gridId: z.number().int(),
  workerId: z.number().int().nullable(),
  visitedAt: z.string(),
  note: z.string().nullable(),
  photoId: z.string().nullable(),
  needsFound: z.array(CareNeed),
  helpGiven: z.string().nullable(),
  clientId: z.string().nullable(),
});
export type Visit = z.infer<typeof Visit>;

export const Month = z.string().regex(/^\d{4}-\d{2}$/, 'workers.field.monthFormat');

export const ComplianceQuery = z.object({
  /** week: one ISO week (default this week); month: weeks compliant over weeks due (default). */
  period: Period.default('month'),
  month: Month.optional(),
  week: IsoWeek.optional(),
  area: DbIdText.optional(),
  /** 'true': also list the persons behind on visits (roles that may see person-level rows only; needs `purpose`). */
  persons: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  /** Why the list is read: written to the audit log with the read, as for a person's file. */
  purpose: z.string().trim().min(2, 'workers.field.purposeRequired').max(200).optional(),
});

export const GridCompliance = z.object({
  gridId: z.number().int(),
  name: z.string(),
  rule: VisitRule,
  /** The grid's workers, by name. */
  workers: z.array(z.string()),
  /**
   * Special-group persons in the grid, and those who missed no due week (or month, under a monthly rule): exact for
   * roles that may see person-level rows, else as published (null under 10, rounded to base 10; the rate to whole
   * percents).
   */
  persons: z.number().int().nullable(),
  visits: z.number().int(),
  compliant: z.number().int().nullable(),
  /** Persons behind: a due week (or month) without the rule's visits. Exact for person readers only. */
  behind: z.number().int().nullable(),
  /** Person-weeks due and met (person-months under a monthly rule). Exact for person readers only. */
  due: z.number().int().nullable(),
  met: z.number().int().nullable(),
  /** met / due; null when nothing is due yet. */
  rate: z.number().nullable(),
});
export type GridCompliance = z.infer<typeof GridCompliance>;

/** A special-group resident behind on visits: no name, no address (the file holds those, audited). */
export const LaggingPerson = z.object({
  residentId: z.number().int(),
  gridId: z.number().int(),
  gridName: z.string(),
  flags: z.number().int(),
  visits: z.number().int(),
  /** Due weeks (or months) missed. */
  behind: z.number().int(),
  lastVisit: z.string().nullable(),
});
export type LaggingPerson = z.infer<typeof LaggingPerson>;

export const ComplianceReport = z.object({
  period: Period,
  /** The month counted (for a week: the month holding its Thursday). */
  month: z.string(),
  /** The ISO week, for period=week. */
  week: z.string().nullable(),
  from: z.string(),
  to: z.string(),
  /** Weeks in the period (a month holds the ISO weeks whose Thursday falls in it: 4 or 5). */
  weeks: z.number().int(),
  /** Weeks of the period already over. */
  weeksOver: z.number().int(),
  /** The rule of grids without their own. */
  rule: VisitRule,
  persons: z.number().int().nullable(),
  compliant: z.number().int().nullable(),
  rate: z.number().nullable(),
  grids: z.array(GridCompliance),
  /** Only for accounts whose role may see person-level rows; the grids the account covers. */
  lagging: z.array(LaggingPerson).optional(),
});
export type ComplianceReport = z.infer<typeof ComplianceReport>;

export const PersonFileQuery = z.object({
  purpose: z.string().trim().min(2, 'workers.field.purposeRequired').max(200),
});

export const PersonFile = z.object({
  residentId: z.number().int(),
  gridId: z.number().int(),
  gridName: z.string(),
  address: z.string(),
  household: z.number().int(),
  age: z.number().int(),
  sex: z.number().int(),
  flags: z.number().int(),
  visits: z.array(Visit),
});
export type PersonFile = z.infer<typeof PersonFile>;

export const RANKING_CRITERIA = ['info', 'coverage', 'visits', 'onTime'] as const;
export type RankingCriterion = (typeof RANKING_CRITERIA)[number];
export type RankingWeights = Record<RankingCriterion, number>;

export const RankingQuery = z.object({
  month: Month.optional(),
  area: DbIdText.optional(),
  by: z.enum(['grid', 'worker']).default('grid'),
  /** 'info:1,coverage:1,visits:1,onTime:1' — relative weights, normalised to sum 1. */
  weights: z.string().max(120).optional(),
});

export const RankingRow = z.object({
  rank: z.number().int(),
  id: z.number().int(),
  name: z.string(),
  gridName: z.string(),
  /** Orders reported by the grid's workers (信息采集). */
  reports: z.number().int(),
  coverage: z.number(),
  visitRate: z.number().nullable(),
  onTimeRate: z.number().nullable(),
  /** Each criterion scaled 0–100 within the list, then weighted. */
  scores: z.object({ info: z.number(), coverage: z.number(), visits: z.number(), onTime: z.number() }),
  score: z.number(),
});
export type RankingRow = z.infer<typeof RankingRow>;

export const Ranking = z.object({
  month: z.string(),
  by: z.enum(['grid', 'worker']),
  weights: z.object({ info: z.number(), coverage: z.number(), visits: z.number(), onTime: z.number() }),
  rows: z.array(RankingRow),
});
export type Ranking = z.infer<typeof Ranking>;

export const NearestWorker = z.object({
  workerId: z.number().int(),
  name: z.string(),
  gridName: z.string(),
  lon: z.number(),
  lat: z.number(),
  t: z.string(),
  distanceM: z.number(),
  /** Open orders in the worker's grids. */
  openOrders: z.number().int(),
  stale: z.boolean(),
});
export type NearestWorker = z.infer<typeof NearestWorker>;
