// Normalisation of indicator values to 0–100 (higher = better), for positive (正向) and reverse (逆向) indicators.
//  - 'score': the value is already a 0–100 satisfaction score (questionnaires); clamped.
//  - 'target': 100 at the target value, 0 at the worst acceptable value, linear between, clamped. Works for both
//    directions (target above worst for positive, below for reverse) and does not depend on the other areas, so
//    a score compares across periods — this is what the progress index needs.
//  - 'minmax': 100 for the best area compared, 0 for the worst (reverse: the fewest complaints is best). Relative
//    to the areas compared; when they are all equal every area gets 100.
export type Polarity = 'positive' | 'reverse';
export type NormKind = 'score' | 'target' | 'minmax';

export interface NormSpec {
  polarity: Polarity;
  norm: NormKind;
  target?: number | null;
  worst?: number | null;
}

const clamp100 = (v: number) => Math.min(100, Math.max(0, v));

export function targetScore(x: number, target: number, worst: number): number {
  if (target === worst) throw new Error('target and worst value must differ');
  return clamp100((100 * (x - worst)) / (target - worst));
}

export function minMaxScores(values: readonly (number | null)[], polarity: Polarity): (number | null)[] {
  const present = values.filter((v): v is number => v !== null && Number.isFinite(v));
  if (!present.length) return values.map(() => null);
  const lo = Math.min(...present);
  const hi = Math.max(...present);
  return values.map((v) => {
    if (v === null || !Number.isFinite(v)) return null;
    if (hi === lo) return 100;
    return polarity === 'positive' ? (100 * (v - lo)) / (hi - lo) : (100 * (hi - v)) / (hi - lo);
  });
}

/** One indicator's raw values across the areas compared → 0–100 scores (null stays null: no data). */
export function normalise(values: readonly (number | null)[], spec: NormSpec): (number | null)[] {
  switch (spec.norm) {
    case 'score':
      return values.map((v) =>
        v === null || !Number.isFinite(v) ? null : clamp100(spec.polarity === 'positive' ? v : 100 - v),
      );
    case 'target': {
      if (spec.target === null || spec.target === undefined || spec.worst === null || spec.worst === undefined)
        throw new Error('target normalisation needs target and worst');
      const { target, worst } = spec;
      return values.map((v) => (v === null || !Number.isFinite(v) ? null : targetScore(v, target, worst)));
    }
    case 'minmax':
      return minMaxScores(values, spec.polarity);
  }
}
