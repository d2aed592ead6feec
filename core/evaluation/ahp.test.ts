// AHP on matrices whose answers are known: a consistent matrix, Saaty's classic 3×3, a cyclic (inconsistent) one.
import { describe, expect, it } from 'vitest';
import { AhpInputError, CR_LIMIT, RANDOM_INDEX, ahp, checkMatrix, matrixOf } from './ahp.js';

describe('ahp', () => {
  it('returns the generating weights of a consistent matrix, with λmax = n and CR = 0', () => {
    const r = ahp(matrixOf([0.5, 0.3, 0.2]));
    expect(r.weights[0]).toBeCloseTo(0.5, 10);
    expect(r.weights[1]).toBeCloseTo(0.3, 10);
    expect(r.weights[2]).toBeCloseTo(0.2, 10);
    expect(r.lambdaMax).toBeCloseTo(3, 10);
    expect(r.cr).toBeCloseTo(0, 10);
  });

  it("matches Saaty's 3×3 example [1 3 5; 1/3 1 3; 1/5 1/3 1]: w ≈ (0.637, 0.258, 0.105), λmax ≈ 3.0385, CR ≈ 0.033", () => {
    const r = ahp([
      [1, 3, 5],
      [1 / 3, 1, 3],
      [1 / 5, 1 / 3, 1],
    ]);
    expect(r.weights[0]).toBeCloseTo(0.636986, 5);
    expect(r.weights[1]).toBeCloseTo(0.258285, 5);
    expect(r.weights[2]).toBeCloseTo(0.104729, 5);
    expect(r.lambdaMax).toBeCloseTo(3.038511, 5);
    expect(r.ci).toBeCloseTo(0.019256, 5);
    expect(r.ri).toBe(0.58);
    expect(r.cr).toBeCloseTo(0.033199, 5);
    expect(r.consistent).toBe(true);
  });

  it('matches a 4×4 on the odd scale [1 1/3 1/5 1/7; 3 1 1/3 1/5; 5 3 1 1/3; 7 5 3 1]', () => {
    const r = ahp([
      [1, 1 / 3, 1 / 5, 1 / 7],
      [3, 1, 1 / 3, 1 / 5],
      [5, 3, 1, 1 / 3],
      [7, 5, 3, 1],
    ]);
    expect(r.weights.map((w) => Number(w.toFixed(4)))).toEqual([0.0553, 0.1175, 0.2622, 0.565]);
    expect(r.lambdaMax).toBeCloseTo(4.116982, 5);
    expect(r.cr).toBeCloseTo(0.043327, 5);
  });

  it('finds the cyclic judgement A≻B≻C≻A (9, 9, 9) inconsistent: λmax = 1 + 9 + 1/9, CR = (82/9)/2/0.58', () => {
    const r = ahp([
      [1, 9, 1 / 9],
      [1 / 9, 1, 9],
      [9, 1 / 9, 1],
    ]);
    for (const w of r.weights) expect(w).toBeCloseTo(1 / 3, 10);
    expect(r.lambdaMax).toBeCloseTo(91 / 9, 8);
    expect(r.ci).toBeCloseTo(32 / 9, 8);
    expect(r.cr).toBeCloseTo(32 / 9 / 0.58, 8);
    expect(r.cr).toBeGreaterThanOrEqual(CR_LIMIT);
    expect(r.consistent).toBe(false);
  });

  it('treats two items as always consistent and gives a/(1+a)', () => {
    const r = ahp([
      [1, 4],
      [1 / 4, 1],
    ]);
    expect(r.weights[0]).toBeCloseTo(0.8, 10);
    expect(r.cr).toBe(0);
  });

  it("uses Saaty's random index table", () => {
    expect(RANDOM_INDEX[3]).toBe(0.58);
    expect(RANDOM_INDEX[4]).toBe(0.9);
    expect(RANDOM_INDEX[10]).toBe(1.49);
  });

  it('refuses matrices that are not positive reciprocal on the 1/9–9 scale', () => {
    expect(() =>
      checkMatrix([
        [1, 2],
        [2, 1],
      ]),
    ).toThrow(AhpInputError);
    expect(() =>
      checkMatrix([
        [1, 12],
        [1 / 12, 1],
      ]),
    ).toThrow(/1\/9–9/);
    expect(() =>
      checkMatrix([
        [2, 1],
        [1, 1],
      ]),
    ).toThrow(/diagonal/);
    expect(() => checkMatrix([[1, 1], [1]])).toThrow(/row 2/);
    expect(() =>
      checkMatrix([
        [1, -1],
        [-1, 1],
      ]),
    ).toThrow(/positive/);
    expect(() =>
      checkMatrix([
        [1, 3],
        [0.333, 1],
      ]),
    ).not.toThrow();
  });
});
