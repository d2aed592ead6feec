// The disclosure rule: withheld under 10, multiples of 10 above, unbiased, the same draw for the same key.
import { describe, expect, it } from 'vitest';
import {
  MIN_PUBLISHED,
  ROUNDING_BASE,
  discloseCount,
  discloseRate,
  discloser,
  disclosureKey,
  drawOf,
} from './disclosure.js';

describe('discloseCount', () => {
  it('publishes 0 as 0, withholds 1–9, and rounds the rest to a neighbouring multiple of 10', () => {
    expect(discloseCount(0, 0.5)).toBe(0);
    for (let n = 1; n < MIN_PUBLISHED; n++) for (const u of [0, 0.5, 0.999]) expect(discloseCount(n, u)).toBeNull();
    for (let n = 10; n < 400; n++) {
      for (const u of [0, 0.25, 0.5, 0.75, 0.999]) {
        const v = discloseCount(n, u)!;
        expect(v % ROUNDING_BASE).toBe(0);
        expect(v).toBeGreaterThanOrEqual(MIN_PUBLISHED);
        expect(Math.abs(v - n)).toBeLessThan(ROUNDING_BASE);
      }
    }
    expect(discloseCount(40, 0.99)).toBe(40);
    expect(discloseCount(43, 0.29)).toBe(50); // up with probability 3/10
    expect(discloseCount(43, 0.3)).toBe(40);
  });

  it('no sum or difference of published counts is a withheld count', () => {
    // whatever is published is a multiple of 10; whatever is withheld is 1–9
    const published = Array.from({ length: 200 }, (_, i) => discloseCount(10 + i * 7, (i * 0.37) % 1)!);
    for (let i = 0; i < published.length; i++) {
      for (let j = 0; j < published.length; j++) {
        const d = Math.abs(published[i] - published[j]) % 10;
        expect(d).toBe(0);
      }
    }
  });

  it('is unbiased over the keys: the mean published value is the count', () => {
    const d = discloser('a-test-secret-of-enough-length-0123456789');
    for (const n of [11, 15, 23, 97]) {
      let s = 0;
      const k = 20_000;
      for (let i = 0; i < k; i++) s += d.count(n, `cell:e60:${i}`)!;
      expect(Math.abs(s / k - n)).toBeLessThan(0.2);
    }
  });
});

describe('the keyed draw', () => {
  it('is the same for the same key and secret, and differs with either', () => {
    expect(drawOf('s', 'area:1:population')).toBe(drawOf('s', 'area:1:population'));
    expect(drawOf('s', 'area:1:population')).not.toBe(drawOf('s', 'area:2:population'));
    expect(drawOf('s', 'area:1:population')).not.toBe(drawOf('t', 'area:1:population'));
    const u = drawOf('s', 'x');
    expect(u).toBeGreaterThanOrEqual(0);
    expect(u).toBeLessThan(1);
  });

  it('keys a hexagon by its grids, in any order', () => {
    expect(disclosureKey.cell('alone', '89309958023ffff', [3, 1, 2])).toBe(
      disclosureKey.cell('alone', '89309958023ffff', [1, 2, 3]),
    );
    expect(disclosureKey.area(7, 'elders60')).toBe('area:7:elders60');
  });
});

describe('discloseRate', () => {
  it('keeps whole percentage points', () => {
    expect(discloseRate(0.34567)).toBe(0.35);
    expect(discloseRate(1 / 3)).toBe(0.33);
  });
});
