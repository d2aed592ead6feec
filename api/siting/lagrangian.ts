// Lagrangian relaxation of the capped p-median's assignment constraints by subgradient optimisation
// (Cornuéjols, Fisher & Nemhauser 1977): the lower bound that gives every search answer a proven gap, and the
// sites open at its best multipliers, from which the search starts a local search.
import type { CappedProblem } from './capped-problem.js';

/** Lagrangian relaxation of the assignment constraints, by subgradient: a lower bound on the capped p-median. */
/** The bound, and the sites open in the relaxation at its best multipliers (a start for the search). */
export function lagrangianBound(
  pr: CappedProblem,
  p: number,
  upperBound: number | (() => number),
  opts: {
    outOfTime: () => boolean;
    maxIter?: number;
    start?: readonly number[];
    onImprove?: (sites: number[], iteration: number) => void;
  },
): { bound: number; iterations: number; sites: number[] } {
  const upperOf = typeof upperBound === 'number' ? () => upperBound : upperBound;
  const { n, m, weight: w, cap } = pr;
  const lambda = new Float64Array(n);
  const hi = new Float64Array(n);
  for (let i = 0; i < n; i++) hi[i] = w[i] * cap[i];
  // Start from the costs of a good solution: each point's cost at its nearest open site.
  if (opts.start) {
    const open = new Uint8Array(m);
    for (const j of opts.start) open[j] = 1;
    for (let i = 0; i < n; i++) {
      let d = cap[i];
      for (let r = pr.rowStart[i]; r < pr.rowStart[i + 1]; r++)
        if (open[pr.rowSite[r]]) {
          d = pr.rowDist[r];
          break;
        }
      lambda[i] = w[i] * d;
    }
  } else lambda.set(hi);
  const rho = new Float64Array(m);
  const inS = new Uint8Array(m);
  const g = new Float64Array(n);
  const idx = Int32Array.from({ length: m }, (_, j) => j);
  let best = -Infinity;
  let theta = 2;
  let stall = 0;
  let bestSet: number[] = [];
  const maxIter = opts.maxIter ?? 3000;
  const round = (v: number) => (pr.integral ? Math.ceil(v - 1e-7 * Math.max(1, Math.abs(v))) : v);
  let it = 0;
  for (; it < maxIter && !opts.outOfTime(); it++) {
    rho.fill(0);
    let L = 0;
    for (let i = 0; i < n; i++) {
      const l = lambda[i];
      L += l;
      const wi = w[i];
      for (let r = pr.rowStart[i]; r < pr.rowStart[i + 1]; r++) {
        const c = wi * pr.rowDist[r];
        if (c >= l) break;
        rho[pr.rowSite[r]] += c - l;
      }
    }
    // The p most negative reduced costs open (Σ y ≤ p: only negative ones).
    let count = 0;
    for (let j = 0; j < m; j++) if (rho[j] < 0) idx[count++] = j;
    const neg = idx.subarray(0, count);
    if (count > p) neg.sort((x, y) => rho[x] - rho[y] || x - y);
    inS.fill(0);
    for (let a = 0; a < Math.min(p, count); a++) {
      inS[neg[a]] = 1;
      L += rho[neg[a]];
    }
    if (best === -Infinity || L > best + 1e-9 * Math.max(1, Math.abs(best))) {
      best = L;
      bestSet = Array.from(neg.subarray(0, Math.min(p, count)));
      stall = 0;
      opts.onImprove?.(bestSet, it);
    } else if (++stall >= 25) {
      theta /= 2;
      stall = 0;
    }
    const upper = upperOf();
    if (round(best) >= upper - 1e-9 * Math.max(1, Math.abs(upper)) || theta < 1e-7) {
      it++;
      break;
    }
    // Subgradient of the relaxed Σ_j x_ij + u_i = 1, projected onto 0 ≤ λ_i ≤ w_i b_i.
    let norm = 0;
    for (let i = 0; i < n; i++) {
      const l = lambda[i];
      let cnt = 0;
      const wi = w[i];
      for (let r = pr.rowStart[i]; r < pr.rowStart[i + 1]; r++) {
        if (wi * pr.rowDist[r] >= l) break;
        if (inS[pr.rowSite[r]]) cnt++;
      }
      let gi = 1 - cnt;
      if ((gi > 0 && l >= hi[i]) || (gi < 0 && l <= 0)) gi = 0;
      g[i] = gi;
      norm += gi * gi;
    }
    if (norm === 0) {
      it++;
      break; // λ is optimal for the relaxation
    }
    // Aim a little above the best objective: a target equal to it makes steps vanish near the end.
    const step = (theta * (upper + 0.005 * Math.abs(upper) - L + 1e-9)) / norm;
    for (let i = 0; i < n; i++) {
      if (g[i] === 0) continue;
      const v = lambda[i] + step * g[i];
      lambda[i] = v < 0 ? 0 : v > hi[i] ? hi[i] : v;
    }
  }
  return { bound: Math.min(round(best), upperOf()), iterations: it, sites: bestSet };
}
