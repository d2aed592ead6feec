// Over a GCJ-02 base map: /api/meta names the base map and asks for shifted tiles, and a tile with ?datum=gcj02
// holds the same features moved by the GCJ-02 offset (hundreds of metres near Shanghai), the stored areas unchanged.
import { VectorTile } from '@mapbox/vector-tile';
import Protobuf from 'pbf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CityMeta } from '../../contract/meta.js';
import { localDistance } from '../../core/geo/index.js';
import { wgs84ToGcj02 } from '../../geodata/crs/china.js';
import { tileOf } from '../../api/tiles/tile-math.js';
import { startTestApp, type TestApp } from '../helpers/test-db.js';

let t: TestApp;
let token: string;
let bbox: [number, number, number, number];

/** [w, s, e, n] of one layer's features in a tile, in lon/lat as the tile says. */
function layerBounds(buf: Buffer, layer: string, z: number, x: number, y: number): [number, number, number, number] {
  const l = new VectorTile(new Protobuf(buf)).layers[layer];
  expect(l, `layer ${layer}`).toBeDefined();
  const b: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  for (let i = 0; i < l.length; i++) {
    const g = l.feature(i).toGeoJSON(x, y, z).geometry;
    const walk = (c: unknown): void => {
      if (typeof (c as number[])[0] === 'number') {
        const [lon, lat] = c as number[];
        b[0] = Math.min(b[0], lon);
        b[1] = Math.min(b[1], lat);
        b[2] = Math.max(b[2], lon);
        b[3] = Math.max(b[3], lat);
      } else (c as unknown[]).forEach(walk);
    };
    if (g.type !== 'GeometryCollection') walk(g.coordinates);
  }
  return b;
}

async function tile(path: string): Promise<Buffer> {
  const r = await t.get(path, token);
  expect(r.status).toBe(200);
  return Buffer.from(await r.arrayBuffer());
}

beforeAll(async () => {
  t = await startTestApp({
    GRIDWALL_BASEMAP: 'xyz:https://tiles.example.org/{z}/{x}/{y}.png',
    GRIDWALL_BASEMAP_DATUM: 'gcj02',
    GRIDWALL_BASEMAP_ATTRIBUTION: '© Example',
  });
  token = await t.login('operator');
  const r = await t.db.query<{ w: number; s: number; e: number; n: number }>(
    `SELECT ST_XMin(geom) AS w, ST_YMin(geom) AS s, ST_XMax(geom) AS e, ST_YMax(geom) AS n
       FROM areas WHERE level = 'district' ORDER BY id LIMIT 1`,
  );
  const d = r.rows[0];
  bbox = [d.w, d.s, d.e, d.n];
});
afterAll(async () => t?.close());

describe('GET /api/meta over a GCJ-02 base map', () => {
  it('names the base map and its datum, and asks for tiles in that datum', async () => {
    const r = await t.get('/api/meta', token);
    expect(r.status).toBe(200);
    const meta = (await r.json()) as CityMeta;
    expect(meta.basemap).toMatchObject({
      kind: 'xyz',
      type: 'raster',
      tiles: 'https://tiles.example.org/{z}/{x}/{y}.png',
      datum: 'gcj02',
      attribution: '© Example',
      tileSize: 256,
    });
    expect(meta.tiles.areas).toBe('/tiles/areas/{z}/{x}/{y}.pbf?datum=gcj02');
  });

  it("lets the browser fetch the base map's origin", async () => {
    const r = await t.get('/api/meta', token);
    const csp = r.headers.get('content-security-policy') ?? '';
    expect(csp).toMatch(/connect-src [^;]*https:\/\/tiles\.example\.org/);
    expect(csp).toMatch(/img-src [^;]*https:\/\/tiles\.example\.org/);
  });
});

describe('GET /tiles/areas/{z}/{x}/{y}.pbf?datum=gcj02', () => {
  it('moves the district by the GCJ-02 offset, leaving the stored district as it was', async () => {
    // The deepest zoom at which the whole district (and its shifted copy) lies in one tile.
    let z = 12;
    const sameTile = (zz: number) => {
      const a = tileOf(bbox[0], bbox[3], zz);
      const b = tileOf(bbox[2] + 0.01, bbox[1] - 0.01, zz);
      return a.x === b.x && a.y === b.y;
    };
    while (z > 0 && !sameTile(z)) z--;
    const { x, y } = tileOf(bbox[0], bbox[3], z);
    const plain = layerBounds(await tile(`/tiles/areas/${z}/${x}/${y}.pbf`), 'district', z, x, y);
    const asWgs = layerBounds(await tile(`/tiles/areas/${z}/${x}/${y}.pbf?datum=wgs84`), 'district', z, x, y);
    const shifted = layerBounds(await tile(`/tiles/areas/${z}/${x}/${y}.pbf?datum=gcj02`), 'district', z, x, y);
    expect(asWgs).toEqual(plain);

    // One tile pixel (of 4096) at this zoom, in metres: the tolerance of quantised coordinates.
    const pixel = (40_075_016 * Math.cos((bbox[1] * Math.PI) / 180)) / 2 ** z / 4096;
    const sw = wgs84ToGcj02([plain[0], plain[1]]);
    const ne = wgs84ToGcj02([plain[2], plain[3]]);
    const expectedShift = localDistance([plain[0], plain[1]], sw);
    expect(expectedShift).toBeGreaterThan(200);
    expect(localDistance([shifted[0], shifted[1]], sw)).toBeLessThan(3 * pixel);
    expect(localDistance([shifted[2], shifted[3]], ne)).toBeLessThan(3 * pixel);
    expect(localDistance([shifted[0], shifted[1]], [plain[0], plain[1]])).toBeGreaterThan(expectedShift - 3 * pixel);

    const after = await t.db.query<{ w: number; s: number }>(
      `SELECT ST_XMin(geom) AS w, ST_YMin(geom) AS s FROM areas WHERE level = 'district' ORDER BY id LIMIT 1`,
    );
    expect([after.rows[0].w, after.rows[0].s]).toEqual([bbox[0], bbox[1]]);
  });

  it('holds, at street zoom, the grids whose shifted outlines reach the tile', async () => {
    const [lon, lat] = wgs84ToGcj02([(bbox[0] + bbox[2]) / 2, (bbox[1] + bbox[3]) / 2]);
    const { x, y } = tileOf(lon, lat, 15);
    const shifted = new VectorTile(new Protobuf(await tile(`/tiles/areas/15/${x}/${y}.pbf?datum=gcj02`)));
    expect(shifted.layers.grid?.length).toBeGreaterThan(0);
    // Every grid in the shifted tile covers, shifted, a part of the tile: none is far outside it.
    const b = layerBounds(await tile(`/tiles/areas/15/${x}/${y}.pbf?datum=gcj02`), 'grid', 15, x, y);
    const size = 360 / 2 ** 15;
    expect(b[2] - b[0]).toBeLessThan(size * 1.1);
  });

  it('shifts the own base map too: its roads by class, at the zoom the class shows from', async () => {
    const [lon, lat] = wgs84ToGcj02([(bbox[0] + bbox[2]) / 2, (bbox[1] + bbox[3]) / 2]);
    const { x, y } = tileOf(lon, lat, 13);
    const roads = new VectorTile(new Protobuf(await tile(`/tiles/basemap/13/${x}/${y}.pbf?datum=gcj02`))).layers.roads;
    expect(roads?.length).toBeGreaterThan(0);
    const classes = new Set(Array.from({ length: roads.length }, (_, i) => roads.feature(i).properties.roadClass));
    expect(classes).toContain('arterial');
    expect(classes).not.toContain('local'); // local roads from z14 only
  });

  it('refuses a datum it does not know', async () => {
    const r = await t.get('/tiles/areas/13/0/0.pbf?datum=bd09', token);
    expect(r.status).toBe(400);
  });
});
