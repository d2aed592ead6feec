// The density colour ramp: ends, monotone brightness of alpha, and a percentile top that ignores outliers.
import { describe, expect, it } from 'vitest';
import { RAMP, rampColor, scaleMax } from './elder-scale';

describe('rampColor', () => {
  it('maps 0 and max to the ends of the ramp', () => {
    expect(rampColor(0, 100).slice(0, 3)).toEqual(RAMP[0]);
    expect(rampColor(100, 100).slice(0, 3)).toEqual(RAMP[RAMP.length - 1]);
    expect(rampColor(500, 100)).toEqual(rampColor(100, 100));
    expect(rampColor(5, 0).slice(0, 3)).toEqual(RAMP[0]);
  });
  it('grows more opaque with the value, on a square-root scale', () => {
    const a = rampColor(1, 100)[3],
      b = rampColor(25, 100)[3],
      c = rampColor(100, 100)[3];
    expect(a).toBeLessThan(b);
    expect(b).toBeLessThan(c);
    // sqrt(0.25) = 0.5 of the way: halfway along the ramp
    const mid = rampColor(25, 100);
    const x = 0.5 * (RAMP.length - 1);
    expect(mid[0]).toBe(Math.round(RAMP[2][0] + (RAMP[3][0] - RAMP[2][0]) * (x - 2)));
  });
});

describe('scaleMax', () => {
  it('is the 98th percentile', () => {
    const v = Array.from({ length: 100 }, (_, i) => i + 1);
    v.push(100_000);
    expect(scaleMax(v)).toBe(99);
    expect(scaleMax([])).toBe(0);
  });
});
