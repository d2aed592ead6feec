import { describe, expect, it } from 'vitest';
import { PointIndex } from './point-index.js';

function lcg(seed: number) {
  let s = seed;
  return () => (s = (s * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
}

describe('point index', () => {
  const rnd = lcg(7);
  const n = 2000;
  const x = Float64Array.from({ length: n }, () => rnd() * 5000);
  const y = Float64Array.from({ length: n }, () => rnd() * 5000);
  const index = new PointIndex({ x, y });

  it('finds exactly the points within a radius, as a scan does', () => {
    for (const [qx, qy, r] of [
      [2500, 2500, 300],
      [0, 0, 150],
      [4990, 10, 60],
    ]) {
      const got: number[] = [];
      index.within(qx, qy, r, (i, d) => {
        expect(d).toBeCloseTo(Math.hypot(x[i] - qx, y[i] - qy), 9);
        got.push(i);
      });
      const want = [...x.keys()].filter((i) => Math.hypot(x[i] - qx, y[i] - qy) <= r);
      expect(got).toEqual(want);
      expect(index.any(qx, qy, r)).toBe(want.length > 0);
    }
  });

  it('finds the nearest point as a scan does, even far outside the points', () => {
    for (const [qx, qy] of [
      [1234, 4321],
      [-10_000, 20_000],
      [2500.5, 0],
    ]) {
      let best = -1,
        bestD = Infinity;
      for (let i = 0; i < n; i++) {
        const d = Math.hypot(x[i] - qx, y[i] - qy);
        if (d < bestD) [best, bestD] = [i, d];
      }
      expect(index.nearest(qx, qy)).toEqual([best, bestD]);
    }
  });

  it('answers nothing over an empty set', () => {
    const empty = new PointIndex({ x: [], y: [] });
    expect(empty.nearest(0, 0)).toEqual([-1, Infinity]);
    expect(empty.any(0, 0, 1e9)).toBe(false);
  });
});
