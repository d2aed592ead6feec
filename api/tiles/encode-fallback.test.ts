import { VectorTile } from '@mapbox/vector-tile';
import Protobuf from 'pbf';
import { describe, expect, it } from 'vitest';
import { encodeLayers } from './encode-fallback.js';
import { EXTENT, tileBounds } from './tile-math.js';

const b = tileBounds(0, 0, 0);
const half = b.maxx;

describe('encodeLayers', () => {
  it('maps metres to tile pixels with y pointing down and keeps properties', () => {
    const poly = {
      type: 'Polygon',
      coordinates: [
        [
          [0, 0],
          [half, 0],
          [half, half],
          [0, half],
          [0, 0],
        ],
      ],
    };
    const buf = encodeLayers(b, {
      grid: [
        { id: 7, geometry: JSON.stringify(poly), props: { name: '第1网格', households: 420, specialClass: null } },
      ],
    });
    const layer = new VectorTile(new Protobuf(buf)).layers.grid;
    expect(layer.extent).toBe(EXTENT);
    const f = layer.feature(0);
    expect(f.id).toBe(7);
    expect(f.type).toBe(3);
    expect(f.properties).toEqual({ name: '第1网格', households: 420 }); // nulls are omitted, as ST_AsMVT does
    const ring = f.loadGeometry()[0].map((p) => [p.x, p.y]);
    // The north-east quadrant of the world is the upper-right quarter of tile 0/0/0.
    expect(ring).toEqual(
      expect.arrayContaining([
        [2048, 2048],
        [4096, 2048],
        [4096, 0],
        [2048, 0],
      ]),
    );
  });

  it('winds exterior rings positive and holes negative in tile space, whatever the input winding', () => {
    const area = (ring: { x: number; y: number }[]) => {
      let a = 0;
      for (let i = 0; i < ring.length - 1; i++) a += ring[i].x * ring[i + 1].y - ring[i + 1].x * ring[i].y;
      return a;
    };
    const q = half / 4;
    const outer = [
      [0, 0],
      [half, 0],
      [half, half],
      [0, half],
      [0, 0],
    ];
    const hole = [
      [q, q],
      [2 * q, q],
      [2 * q, 2 * q],
      [q, 2 * q],
      [q, q],
    ];
    for (const [o, h] of [
      [outer, hole],
      [[...outer].reverse(), [...hole].reverse()],
    ]) {
      const poly = { type: 'Polygon', coordinates: [o, h] };
      const f = new VectorTile(
        new Protobuf(encodeLayers(b, { a: [{ id: 1, geometry: JSON.stringify(poly), props: {} }] })),
      ).layers.a.feature(0);
      const [ext, inner] = f.loadGeometry();
      expect(area(ext)).toBeGreaterThan(0);
      expect(area(inner)).toBeLessThan(0);
    }
  });

  it('drops polygons that collapse below a pixel and omits empty layers', () => {
    const tiny = {
      type: 'Polygon',
      coordinates: [
        [
          [0, 0],
          [1, 0],
          [1, 1],
          [0, 0],
        ],
      ],
    };
    const buf = encodeLayers(b, { grid: [{ id: 1, geometry: JSON.stringify(tiny), props: {} }], empty: [] });
    expect(Object.keys(new VectorTile(new Protobuf(buf)).layers)).toEqual([]);
  });

  it('encodes lines and multi-polygons', () => {
    const line = {
      type: 'LineString',
      coordinates: [
        [0, 0],
        [half / 2, half / 2],
        [half, half / 2],
      ],
    };
    const multi = {
      type: 'MultiPolygon',
      coordinates: [
        [
          [
            [0, 0],
            [half / 2, 0],
            [half / 2, half / 2],
            [0, 0],
          ],
        ],
        [
          [
            [-half, -half],
            [-half / 2, -half],
            [-half / 2, -half / 2],
            [-half, -half],
          ],
        ],
      ],
    };
    const t = new VectorTile(
      new Protobuf(
        encodeLayers(b, {
          roads: [{ id: 1, geometry: JSON.stringify(line), props: { roadClass: 'arterial' } }],
          water: [{ id: 2, geometry: JSON.stringify(multi), props: {} }],
        }),
      ),
    );
    expect(t.layers.roads.feature(0).type).toBe(2);
    expect(t.layers.roads.feature(0).loadGeometry()[0]).toHaveLength(3);
    expect(t.layers.water.feature(0).loadGeometry()).toHaveLength(2);
  });
});
