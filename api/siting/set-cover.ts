// 集合覆盖 Location set covering (Toregas et al. 1971): the fewest new sites such that every demand
// point that some candidate can reach within the radius, and no existing facility already covers,
// is covered. Greedy (most newly covered points), dropping redundant sites, then the interchange search for a
// cover with one site fewer while a Lagrangian bound leaves room for one.
import { cappedProblem } from './capped-problem.js';
import { searchCapped } from './interchange.js';
import {
  checkSites,
  type CoverSets,
  coverSets,
  coveringSites,
  fixedDistOf,
  type HeuristicOptions,
  ORDERING_RESERVE,
  type SitingProblem,
} from './problem.js';

export interface SetCoverInput extends SitingProblem {
  radius: number;
}

/** Demand points (weight > 0) that must be covered: not covered by a fixed facility, reachable by a candidate. */
export function pointsToCover(input: SetCoverInput, cs = coverSets(input.table, input.radius)): number[] {
  const by = coveringSites(cs, input.table.nDemand);
  const out: number[] = [];
  for (let i = 0; i < input.table.nDemand; i++) {
    if (input.weight[i] > 0 && fixedDistOf(input, i) > input.radius && by.start[i + 1] > by.start[i]) out.push(i);
  }
  return out;
}

/** The points of pointsToCover that the site set leaves uncovered (empty for a feasible cover). */
export function uncoveredBy(
  input: SetCoverInput,
  sites: readonly number[],
  cs = coverSets(input.table, input.radius),
): number[] {
  checkSites(input, sites);
  const covered = new Uint8Array(input.table.nDemand);
  for (const j of sites) for (let k = cs.start[j]; k < cs.start[j + 1]; k++) covered[cs.list[k]] = 1;
  return pointsToCover(input, cs).filter((i) => !covered[i]);
}

export interface SetCoverResult {
  sites: number[];
  /** A proven lower bound on the fewest sites (Lagrangian), so sites.length − bound is the most that could be saved. */
  bound: number;
  /** Points each site newly covers, in order. */
  gains: number[];
  /** Weight covered by each site in order (its marginal elders). */
  weightGains: number[];
  /** Sites covering nothing new, left out. */
  dropped: number;
  ms: number;
}

/**
 * Lagrangian lower bound on the fewest sites: relaxing Σ_{j covers i} y_j ≥ 1 with u_i ≥ 0 gives
 * L(u) = Σ u_i + Σ_j min(0, 1 − Σ_{i ∈ cover(j)} u_i), improved by subgradient steps; rounded up.
 */
export function setCoverBound(
  cs: CoverSets,
  need: readonly number[],
  m: number,
  upper: number,
  outOfTime: () => boolean,
  maxIter = 2000,
): number {
  if (need.length === 0) return 0;
  const n = cs.list.reduce((a, b) => Math.max(a, b + 1), 0);
  const u = new Float64Array(n);
  const must = new Uint8Array(n);
  for (const i of need) must[i] = 1;
  // Start: each point's share of its most covering site.
  for (let j = 0; j < m; j++) {
    let c = 0;
    for (let e = cs.start[j]; e < cs.start[j + 1]; e++) if (must[cs.list[e]]) c++;
    for (let e = cs.start[j]; e < cs.start[j + 1]; e++)
      if (must[cs.list[e]]) u[cs.list[e]] = Math.max(u[cs.list[e]], c > 0 ? 1 / c : 0);
  }
  const y = new Uint8Array(m);
  const cov = new Int32Array(n);
  let best = 1;
  let theta = 2;
  let stall = 0;
  for (let it = 0; it < maxIter && !outOfTime(); it++) {
    let L = 0;
    for (const i of need) L += u[i];
    for (let j = 0; j < m; j++) {
      let s = 0;
      for (let e = cs.start[j]; e < cs.start[j + 1]; e++) if (must[cs.list[e]]) s += u[cs.list[e]];
      y[j] = s > 1 ? 1 : 0;
      if (y[j]) L += 1 - s;
    }
    if (L > best + 1e-9) {
      best = L;
      stall = 0;
    } else if (++stall >= 25) {
      theta /= 2;
      stall = 0;
    }
    if (Math.ceil(best - 1e-7) >= upper || theta < 1e-5) break;
    cov.fill(0);
    for (let j = 0; j < m; j++) if (y[j]) for (let e = cs.start[j]; e < cs.start[j + 1]; e++) cov[cs.list[e]]++;
    let norm = 0;
    for (const i of need) {
      const g = 1 - cov[i];
      if (!(g < 0 && u[i] <= 0)) norm += g * g;
    }
    if (norm === 0) break;
    const step = (theta * Math.max(upper - L, 1e-6)) / norm;
    for (const i of need) u[i] = Math.max(0, u[i] + step * (1 - cov[i]));
  }
  return Math.min(upper, Math.ceil(best - 1e-7));
}

export function solveSetCover(input: SetCoverInput, opts: HeuristicOptions = {}): SetCoverResult {
  const now = opts.now ?? (() => performance.now());
  const t0 = now();
  const deadline = t0 + (opts.timeBudgetMs ?? 10_000) * (1 - ORDERING_RESERVE);
  const cs: CoverSets = coverSets(input.table, input.radius);
  const needList = pointsToCover(input, cs);
  const need = new Uint8Array(input.table.nDemand);
  for (const i of needList) need[i] = 1;
  const m = input.table.nSites;
  const cnt = new Int32Array(input.table.nDemand);
  const open = new Uint8Array(m);
  let sites: number[] = [];
  const newly = (k: number) => {
    let c = 0;
    let wsum = 0;
    for (let e = cs.start[k]; e < cs.start[k + 1]; e++)
      if (need[cs.list[e]] && cnt[cs.list[e]] === 0) {
        c++;
        wsum += input.weight[cs.list[e]];
      }
    return [c, wsum];
  };
  for (;;) {
    let pick = -1;
    let bestC = 0;
    let bestW = -1;
    for (let k = 0; k < m; k++) {
      if (open[k]) continue;
      const [c, wsum] = newly(k);
      if (c > bestC || (c === bestC && c > 0 && wsum > bestW)) [pick, bestC, bestW] = [k, c, wsum];
    }
    if (pick < 0) break;
    open[pick] = 1;
    sites.push(pick);
    for (let e = cs.start[pick]; e < cs.start[pick + 1]; e++) cnt[cs.list[e]]++;
  }
  // Drop sites whose points are all covered twice, last-picked first (the least useful).
  for (let a = sites.length - 1; a >= 0; a--) {
    const j = sites[a];
    let redundant = true;
    for (let e = cs.start[j]; e < cs.start[j + 1]; e++)
      if (need[cs.list[e]] && cnt[cs.list[e]] < 2) {
        redundant = false;
        break;
      }
    if (redundant) {
      for (let e = cs.start[j]; e < cs.start[j + 1]; e++) cnt[cs.list[e]]--;
      sites = sites.filter((s) => s !== j);
    }
  }
  // Fewer sites: the bound says how few could do; the search (uncovered points, each 1) tries one fewer at a time.
  const bound = setCoverBound(cs, needList, m, sites.length, () => now() >= t0 + (deadline - t0) / 5);
  if (sites.length > bound) {
    const n = input.table.nDemand;
    const pr = cappedProblem(n, m, Float64Array.from(need), Float64Array.from(need), (j, visit) => {
      for (let e = cs.start[j]; e < cs.start[j + 1]; e++) visit(cs.list[e], 0);
    });
    let seed = opts.seed ?? 1;
    while (sites.length > bound && now() < deadline) {
      const r = searchCapped(pr, sites.length - 1, {
        deadline,
        now,
        seed: seed++,
        noBound: true,
        target: 0,
        start: sites.slice(0, sites.length - 1),
        stallMs: opts.stallMs,
      });
      if (r.objective > 0) break;
      sites = r.sites;
    }
  }
  return { ...orderSetCover(input, sites, cs), bound, ms: now() - t0 };
}

/**
 * A cover in greedy order of the points each newly covers (ties: elders), with those counts and elders; sites
 * covering nothing new are left out (they are redundant).
 */
export function orderSetCover(
  input: SetCoverInput,
  sites: readonly number[],
  cs = coverSets(input.table, input.radius),
): { sites: number[]; gains: number[]; weightGains: number[]; dropped: number } {
  checkSites(input, sites);
  const need = new Uint8Array(input.table.nDemand);
  for (const i of pointsToCover(input, cs)) need[i] = 1;
  const cnt = new Int32Array(input.table.nDemand);
  const newly = (k: number) => {
    let c = 0;
    let wsum = 0;
    for (let e = cs.start[k]; e < cs.start[k + 1]; e++)
      if (need[cs.list[e]] && cnt[cs.list[e]] === 0) {
        c++;
        wsum += input.weight[cs.list[e]];
      }
    return [c, wsum];
  };
  const left = [...sites];
  const ordered: number[] = [];
  const gains: number[] = [];
  const weightGains: number[] = [];
  let dropped = 0;
  while (left.length > 0) {
    let bk = 0;
    let bv = [-1, -1];
    left.forEach((j, k) => {
      const v = newly(j);
      if (v[0] > bv[0] || (v[0] === bv[0] && v[1] > bv[1])) [bk, bv] = [k, v];
    });
    const j = left.splice(bk, 1)[0];
    if (bv[0] <= 0) {
      dropped++;
      continue;
    }
    ordered.push(j);
    gains.push(bv[0]);
    weightGains.push(bv[1]);
    for (let e = cs.start[j]; e < cs.start[j + 1]; e++) cnt[cs.list[e]]++;
  }
  return { sites: ordered, gains, weightGains, dropped };
}
