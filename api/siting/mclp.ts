// 最大覆盖 Maximal covering location (MCLP, Church & ReVelle 1974): open p new sites to cover the
// most demand within the radius, existing facilities fixed. Greedy, then Teitz–Bart vertex swaps.
//
// Capacity (optional, per site): site j serves at most capacity[j] elders; an elder within reach of
// several open sites may be served by any of them (a transportation model), so the covered demand of
// a set is a maximum flow. Elders already within reach of an existing facility count as covered
// without drawing on the new sites' capacity.
import { FlowNetwork } from './max-flow.js';
import { checkSites, type CoverSets, coverSets, fixedDistOf, type HeuristicResult, sequence, type SitingProblem } from './problem.js';

export interface MclpInput extends SitingProblem {
  radius: number;
  p: number;
  capacity?: ArrayLike<number>;
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
export function mclpObjective(input: MclpInput, sites: readonly number[], cs = coverSets(input.table, input.radius)): number {
  checkSites(input, sites);
  const n = input.table.nDemand;
  const fixed = new Uint8Array(n);
  for (let i = 0; i < n; i++) fixed[i] = fixedDistOf(input, i) <= input.radius ? 1 : 0;
  if (input.capacity) return mclpBaseline(input) + servedFlow(input, sites, cs, fixed);
  const covered = fixed.slice();
  for (const j of sites) for (let k = cs.start[j]; k < cs.start[j + 1]; k++) covered[cs.list[k]] = 1;
  let s = 0;
  for (let i = 0; i < n; i++) if (covered[i]) s += input.weight[i];
  return s;
}

function servedFlow(input: MclpInput, sites: readonly number[], cs: CoverSets, fixed: Uint8Array): number {
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
  for (const [i, v] of local) net.addEdge(sites.length + v, T, input.weight[i]);
  return net.maxFlow(S, T);
}

export interface HeuristicOptions {
  /** Stop swapping after this long (ms); greedy always completes. */
  timeBudgetMs?: number;
  now?: () => number;
}

export function solveMclp(input: MclpInput, opts: HeuristicOptions = {}): HeuristicResult {
  const now = opts.now ?? (() => performance.now());
  const t0 = now();
  const budget = opts.timeBudgetMs ?? 10_000;
  const cs = coverSets(input.table, input.radius);
  const p = Math.min(input.p, input.table.nSites);
  const baseline = mclpBaseline(input);
  const picked = input.capacity ? capacitated(input, cs, p, () => now() - t0 > budget) : uncapacitated(input, cs, p, () => now() - t0 > budget);
  const value = (s: number[]) => mclpObjective(input, s, cs);
  const seq = sequence(picked.sites, value, true);
  return { ...seq, objective: value(seq.sites), baseline, swaps: picked.swaps, ms: now() - t0 };
}

function uncapacitated(input: MclpInput, cs: CoverSets, p: number, outOfTime: () => boolean): { sites: number[]; swaps: number } {
  const n = input.table.nDemand;
  const m = input.table.nSites;
  const ew = new Float64Array(n); // weight still to cover (0 where a fixed facility covers it)
  for (let i = 0; i < n; i++) ew[i] = fixedDistOf(input, i) <= input.radius ? 0 : input.weight[i];
  const cnt = new Int32Array(n); // open sites covering i
  const idSum = new Float64Array(n); // sum of their ids: the sole coverer when cnt is 1
  const open = new Uint8Array(m);
  const gainOf = (k: number) => {
    let g = 0;
    for (let e = cs.start[k]; e < cs.start[k + 1]; e++) if (cnt[cs.list[e]] === 0) g += ew[cs.list[e]];
    return g;
  };
  const toggle = (j: number, on: boolean) => {
    open[j] = on ? 1 : 0;
    for (let e = cs.start[j]; e < cs.start[j + 1]; e++) {
      const i = cs.list[e];
      cnt[i] += on ? 1 : -1;
      idSum[i] += on ? j : -j;
    }
  };
  // Lazy greedy: coverage is submodular, so a stale gain is an upper bound.
  const bound = new Float64Array(m);
  for (let k = 0; k < m; k++) bound[k] = gainOf(k);
  const sites: number[] = [];
  const order = Array.from({ length: m }, (_, k) => k).sort((a, b) => bound[b] - bound[a] || a - b);
  while (sites.length < p) {
    let best = -1;
    for (;;) {
      let top = -1;
      for (const k of order) if (!open[k] && (top < 0 || bound[k] > bound[top])) top = k;
      if (top < 0) break;
      const g = gainOf(top);
      bound[top] = g;
      let still = true;
      for (const k of order) if (!open[k] && k !== top && bound[k] > g) { still = false; break; }
      if (still) { best = top; break; }
    }
    if (best < 0) break;
    toggle(best, true);
    sites.push(best);
  }
  // Teitz–Bart: for each closed candidate k, the best open j to give up; apply any improving swap.
  const loss = new Float64Array(m);
  const bonus = new Float64Array(m);
  const recomputeLoss = () => {
    for (const j of sites) {
      let l = 0;
      for (let e = cs.start[j]; e < cs.start[j + 1]; e++) if (cnt[cs.list[e]] === 1) l += ew[cs.list[e]];
      loss[j] = l;
    }
  };
  recomputeLoss();
  const eps = 1e-9 * Math.max(1, baselineTotal(ew));
  let swaps = 0;
  let improved = true;
  while (improved && !outOfTime()) {
    improved = false;
    for (let k = 0; k < m; k++) {
      if (open[k]) continue;
      let base = 0;
      const touched: number[] = [];
      for (let e = cs.start[k]; e < cs.start[k + 1]; e++) {
        const i = cs.list[e];
        if (cnt[i] === 0) base += ew[i];
        else if (cnt[i] === 1) {
          const sole = idSum[i];
          if (bonus[sole] === 0) touched.push(sole);
          bonus[sole] += ew[i];
        }
      }
      let bestJ = -1;
      let bestDelta = eps;
      for (const j of sites) {
        const delta = base + bonus[j] - loss[j];
        if (delta > bestDelta) [bestJ, bestDelta] = [j, delta];
      }
      for (const j of touched) bonus[j] = 0;
      if (bestJ >= 0) {
        toggle(bestJ, false);
        toggle(k, true);
        sites[sites.indexOf(bestJ)] = k;
        recomputeLoss();
        swaps++;
        improved = true;
        if (outOfTime()) break;
      }
    }
  }
  return { sites, swaps };
}

const baselineTotal = (w: Float64Array) => w.reduce((a, b) => a + b, 0);

function capacitated(input: MclpInput, cs: CoverSets, p: number, outOfTime: () => boolean): { sites: number[]; swaps: number } {
  const m = input.table.nSites;
  const n = input.table.nDemand;
  const fixed = new Uint8Array(n);
  for (let i = 0; i < n; i++) fixed[i] = fixedDistOf(input, i) <= input.radius ? 1 : 0;
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
      for (let k = 0; k < m; k++) if (!open[k] && k !== top && bound[k] > bound[top]) { still = false; break; }
      if (still) { best = top; bestV = v; break; }
    }
    if (best < 0) break;
    open[best] = 1;
    sites.push(best);
    cur = bestV;
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
