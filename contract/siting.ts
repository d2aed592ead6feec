// Elder canteen siting (长者食堂选址): walking-distance coverage of existing facilities and the optimizer
// (MCLP, p-median, set covering). Aggregates only: no request or answer carries a person's record.
import { z } from 'zod';
import { AreaId } from './areas.js';
import { DbId } from './ids.js';

/** Facility kinds that can be sited: 长者食堂 elder canteen, 养老服务站 elder service station. */
export const SITING_KINDS = ['canteen', 'station'] as const;
export const SitingKind = z.enum(SITING_KINDS);
export type SitingKind = z.infer<typeof SitingKind>;

/** Service radius tiers of the 15-minute community life circle (GB 50180-2018), metres. */
export const RADIUS_TIERS = [300, 500, 1000] as const;
/** Default elders' walking speed, metres a minute. */
export const DEFAULT_WALK_SPEED = 60;
/** Cells with fewer elders than this are left out of every map layer. */
export const MIN_CELL = 10;

/** Whose coverage is maximised: 60+, 80+, or elders living alone (独居老人). */
export const SITING_TARGETS = ['e60', 'e80', 'alone'] as const;
export const SitingTarget = z.enum(SITING_TARGETS);
export type SitingTarget = z.infer<typeof SitingTarget>;

const Radius = z.coerce.number().min(50, 'siting.field.radiusTooSmall').max(3000, 'siting.field.radiusTooLarge');
const Minutes = z.coerce.number().min(1).max(60);
const Speed = z.coerce.number().min(20, 'siting.field.walkingSpeedRange').max(120, 'siting.field.walkingSpeedRange');

/** Either radius (m) or minutes × speed (m/min); radius wins when both are given. */
const reach = {
  radius: Radius.optional(),
  minutes: Minutes.optional(),
  speed: Speed.optional(),
};

export const CoverageQuery = z.object({
  kind: SitingKind.default('canteen'),
  area: AreaId.optional(),
  ...reach,
});
export type CoverageQuery = z.infer<typeof CoverageQuery>;

/** Elders of a group in the area and those within reach, as published: null under 10 (withheld), else rounded to base 10. */
export const GroupCounts = z.object({ total: z.number().nullable(), covered: z.number().nullable() });
export const GroupCoverage = z.object({ e60: GroupCounts, e80: GroupCounts, alone: GroupCounts });
export type GroupCoverage = z.infer<typeof GroupCoverage>;

export const Facility = z.object({
  id: z.number().int(),
  name: z.string(),
  lon: z.number(),
  lat: z.number(),
  capacity: z.number(),
});
export type Facility = z.infer<typeof Facility>;

/** A hexagon of the uncovered-elders layer (H3, resolution 9), only where ≥ MIN_CELL elders are uncovered. */
export const UncoveredCell = z.object({
  h3: z.string(),
  lon: z.number(),
  lat: z.number(),
  uncovered: z.number().int(),
});

export const AreaCoverage = z
  .object({ id: z.number().int(), name: z.string(), level: z.string() })
  .extend(GroupCoverage.shape);

export const CoverageResponse = z.object({
  kind: SitingKind,
  radius: z.number(),
  /** 'network': walking distance over roads; 'straight': straight line × circuity (no road network). */
  metric: z.enum(['network', 'straight']),
  area: z.object({ id: z.number().int(), name: z.string(), level: z.string() }),
  totals: GroupCoverage,
  areas: z.array(AreaCoverage),
  facilities: z.array(Facility),
  uncoveredCells: z.array(UncoveredCell),
});
export type CoverageResponse = z.infer<typeof CoverageResponse>;

export const LonLat = z.object({ lon: z.number().min(-180).max(180), lat: z.number().min(-90).max(90) });
export type LonLat = z.infer<typeof LonLat>;

/** Candidate sites: public buildings (community offices, culture rooms, stations, clinics…), H3 cells with elders, or given points. */
export const Candidates = z.discriminatedUnion('type', [
  z.object({ type: z.literal('public') }),
  z.object({ type: z.literal('hex') }),
  z.object({ type: z.literal('points'), points: z.array(LonLat).min(1, 'siting.field.noPoints').max(2000) }),
]);
export type Candidates = z.infer<typeof Candidates>;

export const SITING_MODELS = ['mclp', 'pmedian', 'setcover', 'manual'] as const;
export const SitingModel = z.enum(SITING_MODELS);
export type SitingModel = z.infer<typeof SitingModel>;

export const OptimizeRequest = z.object({
  /** mclp: cover the most; pmedian: least total walking; setcover: fewest sites covering all; manual: open every given point. */
  model: SitingModel,
  kind: SitingKind.default('canteen'),
  target: SitingTarget.default('e60'),
  p: z.number().int().min(1).max(100).default(5),
  ...reach,
  area: DbId.optional(),
  candidates: Candidates.default({ type: 'public' }),
  /** Meals (elders) a new site can serve a day; MCLP only. */
  capacity: z.number().positive().max(100_000).optional(),
  /** Also solve exactly with HiGHS and report the heuristic's gap. */
  exact: z.boolean().default(false),
});
export type OptimizeRequest = z.input<typeof OptimizeRequest>;

export const ChosenSite = z.object({
  rank: z.number().int(),
  lon: z.number(),
  lat: z.number(),
  label: z.string(),
  /** What this site adds to the ones before it: elders newly covered (mclp, setcover, manual) or elder·metres saved (pmedian). */
  gain: z.number(),
  /** Target elders within the radius of this site (whether or not others cover them too). */
  reach: z.number(),
});
export type ChosenSite = z.infer<typeof ChosenSite>;

export const CoverageState = GroupCoverage.extend({
  /** Mean walking distance (m) of the target group to the nearest facility, capped at the far distance. */
  meanDistance: z.number(),
});

/**
 * The exact solver's outcome: optimal; stopped at its time limit (with its incumbent, if any, and its bound, if
 * any); no solution found in time; or the model too large to build (HiGHS was not run).
 */
export const ExactStatus = z.enum(['optimal', 'stopped', 'no-solution', 'too-large']);
export type ExactStatus = z.infer<typeof ExactStatus>;

export const ExactOutcome = z.object({
  status: ExactStatus,
  optimal: z.boolean(),
  /** The incumbent's objective; null when it found none (or did not run). */
  objective: z.number().nullable(),
  /** Its proven bound on the optimum; null when it proved none. */
  bound: z.number().nullable(),
  /** Relative gap of its incumbent to the best known bound (≤); null without an incumbent or a bound. */
  gap: z.number().nullable(),
  /** HiGHS's own status name ("not built" when too large). */
  solverStatus: z.string(),
  /** Constraint-matrix nonzeros of the model. */
  nonzeros: z.number().int(),
  ms: z.number(),
  sites: z.array(LonLat),
});
export type ExactOutcome = z.infer<typeof ExactOutcome>;

/** How good the reported answer is, and who found it. */
export const Verdict = z.object({
  /** heuristic: the search; exact: the exact solver's incumbent (better than the search's); given: the sites as placed (manual). */
  foundBy: z.enum(['heuristic', 'exact', 'given']),
  /** optimal: proven; bounded: at most `gap` from the optimum; unknown: no bound to judge by. */
  proof: z.enum(['optimal', 'bounded', 'unknown']),
  /** The best proven bound on the optimum (lower for p-median and set covering, upper for MCLP). */
  bound: z.number().nullable(),
  /** Where the bound comes from: the exact solver, or the Lagrangian relaxation computed with the heuristic. */
  boundBy: z.enum(['exact', 'lagrangian']).nullable(),
  /** The answer is at most this far from the optimum (relative); 0 when optimal; null when unknown. */
  gap: z.number().nullable(),
  /** Chosen sites left out because they add nothing beyond the others. */
  dropped: z.number().int(),
});
export type Verdict = z.infer<typeof Verdict>;

export const OptimizeResult = z.object({
  model: SitingModel,
  kind: SitingKind,
  target: SitingTarget,
  radius: z.number(),
  metric: z.enum(['network', 'straight']),
  area: z.object({ id: z.number().int(), name: z.string() }),
  demandPoints: z.number().int(),
  candidateCount: z.number().int(),
  capacity: z.number().nullable(),
  /** Pairs farther than this count as this far (p-median and mean distances). */
  farDistance: z.number(),
  sites: z.array(ChosenSite),
  /** Coverage before / after; with capacities, "after" counts the elders the sites can serve (the objective's figure for the target group, the same share per cell for the others). */
  before: CoverageState,
  after: CoverageState,
  /** The reported answer's objective (the better of the heuristic's and the exact solver's). */
  objective: z.number(),
  verdict: Verdict,
  /** The heuristic's own objective, time and moves. */
  heuristic: z.object({ ms: z.number(), swaps: z.number().int(), objective: z.number().nullable() }),
  exact: ExactOutcome.nullable(),
});
export type OptimizeResult = z.infer<typeof OptimizeResult>;

export const ScenarioCreate = z.object({
  name: z.string().trim().min(1, 'siting.field.giveScenarioName').max(100),
  request: OptimizeRequest,
});
export type ScenarioCreate = z.input<typeof ScenarioCreate>;

export const ScenarioSummary = z.object({
  id: z.number().int(),
  name: z.string(),
  areaId: z.number().int(),
  createdBy: z.string(),
  createdAt: z.string(),
  model: SitingModel,
  sites: z.number().int(),
  coveredBefore: z.number().nullable(),
  coveredAfter: z.number().nullable(),
});
export type ScenarioSummary = z.infer<typeof ScenarioSummary>;
export const ScenarioList = z.array(ScenarioSummary);

export const Scenario = ScenarioSummary.extend({ request: z.unknown(), result: OptimizeResult });
export type Scenario = z.infer<typeof Scenario>;

/** A scenario's sites as GeoJSON (with its figures), CSV (with a summary) or a zipped Shapefile, in WGS84 or GCJ-02. */
export const ExportQuery = z.object({
  format: z.enum(['geojson', 'csv', 'shp']).default('geojson'),
  crs: z.enum(['wgs84', 'gcj02']).default('wgs84'),
});

/** The demand set the planner's map uses for instant what-if coverage: H3 cells with ≥ MIN_CELL target elders. */
export const DemandQuery = z.object({
  area: AreaId.optional(),
  target: SitingTarget.default('e60'),
  kind: SitingKind.default('canteen'),
  ...reach,
});
export const DemandCells = z.object({
  radius: z.number(),
  circuity: z.number(),
  cells: z.array(z.object({ lon: z.number(), lat: z.number(), elders: z.number().int(), coveredBefore: z.boolean() })),
  suppressed: z.number().int(),
});
export type DemandCells = z.infer<typeof DemandCells>;
