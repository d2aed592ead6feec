// 网格划分 against a real database: a proposal of 300–500-household grids that covers the community without
// overlaps, and accepting it moves buildings, residents and orders onto the new grids in one transaction.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/test-db.js';

type Json = Record<string, any>;
let t: TestApp;
let tokens: Record<string, string>;
let community: { id: number; name: string; households: number; grids: number; path: string };

beforeAll(async () => {
  t = await startTestApp();
  tokens = {};
  for (const u of ['admin', 'planner', 'community1']) tokens[u] = await t.login(u);
  // A community with roads through it and enough households for several grids.
  community = (await t.db.query<typeof community>(
    `SELECT c.id, c.name, c.households, c.path, (SELECT count(*)::int FROM areas g WHERE g.parent_id = c.id AND g.level = 'grid') AS grids FROM areas c
      WHERE c.level = 'community' AND c.households >= 1200 AND EXISTS (SELECT 1 FROM roads r WHERE ST_Crosses(r.geom, c.geom))
      ORDER BY c.code LIMIT 1`,
  )).rows[0];
});
afterAll(async () => t?.close());

describe('POST /api/regrid', () => {
  it('proposes grids within 300–500 households that cover the community without overlaps', async () => {
    const r = await t.post('/api/regrid', { communityId: community.id }, tokens.planner);
    expect(r.status).toBe(201);
    const rep = (await r.json()) as Json;
    expect(rep).toMatchObject({ kind: 'regrid', status: 'pending', acceptable: true });
    const hh = rep.features.map((f: Json) => f.households);
    expect(hh.reduce((a: number, b: number) => a + b, 0)).toBe(community.households);
    for (const h of hh) {
      expect(h).toBeGreaterThanOrEqual(300);
      expect(h).toBeLessThanOrEqual(500);
    }
    const g = await t.db.query<{ union: number; sum: number; parent: number; parts: number }>(
      `WITH f AS (SELECT ST_SetSRID(ST_GeomFromGeoJSON(e), 4326) AS g FROM jsonb_array_elements($1::jsonb) e)
        SELECT ST_Area(ST_Union(g)) AS union, sum(ST_Area(g)) AS sum, (SELECT ST_Area(geom) FROM areas WHERE id = $2) AS parent,
          max(ST_NumGeometries(g))::int AS parts FROM f`,
      [JSON.stringify(rep.features.map((f: Json) => f.geometry)), community.id],
    );
    expect(g.rows[0].union / g.rows[0].parent).toBeGreaterThan(0.999);
    expect(g.rows[0].union / g.rows[0].parent).toBeLessThan(1.001);
    expect(g.rows[0].sum / g.rows[0].union).toBeLessThan(1.001);
    // A grid left in pieces (when moving a piece would take a grid outside 300–500 households) is reported.
    const parts = await t.db.query<{ n: number }>(`SELECT ST_NumGeometries(ST_GeomFromGeoJSON(e))::int AS n FROM jsonb_array_elements($1::jsonb) e`, [JSON.stringify(rep.features.map((f: Json) => f.geometry))]);
    const split = parts.rows.flatMap((r, i) => (r.n > 1 ? [i] : []));
    expect(rep.problems.filter((p: Json) => p.kind === 'gap' && p.severity === 'warning').map((p: Json) => p.feature)).toEqual(split);
    expect(split.length).toBeLessThanOrEqual(1);
    expect((await t.post(`/api/imports/${rep.id}/cancel`, {}, tokens.planner)).status).toBe(200);
  });

  it('accepts as one transaction: buildings, residents and orders follow onto the new grids', async () => {
    // Small grids, so there are at least as many new grids as old ones and none has to be deleted.
    const rep = (await (await t.post('/api/regrid', { communityId: community.id, minHouseholds: 150, maxHouseholds: 260 }, tokens.planner)).json()) as Json;
    expect(rep.features.length).toBeGreaterThanOrEqual(community.grids);
    const acc = await t.post(`/api/imports/${rep.id}/accept`, {}, tokens.planner);
    expect(acc.status).toBe(200);
    const grids = await t.db.query<{ id: number; households: number; path: string }>(`SELECT id, households, path FROM areas WHERE parent_id = $1 AND level = 'grid' ORDER BY code`, [community.id]);
    expect(grids.rowCount).toBe(rep.features.length);
    expect(grids.rows.map((x) => x.households)).toEqual(rep.features.map((f: Json) => f.households));
    const stray = await t.db.query<{ n: number }>(
      `SELECT (SELECT count(*) FROM residents r JOIN buildings b ON b.id = r.building_id WHERE r.grid_id <> b.grid_id)
        + (SELECT count(*) FROM orders o JOIN areas g ON g.id = o.grid_id WHERE o.area_path <> g.path)
        + (SELECT count(*) FROM buildings b JOIN areas g ON g.id = b.grid_id WHERE g.parent_id = $1 AND NOT ST_DWithin(g.geom, b.geom, 0.00001)) AS n`,
      [community.id],
    );
    expect(Number(stray.rows[0].n)).toBe(0);
    const sum = (await t.db.query<{ h: number }>(`SELECT households AS h FROM areas WHERE id = $1`, [community.id])).rows[0].h;
    expect(sum).toBe(community.households);
  });

  it('refuses a community out of scope and boundary imports for planners', async () => {
    const other = (await t.db.query<{ id: number }>(`SELECT c.id FROM areas c, accounts u JOIN areas s ON s.id = u.area_id WHERE u.username = 'community1' AND c.level = 'community' AND c.id <> s.id LIMIT 1`)).rows[0];
    expect((await t.post('/api/regrid', { communityId: other.id }, tokens.community1)).status).toBe(403);
    expect((await t.post('/api/regrid', { communityId: 99999999 }, tokens.planner)).status).toBe(404);
    expect((await t.post('/api/regrid', { communityId: community.id, minHouseholds: 500, maxHouseholds: 300 }, tokens.planner)).status).toBe(400);
  });
});
