// Wilson intervals against closed-form values, weighted intervals, and tie flags.
import { describe, expect, it } from 'vitest';
import { Z95, rankByRate, weightedWilson, wilson } from './wilson.js';

const z2 = Z95 * Z95;

describe('wilson', () => {
  it('0 of n: [0, z²/(n+z²)]', () => {
    for (const n of [1, 10, 250]) {
      const i = wilson(0, n);
      expect(i.low).toBe(0);
      expect(i.high).toBeCloseTo(z2 / (n + z2), 12);
    }
    expect(wilson(0, 10).high).toBeCloseTo(0.27753, 5);
  });

  it('n of n: [n/(n+z²), 1]', () => {
    for (const n of [1, 10, 250]) {
      const i = wilson(n, n);
      expect(i.low).toBeCloseTo(n / (n + z2), 12);
      expect(i.high).toBe(1);
    }
  });

  it('50 of 100: symmetric about 0.5 with half-width z/(1+z²/n)·√(1/(4n)+z²/(4n²))', () => {
    const i = wilson(50, 100);
    const half = (Z95 / (1 + z2 / 100)) * Math.sqrt(0.25 / 100 + z2 / 40000);
    expect(i.low).toBeCloseTo(0.5 - half, 12);
    expect(i.high).toBeCloseTo(0.5 + half, 12);
    expect(i.low).toBeCloseTo(0.40383, 5);
    expect(i.high).toBeCloseTo(0.59617, 5);
  });

  it('matches published values (81 of 263: 0.2553–0.3662)', () => {
    const i = wilson(81, 263);
    expect(i.rate).toBeCloseTo(0.30798, 5);
    expect(i.low).toBeCloseTo(0.2553, 4);
    expect(i.high).toBeCloseTo(0.3662, 4);
  });

  it('is empty for n = 0 and narrows as n grows', () => {
    expect(wilson(0, 0)).toEqual({ rate: 0, low: 0, high: 0 });
    const a = wilson(3, 10),
      b = wilson(300, 1000);
    expect(b.high - b.low).toBeLessThan(a.high - a.low);
  });
});

describe('weighted wilson', () => {
  it('equal weights give the unweighted interval', () => {
    const w = weightedWilson(2 * 30, 2 * 100, 4 * 100);
    const u = wilson(30, 100);
    expect(w.effectiveN).toBeCloseTo(100, 12);
    expect(w.low).toBeCloseTo(u.low, 12);
    expect(w.high).toBeCloseTo(u.high, 12);
  });

  it('unequal weights use the Kish effective n and the weighted share', () => {
    // 10 respondents of weight 3 (all naming the need) and 10 of weight 1 (none naming it)
    const w = weightedWilson(30, 40, 10 * 9 + 10);
    expect(w.rate).toBeCloseTo(0.75, 12);
    expect(w.effectiveN).toBeCloseTo(1600 / 100, 12);
    const u = wilson(0.75 * 16, 16);
    expect(w.low).toBeCloseTo(u.low, 12);
    expect(w.high).toBeCloseTo(u.high, 12);
  });
});

describe('rankByRate', () => {
  it('orders by rate and flags overlapping neighbours as ties', () => {
    const items = [
      { code: 'a', ...wilson(40, 100) },
      { code: 'b', ...wilson(90, 100) },
      { code: 'c', ...wilson(42, 100) },
    ];
    const r = rankByRate(items);
    expect(r.map((x) => x.item.code)).toEqual(['b', 'c', 'a']);
    expect(r.map((x) => x.tiedWithNext)).toEqual([false, true, false]);
  });
});
