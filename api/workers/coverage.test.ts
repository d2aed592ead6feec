// Patrol coverage on a hand-made grid of two roads with a known answer.
import { describe, expect, it } from 'vitest';
import { coverageOf, roadPieces } from './coverage.js';

const LAT0 = 31.23;
const M = 1 / 111_195; // ~1 m of latitude
const mLon = M / Math.cos((LAT0 * Math.PI) / 180); // ~1 m of longitude here

describe('patrol coverage on a hand-made grid', () => {
  // Two 100 m roads: one running east from the origin, one running north 200 m away.
  const east: [number, number][] = [
    [121.45, LAT0],
    [121.45 + 100 * mLon, LAT0],
  ];
  const north: [number, number][] = [
    [121.45 + 200 * mLon, LAT0],
    [121.45 + 200 * mLon, LAT0 + 100 * M],
  ];
  const pieces = roadPieces([east, north], LAT0);

  it('measures the road length', () => {
    expect(pieces.total).toBeCloseTo(200, 0);
  });

  it('counts the length within 30 m of the walked points: 0–40 m walked covers 0–70 m of one road = 35 %', () => {
    const walked = [0, 10, 20, 30, 40].map((x) => [121.45 + x * mLon, LAT0] as [number, number]);
    // Pieces are ≤ 5 m: the edge of the covered stretch is off by at most half a piece (2.5 m of 200 m).
    expect(Math.abs(coverageOf(pieces, walked, LAT0) - 0.35)).toBeLessThanOrEqual(2.5 / 200);
  });

  it('is 0 with no points, and 1 when both roads were walked end to end', () => {
    expect(coverageOf(pieces, [], LAT0)).toBe(0);
    const all: [number, number][] = [];
    for (let x = 0; x <= 100; x += 20) all.push([121.45 + x * mLon, LAT0], [121.45 + 200 * mLon, LAT0 + x * M]);
    expect(coverageOf(pieces, all, LAT0)).toBe(1);
  });
});
