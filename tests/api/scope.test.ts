// Area scope is enforced in the queries: a community account sees its community and nothing else.
import { VectorTile } from '@mapbox/vector-tile';
import Protobuf from 'pbf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/test-db.js';

let t: TestApp;
let community: { id: number; path: string };
let other: { id: number };
let grid: { id: number };
let otherGrid: { id: number };

beforeAll(async () => {
  t = await startTestApp();
  const a = await t.db.query<{ id: number; path: string }>(
    `SELECT c.area_id AS id, ar.path FROM accounts c JOIN areas ar ON ar.id = c.area_id WHERE c.username = 'community1'`,
  );
  community = a.rows[0];
  other = (
    await t.db.query<{ id: number }>(
      `SELECT id FROM areas WHERE level = 'community' AND id <> $1 ORDER BY id LIMIT 1`,
      [community.id],
    )
  ).rows[0];
  grid = (await t.db.query<{ id: number }>(`SELECT area_id AS id FROM accounts WHERE username = 'worker1'`)).rows[0];
  otherGrid = (
    await t.db.query<{ id: number }>(`SELECT id FROM areas WHERE level = 'grid' AND id <> $1 ORDER BY id LIMIT 1`, [
      grid.id,
    ])
  ).rows[0];
});
afterAll(async () => t?.close());

describe('a community account', () => {
  it('reads its own community', async () => {
    const token = await t.login('community1');
    const r = await t.get(`/api/areas/${community.id}`, token);
    expect(r.status).toBe(200);
  });

  it('cannot read another community (404, as if it did not exist)', async () => {
    const token = await t.login('community1');
    for (const p of [`/api/areas/${other.id}`, `/api/areas/${other.id}/profile`, `/api/areas?parent=${other.id}`]) {
      const r = await t.get(p, token);
      expect(r.status, p).toBe(404);
    }
  });

  it('lists only areas inside its community', async () => {
    const token = await t.login('community1');
    const r = await t.get('/api/areas', token);
    const fc = (await r.json()) as { features: { properties: { id: number; level: string; parentId: number } }[] };
    expect(fc.features.length).toBeGreaterThan(1);
    const ids = new Set(fc.features.map((f) => f.properties.id));
    expect(ids.has(community.id)).toBe(true);
    for (const f of fc.features)
      if (f.properties.id !== community.id) expect(ids.has(f.properties.parentId)).toBe(true);
    expect(fc.features.some((f) => f.properties.level === 'street' || f.properties.level === 'district')).toBe(false);
  });

  it('gets only its own features in vector tiles', async () => {
    const token = await t.login('community1');
    const meta = (await (await t.get('/api/meta', token)).json()) as { bbox: number[] };
    const [w, s, e, n] = meta.bbox;
    const z = 12;
    const lon = (w + e) / 2,
      lat = (s + n) / 2;
    const x = Math.floor(((lon + 180) / 360) * 2 ** z);
    const y = Math.floor(
      ((1 - Math.log(Math.tan((lat * Math.PI) / 180) + 1 / Math.cos((lat * Math.PI) / 180)) / Math.PI) / 2) * 2 ** z,
    );
    const buf = Buffer.from(await (await t.get(`/tiles/areas/${z}/${x}/${y}.pbf`, token)).arrayBuffer());
    const tile = new VectorTile(new Protobuf(buf));
    expect(tile.layers.district).toBeUndefined();
    expect(tile.layers.street).toBeUndefined();
    expect(tile.layers.community.length).toBe(1);
    expect(tile.layers.community.feature(0).properties.id).toBe(community.id);
  });
});

describe('a grid worker', () => {
  it('reads its grid and nothing beside it', async () => {
    const token = await t.login('worker1');
    expect((await t.get(`/api/areas/${grid.id}`, token)).status).toBe(200);
    expect((await t.get(`/api/areas/${otherGrid.id}`, token)).status).toBe(404);
    const fc = (await (await t.get('/api/areas?level=grid', token)).json()) as { features: unknown[] };
    expect(fc.features.length).toBe(1);
  });
});
