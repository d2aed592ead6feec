import { describe, expect, it } from 'vitest';
import type { AreaFeature } from '@contract/areas';
import { areaAt, featureBounds } from './hit-test';

const square = (id: number, x0: number, y0: number, size: number, hole = false): AreaFeature => ({
  type: 'Feature',
  id,
  geometry: {
    type: 'Polygon',
    coordinates: [
      [
        [x0, y0],
        [x0 + size, y0],
        [x0 + size, y0 + size],
        [x0, y0 + size],
        [x0, y0],
      ],
      ...(hole
        ? [
            [
              [x0 + 0.4, y0 + 0.4],
              [x0 + 0.6, y0 + 0.4],
              [x0 + 0.6, y0 + 0.6],
              [x0 + 0.4, y0 + 0.6],
              [x0 + 0.4, y0 + 0.4],
            ],
          ]
        : []),
    ],
  },
  properties: {
    id,
    code: String(id),
    name: `A${id}`,
    level: 'street',
    parentId: 1,
    specialClass: null,
    households: 0,
    population: 0,
    elders60: 0,
    elders80: 0,
    labelLon: x0,
    labelLat: y0,
    synthetic: true,
  },
});

describe('areaAt', () => {
  const areas = [square(1, 0, 0, 1, true), square(2, 1, 0, 1)];
  it('finds the street under a clicked point', () => {
    expect(areaAt(areas, [1.5, 0.5])?.id).toBe(2);
    expect(areaAt(areas, [0.2, 0.2])?.id).toBe(1);
  });
  it('misses points in holes and outside every area', () => {
    expect(areaAt(areas, [0.5, 0.5])).toBeNull();
    expect(areaAt(areas, [3, 3])).toBeNull();
  });
  it('computes a feature bbox', () => {
    expect(featureBounds(areas[1])).toEqual([1, 0, 2, 1]);
  });
});
