// 95% Wilson score intervals for a (possibly weighted) proportion, and the ranking rules built on them.
export const Z95 = 1.959963984540054;

export interface Interval {
  rate: number;
  low: number;
  high: number;
}

/**
 * Wilson interval for `named` out of `n`. With weights, pass the weighted share and the effective sample
 * size (Σw)²/Σw² (Kish) as n: the same formula, with the variance of a weighted mean.
 */
export function wilson(named: number, n: number, z = Z95): Interval {
  if (!(n > 0)) return { rate: 0, low: 0, high: 0 };
  const p = Math.min(1, Math.max(0, named / n));
  const z2 = z * z;
  const denom = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denom;
  const half = (z / denom) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  // at p = 0 or 1 the bound on that side is exactly 0 or 1 (rounding would leave 1e-17 off)
  return { rate: p, low: p === 0 ? 0 : Math.max(0, centre - half), high: p === 1 ? 1 : Math.min(1, centre + half) };
}

/** Weighted: Σw of those naming the need, Σw and Σw² of all respondents. */
export function weightedWilson(
  namedWeight: number,
  sumW: number,
  sumW2: number,
  z = Z95,
): Interval & { effectiveN: number } {
  if (!(sumW > 0) || !(sumW2 > 0)) return { rate: 0, low: 0, high: 0, effectiveN: 0 };
  const nEff = (sumW * sumW) / sumW2;
  const p = namedWeight / sumW;
  const i = wilson(p * nEff, nEff, z);
  return { ...i, rate: p, effectiveN: nEff };
}

export interface Ranked<T> {
  item: T;
  rank: number;
  /** This interval overlaps the next one's: the order between the two is not established. */
  tiedWithNext: boolean;
}

/** Highest rate first (ties in rate broken by key); ties flagged where neighbouring intervals overlap. */
export function rankByRate<T extends Interval & { code: string }>(items: T[]): Ranked<T>[] {
  const sorted = [...items].sort((a, b) => b.rate - a.rate || a.code.localeCompare(b.code));
  return sorted.map((item, i) => ({
    item,
    rank: i + 1,
    tiedWithNext: i + 1 < sorted.length && item.low <= sorted[i + 1].high,
  }));
}
