// Normalisation to 0–100: reverse indicators score the fewest complaints best, target-based scores stay put
// whatever the other areas do.
import { describe, expect, it } from 'vitest';
import { minMaxScores, normalise, targetScore } from './normalise.js';

describe('normalise', () => {
  it('min-max: positive best = 100; reverse lowest value = 100, highest = 0', () => {
    expect(minMaxScores([10, 20, 30], 'positive')).toEqual([0, 50, 100]);
    expect(minMaxScores([10, 20, 30], 'reverse')).toEqual([100, 50, 0]);
    expect(minMaxScores([4, null, 4], 'reverse')).toEqual([100, null, 100]);
  });

  it('target: reverse complaint rate 0 → 100, at the worst value → 0, halfway → 50, beyond → clamped', () => {
    const spec = { polarity: 'reverse' as const, norm: 'target' as const, target: 0, worst: 20 };
    expect(normalise([0, 10, 20, 35, null], spec)).toEqual([100, 50, 0, 0, null]);
    expect(targetScore(95, 100, 60)).toBeCloseTo(87.5, 12);
  });

  it('target scores do not depend on the other areas, min-max scores do', () => {
    const spec = { polarity: 'reverse' as const, norm: 'target' as const, target: 0, worst: 20 };
    expect(normalise([5, 15], spec)[0]).toBe(normalise([5, 1], spec)[0]);
    expect(minMaxScores([5, 15], 'reverse')[0]).not.toBe(minMaxScores([5, 1], 'reverse')[0]);
  });

  it('score: a 0–100 satisfaction score is kept (clamped); a reverse score is flipped', () => {
    expect(normalise([92.5, 104, -3], { polarity: 'positive', norm: 'score' })).toEqual([92.5, 100, 0]);
    expect(normalise([12], { polarity: 'reverse', norm: 'score' })).toEqual([88]);
  });
});
