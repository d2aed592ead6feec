// p-median (Hakimi 1964; ReVelle & Swain 1970): open p new sites to minimise the total demand-weighted
// walking distance to the nearest facility, existing facilities fixed. Greedy, then Teitz–Bart swaps
// evaluated in one pass per candidate (Whitaker's fast interchange bookkeeping).
//
// Distances beyond the table's cutoff are not measured: such pairs count as `farDistance` (the
// "unserved" distance), so d_ij = min(table distance, farDistance) and a demand point's distance is
// min(d to its nearest fixed facility, d to its nearest open site, farDistance).
import { checkSites, fixedDistOf, type HeuristicResult, sequence, type SitingProblem } from './problem.js';
import type { HeuristicOptions } from './mclp.js';

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
  for (const j of sites) for (let k = t.start[j]; k < t.start[j + 1]; k++) if (t.dist[k] < best[t.demand[k]]) best[t.demand[k]] = t.dist[k];
  let s = 0;
  for (let i = 0; i < t.nDemand; i++) s += input.weight[i] * best[i];
  return s;
}

export function solvePmedian(input: PmedianInput, opts: HeuristicOptions = {}): HeuristicResult {
  const now = opts.now ?? (() => performance.now());
  const t0 = now();
  const budget = opts.timeBudgetMs ?? 10_000;
  const t = input.table;
  const n = t.nDemand;
  const m = t.nSites;
  const w = input.weight;
  const p = Math.min(input.p, m);
  const bound = pmedianBound(input);
  const open = new Uint8Array(m);
  const sites: number[] = [];
  const best = bound.slice();
  const second = bound.slice();
  const nearest = new Int32Array(n).fill(-1); // -1: a fixed facility or the far distance
  const refresh = () => {
    best.set(bound);
    second.set(bound);
    nearest.fill(-1);
    for (const j of sites) {
      for (let k = t.start[j]; k < t.start[j + 1]; k++) {
        const i = t.demand[k];
        const d = t.dist[k];
        if (d < best[i]) {
          second[i] = best[i];
          best[i] = d;
          nearest[i] = j;
        } else if (d < second[i]) second[i] = d;
      }
    }
  };
  const gainOf = (k: number) => {
    let g = 0;
    for (let e = t.start[k]; e < t.start[k + 1]; e++) {
      const i = t.demand[e];
      if (t.dist[e] < best[i]) g += w[i] * (best[i] - t.dist[e]);
    }
    return g;
  };
  // Lazy greedy: the saving of a site only shrinks as others open.
  const ub = new Float64Array(m);
  for (let k = 0; k < m; k++) ub[k] = gainOf(k);
  while (sites.length < p) {
    let pick = -1;
    for (;;) {
      let top = -1;
      for (let k = 0; k < m; k++) if (!open[k] && (top < 0 || ub[k] > ub[top])) top = k;
      if (top < 0) break;
      ub[top] = gainOf(top);
      let still = true;
      for (let k = 0; k < m; k++) if (!open[k] && k !== top && ub[k] > ub[top]) { still = false; break; }
      if (still) { pick = top; break; }
    }
    if (pick < 0) break;
    open[pick] = 1;
    sites.push(pick);
    refresh();
  }
  // Swaps: Δ(j out, k in) = loss_j − gain_k − corr_k[j] (see the derivation in the module header).
  const loss = new Float64Array(m);
  const corr = new Float64Array(m);
  const recomputeLoss = () => {
    for (const j of sites) loss[j] = 0;
    for (let i = 0; i < n; i++) if (nearest[i] >= 0) loss[nearest[i]] += w[i] * (second[i] - best[i]);
  };
  recomputeLoss();
  let total = 0;
  for (let i = 0; i < n; i++) total += w[i] * bound[i];
  const eps = 1e-9 * Math.max(1, total);
  let swaps = 0;
  let improved = true;
  while (improved && now() - t0 <= budget) {
    improved = false;
    for (let k = 0; k < m; k++) {
      if (open[k]) continue;
      let gain = 0;
      const touched: number[] = [];
      for (let e = t.start[k]; e < t.start[k + 1]; e++) {
        const i = t.demand[e];
        const d = t.dist[e];
        if (d < best[i]) gain += w[i] * (best[i] - d);
        const j = nearest[i];
        if (j >= 0 && d < second[i]) {
          if (corr[j] === 0) touched.push(j);
          corr[j] += w[i] * (second[i] - Math.max(d, best[i]));
        }
      }
      let bestJ = -1;
      let bestDelta = -eps;
      for (const j of sites) {
        const delta = loss[j] - gain - corr[j];
        if (delta < bestDelta) [bestJ, bestDelta] = [j, delta];
      }
      for (const j of touched) corr[j] = 0;
      if (bestJ >= 0) {
        open[bestJ] = 0;
        open[k] = 1;
        sites[sites.indexOf(bestJ)] = k;
        refresh();
        recomputeLoss();
        swaps++;
        improved = true;
        if (now() - t0 > budget) break;
      }
    }
  }
  const seq = sequence(sites, (s) => pmedianObjective(input, s), false);
  return { ...seq, objective: pmedianObjective(input, seq.sites), baseline: total, swaps, ms: now() - t0 };
}
