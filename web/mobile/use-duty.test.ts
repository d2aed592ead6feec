import { describe, expect, it } from 'vitest';
import { shouldKeep } from './use-duty';

const at = (s: number, lon = 121.45, lat = 31.23) => ({
  t: new Date(Date.UTC(2026, 10, 23, 2, 0, s)).toISOString(),
  lon,
  lat,
});

describe('shouldKeep', () => {
  it('keeps the first fix, then one per 10 s or per 10 m moved', () => {
    expect(shouldKeep(undefined, at(0))).toBe(true);
    expect(shouldKeep(at(0), at(3))).toBe(false);
    expect(shouldKeep(at(0), at(10))).toBe(true);
    expect(shouldKeep(at(0), at(3, 121.45, 31.2302))).toBe(true); // ~22 m north
  });
});
