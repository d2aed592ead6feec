import { describe, expect, it } from 'vitest';
import type { AreaDetail, AreaFeature, AreaLevel } from '@contract/areas';
import { cityTourStops, wallCrumbs } from './city-drill';
import { nextStop } from './use-operator';

const feature = (id: number, level: AreaLevel, parentId: number | null): AreaFeature => ({
  type: 'Feature',
  id,
  geometry: { type: 'Polygon', coordinates: [] },
  properties: {
    id,
    code: String(id).padStart(12, '0'),
    name: `${level}${id}`,
    level,
    parentId,
    specialClass: null,
    households: 0,
    population: 0,
    elders60: 0,
    elders80: 0,
    labelLon: 0,
    labelLat: 0,
    synthetic: false,
  },
});

/** A community 30 in street 20 of district 10. */
const community: AreaDetail = {
  ...feature(30, 'community', 20),
  ancestors: [
    { id: 10, name: '甲区', level: 'district' },
    { id: 20, name: '乙街道', level: 'street' },
  ],
  children: { level: 'grid', count: 4 },
  bbox: [0, 0, 1, 1],
};

describe('wallCrumbs', () => {
  it('puts the city above the districts when the wall holds several: 城市 › 区 › 街道 › 社区', () => {
    expect(wallCrumbs(community, null, '示例市')).toEqual([
      { id: null, name: '示例市', level: 'city' },
      { id: 10, name: '甲区', level: 'district' },
      { id: 20, name: '乙街道', level: 'street' },
      { id: 30, name: 'community30', level: 'community' },
    ]);
  });
  it('is the city alone at the city', () => {
    expect(wallCrumbs(null, null, '示例市')).toEqual([{ id: null, name: '示例市', level: 'city' }]);
  });
  it('starts at the district with one district, as before', () => {
    expect(wallCrumbs(community, 10, null).map((c) => c.id)).toEqual([10, 20, 30]);
    expect(wallCrumbs(null, 10, null)).toEqual([]);
  });
  it('starts at the scope of an account below the district, with nothing above it', () => {
    expect(wallCrumbs(community, 20, null).map((c) => c.level)).toEqual(['street', 'community']);
  });
});

describe('cityTourStops', () => {
  const districts = [feature(10, 'district', null), feature(11, 'district', null)];
  const streets = [feature(21, 'street', 11), feature(20, 'street', 10), feature(22, 'street', 10)];
  it('visits each district, then its streets, in the order given', () => {
    expect(cityTourStops(districts, streets).map((f) => f.id)).toEqual([10, 20, 22, 11, 21]);
  });
  it('walks from the last street of one district to the next district, and wraps to the first', () => {
    const ids = cityTourStops(districts, streets).map((f) => f.id);
    expect(nextStop(ids, 22, 1)).toBe(11);
    expect(nextStop(ids, 21, 1)).toBe(10);
    expect(nextStop(ids, 11, -1)).toBe(22);
    expect(nextStop(ids, undefined, 1)).toBe(10); // from the city, the first district
  });
  it('keeps a district without streets as a stop of its own', () => {
    expect(cityTourStops([...districts, feature(12, 'district', null)], streets).map((f) => f.id)).toEqual([
      10, 20, 22, 11, 21, 12,
    ]);
  });
});
