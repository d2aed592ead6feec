// The city model narrowed to an area of the caller's scope: which demand points, their coordinates, the
// facilities' coordinates, the radius asked for, and elders covered per group. Shared by coverage and the optimizer.
import { createHash } from 'node:crypto';
import { DEFAULT_WALK_SPEED, type GroupCoverage, type SitingKind, type SitingTarget } from '../../contract/siting.js';
import type { AuthUser } from '../auth/session.js';
import type { Db, Queryable } from '../db/index.js';
import { Invalid, NotFound } from '../http/errors.js';
import type { CityModel, CityModelCache } from './city-model.js';
import type { ExactPool } from './exact-off-thread.js';
import { DEFAULT_CIRCUITY, type Metric } from './distance-table.js';
import type { Points } from './geo.js';
import { type Discloser, disclosureKey } from '../population/disclosure.js';
import * as sql from './queries.js';
import { m } from '../../contract/messages/index.js';

export interface SitingDeps {
  db: Db;
  cache: CityModelCache;
  /** Seconds the exact solver may run inside a request. */
  exactTimeLimitS?: number;
  /** Largest model (constraint-matrix nonzeros) handed to the exact solver. */
  exactMaxNonzeros?: number;
  /** The heuristic's budget in a request (ms), ordering the sites included. */
  heuristicBudgetMs?: number;
  /** The worker threads exact solves run in. */
  exact: ExactPool;
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
    if (r < 50 || r > 3000)
      throw new Invalid(
        m('siting.walkRadiusOutOfRange', { minutes: q.minutes, speed: q.speed ?? DEFAULT_WALK_SPEED, radius: r }),
      );
    return r;
  }
  return 500;
}

export async function resolveArea(q: Queryable, user: AuthUser, id?: number): Promise<sql.AreaRef> {
  if (id === undefined && user.areaId === null) {
    // An account over the whole installation holds no area of its own: its one district, or it names one.
    const districts = await sql.districts(q);
    if (districts.length === 1) return districts[0];
    throw new Invalid(m('siting.nameTheArea', { count: districts.length }));
  }
  const a = id === undefined ? await sql.areaByPath(q, user.areaPath) : await sql.areaInScope(q, user.areaPath, id);
  if (!a) throw new NotFound(m('areas.notFoundInScope', { id: id ?? user.areaPath }));
  return a;
}

export const metricOf = (m: CityModel): Metric => ({ graph: m.graph, circuity: DEFAULT_CIRCUITY });

export function subset(m: CityModel, path: string): number[] {
  const idx: number[] = [];
  for (let i = 0; i < m.path.length; i++) if (m.path[i].startsWith(path)) idx.push(i);
  return idx;
}

export const pointsOf = (m: CityModel, idx: number[]): Points => ({
  x: Float64Array.from(idx, (i) => m.demand.x[i]),
  y: Float64Array.from(idx, (i) => m.demand.y[i]),
});

export function project(m: CityModel, lonLat: readonly { lon: number; lat: number }[]): Points {
  const x = new Float64Array(lonLat.length);
  const y = new Float64Array(lonLat.length);
  lonLat.forEach((p, k) => ([x[k], y[k]] = m.proj.toXY(p.lon, p.lat)));
  return { x, y };
}

/** Elders per group in the demand points and within the radius, as counted (before publishing). */
export type CountedCoverage = Record<'e60' | 'e80' | 'alone', { total: number; covered: number }>;

export function groupCoverage(m: CityModel, idx: number[], dist: ArrayLike<number>, radius: number): CountedCoverage {
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

const TOTAL_MEASURE = { e60: 'elders60', e80: 'elders80', alone: 'alone' } as const;
export const GROUPS = ['e60', 'e80', 'alone'] as const;
export type Group = (typeof GROUPS)[number];

/**
 * A key naming a set of elders by the buildings they live in (those with any of the group): the same people, however
 * they were selected (radius, kind, sites, route, scope), get the same key and so the same published figure — asking
 * the question a thousand ways (every radius from 50 to 3,000 m) gives one draw, not a thousand to average.
 */
export function peopleKey(m: CityModel, points: Iterable<number>, group: Group): string {
  const w = m[group];
  const at: string[] = [];
  for (const i of points) if (w[i] > 0) at.push(`${m.lon[i].toFixed(6)},${m.lat[i].toFixed(6)}`);
  at.sort();
  return disclosureKey.of('people', group, createHash('md5').update(at.join(';')).digest('hex'));
}

/**
 * Coverage counts of the demand points idx (dist: each one's distance to the nearest facility) as published
 * (disclosure.ts): each total under the area's own key (the same figure as its features and profile), each covered
 * count under the key of the people it counts.
 */
export function publishedCoverage(
  d: Discloser,
  m: CityModel,
  idx: number[],
  dist: ArrayLike<number>,
  radius: number,
  areaId: number,
): GroupCoverage {
  const g = groupCoverage(m, idx, dist, radius);
  const covered = idx.filter((_, k) => dist[k] <= radius);
  const out = {} as GroupCoverage;
  for (const grp of GROUPS) {
    out[grp] = {
      total: d.count(g[grp].total, disclosureKey.area(areaId, TOTAL_MEASURE[grp])),
      covered: d.count(g[grp].covered, peopleKey(m, covered, grp)),
    };
  }
  return out;
}

/** The grid ids (last path segment) of the demand points, for keying a hexagon the way elder density does. */
export const gridIdOf = (path: string): number => Number(path.split('/').filter(Boolean).at(-1));

export const weightOf = (m: CityModel, target: SitingTarget) =>
  target === 'e60' ? m.e60 : target === 'e80' ? m.e80 : m.alone;
