// The city model narrowed to an area of the caller's scope: which demand points, their coordinates, the
// facilities' coordinates, the radius asked for, and elders covered per group. Shared by coverage and the optimizer.
import { DEFAULT_WALK_SPEED, type GroupCoverage, type SitingKind, type SitingTarget } from '../../contract/siting.js';
import type { AuthUser } from '../auth/session.js';
import type { Db, Queryable } from '../db/index.js';
import { Invalid, NotFound } from '../http/errors.js';
import type { CityModel, CityModelCache } from './city-model.js';
import { DEFAULT_CIRCUITY, type Metric } from './distance-table.js';
import type { Points } from './geo.js';
import * as sql from './queries.js';

export interface SitingDeps {
  db: Db;
  cache: CityModelCache;
  /** Seconds the exact solver may run inside a request. */
  exactTimeLimitS?: number;
  /** Largest model (constraint-matrix nonzeros) handed to the exact solver. */
  exactMaxNonzeros?: number;
  /** The heuristic's budget in a request (ms), ordering the sites included. */
  heuristicBudgetMs?: number;
}

export const RESOURCE_KIND: Record<SitingKind, string> = { canteen: 'elder_canteen', station: 'elder_station' };
/** Public premises a new canteen or station can move into (社区用房): offices, culture rooms, stations, day care, clinics. */
export const PUBLIC_KINDS = ['community_office', 'culture', 'elder_station', 'day_care', 'clinic'] as const;
/** Pairs farther than this multiple of the radius count as that far. */
export const FAR_FACTOR = 3;
export const MAX_CANDIDATES = 3000;

export function radiusOf(q: { radius?: number; minutes?: number; speed?: number }): number {
  if (q.radius !== undefined) return q.radius;
  if (q.minutes !== undefined) {
    const r = q.minutes * (q.speed ?? DEFAULT_WALK_SPEED);
    if (r < 50 || r > 3000) throw new Invalid(`步行 ${q.minutes} 分钟 × ${q.speed ?? DEFAULT_WALK_SPEED} 米/分钟 = ${r} 米，超出 50–3000 米 / ${r} m is outside 50–3000 m`);
    return r;
  }
  return 500;
}

export async function resolveArea(q: Queryable, user: AuthUser, id?: number): Promise<sql.AreaRef> {
  const a = id === undefined ? await sql.areaByPath(q, user.areaPath) : await sql.areaInScope(q, user.areaPath, id);
  if (!a) throw new NotFound(`区域 ${id} 不存在或不在您的管辖范围内 / area ${id} not found in your scope`);
  return a;
}

export const metricOf = (m: CityModel): Metric => ({ graph: m.graph, circuity: DEFAULT_CIRCUITY });

export function subset(m: CityModel, path: string): number[] {
  const idx: number[] = [];
  for (let i = 0; i < m.path.length; i++) if (m.path[i].startsWith(path)) idx.push(i);
  return idx;
}

export const pointsOf = (m: CityModel, idx: number[]): Points => ({ x: Float64Array.from(idx, (i) => m.demand.x[i]), y: Float64Array.from(idx, (i) => m.demand.y[i]) });

export function project(m: CityModel, lonLat: readonly { lon: number; lat: number }[]): Points {
  const x = new Float64Array(lonLat.length);
  const y = new Float64Array(lonLat.length);
  lonLat.forEach((p, k) => ([x[k], y[k]] = m.proj.toXY(p.lon, p.lat)));
  return { x, y };
}

export function groupCoverage(m: CityModel, idx: number[], dist: ArrayLike<number>, radius: number): GroupCoverage {
  const g = { e60: { total: 0, covered: 0 }, e80: { total: 0, covered: 0 }, alone: { total: 0, covered: 0 } };
  idx.forEach((i, k) => {
    const c = dist[k] <= radius;
    g.e60.total += m.e60[i];
    g.e80.total += m.e80[i];
    g.alone.total += m.alone[i];
    if (c) {
      g.e60.covered += m.e60[i];
      g.e80.covered += m.e80[i];
      g.alone.covered += m.alone[i];
    }
  });
  return g;
}

export const weightOf = (m: CityModel, target: SitingTarget) => (target === 'e60' ? m.e60 : target === 'e80' ? m.e80 : m.alone);

