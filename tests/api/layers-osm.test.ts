// The OpenStreetMap reader and the class and kind mappings of layer imports, on extracts written here (no database).
import { describe, expect, it } from 'vitest';
import { writeOsmPbf } from '../helpers/osm-pbf.js';
import { resourceKindOf, roadClassOf } from '../../api/layers/mapping.js';
import { readOsmPbf } from '../../api/layers/osm.js';

const square = (id0: number, x: number, y: number, d: number) =>
  [
    [x, y],
    [x + d, y],
    [x + d, y + d],
    [x, y + d],
  ].map(([lon, lat], i) => ({ id: id0 + i, lon, lat }));

describe('readOsmPbf', () => {
  // A lake as a multipolygon relation: its outer ring in two ways, an island as the inner ring.
  const extract = () =>
    writeOsmPbf({
      nodes: [...square(1, 121, 31, 0.01), ...square(11, 121.004, 31.004, 0.002), { id: 30, lon: 121.02, lat: 31 }],
      ways: [
        { id: 100, nodes: [1, 2, 3] },
        { id: 101, nodes: [3, 4, 1] },
        { id: 102, nodes: [11, 12, 13, 14, 11] },
        { id: 103, nodes: [2, 30], tags: { highway: 'tertiary', name: '湖滨路' } },
        { id: 104, nodes: [1, 2, 3, 4, 1], tags: { highway: 'pedestrian', area: 'yes' } },
      ],
      relations: [
        {
          id: 500,
          tags: { type: 'multipolygon', natural: 'water', name: '玄武湖' },
          members: [
            { type: 'way', ref: 100, role: 'outer' },
            { type: 'way', ref: 101, role: 'outer' },
            { type: 'way', ref: 102, role: 'inner' },
          ],
        },
      ],
    });

  it('joins a multipolygon relation’s ways into rings, with its holes', () => {
    const water = readOsmPbf(extract(), 'water');
    expect(water.features).toHaveLength(1);
    const g = water.features[0].geometry as { type: string; coordinates: number[][][][] };
    expect(g.type).toBe('MultiPolygon');
    expect(g.coordinates[0]).toHaveLength(2); // outer + island
    expect(g.coordinates[0][0]).toHaveLength(5);
    expect(water.features[0].properties.name).toBe('玄武湖');
  });

  it('reads highway ways as roads, but not pedestrian areas, and counts the other layers', () => {
    const roads = readOsmPbf(extract(), 'roads');
    expect(roads.features.map((f) => f.properties.name)).toEqual(['湖滨路']);
    expect(roads.features[0].geometry).toEqual({
      type: 'LineString',
      coordinates: [
        [121.01, 31],
        [121.02, 31],
      ],
    });
    expect(roads.otherLayers).toBe(1); // the lake
  });

  it('refuses bytes that are no extract', () => {
    expect(() => readOsmPbf(Buffer.from('<osm version="0.6"/>'), 'roads')).toThrow();
  });
});

describe('classes and kinds', () => {
  it('maps OSM highway values and Chinese road grades onto road classes', () => {
    expect(['primary', 'trunk', '主干路'].map(roadClassOf)).toEqual(['arterial', 'arterial', 'arterial']);
    expect(['tertiary', '次干路'].map(roadClassOf)).toEqual(['secondary', 'secondary']);
    expect(['residential', 'service', '支路'].map(roadClassOf)).toEqual(['local', 'local', 'local']);
    expect(['footway', 'steps', '步行道'].map(roadClassOf)).toEqual(['path', 'path', 'path']);
  });

  it('maps amenity/shop/leisure tags and 类型 values onto resource kinds', () => {
    expect(resourceKindOf({ amenity: 'clinic' }, null).kind).toBe('clinic');
    expect(resourceKindOf({ amenity: 'social_facility', social_facility: 'nursing_home' }, null).kind).toBe(
      'elder_station',
    );
    expect(resourceKindOf({ shop: 'supermarket' }, null).kind).toBe('market');
    expect(resourceKindOf({ 类型: '助餐点' }, '类型').kind).toBe('elder_canteen');
    expect(resourceKindOf({ 类型: '写字楼' }, '类型')).toEqual({ raw: '写字楼', kind: null });
  });
});
