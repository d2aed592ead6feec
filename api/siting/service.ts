// The optimizer for an area: candidates, walking distances, the heuristic for the model asked for, the exact
// check off the event loop, and coverage before / after; returns sites with their marginal gains. Counts of elders
// are published as everywhere (api/population/disclosure.ts): coverage before / after, each site's reach, the
// covered count after each site, the heuristic's and the exact solver's objectives and bounds withheld under 10 or
// rounded to base 10 (p-median elder·metres to 10,000), gains the differences of the rounded running totals — so a
// site placed over one hexagon does not tell its count.
import { cellToLatLng } from 'h3-js';
import {
  type OptimizeRequest,
  type OptimizeResult,
  OptimizeRequest as OptimizeRequestSchema,
  type Verdict,
} from '../../contract/siting.js';
import type { AuthUser } from '../auth/session.js';
import type { Queryable } from '../db/index.js';
import { Invalid } from '../http/errors.js';
import { disclosureOf } from '../population/queries.js';
import {
  type CountedCoverage,
  FAR_FACTOR,
  groupCoverage,
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
import type { ExactJob } from './exact-off-thread.js';
import { orderBySaving } from './interchange.js';
import { mclpCapped, mclpObjective, orderMclp, servedPerPoint, solveMclp } from './mclp.js';
import { orderPmedian, solvePmedian } from './pmedian.js';
import { coverSets } from './problem.js';
import * as sql from './queries.js';
import { judge } from './verdict.js';
import { orderSetCover, solveSetCover } from './set-cover.js';
import { m } from '../../contract/messages/index.js';

/** The heuristic's whole time in a request, ordering the sites included (ms). */
export const HEURISTIC_BUDGET_MS = 10_000;
/** A request's search stops after this long without improving (its bound still says how good the answer is). */
export const STALL_MS = 2_000;

/**
 * Coverage after, under capacities: a cell covered by a fixed facility counts whole; otherwise the share the
 * new sites serve of its target elders (served_k / weight_k) applies to each group of the cell.
 */
function servedCoverage(
  model: CityModel,
  idx: number[],
  fixedDist: ArrayLike<number>,
  radius: number,
  served: Float64Array,
  weight: Float64Array,
): CountedCoverage {
  const g = groupCoverage(model, idx, fixedDist, radius);
  const add = { e60: 0, e80: 0, alone: 0 };
  idx.forEach((i, k) => {
    if (fixedDist[k] <= radius || !(weight[k] > 0) || !(served[k] > 0)) return;
    const share = Math.min(1, served[k] / weight[k]);
    add.e60 += model.e60[i] * share;
    add.e80 += model.e80[i] * share;
    add.alone += model.alone[i] * share;
  });
  // Rounded to a millionth, against floating-point noise in the shares.
  for (const k of ['e60', 'e80', 'alone'] as const) g[k].covered += Math.round(add[k] * 1e6) / 1e6;
  return g;
}

interface Candidate {
  lon: number;
  lat: number;
  label: string;
}

async function candidatesFor(
  q: Queryable,
  model: CityModel,
  area: sql.AreaRef,
  req: OptimizeRequestParsed,
  idx: number[],
): Promise<Candidate[]> {
  const c = req.candidates;
  if (c.type === 'public') {
    const rows = await sql.resourcesUnder(
      q,
      area.path,
      PUBLIC_KINDS.filter((k) => k !== RESOURCE_KIND[req.kind]),
    );
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
  const inside = await sql.pointsInArea(
    q,
    area.id,
    c.points.map((p) => p.lon),
    c.points.map((p) => p.lat),
  );
  const bad = inside.map((ok, k) => (ok ? -1 : k)).filter((k) => k >= 0);
  if (bad.length) {
    throw new Invalid(
      m('siting.candidatesOutside', {
        points: bad
          .slice(0, 5)
          .map((k) => k + 1)
          .join(', '),
        area: area.name,
      }),
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
  if (req.model === 'manual' && req.candidates.type !== 'points') throw new Invalid(m('siting.manualNeedsPoints'));
  const idx = subset(model, area.path);
  const cands = await candidatesFor(deps.db, model, area, req, idx);
  if (cands.length === 0) throw new Invalid(m('siting.noCandidates', { area: area.name }));
  if (cands.length > MAX_CANDIDATES)
    throw new Invalid(m('siting.tooManyCandidates', { count: cands.length, max: MAX_CANDIDATES }));
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
  const limit = { timeLimitS: deps.exactTimeLimitS ?? 30, maxNonzeros: deps.exactMaxNonzeros };
  const hopts = { timeBudgetMs: deps.heuristicBudgetMs ?? HEURISTIC_BUDGET_MS, seed: 1, stallMs: STALL_MS };
  const toLonLat = (s: number[]) => s.map((j) => ({ lon: cands[j].lon, lat: cands[j].lat }));

  let sites: number[];
  let gains: number[];
  let objective: number;
  let heuristic: OptimizeResult['heuristic'] = { ms: 0, swaps: 0, objective: null };
  let exact: OptimizeResult['exact'] = null;
  let verdict: Verdict;
  let served: Float64Array | null = null;
  /**
   * The answer: the heuristic's unless the exact incumbent is strictly better; the bound: the tighter of the
   * Lagrangian one and the exact solver's; the gap: the answer's to that bound.
   */
  const settle = async (
    job: ExactJob,
    h: { sites: number[]; gains: number[]; objective: number; bound: number | null; dropped: number },
    maximise: boolean,
    order: (s: number[]) => { sites: number[]; gains: number[]; dropped: number },
  ) => {
    const e = req.exact ? await deps.exact.run(job) : null;
    const j = judge(h, e, maximise);
    const answer = j.foundBy === 'exact' ? order(e!.sites) : h;
    if (e) {
      exact = {
        status: e.status,
        optimal: e.optimal,
        objective: e.objective,
        bound: e.bound,
        gap: j.exactGap,
        solverStatus: e.solverStatus,
        nonzeros: e.nonzeros,
        ms: e.ms,
        sites: toLonLat(e.sites),
      };
    }
    verdict = {
      foundBy: j.foundBy,
      proof: j.proof,
      bound: j.bound,
      boundBy: j.boundBy,
      gap: j.gap,
      dropped: answer.dropped,
    };
    [sites, gains, objective] = [answer.sites, answer.gains, j.objective];
  };
  if (req.model === 'manual') {
    const input = { ...base, radius, p };
    const all = cands.map((_, j) => j);
    const o = orderBySaving(mclpCapped(input), all);
    [sites, gains, objective] = [o.sites, o.savings, mclpObjective(input, all)];
    verdict = { foundBy: 'given', proof: 'unknown', bound: null, boundBy: null, gap: null, dropped: 0 };
  } else if (req.model === 'mclp') {
    const input = { ...base, radius, p, capacity };
    const h = solveMclp(input, hopts);
    heuristic = { ms: h.ms, swaps: h.swaps, objective: h.objective };
    const cs = coverSets(table, radius);
    await settle({ model: 'mclp', input, options: limit }, h, true, (s) => orderMclp(input, s, cs));
    if (capacity) served = servedPerPoint(input, sites!, cs);
  } else if (req.model === 'pmedian') {
    const input = { ...base, p, farDistance: far };
    const h = solvePmedian(input, hopts);
    heuristic = { ms: h.ms, swaps: h.swaps, objective: h.objective };
    await settle({ model: 'pmedian', input, options: limit }, h, false, (s) => orderPmedian(input, s));
  } else {
    const input = { ...base, radius };
    const h = solveSetCover(input, hopts);
    heuristic = { ms: h.ms, swaps: 0, objective: h.sites.length };
    await settle(
      { model: 'setcover', input, options: limit },
      { sites: h.sites, gains: h.weightGains, objective: h.sites.length, bound: h.bound, dropped: h.dropped },
      false,
      (s) => {
        const o = orderSetCover(input, s);
        return { sites: o.sites, gains: o.weightGains, dropped: o.dropped };
      },
    );
  }
  sites = sites!;
  gains = gains!;
  objective = objective!;

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
  const target = weightOf(model, req.target);
  const withinReach = (j: number) => {
    const out: number[] = [];
    for (let k = table.start[j]; k < table.start[j + 1]; k++) if (table.dist[k] <= radius) out.push(table.demand[k]);
    return out;
  };
  /** A count of the target group among the demand points (positions in idx), published under the key of those people. */
  const publishedAmong = (on: boolean[]) => {
    const points = idx.filter((_, k) => on[k]);
    return disclose.count(
      points.reduce((s, i) => s + target[i], 0),
      peopleKey(model, points, req.target),
    );
  };
  const reachedBy = (opened: number[]) => {
    const on = idx.map((_, k) => fixedDist[k] <= radius);
    for (const j of opened) for (const k of withinReach(j)) on[k] = true;
    return on;
  };
  // Every count of elders under the key of the people it counts (area-scope.ts, peopleKey).
  const before = publishedCoverage(disclose, model, idx, fixedDist, radius, area.id);
  let after = publishedCoverage(disclose, model, idx, afterDist, radius, area.id);
  if (served) {
    // With capacities the new sites serve only what they can: "after" is the served share of each cell, published
    // under the key of the people within reach and the served amount.
    const raw = servedCoverage(model, idx, fixedDist, radius, served, weight);
    const on = reachedBy(sites);
    const points = idx.filter((_, k) => on[k]);
    after = { ...after };
    for (const grp of ['e60', 'e80', 'alone'] as const) {
      after[grp] = {
        ...after[grp],
        covered: disclose.count(Math.round(raw[grp].covered), `${peopleKey(model, points, grp)}:served`),
      };
    }
  }
  const countsElders = req.model !== 'pmedian';
  /** Published covered count of the target with the fixed facilities and the given sites open. */
  const coveredWith = (opened: number[]) => publishedAmong(reachedBy(opened)) ?? 0;
  // A site's gain: the step between the published covered counts before and after it (they telescope to after − before).
  const steps = countsElders
    ? [
        before[req.target].covered ?? 0,
        ...sites.map((_, k) =>
          k + 1 === sites.length ? (after[req.target].covered ?? 0) : coveredWith(sites.slice(0, k + 1)),
        ),
      ]
    : [];
  const reachPublished = (j: number) => {
    const on = idx.map(() => false);
    for (const k of withinReach(j)) on[k] = true;
    return publishedAmong(on) ?? 0;
  };
  // p-median: elder·metres to 10,000, so that with the mean walk they do not give the number of elders back.
  const elderMetres = (x: number) => Math.round(x / 10_000) * 10_000;
  // Objectives and bounds are counts of elders (MCLP) or elder·metres (p-median), coarsened like every count, since a
  // proven optimum's bound equals its objective. Set covering counts sites, which tell no one's number.
  const answer = objective;
  if (req.model === 'mclp' || req.model === 'manual') objective = after[req.target].covered ?? 0;
  const sameAsAnswer = (x: number) => Math.abs(x - answer) < 1e-6;
  /**
   * MCLP counts elders, maximised: a figure equal to the answer is published as the answer is (so equal numbers stay
   * equal); a lower one (an incumbent or the heuristic's, when the other found the answer) is rounded and kept at or
   * below it; a bound is rounded and kept at or above it — so the published figures keep their order and the gap.
   */
  const published = (x: number | null, side: 'below' | 'above') => {
    if (x === null) return null;
    if (req.model === 'pmedian') return elderMetres(x);
    if (req.model === 'setcover') return x;
    if (sameAsAnswer(x)) return objective;
    const tens = Math.round(x / 10) * 10;
    return side === 'below' ? Math.min(tens, objective) : Math.max(tens, objective);
  };
  const ex = exact as OptimizeResult['exact'];
  if (ex) exact = { ...ex, objective: published(ex.objective, 'below'), bound: published(ex.bound, 'above') };
  verdict = { ...verdict!, bound: published(verdict!.bound, req.model === 'mclp' ? 'above' : 'below') };
  heuristic = { ...heuristic, objective: published(heuristic.objective, 'below') };
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
      rank: k + 1,
      lon: cands[j].lon,
      lat: cands[j].lat,
      label: cands[j].label,
      gain: countsElders ? steps[k + 1] - steps[k] : elderMetres(gains[k]),
      reach: reachPublished(j),
    })),
    before: { ...before, meanDistance: round1(meanDistance(fixedDist)) },
    after: { ...after, meanDistance: round1(meanDistance(afterDist)) },
    objective: req.model === 'pmedian' ? elderMetres(objective) : objective,
    verdict: verdict!,
    heuristic,
    exact,
  };
}
