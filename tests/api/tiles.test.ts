// Vector tiles: the same features from ST_AsMVT and from the Node encoder, scoped, cached and invalidated.
import { VectorTile } from '@mapbox/vector-tile';
import Protobuf from 'pbf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderTile } from '../../api/tiles/service.js';
import { tileOf } from '../../api/tiles/tile-math.js';
import { startTestApp, type TestApp } from '../helpers/test-db.js';

let t: TestApp;
let token: string;
let center: { z: number; x: number; y: number };

function decode(buf: Buffer) {
  const tile = new VectorTile(new Protobuf(buf));
  const out: Record<string, { id: number | undefined; props: Record<string, unknown>; type: number }[]> = {};
  for (const [name, layer] of Object.entries(tile.layers)) {
    out[name] = Array.from({ length: layer.length }, (_, i) => {
      const f = layer.feature(i);
      return { id: f.id, props: f.properties, type: f.type };
    }).sort((a, b) => Number(a.id) - Number(b.id));
  }
  return out;
}

beforeAll(async () => {
  t = await startTestApp();
  token = await t.login('operator');
  const c = (
    await t.db.query<{ x: number; y: number }>(
      `SELECT ST_X(label_point) AS x, ST_Y(label_point) AS y FROM areas WHERE level = 'district'`,
    )
  ).rows[0];
  center = tileOf(c.x, c.y, 13);
});
afterAll(async () => t?.close());

describe('GET /tiles/areas/{z}/{x}/{y}.pbf', () => {
  it('serves every level as its own layer with the area properties', async () => {
    const r = await t.get(`/tiles/areas/${center.z}/${center.x}/${center.y}.pbf`, token);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('application/vnd.mapbox-vector-tile');
    const layers = decode(Buffer.from(await r.arrayBuffer()));
    expect(Object.keys(layers)).toEqual(expect.arrayContaining(['district', 'street', 'community', 'grid']));
    const g = layers.grid[0];
    expect(g.type).toBe(3);
    expect(g.props).toMatchObject({ level: 'grid' });
    expect(g.props.id).toBe(g.id);
    expect(String(g.props.code)).toMatch(/^\d{15}$/);
    expect(Number(g.props.households)).toBeGreaterThanOrEqual(300);
  });

  it('encodes the same features whether PostGIS or Node encodes them', async () => {
    const viaNode = decode(await renderTile(t.db, 'areas', center.z, center.x, center.y, '/', false));
    expect(viaNode.grid.length).toBeGreaterThan(0);
    if (t.db.capabilities.asMvt) {
      const viaPostgis = decode(await renderTile(t.db, 'areas', center.z, center.x, center.y, '/', true));
      expect(viaNode).toEqual(viaPostgis);
      const baseNode = decode(await renderTile(t.db, 'basemap', 15, center.x * 4, center.y * 4, '/', false));
      const basePostgis = decode(await renderTile(t.db, 'basemap', 15, center.x * 4, center.y * 4, '/', true));
      expect(baseNode).toEqual(basePostgis);
    } else {
      // PGlite: ST_AsMVT is detected as missing, so the fallback is the path in use.
      expect(t.db.kind).toBe('pglite');
    }
  });

  it('serves the base map with roads by class and water', async () => {
    const r = await t.get(`/tiles/basemap/${center.z}/${center.x}/${center.y}.pbf`, token);
    const layers = decode(Buffer.from(await r.arrayBuffer()));
    expect(layers.roads?.length).toBeGreaterThan(0);
    expect(new Set(layers.roads.map((f) => f.props.roadClass))).toContain('arterial');
  });

  it('serves an empty tile far from the city', async () => {
    const r = await t.get('/tiles/areas/13/0/0.pbf', token);
    expect(r.status).toBe(200);
    expect(Object.keys(decode(Buffer.from(await r.arrayBuffer())))).toEqual([]);
  });

  it('rejects tiles that cannot exist', async () => {
    for (const p of ['/tiles/areas/3/8/0.pbf', '/tiles/areas/23/0/0.pbf', '/tiles/areas/a/b/c.pbf']) {
      expect((await t.get(p, token)).status, p).toBe(400);
    }
  });

  it('needs a login', async () => {
    expect((await t.get(`/tiles/areas/${center.z}/${center.x}/${center.y}.pbf`)).status).toBe(401);
  });

  it('serves a repeated tile from the cache, and rebuilds it after invalidation', async () => {
    const p = `/tiles/areas/${center.z}/${center.x}/${center.y}.pbf`;
    t.app.tileCache.invalidate();
    await t.get(p, token);
    const size = t.app.tileCache.size;
    expect(size).toBeGreaterThan(0);
    await t.db.query(`UPDATE areas SET name = name || '（改）' WHERE level = 'grid'`);
    const cached = decode(Buffer.from(await (await t.get(p, token)).arrayBuffer()));
    expect(String(cached.grid[0].props.name)).not.toMatch(/（改）$/);
    t.app.tileCache.invalidate();
    const fresh = decode(Buffer.from(await (await t.get(p, token)).arrayBuffer()));
    expect(String(fresh.grid[0].props.name)).toMatch(/（改）$/);
  });

  it('shows a resource added, changed or removed in the base map at once (its points of interest)', async () => {
    const c = (
      await t.db.query<{ x: number; y: number }>(
        `SELECT ST_X(label_point) AS x, ST_Y(label_point) AS y FROM areas WHERE level = 'grid' ORDER BY id LIMIT 1`,
      )
    ).rows[0];
    const z = tileOf(c.x, c.y, 16);
    const p = `/tiles/basemap/${z.z}/${z.x}/${z.y}.pbf`;
    const pois = async () =>
      (decode(Buffer.from(await (await t.get(p, token)).arrayBuffer())).pois ?? []).map((f) => f.props.name);
    const planner = await t.login('planner');
    expect(await pois()).not.toContain('新设快递柜');
    const r = await t.post(
      '/api/resources',
      { kind: 'parcel_locker', name: '新设快递柜', lon: c.x, lat: c.y },
      planner,
    );
    expect(r.status).toBe(201);
    expect(await pois()).toContain('新设快递柜');
    const id = ((await r.json()) as { id: number }).id;
    const del = await fetch(`${t.url}/api/resources/${id}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${planner}` },
    });
    expect(del.status).toBe(204);
    expect(await pois()).not.toContain('新设快递柜');
  });
});
