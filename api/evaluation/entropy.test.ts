// Entropy weights on columns whose entropy is computed by hand.
import { describe, expect, it } from 'vitest';
import { entropyWeights } from './entropy.js';

describe('entropyWeights', () => {
  it('gives no weight to an indicator with equal values and weighs by 1 − e_j otherwise', () => {
    // columns: [1,1] e=1; [1,3] e = −(¼ln¼ + ¾ln¾)/ln2 = 0.811278; [1,0] e = 0
    const w = entropyWeights([
      [1, 1, 1],
      [1, 3, 0],
    ]);
    const d2 = 1 - 0.811278;
    expect(w[0]).toBeCloseTo(0, 10);
    expect(w[1]).toBeCloseTo(d2 / (d2 + 1), 5);
    expect(w[2]).toBeCloseTo(1 / (d2 + 1), 5);
    expect(w[1]).toBeCloseTo(0.15875, 4);
  });

  it('sums to 1 and gives equal weights when nothing discriminates', () => {
    expect(
      entropyWeights([
        [5, 2],
        [5, 2],
        [5, 2],
      ]),
    ).toEqual([0.5, 0.5]);
    const w = entropyWeights([
      [90, 10, 50],
      [80, 30, 50],
      [70, 60, 51],
    ]);
    expect(w.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(w[1]).toBeGreaterThan(w[0]);
    expect(w[0]).toBeGreaterThan(w[2]);
  });

  it('skips missing values', () => {
    const w = entropyWeights([
      [1, null],
      [3, 2],
      [null, 2],
    ]);
    expect(w[1]).toBe(0);
    expect(w[0]).toBe(1);
  });
});
