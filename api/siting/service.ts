// The optimizer for an area: candidates, walking distances, the heuristic for the model asked for, the exact
// check off the event loop, and coverage before / after; returns sites with their marginal gains. Counts of elders
// are published as everywhere (api/population/disclosure.ts): coverage before / after, each site's reach and the
// covered count after each site withheld under 10 or rounded to base 10, gains the differences of the rounded
// running totals — so a site placed over one hexagon does not tell its count.
import { cellToLatLng } from 'h3-js';
import { type OptimizeRequest, type OptimizeResult, OptimizeRequest as OptimizeRequestSchema } from '../../contract/siting.js';
import type { AuthUser } from '../auth/session.js';
import type { Queryable } from '../db/index.js';
import { Invalid } from '../http/errors.js';
import {
  FAR_FACTOR,
  MAX_CANDIDATES,
  peopleKey,
  publishedCoverage,
  metricOf,
  pointsOf,
  project,
  PUBLIC_KINDS,
  radiusOf,
  RESOURCE_KIND,
  resolveArea,
  type SitingDeps,
  subset,
  weightOf,
} from './area-scope.js';
import type { CityModel } from './city-model.js';
import { distanceTable, nearestFacilityDistance } from './distance-table.js';
import { gapTo } from './exact.js';
import { solveExact } from './exact-off-thread.js';
import { mclpObjective, solveMclp } from './mclp.js';
import { solvePmedian } from './pmedian.js';
import { sequence } from './problem.js';
import { disclosureOf } from '../population/queries.js';
import * as sql from './queries.js';
import { solveSetCover } from './set-cover.js';

interface Candidate {
  lon: number;
  lat: number;
  label: string;
}

async function candidatesFor(q: Queryable, model: CityModel, area: sql.AreaRef, req: OptimizeRequestParsed, idx: number[]): Promise<Candidate[]> {
  const c = req.candidates;
  if (c.type === 'public') {
    const rows = await sql.resourcesUnder(q, area.path, PUBLIC_KINDS.filter((k) => k !== RESOURCE_KIND[req.kind]));
    return rows.map((r) => ({ lon: r.lon, lat: r.lat, label: r.name }));
  }
  if (c.type === 'hex') {
    const w = weightOf(model, req.target);
    const cells = new Set<string>();
    for (const i of idx) if (w[i] > 0) cells.add(model.hex[i]);
    return [...cells].sort().map((h3) => {
      const [lat, lon] = cellToLatLng(h3);
      return { lon, lat, label: h3 };
    });
  }
  const inside = await sql.pointsInArea(q, area.id, c.points.map((p) => p.lon), c.points.map((p) => p.lat));
  const bad = inside.map((ok, k) => (ok ? -1 : k)).filter((k) => k >= 0);
  if (bad.length) {
    throw new Invalid(
      `第 ${bad.slice(0, 5).map((k) => k + 1).join('、')} 个候选点不在${area.name}内 / candidate point ${bad.slice(0, 5).map((k) => k + 1).join(', ')} lies outside ${area.name}`,
      { outside: bad },
    );
  }
  return c.points.map((p, k) => ({ lon: p.lon, lat: p.lat, label: `#${k + 1}` }));
}

type OptimizeRequestParsed = ReturnType<typeof OptimizeRequestSchema.parse>;

export async function optimize(deps: SitingDeps, user: AuthUser, raw: OptimizeRequest): Promise<OptimizeResult> {
  const req = OptimizeRequestSchema.parse(raw);
  const radius = radiusOf(req);
  const far = FAR_FACTOR * radius;
  const [model, area] = await Promise.all([deps.cache.get(deps.db), resolveArea(deps.db, user, req.area)]);
  if (req.model === 'manual' && req.candidates.type !== 'points') throw new Invalid('手工方案需给出站点坐标 / a manual scenario needs candidates of type "points"');
  const idx = subset(model, area.path);
  const cands = await candidatesFor(deps.db, model, area, req, idx);
  if (cands.length === 0) throw new Invalid(`${area.name}内没有可用的候选点 / no candidate sites in ${area.name}`);
  if (cands.length > MAX_CANDIDATES) throw new Invalid(`候选点 ${cands.length} 个，超过 ${MAX_CANDIDATES} / ${cands.length} candidates, more than ${MAX_CANDIDATES}: choose a smaller area`);
  const facilities = await sql.resourcesUnder(deps.db, user.areaPath, [RESOURCE_KIND[req.kind]]);
  const metric = metricOf(model);
  const demandPts = pointsOf(model, idx);
  const fixedDist = nearestFacilityDistance(metric, demandPts, project(model, facilities), far);
  const table = distanceTable(metric, demandPts, project(model, cands), req.model === 'pmedian' ? far : radius);
  const wAll = weightOf(model, req.target);
  const weight = Float64Array.from(idx, (i) => wAll[i]);
  const base = { weight, table, fixedDist };
  const p = Math.min(req.p, cands.length);
  const capacity = req.capacity ? new Float64Array(cands.length).fill(req.capacity) : undefined;
  const limit = { timeLimitS: deps.exactTimeLimitS ?? 30 };

  let sites: number[];
  let gains: number[];
  let objective: number;
  let heuristic = { ms: 0, swaps: 0 };
  let exact: OptimizeResult['exact'] = null;
  const toLonLat = (s: number[]) => s.map((j) => ({ lon: cands[j].lon, lat: cands[j].lat }));
  if (req.model === 'mclp' || req.model === 'manual') {
    const input = { ...base, radius, p, capacity: req.model === 'mclp' ? capacity : undefined };
    if (req.model === 'manual') {
      const all = cands.map((_, j) => j);
      const seq = sequence(all, (s) => mclpObjective(input, s), true);
      [sites, gains, objective] = [seq.sites, seq.gains, mclpObjective(input, all)];
    } else {
      const h = solveMclp(input);
      [sites, gains, objective, heuristic] = [h.sites, h.gains, h.objective, { ms: h.ms, swaps: h.swaps }];
      if (req.exact) {
        const e = await solveExact({ model: 'mclp', input, options: limit });
        exact = { ...e, gap: gapTo(e.optimal ? e.objective : e.bound, objective, true), sites: toLonLat(e.sites) };
      }
    }
  } else if (req.model === 'pmedian') {
    const input = { ...base, p, farDistance: far };
    const h = solvePmedian(input);
    [sites, gains, objective, heuristic] = [h.sites, h.gains, h.objective, { ms: h.ms, swaps: h.swaps }];
    if (req.exact) {
      const e = await solveExact({ model: 'pmedian', input, options: limit });
      exact = { ...e, gap: gapTo(e.optimal ? e.objective : e.bound, objective, false), sites: toLonLat(e.sites) };
    }
  } else {
    const input = { ...base, radius };
    const h = solveSetCover(input);
    [sites, gains, objective, heuristic] = [h.sites, h.weightGains, h.sites.length, { ms: h.ms, swaps: 0 }];
    if (req.exact) {
      const e = await solveExact({ model: 'setcover', input, options: limit });
      exact = { ...e, gap: gapTo(e.optimal ? e.objective : e.bound, objective, false), sites: toLonLat(e.sites) };
    }
  }

  const chosenDist = nearestFacilityDistance(metric, demandPts, project(model, toLonLat(sites)), far);
  const afterDist = Float64Array.from(fixedDist, (d, k) => Math.min(d, chosenDist[k]));
  const meanDistance = (d: ArrayLike<number>) => {
    let s = 0;
    let wsum = 0;
    for (let k = 0; k < weight.length; k++) {
      s += weight[k] * Math.min(d[k], far);
      wsum += weight[k];
    }
    return wsum > 0 ? s / wsum : 0;
  };
  const disclose = await disclosureOf(deps.db);
  // Every count of elders under the key of the people it counts (area-scope.ts, peopleKey).
  const before = publishedCoverage(disclose, model, idx, fixedDist, radius, area.id);
  const after = publishedCoverage(disclose, model, idx, afterDist, radius, area.id);
  const countsElders = req.model !== 'pmedian';
  const target = weightOf(model, req.target);
  const withinReach = (j: number) => {
    const out: number[] = [];
    for (let k = table.start[j]; k < table.start[j + 1]; k++) if (table.dist[k] <= radius) out.push(table.demand[k]);
    return out;
  };
  /** Published covered count of the target with the fixed facilities and the given sites open (positions in idx). */
  const coveredWith = (opened: number[]) => {
    const on = idx.map((_, k) => fixedDist[k] <= radius);
    for (const j of opened) for (const k of withinReach(j)) on[k] = true;
    const points = idx.filter((_, k) => on[k]);
    return disclose.count(points.reduce((s, i) => s + target[i], 0), peopleKey(model, points, req.target)) ?? 0;
  };
  // A site's gain: the step between the published covered counts before and after it (they telescope to after − before).
  const steps = countsElders ? [before[req.target].covered ?? 0, ...sites.map((_, k) => (k + 1 === sites.length ? (after[req.target].covered ?? 0) : coveredWith(sites.slice(0, k + 1))))] : [];
  const reachPublished = (j: number) => {
    const points = withinReach(j).map((k) => idx[k]);
    return disclose.count(points.reduce((s, i) => s + target[i], 0), peopleKey(model, points, req.target)) ?? 0;
  };
  if (countsElders && req.model === 'mclp' && exact) {
    const byPlace = new Map(cands.map((c, j) => [`${c.lon},${c.lat}`, j]));
    const opened = exact.sites.flatMap((p) => { const j = byPlace.get(`${p.lon},${p.lat}`); return j === undefined ? [] : [j]; });
    // the exact objective honours capacities: its own count, under the key of the people within reach of its sites
    const on = idx.map((_, k) => fixedDist[k] <= radius);
    for (const j of opened) for (const k of withinReach(j)) on[k] = true;
    const key = `${peopleKey(model, idx.filter((_, k) => on[k]), req.target)}:exact`;
    exact = { ...exact, objective: disclose.count(exact.objective, key) ?? 0, bound: Math.round(exact.bound / 10) * 10 };
  }
  // p-median: elder·metres to 10,000, so that with the mean walk they do not give the number of elders back.
  const elderMetres = (x: number) => Math.round(x / 10_000) * 10_000;
  if (req.model === 'pmedian' && exact) exact = { ...exact, objective: elderMetres(exact.objective), bound: elderMetres(exact.bound) };
  if (req.model === 'mclp' || req.model === 'manual') objective = after[req.target].covered ?? 0;
  // Mean walks to whole metres: with the objective (elder·metres) they would give the exact number of elders back.
  const round1 = (x: number) => Math.round(x);
  return {
    model: req.model,
    kind: req.kind,
    target: req.target,
    radius,
    metric: model.graph ? 'network' : 'straight',
    area: { id: area.id, name: area.name },
    demandPoints: idx.length,
    candidateCount: cands.length,
    capacity: req.model === 'mclp' ? (req.capacity ?? null) : null,
    farDistance: far,
    sites: sites.map((j, k) => ({
      rank: k + 1, lon: cands[j].lon, lat: cands[j].lat, label: cands[j].label,
      gain: countsElders ? steps[k + 1] - steps[k] : elderMetres(gains[k]),
      reach: reachPublished(j),
    })),
    before: { ...before, meanDistance: round1(meanDistance(fixedDist)) },
    after: { ...after, meanDistance: round1(meanDistance(afterDist)) },
    objective: req.model === 'pmedian' ? elderMetres(objective) : objective,
    heuristic,
    exact,
  };
}
