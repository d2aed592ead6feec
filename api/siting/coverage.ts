// Coverage of existing canteens / stations for an area, and the demand cells the planner's map recomputes
// coverage over; aggregates only (per area, per H3 cell with ≥ MIN_CELL elders), every count of elders published
// withheld under 10 or rounded to base 10 (api/population/disclosure.ts).
import { cellToLatLng } from 'h3-js';
import {
  type CoverageQuery,
  type CoverageResponse,
  MIN_CELL,
  type SitingKind,
  type SitingTarget,
} from '../../contract/siting.js';
import type { AuthUser } from '../auth/session.js';
import {
  gridIdOf,
  metricOf,
  peopleKey,
  publishedCoverage,
  pointsOf,
  project,
  radiusOf,
  RESOURCE_KIND,
  resolveArea,
  type SitingDeps,
  subset,
  weightOf,
} from './area-scope.js';
import { DEFAULT_CIRCUITY, nearestFacilityDistance } from './distance-table.js';
import { disclosureKey } from '../population/disclosure.js';
import { disclosureOf } from '../population/queries.js';
import * as sql from './queries.js';

export async function coverage(deps: SitingDeps, user: AuthUser, query: CoverageQuery): Promise<CoverageResponse> {
  const radius = radiusOf(query);
  const [model, area] = await Promise.all([deps.cache.get(deps.db), resolveArea(deps.db, user, query.area)]);
  const [facilities, children] = await Promise.all([
    sql.resourcesUnder(deps.db, user.areaPath, [RESOURCE_KIND[query.kind]]),
    sql.childAreas(deps.db, area.id),
  ]);
  const idx = subset(model, area.path);
  const dist = nearestFacilityDistance(metricOf(model), pointsOf(model, idx), project(model, facilities), radius);
  const byChild = new Map(children.map((c) => [c.path, [] as number[]]));
  const childDist = new Map(children.map((c) => [c.path, [] as number[]]));
  const cells = new Map<string, { n: number; points: number[] }>();
  idx.forEach((i, k) => {
    const rest = model.path[i].slice(area.path.length);
    const childPath = `${area.path}${rest.split('/')[0]}/`;
    byChild.get(childPath)?.push(i);
    childDist.get(childPath)?.push(dist[k]);
    if (dist[k] > radius) {
      const c = cells.get(model.hex[i]) ?? { n: 0, points: [] };
      c.n += model.e60[i];
      c.points.push(i);
      cells.set(model.hex[i], c);
    }
  });
  const disclose = await disclosureOf(deps.db);
  const uncoveredCells = [...cells]
    .filter(([, c]) => c.n >= MIN_CELL)
    .flatMap(([h3, c]) => {
      const uncovered = disclose.count(c.n, peopleKey(model, c.points, 'e60'));
      if (!uncovered) return [];
      const [lat, lon] = cellToLatLng(h3);
      return [{ h3, lon, lat, uncovered }];
    });
  return {
    kind: query.kind,
    radius,
    metric: model.graph ? 'network' : 'straight',
    area: { id: area.id, name: area.name, level: area.level },
    totals: publishedCoverage(disclose, model, idx, dist, radius, area.id),
    areas: children.map((c) => ({
      id: c.id,
      name: c.name,
      level: c.level,
      ...publishedCoverage(disclose, model, byChild.get(c.path)!, childDist.get(c.path)!, radius, c.id),
    })),
    facilities: facilities.map((f) => ({ id: f.id, name: f.name, lon: f.lon, lat: f.lat, capacity: f.capacity })),
    uncoveredCells,
  };
}

/** The demand cells (H3) the planner's map recomputes coverage over as sites are dragged; cells < MIN_CELL are left out. */
export async function demandCells(
  deps: SitingDeps,
  user: AuthUser,
  q: { area?: number; target: SitingTarget; kind: SitingKind; radius?: number; minutes?: number; speed?: number },
) {
  const radius = radiusOf(q);
  const [model, area] = await Promise.all([deps.cache.get(deps.db), resolveArea(deps.db, user, q.area)]);
  const facilities = await sql.resourcesUnder(deps.db, user.areaPath, [RESOURCE_KIND[q.kind]]);
  const idx = subset(model, area.path);
  const dist = nearestFacilityDistance(metricOf(model), pointsOf(model, idx), project(model, facilities), radius);
  const w = weightOf(model, q.target);
  // A cell counts as covered before when most of its elders are.
  const cells = new Map<string, { elders: number; covered: number; grids: Set<number> }>();
  idx.forEach((i, k) => {
    const c = cells.get(model.hex[i]) ?? { elders: 0, covered: 0, grids: new Set<number>() };
    c.elders += w[i];
    if (w[i] > 0) c.grids.add(gridIdOf(model.path[i]));
    if (dist[k] <= radius) c.covered += w[i];
    cells.set(model.hex[i], c);
  });
  const disclose = await disclosureOf(deps.db);
  let suppressed = 0;
  const out = [];
  for (const [h3, c] of cells) {
    // The hexagon's elders under the same key as elder density's (metric, cell, grids): the same figure as the map's.
    const elders =
      c.elders >= MIN_CELL ? disclose.count(c.elders, disclosureKey.cell(q.target, h3, [...c.grids])) : null;
    if (!elders) {
      if (c.elders > 0) suppressed++;
      continue;
    }
    const [lat, lon] = cellToLatLng(h3);
    out.push({ lon, lat, elders, coveredBefore: c.covered * 2 > c.elders });
  }
  return { radius, circuity: DEFAULT_CIRCUITY, cells: out, suppressed };
}
