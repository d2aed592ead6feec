// Composite 0–100 scores from normalised indicator scores and leaf weights, competition ranks, the 5–95% rank
// band under weight perturbation (seeded, so reproducible), and the progress index (进步指数).
import { Rng } from '../../geodata/city/rng.js';

/**
 * Weighted mean of an area's present indicator scores: Σ w_i s_i / Σ w_i over the indicators with data, so an area
 * without answers to one question is scored on the rest (null when it has none at all).
 */
export function composite(scores: readonly (number | null)[], weights: readonly number[]): number | null {
  let sw = 0;
  let s = 0;
  for (let i = 0; i < weights.length; i++) {
    const v = scores[i];
    if (v === null || !Number.isFinite(v) || weights[i] <= 0) continue;
    sw += weights[i];
    s += weights[i] * v;
  }
  return sw > 0 ? s / sw : null;
}

/** Final score: the composite plus special bonus/penalty points, kept within 0–100. */
export function withSpecial(score: number | null, points: number): number | null {
  return score === null ? null : Math.min(100, Math.max(0, score + points));
}

/** Competition ranks, 1 = highest score; equal scores share a rank (1, 2, 2, 4); null scores get null. */
export function ranks(scores: readonly (number | null)[], eps = 1e-9): (number | null)[] {
  const order = scores
    .map((s, i) => ({ s, i }))
    .filter((x): x is { s: number; i: number } => x.s !== null)
    .sort((a, b) => b.s - a.s);
  const out: (number | null)[] = scores.map(() => null);
  order.forEach((x, k) => {
    out[x.i] = k > 0 && Math.abs(order[k - 1].s - x.s) <= eps ? out[order[k - 1].i] : k + 1;
  });
  return out;
}

export interface BandOptions {
  /** Number of perturbed weight sets. */
  draws: number;
  /** Each leaf weight is multiplied by (1 + spread·u), u uniform in [−1, 1], then renormalised. */
  spread: number;
  seed: number;
}
export const DEFAULT_BANDS: BandOptions = { draws: 500, spread: 0.2, seed: 20181 };

export interface RankBand {
  p5: number;
  p95: number;
}

const PACK = 4096;

/** Nearest-rank percentile of sorted values. */
function percentile(sorted: ArrayLike<number>, p: number): number {
  const k = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[k];
}

/**
 * The 5th and 95th percentile of each area's rank when the weights are perturbed. scores[a][i] is area a's
 * normalised score on indicator i; special[a] its bonus/penalty points. Same inputs and seed → same bands.
 */
export function rankBands(
  scores: readonly (readonly (number | null)[])[],
  weights: readonly number[],
  special: readonly number[],
  o: BandOptions = DEFAULT_BANDS,
): (RankBand | null)[] {
  const rng = new Rng(o.seed);
  const m = scores.length;
  const n = weights.length;
  // Dense copies: a missing score is NaN and left out of its area's weighted mean.
  const dense = new Float64Array(m * n);
  for (let a = 0; a < m; a++)
    for (let i = 0; i < n; i++) {
      const v = scores[a][i];
      dense[a * n + i] = v === null || v === undefined || !Number.isFinite(v) ? NaN : v;
    }
  const w = new Float64Array(n);
  const final = new Float64Array(m);
  const order = new Uint32Array(m);
  const drawn = new Int32Array(m * o.draws);
  const counts = new Int32Array(m);
  const packed = m <= PACK ? new Float64Array(m) : null;
  for (let d = 0; d < o.draws; d++) {
    for (let i = 0; i < n; i++) w[i] = weights[i] * (1 + o.spread * (2 * rng.next() - 1));
    // composite renormalises over present indicators, so the draw's weights need not sum to 1
    let k = 0;
    for (let a = 0; a < m; a++) {
      let sw = 0;
      let sv = 0;
      for (let i = 0; i < n; i++) {
        const v = dense[a * n + i];
        if (v === v && w[i] > 0) {
          sw += w[i];
          sv += w[i] * v;
        }
      }
      if (sw > 0) {
        final[a] = Math.min(100, Math.max(0, sv / sw + (special[a] ?? 0)));
        order[k++] = a;
      } else final[a] = NaN;
    }
    // Sort packed keys natively instead of indices with a comparator (several times faster): the key is the
    // score's distance below 100 in units of 1e-9, times 4096, plus the area's index (exact below 2^53).
    let ranked: ArrayLike<number>;
    if (packed) {
      for (let j = 0; j < k; j++) packed[j] = Math.round((100 - final[order[j]]) * 1e9) * PACK + order[j];
      const keys = packed.subarray(0, k).sort();
      for (let j = 0; j < k; j++) order[j] = keys[j] % PACK;
      ranked = order;
    } else ranked = order.subarray(0, k).sort((x, y) => final[y] - final[x]);
    let rank = 0;
    for (let j = 0; j < k; j++) {
      const a = ranked[j];
      if (j === 0 || Math.abs(final[ranked[j - 1]] - final[a]) > 1e-9) rank = j + 1;
      drawn[a * o.draws + counts[a]++] = rank;
    }
  }
  const out: (RankBand | null)[] = [];
  for (let a = 0; a < m; a++) {
    if (!counts[a]) {
      out.push(null);
      continue;
    }
    const list = drawn.subarray(a * o.draws, a * o.draws + counts[a]).sort();
    out.push({ p5: percentile(list, 5), p95: percentile(list, 95) });
  }
  return out;
}

export interface Progress {
  /** s_t − s_{t−1}, in points. */
  change: number;
  /** (s_t − s_{t−1}) / (100 − s_{t−1}): the share of the remaining headroom gained (negative when it fell back). */
  index: number | null;
}

/** Progress against the previous period; null without a previous score. Index null when there was no headroom. */
export function progressIndex(previous: number | null, current: number | null): Progress | null {
  if (previous === null || current === null) return null;
  const change = current - previous;
  const headroom = 100 - previous;
  return { change, index: headroom > 1e-9 ? change / headroom : null };
}
