// p-median (Hakimi 1964; ReVelle & Swain 1970): open p new sites to minimise the total demand-weighted
// walking distance to the nearest facility, existing facilities fixed. Greedy, fast interchange and
// variable neighbourhood search with a Lagrangian lower bound (interchange.ts).
//
// Distances beyond the table's cutoff are not measured: such pairs count as `farDistance` (the
// "unserved" distance), so d_ij = min(table distance, farDistance) and a demand point's distance is
// min(d to its nearest fixed facility, d to its nearest open site, farDistance).
import { type CappedProblem, cappedProblem } from './capped-problem.js';
import { orderBySaving, searchCapped } from './interchange.js';
import {
  checkSites,
  dropIdle,
  fixedDistOf,
  type HeuristicOptions,
  type HeuristicResult,
  ORDERING_RESERVE,
  type SitingProblem,
} from './problem.js';

export interface PmedianInput extends SitingProblem {
  p: number;
  farDistance: number;
}

/** Each demand point's distance with no new site: the nearest fixed facility, or the far distance. */
export function pmedianBound(input: PmedianInput): Float64Array {
  const n = input.table.nDemand;
  const b = new Float64Array(n);
  for (let i = 0; i < n; i++) b[i] = Math.min(fixedDistOf(input, i), input.farDistance);
  return b;
}

/** Σ_i w_i · min_{j ∈ fixed ∪ sites} d_ij, by definition (d capped at the far distance). */
export function pmedianObjective(input: PmedianInput, sites: readonly number[]): number {
  checkSites(input, sites);
  const best = pmedianBound(input);
  const t = input.table;
  for (const j of sites)
    for (let k = t.start[j]; k < t.start[j + 1]; k++) if (t.dist[k] < best[t.demand[k]]) best[t.demand[k]] = t.dist[k];
  let s = 0;
  for (let i = 0; i < t.nDemand; i++) s += input.weight[i] * best[i];
  return s;
}

/** The p-median as the engine's capped form (cap: the fixed facility or the far distance). */
export function pmedianCapped(input: PmedianInput): CappedProblem {
  const t = input.table;
  return cappedProblem(t.nDemand, t.nSites, input.weight, pmedianBound(input), (j, visit) => {
    for (let k = t.start[j]; k < t.start[j + 1]; k++) visit(t.demand[k], t.dist[k]);
  });
}

/** A site set in the order each saves most, with its saving; sites saving nothing are left out. */
export function orderPmedian(input: PmedianInput, sites: readonly number[], pr = pmedianCapped(input)) {
  checkSites(input, sites);
  const o = orderBySaving(pr, sites);
  return dropIdle({ sites: o.sites, gains: o.savings }, 1e-9 * Math.max(1, o.savings[0] ?? 0));
}

export function solvePmedian(input: PmedianInput, opts: HeuristicOptions = {}): HeuristicResult {
  const now = opts.now ?? (() => performance.now());
  const t0 = now();
  const budget = opts.timeBudgetMs ?? 10_000;
  const pr = pmedianCapped(input);
  const p = Math.min(input.p, input.table.nSites);
  const r = searchCapped(pr, p, {
    deadline: t0 + budget * (1 - ORDERING_RESERVE),
    now,
    seed: opts.seed,
    stallMs: opts.stallMs,
  });
  const seq = orderPmedian(input, r.sites, pr);
  let baseline = 0;
  for (let i = 0; i < pr.n; i++) baseline += input.weight[i] * pr.cap[i];
  return {
    sites: seq.sites,
    gains: seq.gains,
    objective: pmedianObjective(input, seq.sites),
    baseline,
    bound: Number.isFinite(r.bound) ? r.bound : null,
    dropped: seq.dropped,
    swaps: r.moves,
    ms: now() - t0,
  };
}
