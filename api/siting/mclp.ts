// 最大覆盖 Maximal covering location (MCLP, Church & ReVelle 1974): open p new sites to cover the
// most demand within the radius, existing facilities fixed. Uncapacitated: fast interchange in variable
// neighbourhood search with a Lagrangian bound (interchange.ts); capacitated: from there, swaps judged by maximum flow.
//
// Capacity (optional, per site): site j serves at most capacity[j] elders; an elder within reach of
// several open sites may be served by any of them (a transportation model), so the covered demand of
// a set is a maximum flow. Elders already within reach of an existing facility count as covered
// without drawing on the new sites' capacity.
import { FlowNetwork } from './max-flow.js';
import { type CappedProblem, cappedProblem } from './capped-problem.js';
import { orderBySaving, searchCapped } from './interchange.js';
import {
  checkSites,
  type CoverSets,
  coverSets,
  dropIdle,
  fixedDistOf,
  type HeuristicOptions,
  type HeuristicResult,
  ORDERING_RESERVE,
  type SitingProblem,
} from './problem.js';

export interface MclpInput extends SitingProblem {
  radius: number;
  p: number;
  capacity?: ArrayLike<number>;
}

/** 1 for each demand point a fixed facility already covers. */
function fixedCovered(input: MclpInput): Uint8Array {
  const fixed = new Uint8Array(input.table.nDemand);
  for (let i = 0; i < fixed.length; i++) fixed[i] = fixedDistOf(input, i) <= input.radius ? 1 : 0;
  return fixed;
}

/** Demand covered by the fixed facilities alone. */
export function mclpBaseline(input: MclpInput): number {
  let s = 0;
  for (let i = 0; i < input.table.nDemand; i++) if (fixedDistOf(input, i) <= input.radius) s += input.weight[i];
  return s;
}

/**
 * The objective of a site set, by definition: Σ w_i over demand points within the radius of a fixed
 * facility or of an open site (uncapacitated); with capacities, the baseline plus the maximum flow.
 */
export function mclpObjective(
  input: MclpInput,
  sites: readonly number[],
  cs = coverSets(input.table, input.radius),
): number {
  checkSites(input, sites);
  const n = input.table.nDemand;
  const fixed = fixedCovered(input);
  if (input.capacity) return mclpBaseline(input) + servedFlow(input, sites, cs, fixed);
  const covered = fixed.slice();
  for (const j of sites) for (let k = cs.start[j]; k < cs.start[j + 1]; k++) covered[cs.list[k]] = 1;
  let s = 0;
  for (let i = 0; i < n; i++) if (covered[i]) s += input.weight[i];
  return s;
}

function servedFlow(
  input: MclpInput,
  sites: readonly number[],
  cs: CoverSets,
  fixed: Uint8Array,
  perPoint?: Float64Array,
): number {
  const cap = input.capacity!;
  const local = new Map<number, number>();
  const edges: [number, number][] = [];
  sites.forEach((j, a) => {
    for (let k = cs.start[j]; k < cs.start[j + 1]; k++) {
      const i = cs.list[k];
      if (fixed[i] || input.weight[i] <= 0) continue;
      let v = local.get(i);
      if (v === undefined) local.set(i, (v = local.size));
      edges.push([a, v]);
    }
  });
  const S = sites.length + local.size;
  const T = S + 1;
  const net = new FlowNetwork(T + 1);
  sites.forEach((j, a) => net.addEdge(S, a, cap[j]));
  for (const [a, v] of edges) net.addEdge(a, sites.length + v, Infinity);
  const sink = new Map<number, number>();
  for (const [i, v] of local) sink.set(i, net.addEdge(sites.length + v, T, input.weight[i]));
  const total = net.maxFlow(S, T);
  if (perPoint) for (const [i, e] of sink) perPoint[i] = net.flowOn(e);
  return total;
}

/**
 * Demand served at each point by a site set: all of it where a fixed facility or (uncapacitated) an open site
 * covers it; with capacities, what the maximum flow sends there. Sums to mclpObjective.
 */
export function servedPerPoint(
  input: MclpInput,
  sites: readonly number[],
  cs = coverSets(input.table, input.radius),
): Float64Array {
  checkSites(input, sites);
  const n = input.table.nDemand;
  const fixed = fixedCovered(input);
  const out = new Float64Array(n);
  if (input.capacity) servedFlow(input, sites, cs, fixed, out);
  else
    for (const j of sites)
      for (let k = cs.start[j]; k < cs.start[j + 1]; k++) out[cs.list[k]] = input.weight[cs.list[k]];
  for (let i = 0; i < n; i++) if (fixed[i]) out[i] = input.weight[i];
  return out;
}

export type { HeuristicOptions } from './problem.js';

/** Demand points to cover by new sites: not covered by a fixed facility, with some weight. */
const toCover = (input: MclpInput, i: number) => fixedDistOf(input, i) > input.radius && input.weight[i] > 0;

/**
 * MCLP as the engine's capped form: a point left uncovered costs its weight (cap 1), a covering site costs
 * nothing (distance 0); points covered already cost nothing either way. The capped objective is the
 * weight left uncovered, so covered = baseline + Σ eligible weight − objective.
 */
export function mclpCapped(input: MclpInput, cs = coverSets(input.table, input.radius)): CappedProblem {
  const n = input.table.nDemand;
  const cap = Float64Array.from({ length: n }, (_, i) => (toCover(input, i) ? 1 : 0));
  return cappedProblem(n, input.table.nSites, input.weight, cap, (j, visit) => {
    for (let k = cs.start[j]; k < cs.start[j + 1]; k++) visit(cs.list[k], 0);
  });
}

/** A site set in the order each adds most, with what it adds; sites adding nothing are left out. */
export function orderMclp(
  input: MclpInput,
  sites: readonly number[],
  cs = coverSets(input.table, input.radius),
  deadline = Infinity,
  now: () => number = () => performance.now(),
) {
  checkSites(input, sites);
  if (!input.capacity) {
    const o = orderBySaving(mclpCapped(input, cs), sites);
    return dropIdle({ sites: o.sites, gains: o.savings }, 1e-9);
  }
  // Served demand is submodular (a transversal-polymatroid rank): lazy greedy, each step a maximum flow per
  // site re-evaluated; past the deadline the rest follow in order of what each could serve alone.
  const fixed = fixedCovered(input);
  const flow = (s: number[]) => servedFlow(input, s, cs, fixed);
  const ub = new Map<number, number>(sites.map((j) => [j, flow([j])]));
  const out: number[] = [];
  const gains: number[] = [];
  let cur = 0;
  while (ub.size > 0) {
    if (now() >= deadline) {
      for (const [j] of [...ub].sort((a, b) => b[1] - a[1] || a[0] - b[0])) {
        const v = flow([...out, j]);
        out.push(j);
        gains.push(v - cur);
        cur = v;
      }
      break;
    }
    const top = [...ub].reduce((a, b) => (b[1] > a[1] || (b[1] === a[1] && b[0] < a[0]) ? b : a));
    const v = flow([...out, top[0]]);
    ub.set(top[0], v - cur);
    if ([...ub].every(([j, u]) => j === top[0] || u <= v - cur)) {
      ub.delete(top[0]);
      out.push(top[0]);
      gains.push(v - cur);
      cur = v;
    }
  }
  // Gains need not come out non-increasing past the deadline: drop every site adding nothing.
  const keep = out.map((_, k) => gains[k] > 1e-9);
  return {
    sites: out.filter((_, k) => keep[k]),
    gains: gains.filter((_, k) => keep[k]),
    dropped: keep.filter((x) => !x).length,
  };
}

export function solveMclp(input: MclpInput, opts: HeuristicOptions = {}): HeuristicResult {
  const now = opts.now ?? (() => performance.now());
  const t0 = now();
  const budget = opts.timeBudgetMs ?? 10_000;
  const deadline = t0 + budget * (1 - ORDERING_RESERVE);
  const cs = coverSets(input.table, input.radius);
  const p = Math.min(input.p, input.table.nSites);
  const baseline = mclpBaseline(input);
  const pr = mclpCapped(input, cs);
  let eligible = 0;
  for (let i = 0; i < pr.n; i++) eligible += pr.weight[i] * pr.cap[i];
  // Uncapacitated: the engine, whose Lagrangian bound on the uncovered weight bounds the coverage from above.
  const r = searchCapped(pr, p, {
    deadline: input.capacity ? t0 + (deadline - t0) / 3 : deadline,
    now,
    seed: opts.seed,
    stallMs: opts.stallMs,
  });
  let bound = Number.isFinite(r.bound) ? baseline + eligible - r.bound : baseline + eligible;
  let sites = r.sites;
  let swaps = r.moves;
  if (input.capacity) {
    // Capacities only lower coverage; the p largest "serve alone" amounts bound it too.
    const alone = Array.from({ length: pr.m }, (_, j) => {
      let w = 0;
      for (let e = cs.start[j]; e < cs.start[j + 1]; e++) if (toCover(input, cs.list[e])) w += input.weight[cs.list[e]];
      return Math.min(w, input.capacity![j]);
    }).sort((a, b) => b - a);
    bound = Math.min(bound, baseline + alone.slice(0, p).reduce((a, b) => a + b, 0));
    const c = capacitated(input, cs, p, () => now() >= deadline, sites);
    sites = c.sites;
    swaps += c.swaps;
  }
  const seq = orderMclp(input, sites, cs, t0 + budget, now);
  const objective = mclpObjective(input, seq.sites, cs);
  return {
    sites: seq.sites,
    gains: seq.gains,
    objective,
    baseline,
    bound: Math.max(bound, objective),
    dropped: seq.dropped,
    swaps,
    ms: now() - t0,
  };
}

function capacitated(
  input: MclpInput,
  cs: CoverSets,
  p: number,
  outOfTime: () => boolean,
  start: readonly number[] = [],
): { sites: number[]; swaps: number } {
  const m = input.table.nSites;
  const fixed = fixedCovered(input);
  const flow = (s: number[]) => servedFlow(input, s, cs, fixed);
  // Served demand is a transversal-polymatroid rank (submodular), so lazy greedy is exact per step.
  const bound = new Float64Array(m);
  for (let k = 0; k < m; k++) {
    let w = 0;
    for (let e = cs.start[k]; e < cs.start[k + 1]; e++) if (!fixed[cs.list[e]]) w += input.weight[cs.list[e]];
    bound[k] = Math.min(w, input.capacity![k]);
  }
  const reach = bound.slice(); // what a site could serve on its own
  const open = new Uint8Array(m);
  const sites: number[] = [];
  let cur = 0;
  while (sites.length < p) {
    let best = -1;
    let bestV = cur;
    for (;;) {
      let top = -1;
      for (let k = 0; k < m; k++) if (!open[k] && (top < 0 || bound[k] > bound[top])) top = k;
      if (top < 0) break;
      const v = flow([...sites, top]);
      bound[top] = v - cur;
      let still = true;
      for (let k = 0; k < m; k++)
        if (!open[k] && k !== top && bound[k] > bound[top]) {
          still = false;
          break;
        }
      if (still) {
        best = top;
        bestV = v;
        break;
      }
    }
    if (best < 0) break;
    open[best] = 1;
    sites.push(best);
    cur = bestV;
  }
  // The uncapacitated answer may serve more: swap from the better of the two.
  if (start.length === sites.length) {
    const v = flow([...start]);
    if (v > cur + 1e-9) {
      for (const j of sites) open[j] = 0;
      sites.splice(0, sites.length, ...start);
      for (const j of sites) open[j] = 1;
      cur = v;
    }
  }
  let swaps = 0;
  let improved = true;
  while (improved && !outOfTime()) {
    improved = false;
    for (let k = 0; k < m && !outOfTime(); k++) {
      if (open[k] || reach[k] <= 0) continue;
      for (let a = 0; a < sites.length; a++) {
        const trial = sites.slice();
        trial[a] = k;
        const v = flow(trial);
        if (v > cur + 1e-9) {
          open[sites[a]] = 0;
          open[k] = 1;
          sites[a] = k;
          cur = v;
          swaps++;
          improved = true;
          break;
        }
      }
    }
  }
  return { sites, swaps };
}
