// The offline base map from a district's own layers: road names as label anchors (named roads only, a bounded number
// per tile, at street-reading zooms), building footprints and points of interest from z15, on both encoders.
import { VectorTile } from '@mapbox/vector-tile';
import Protobuf from 'pbf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROAD_LABELS_PER_TILE } from '../../api/tiles/layers.js';
import { renderTile } from '../../api/tiles/service.js';
import { tileBounds, tileOf } from '../../api/tiles/tile-math.js';
import { openTestDb, type TestDb } from '../helpers/test-db.js';

type Feature = { id: number | undefined; props: Record<string, unknown>; type: number; points: [number, number][] };

function decode(buf: Buffer): Record<string, Feature[]> {
  const tile = new VectorTile(new Protobuf(buf));
  const out: Record<string, Feature[]> = {};
  for (const [name, layer] of Object.entries(tile.layers)) {
    out[name] = Array.from({ length: layer.length }, (_, i) => {
      const f = layer.feature(i);
      const points = f
        .loadGeometry()
        .flat()
        .map((p) => [p.x, p.y] as [number, number]);
      return { id: f.id, props: f.properties, type: f.type, points };
    }).sort((a, b) => Number(a.id) - Number(b.id));
  }
  return out;
}

let t: TestDb;
// An empty place far from the seeded city, so that every feature in its tiles is one of this file's.
const HERE = { lon: 120.5012, lat: 30.5013 };
const z15 = tileOf(HERE.lon, HERE.lat, 15);
const z14 = tileOf(HERE.lon, HERE.lat, 14);
const z12 = tileOf(HERE.lon, HERE.lat, 12);
/** The WGS84 box of the z15 tile, to place features inside it. */
const box = (() => {
  const b = tileBounds(15, z15.x, z15.y);
  const R = 6378137;
  const lon = (x: number) => (x / R) * (180 / Math.PI);
  const lat = (y: number) => (2 * Math.atan(Math.exp(y / R)) - Math.PI / 2) * (180 / Math.PI);
  return { w: lon(b.minx), e: lon(b.maxx), s: lat(b.miny), n: lat(b.maxy) };
})();
const at = (fx: number, fy: number): [number, number] => [box.w + (box.e - box.w) * fx, box.s + (box.n - box.s) * fy];
const line = (a: [number, number], b: [number, number]) => JSON.stringify({ type: 'LineString', coordinates: [a, b] });

async function road(name: string, cls: string, a: [number, number], b: [number, number]): Promise<number> {
  const r = await t.db.query<{ id: number }>(
    `INSERT INTO roads (name, road_class, geom) VALUES ($1, $2, ST_SetSRID(ST_GeomFromGeoJSON($3), 4326)) RETURNING id`,
    [name, cls, line(a, b)],
  );
  return r.rows[0].id;
}

const tile = async (z: { z: number; x: number; y: number }, useMvt = t.db.capabilities.asMvt) =>
  decode(await renderTile(t.db, 'basemap', z.z, z.x, z.y, '/', useMvt));

beforeAll(async () => {
  t = await openTestDb();
  // An east–west arterial across the tile, split in two ways as imports bring them; a north–south local road.
  await road('中山北路', 'arterial', at(-0.2, 0.5), at(0.4, 0.5));
  await road('中山北路', 'arterial', at(0.4, 0.5), at(1.2, 0.5));
  await road('宁海路', 'local', at(0.3, -0.2), at(0.3, 1.2));
  // Unnamed roads draw as roads but carry no name.
  await road('', 'arterial', at(-0.2, 0.2), at(1.2, 0.2));
  await road('  ', 'secondary', at(-0.2, 0.8), at(1.2, 0.8));
  // A named stub too short to carry its name.
  await road('短巷', 'secondary', at(0.6, 0.9), at(0.62, 0.9));
  // A building with its footprint, and a point of interest.
  const [w, s] = at(0.7, 0.3);
  const [e, n] = at(0.72, 0.32);
  const footprint = JSON.stringify({
    type: 'MultiPolygon',
    coordinates: [
      [
        [
          [w, s],
          [e, s],
          [e, n],
          [w, n],
          [w, s],
        ],
      ],
    ],
  });
  await t.db.query(
    `INSERT INTO buildings (address, households, population, floors, footprint, geom)
     VALUES ('宁海路1号', 12, 30, 6, ST_SetSRID(ST_GeomFromGeoJSON($1), 4326), ST_SetSRID(ST_MakePoint($2, $3), 4326))`,
    [footprint, (w + e) / 2, (s + n) / 2],
  );
  await t.db.query(
    `INSERT INTO buildings (address, households, population, floors, geom)
     VALUES ('宁海路3号', 10, 20, 3, ST_SetSRID(ST_MakePoint($1, $2), 4326))`,
    at(0.5, 0.6),
  );
  await t.db.query(
    `INSERT INTO resources (kind, name, geom) VALUES ('clinic', '宁海路卫生站', ST_SetSRID(ST_MakePoint($1, $2), 4326))`,
    at(0.4, 0.4),
  );
});
afterAll(async () => t?.close());

describe('road names in the base map tiles', () => {
  it('anchors one name per named road inside the tile, along the road, from z15 for local roads', async () => {
    const labels = (await tile(z15)).roadlabels;
    expect(labels.map((f) => f.props.name).sort()).toEqual(['中山北路', '宁海路']);
    for (const f of labels) {
      expect(f.type).toBe(1);
      const [x, y] = f.points[0];
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThanOrEqual(4096);
      expect(y).toBeGreaterThanOrEqual(0);
      expect(y).toBeLessThanOrEqual(4096);
    }
    const byName = Object.fromEntries(labels.map((f) => [f.props.name, f]));
    expect(byName['中山北路'].props).toMatchObject({ roadClass: 'arterial', angle: 0 });
    expect(Math.abs(Number(byName['宁海路'].props.angle))).toBe(90);
    // The arterial's two pieces are one road: its anchor lies on the road, mid-tile.
    expect(byName['中山北路'].points[0][1]).toBeCloseTo(2048, -1);
    expect(byName['中山北路'].points[0][0]).toBeCloseTo(2048, -1);
  });

  it('names only arterials and secondary roads at z14, and nothing below', async () => {
    expect((await tile(z14)).roadlabels.map((f) => f.props.name)).toEqual(['中山北路']);
    expect((await tile(z12)).roadlabels).toBeUndefined();
  });

  it('carries at most a bounded number of names per tile, the highest classes first', async () => {
    const place = { lon: 120.61, lat: 30.61 };
    const z = tileOf(place.lon, place.lat, 15);
    const b = tileBounds(15, z.x, z.y);
    const R = 6378137;
    const lon = (x: number) => (x / R) * (180 / Math.PI);
    const lat = (y: number) => (2 * Math.atan(Math.exp(y / R)) - Math.PI / 2) * (180 / Math.PI);
    for (let i = 0; i < 40; i++) {
      const y = lat(b.miny + ((b.maxy - b.miny) * (i + 0.5)) / 40);
      await road(`支路${i}号`, 'local', [lon(b.minx) - 0.001, y], [lon(b.maxx) + 0.001, y]);
    }
    await road(
      '长江路',
      'secondary',
      [lon(b.minx) + 0.0001, lat(b.miny) - 0.001],
      [lon(b.minx) + 0.0001, lat(b.maxy) + 0.001],
    );
    const labels = (await tile(z)).roadlabels;
    expect(labels).toHaveLength(ROAD_LABELS_PER_TILE);
    expect(labels.map((f) => f.props.name)).toContain('长江路');
    expect(new Set(labels.map((f) => f.props.name)).size).toBe(labels.length);
  });

  it('names the roads of the seeded city', async () => {
    const c = (
      await t.db.query<{ x: number; y: number }>(
        `SELECT ST_X(ST_Centroid(geom)) AS x, ST_Y(ST_Centroid(geom)) AS y FROM roads WHERE road_class = 'arterial' AND name <> '' ORDER BY id LIMIT 1`,
      )
    ).rows[0];
    const labels = (await tile(tileOf(c.x, c.y, 15))).roadlabels ?? [];
    expect(labels.length).toBeGreaterThan(0);
    for (const f of labels) expect(String(f.props.name).trim()).not.toBe('');
  });
});

describe('buildings and points of interest in the base map tiles', () => {
  it('draws footprints with their floors only, and points of interest, from z15', async () => {
    const layers = await tile(z15);
    expect(layers.buildings).toHaveLength(1);
    expect(layers.buildings[0].type).toBe(3);
    expect(layers.buildings[0].props).toEqual({ id: layers.buildings[0].id, floors: 6 });
    expect(layers.pois).toHaveLength(1);
    expect(layers.pois[0]).toMatchObject({ type: 1, props: { name: '宁海路卫生站', kind: 'clinic' } });
  });

  it('leaves them out below z15', async () => {
    for (const z of [z14, z12]) {
      const layers = await tile(z);
      expect(layers.buildings).toBeUndefined();
      expect(layers.pois).toBeUndefined();
      expect(layers.roads?.length).toBeGreaterThan(0);
    }
  });

  it('encodes the same features whether PostGIS or Node encodes them', async () => {
    const viaNode = await tile(z15, false);
    expect(Object.keys(viaNode).sort()).toEqual(['buildings', 'pois', 'roadlabels', 'roads']);
    if (t.db.capabilities.asMvt) expect(await tile(z15, true)).toEqual(viaNode);
    else expect(t.db.kind).toBe('pglite');
  });
});
