import { describe, expect, it } from 'vitest';
import type { MultiPolygon, Polygon } from 'geojson';
import { booleanPointInPolygon } from '@turf/turf';
import { PolygonIndex, pointInPolygon, pointInRing, polygonBounds } from './point-in-polygon.js';

const square = (x0: number, y0: number, s: number) => [
  [x0, y0],
  [x0 + s, y0],
  [x0 + s, y0 + s],
  [x0, y0 + s],
  [x0, y0],
];
// A 10 × 10 square with a 4 × 4 hole in the middle, and a second square off to the east.
const withHole: Polygon = { type: 'Polygon', coordinates: [square(0, 0, 10), square(3, 3, 4)] };
const multi: MultiPolygon = { type: 'MultiPolygon', coordinates: [withHole.coordinates, [square(20, 0, 5)]] };

describe('point in polygon', () => {
  it('tests one ring by the even–odd rule', () => {
    expect(pointInRing(5, 5, square(0, 0, 10))).toBe(true);
    expect(pointInRing(11, 5, square(0, 0, 10))).toBe(false);
  });

  it('leaves out the hole of a polygon', () => {
    expect(pointInPolygon(1, 1, withHole)).toBe(true);
    expect(pointInPolygon(5, 5, withHole)).toBe(false);
    expect(pointInPolygon(-1, 5, withHole)).toBe(false);
  });

  it('finds a point in any part of a multipolygon, never in a hole', () => {
    expect(pointInPolygon(22, 2, multi)).toBe(true);
    expect(pointInPolygon(1, 9, multi)).toBe(true);
    expect(pointInPolygon(5, 5, multi)).toBe(false);
    expect(pointInPolygon(15, 2, multi)).toBe(false);
  });

  it('agrees with turf away from the edges', () => {
    const differ: number[][] = [];
    for (let x = -2.25; x < 27; x += 0.5) {
      for (let y = -2.25; y < 12; y += 0.5)
        if (pointInPolygon(x, y, multi) !== booleanPointInPolygon([x, y], multi)) differ.push([x, y]);
    }
    expect(differ).toEqual([]);
  });

  it('indexes the parts with the same answers', () => {
    const index = new PolygonIndex(multi.coordinates);
    for (const [x, y] of [
      [1, 1],
      [5, 5],
      [22, 2],
      [15, 2],
      [30, 30],
    ])
      expect(index.contains(x, y)).toBe(pointInPolygon(x, y, multi));
    expect(polygonBounds(multi)).toEqual([0, 0, 25, 10]);
  });
});
