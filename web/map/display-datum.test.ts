import { afterEach, describe, expect, it } from 'vitest';
import type { Polygon } from 'geojson';
import { localDistance } from '../../core/geo/index';
import {
  boundsIn,
  fromDisplayIn,
  geometryIn,
  setDisplayDatum,
  shown,
  shownFeatures,
  toDisplayIn,
  unshown,
} from './display-datum';

// 南京鼓楼 (Nanjing Gulou): GCJ-02 lies a few hundred metres off WGS84 here.
const GULOU: [number, number] = [118.7699, 32.0663];

afterEach(() => setDisplayDatum('wgs84'));

describe('positions as drawn over a base map', () => {
  it('are the stored ones over a WGS84 base map', () => {
    expect(toDisplayIn('wgs84', ...GULOU)).toEqual(GULOU);
    expect(shown(...GULOU)).toEqual(GULOU);
  });

  it('are shifted by the GCJ-02 offset over a GCJ-02 base map', () => {
    const drawn = toDisplayIn('gcj02', ...GULOU);
    const offset = localDistance(GULOU, drawn);
    expect(offset).toBeGreaterThan(300);
    expect(offset).toBeLessThan(800);
  });

  it('come back, read off the map by a click, to the stored position (round trip under a centimetre)', () => {
    for (const p of [GULOU, [121.4456, 31.2304] as [number, number], [116.391, 39.9075] as [number, number]]) {
      const back = fromDisplayIn('gcj02', toDisplayIn('gcj02', ...p));
      expect(localDistance(p, back)).toBeLessThan(0.01);
    }
  });

  it("follow the datum the page's meta set, both ways", () => {
    setDisplayDatum('gcj02');
    const drawn = shown(...GULOU);
    expect(localDistance(GULOU, drawn)).toBeGreaterThan(300);
    expect(localDistance(GULOU, unshown(drawn))).toBeLessThan(0.01);
  });
});

describe('geometries and boxes as drawn', () => {
  const square: Polygon = {
    type: 'Polygon',
    coordinates: [
      [
        [118.76, 32.06],
        [118.78, 32.06],
        [118.78, 32.07],
        [118.76, 32.07],
        [118.76, 32.06],
      ],
    ],
  };

  it('moves every vertex, leaving the stored geometry as it was', () => {
    const copy = JSON.stringify(square);
    const drawn = geometryIn('gcj02', square);
    expect(drawn.coordinates[0]).toHaveLength(5);
    drawn.coordinates[0].forEach((p, i) => {
      expect(p).toEqual(toDisplayIn('gcj02', square.coordinates[0][i][0], square.coordinates[0][i][1]));
    });
    expect(JSON.stringify(square)).toBe(copy);
    expect(geometryIn('wgs84', square)).toBe(square);
  });

  it('shifts a feature list once, however often a layer is rebuilt', () => {
    const features = [{ type: 'Feature' as const, geometry: square, properties: {} }];
    expect(shownFeatures(features)).toBe(features);
    setDisplayDatum('gcj02');
    const a = shownFeatures(features);
    expect(a).not.toBe(features);
    expect(shownFeatures(features)).toBe(a);
  });

  it('moves a box with its corners', () => {
    const [w, s, e, n] = boundsIn('gcj02', [118.76, 32.06, 118.78, 32.07]);
    const sw = toDisplayIn('gcj02', 118.76, 32.06);
    expect(w).toBeCloseTo(Math.min(sw[0], toDisplayIn('gcj02', 118.76, 32.07)[0]), 9);
    expect(s).toBeCloseTo(Math.min(sw[1], toDisplayIn('gcj02', 118.78, 32.06)[1]), 9);
    expect(e - w).toBeGreaterThan(0.019);
    expect(n - s).toBeGreaterThan(0.009);
  });
});
