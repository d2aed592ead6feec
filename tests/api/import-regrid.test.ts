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
  community = (
    await t.db.query<typeof community>(
      `SELECT c.id, c.name, c.households, c.path, (SELECT count(*)::int FROM areas g WHERE g.parent_id = c.id AND g.level = 'grid') AS grids FROM areas c
      WHERE c.level = 'community' AND c.households >= 1200 AND EXISTS (SELECT 1 FROM roads r WHERE ST_Crosses(r.geom, c.geom))
      ORDER BY c.code LIMIT 1`,
    )
  ).rows[0];
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
    const parts = await t.db.query<{ n: number }>(
      `SELECT ST_NumGeometries(ST_GeomFromGeoJSON(e))::int AS n FROM jsonb_array_elements($1::jsonb) e`,
      [JSON.stringify(rep.features.map((f: Json) => f.geometry))],
    );
    const split = parts.rows.flatMap((r, i) => (r.n > 1 ? [i] : []));
    expect(
      rep.problems
        .filter((p: Json) => p.kind === 'not_contiguous' && p.severity === 'warning')
        .map((p: Json) => p.feature),
    ).toEqual(split);
    expect(rep.problems.some((p: Json) => p.kind === 'gap' || p.kind === 'outside_parent')).toBe(false);
    expect(split.length).toBeLessThanOrEqual(1);
    expect((await t.post(`/api/imports/${rep.id}/cancel`, {}, tokens.planner)).status).toBe(200);
  });

  it('gives each old grid to the proposed grid it overlaps most (one to one), keeping its id, code and name; new grids get new names', async () => {
    const old = (
      await t.db.query<{ id: number; code: string; name: string }>(
        `SELECT id, code, name FROM areas WHERE parent_id = $1 AND level = 'grid'`,
        [community.id],
      )
    ).rows;
    const rep = (await (
      await t.post('/api/regrid', { communityId: community.id, minHouseholds: 150, maxHouseholds: 260 }, tokens.planner)
    ).json()) as Json;
    const share = await t.db.query<{ old: number; grid: number; share: number }>(
      `WITH n AS (SELECT (e->>'index')::int AS grid, ST_SetSRID(ST_GeomFromGeoJSON(e->'geometry'), 4326) AS g FROM jsonb_array_elements($2::jsonb) e)
        SELECT o.id AS old, n.grid, ST_Area(ST_Intersection(o.geom, n.g)) / ST_Area(ST_Union(o.geom, n.g)) AS share
        FROM areas o JOIN n ON ST_Intersects(o.geom, n.g) WHERE o.parent_id = $1 AND o.level = 'grid'`,
      [community.id, JSON.stringify(rep.features)],
    );
    const shareOf = (o: number, g: number) => share.rows.find((r) => r.old === o && r.grid === g)?.share ?? 0;
    const matched = rep.features.filter((f: Json) => f.existingId !== null);
    expect(matched).toHaveLength(Math.min(old.length, rep.features.length));
    expect(new Set(matched.map((f: Json) => f.existingId)).size).toBe(matched.length);
    for (const f of matched) {
      const o = old.find((x) => x.id === f.existingId)!;
      expect(f).toMatchObject({ action: 'update', code: o.code, name: o.name });
      // Greedy by share: no unclaimed pairing of this old grid or this proposed grid overlaps more.
      for (const g of rep.features.filter((x: Json) => x.existingId === null))
        expect(shareOf(o.id, g.index)).toBeLessThanOrEqual(shareOf(o.id, f.index) + 1e-9);
      expect(shareOf(o.id, f.index)).toBeGreaterThan(0);
    }
    const fresh = rep.features.filter((f: Json) => f.existingId === null);
    for (const f of fresh) expect(old.map((o) => o.name)).not.toContain(f.name);
    expect(new Set(rep.features.map((f: Json) => f.name)).size).toBe(rep.features.length);
    expect(rep.features.every((f: Json) => f.compactness > 0 && f.compactness <= 1)).toBe(true);
    expect((await t.post(`/api/imports/${rep.id}/cancel`, {}, tokens.planner)).status).toBe(200);
  });

  it('accepts as one transaction: buildings, residents and orders follow onto the new grids', async () => {
    // Small grids, so there are at least as many new grids as old ones and none has to be deleted.
    const rep = (await (
      await t.post('/api/regrid', { communityId: community.id, minHouseholds: 150, maxHouseholds: 260 }, tokens.planner)
    ).json()) as Json;
    expect(rep.features.length).toBeGreaterThanOrEqual(community.grids);
    const acc = await t.post(`/api/imports/${rep.id}/accept`, {}, tokens.planner);
    expect(acc.status).toBe(200);
    const grids = await t.db.query<{ code: string; households: number }>(
      `SELECT code, households FROM areas WHERE parent_id = $1 AND level = 'grid' ORDER BY code`,
      [community.id],
    );
    expect(grids.rowCount).toBe(rep.features.length);
    expect(Object.fromEntries(grids.rows.map((x) => [x.code, x.households]))).toEqual(
      Object.fromEntries(rep.features.map((f: Json) => [f.code, f.households])),
    );
    const stray = await t.db.query<{ n: number }>(
      `SELECT (SELECT count(*) FROM residents r JOIN buildings b ON b.id = r.building_id WHERE r.grid_id <> b.grid_id)
        + (SELECT count(*) FROM orders o JOIN areas g ON g.id = o.grid_id WHERE o.area_path <> g.path)
        + (SELECT count(*) FROM buildings b JOIN areas g ON g.id = b.grid_id WHERE g.parent_id = $1 AND NOT ST_DWithin(g.geom, b.geom, 0.00001)) AS n`,
      [community.id],
    );
    expect(Number(stray.rows[0].n)).toBe(0);
    const sum = (await t.db.query<{ h: number }>(`SELECT households AS h FROM areas WHERE id = $1`, [community.id]))
      .rows[0].h;
    expect(sum).toBe(community.households);
  });

  it('refuses a community out of scope and boundary imports for planners', async () => {
    const other = (
      await t.db.query<{ id: number }>(
        `SELECT c.id FROM areas c, accounts u JOIN areas s ON s.id = u.area_id WHERE u.username = 'community1' AND c.level = 'community' AND c.id <> s.id LIMIT 1`,
      )
    ).rows[0];
    expect((await t.post('/api/regrid', { communityId: other.id }, tokens.community1)).status).toBe(403);
    expect((await t.post('/api/regrid', { communityId: 99999999 }, tokens.planner)).status).toBe(404);
    expect(
      (
        await t.post(
          '/api/regrid',
          { communityId: community.id, minHouseholds: 500, maxHouseholds: 300 },
          tokens.planner,
        )
      ).status,
    ).toBe(400);
  });
});

const propose = async (body: Json, token = tokens.planner) => {
  const r = await t.post('/api/regrid', body, token);
  if (r.status !== 201) throw new Error(`${r.status} ${await r.text()}`);
  return (await r.json()) as Json;
};
const adjust = (id: number, body: Json, token = tokens.planner) => t.post(`/api/imports/${id}/adjust`, body, token);
const hhOf = (rep: Json) => rep.features.map((f: Json) => f.households);
/** Pairs of blocks sharing an edge, from the proposal's own block polygons. */
async function blockPairs(rep: Json): Promise<[number, number][]> {
  const r = await t.db.query<{ a: number; b: number }>(
    `WITH k AS (SELECT (e->>'id')::int AS id, ST_SetSRID(ST_GeomFromGeoJSON(e->'geometry'), 4326) AS g FROM jsonb_array_elements($1::jsonb) e)
      SELECT x.id AS a, y.id AS b FROM k x JOIN k y ON x.id < y.id AND ST_Intersects(x.g, y.g) WHERE ST_Length(ST_CollectionExtract(ST_Intersection(x.g, y.g), 2)) > 0`,
    [JSON.stringify(rep.proposal.blocks)],
  );
  return r.rows.map((x) => [x.a, x.b]);
}

describe('POST /api/imports/:id/adjust', () => {
  it('merges two bordering grids, splits one, moves a block to its neighbour, and accepting writes the adjusted grids', async () => {
    const rep = await propose({ communityId: community.id, minHouseholds: 150, maxHouseholds: 260 });
    const n = rep.features.length;
    const pairs = await blockPairs(rep);
    const blocksOf = (r: Json, g: number) =>
      new Set(r.proposal.buildings.filter((b: Json) => b.grid === g).map((b: Json) => b.block));
    const borders = (r: Json, a: number, b: number) =>
      [...blocksOf(r, a)].some(
        (k) =>
          blocksOf(r, b).has(k) ||
          pairs.some(([x, y]) => (x === k && blocksOf(r, b).has(y)) || (y === k && blocksOf(r, b).has(x))),
      );
    const other = rep.features.findIndex((_: Json, j: number) => j > 0 && borders(rep, 0, j));
    expect(other).toBeGreaterThan(0);

    const merged = (await (await adjust(rep.id, { op: 'merge', grids: [0, other] })).json()) as Json;
    expect(merged.features).toHaveLength(n - 1);
    expect(merged.features[0].households).toBe(rep.features[0].households + rep.features[other].households);
    expect(hhOf(merged).reduce((a: number, b: number) => a + b, 0)).toBe(community.households);
    expect(merged.problems.some((p: Json) => p.kind === 'households_out_of_range' && p.feature === 0)).toBe(true);
    expect(merged.proposal.adjustments.map((a: Json) => a.op)).toEqual(['merge']);

    const split = (await (await adjust(rep.id, { op: 'split', grid: 0 })).json()) as Json;
    expect(split.features).toHaveLength(n);
    expect(split.features[0].households + split.features[n - 1].households).toBe(merged.features[0].households);
    expect(Math.abs(split.features[0].households - split.features[n - 1].households)).toBeLessThan(
      merged.features[0].households * 0.5,
    );

    // A building in a block shared by two grids goes to the other grid of its block (its neighbour).
    const sizes = new Map<number, number>();
    for (const b of split.proposal.buildings) sizes.set(b.grid, (sizes.get(b.grid) ?? 0) + 1);
    const b = split.proposal.buildings.find(
      (x: Json) =>
        sizes.get(x.grid)! > 1 && split.proposal.buildings.some((y: Json) => y.block === x.block && y.grid !== x.grid),
    );
    expect(b).toBeDefined();
    const to = split.proposal.buildings.find((y: Json) => y.block === b.block && y.grid !== b.grid).grid;
    const moved = (await (await adjust(rep.id, { op: 'move', buildingIds: [b.id], toGrid: to })).json()) as Json;
    expect(moved.features[to].households).toBe(split.features[to].households + b.households);
    expect(moved.features[b.grid].households).toBe(split.features[b.grid].households - b.households);
    expect(moved.proposal.buildings.find((x: Json) => x.id === b.id).grid).toBe(to);
    expect(moved.features[to].geometry).not.toEqual(split.features[to].geometry);
    expect(moved.proposal.adjustments.map((a: Json) => a.op)).toEqual(['merge', 'split', 'move']);

    // Stored: reading it back gives the adjusted proposal, and accepting writes it.
    const back = (await (await t.get(`/api/imports/${rep.id}`, tokens.planner)).json()) as Json;
    expect(hhOf(back)).toEqual(hhOf(moved));
    expect((await t.post(`/api/imports/${rep.id}/accept`, {}, tokens.planner)).status).toBe(200);
    const written = await t.db.query<{ households: number }>(
      `SELECT households FROM areas WHERE parent_id = $1 AND level = 'grid' ORDER BY households`,
      [community.id],
    );
    expect(written.rows.map((r) => r.households)).toEqual([...hhOf(moved)].sort((a: number, b: number) => a - b));
    expect((await adjust(rep.id, { op: 'split', grid: 0 })).status).toBe(409);
  });

  it('refuses an adjustment that would leave a grid without buildings or names a grid that is not there, and changes nothing', async () => {
    const rep = await propose({ communityId: community.id });
    const all = rep.proposal.buildings.filter((b: Json) => b.grid === 0).map((b: Json) => b.id);
    const empty = await adjust(rep.id, { op: 'move', buildingIds: all, toGrid: 1 });
    expect(empty.status).toBe(400);
    expect(((await empty.json()) as Json).error).toMatchObject({
      messageKey: 'import.regrid.gridLeftEmpty',
      message: '调整后第 1 网格将没有建筑，请改为合并',
    });
    expect((await adjust(rep.id, { op: 'merge', grids: [0, 0] })).status).toBe(400);
    expect((await adjust(rep.id, { op: 'split', grid: 99 })).status).toBe(400);
    expect((await adjust(rep.id, { op: 'rotate' })).status).toBe(400);
    const back = (await (await t.get(`/api/imports/${rep.id}`, tokens.planner)).json()) as Json;
    expect(back.proposal.adjustments).toEqual([]);
    expect(hhOf(back)).toEqual(hhOf(rep));
    expect((await t.post(`/api/imports/${rep.id}/cancel`, {}, tokens.planner)).status).toBe(200);
    expect((await adjust(rep.id, { op: 'split', grid: 0 })).status).toBe(409);
  });

  it('adjusts only re-gridding proposals in your scope', async () => {
    const rep = await propose({ communityId: community.id });
    expect((await adjust(rep.id, { op: 'split', grid: 0 }, tokens.community1)).status).toBe(403);
    const g = (
      await t.db.query<{ geom: string }>(
        `SELECT ST_AsGeoJSON(geom) AS geom FROM areas WHERE level = 'grid' AND parent_id = $1 LIMIT 1`,
        [community.id],
      )
    ).rows[0];
    const fd = new FormData();
    fd.append(
      'file',
      new Blob([JSON.stringify({ type: 'Feature', properties: { name: '测试' }, geometry: JSON.parse(g.geom) })]),
      'g.geojson',
    );
    fd.append('options', JSON.stringify({ level: 'special', specialClass: 'key', crs: 'wgs84' }));
    const areas = (await (
      await fetch(`${t.url}/api/imports`, {
        method: 'POST',
        headers: { authorization: `Bearer ${tokens.admin}` },
        body: fd,
      })
    ).json()) as Json;
    expect((await adjust(areas.id, { op: 'split', grid: 0 }, tokens.admin)).status).toBe(409);
    expect((await adjust(99999999, { op: 'split', grid: 0 })).status).toBe(404);
    expect((await t.post(`/api/imports/${rep.id}/cancel`, {}, tokens.planner)).status).toBe(200);
  });
});

describe('a community with buildings and households but no grids', () => {
  it('is gridded from the buildings inside it: all grids new and named, and accepting puts its buildings, residents and orders on them', async () => {
    // A new community drawn over the busiest grid of another community (same street), with no grids of its own.
    const g = (
      await t.db.query<{ id: number; street: number; path: string; geom: string; hh: number }>(
        `SELECT g.id, c.parent_id AS street, s.path, ST_AsGeoJSON(g.geom) AS geom, (SELECT sum(households)::int FROM buildings b WHERE b.grid_id = g.id) AS hh
        FROM areas g JOIN areas c ON c.id = g.parent_id JOIN areas s ON s.id = c.parent_id WHERE g.level = 'grid' ORDER BY 5 DESC NULLS LAST LIMIT 1`,
      )
    ).rows[0];
    const c = (
      await t.db.query<{ id: number; code: string }>(
        `INSERT INTO areas (code, name, level, parent_id, path, geom) VALUES ('999999999999', '新建社区', 'community', $1, '', ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON($2), 4326))) RETURNING id, code`,
        [g.street, g.geom],
      )
    ).rows[0];
    await t.db.query(`UPDATE areas SET path = $2 || id || '/' WHERE id = $1`, [c.id, g.path]);
    const inside = (
      await t.db.query<{ n: number; hh: number }>(
        `SELECT count(*)::int AS n, sum(b.households)::int AS hh FROM buildings b, areas c WHERE c.id = $1 AND b.households > 0 AND ST_Intersects(c.geom, b.geom)`,
        [c.id],
      )
    ).rows[0];
    expect(inside.n).toBeGreaterThan(1);
    const max = Math.max(60, Math.ceil(inside.hh / 2));
    const rep = await propose({ communityId: c.id, minHouseholds: 50, maxHouseholds: max });
    expect(rep.acceptable).toBe(true);
    expect(rep.features.length).toBeGreaterThanOrEqual(2);
    expect(rep.features.every((f: Json) => f.action === 'insert' && f.existingId === null)).toBe(true);
    expect(rep.features.map((f: Json) => f.name)).toEqual(
      rep.features.map((_: Json, i: number) => `新建社区第${i + 1}网格`),
    );
    expect(rep.features.map((f: Json) => f.code)).toEqual(
      rep.features.map((_: Json, i: number) => `999999999999${String(i + 1).padStart(3, '0')}`),
    );
    expect(hhOf(rep).reduce((a: number, b: number) => a + b, 0)).toBe(inside.hh);
    expect(rep.proposal.buildings).toHaveLength(inside.n);

    expect((await t.post(`/api/imports/${rep.id}/accept`, {}, tokens.planner)).status).toBe(200);
    const after = (
      await t.db.query<{ buildings: number; strays: number; orders: number; ordersOut: number }>(
        `WITH c AS (SELECT geom FROM areas WHERE id = $1), ng AS (SELECT id FROM areas WHERE parent_id = $1 AND level = 'grid')
        SELECT (SELECT count(*)::int FROM buildings b, c WHERE b.households > 0 AND ST_Intersects(c.geom, b.geom) AND b.grid_id IN (SELECT id FROM ng)) AS buildings,
          (SELECT count(*)::int FROM residents r JOIN buildings b ON b.id = r.building_id WHERE r.grid_id <> b.grid_id) AS strays,
          (SELECT count(*)::int FROM orders o, c WHERE ST_Intersects(c.geom, o.geom) AND o.grid_id IN (SELECT id FROM ng)) AS orders,
          (SELECT count(*)::int FROM orders o, c WHERE ST_Intersects(c.geom, o.geom) AND o.grid_id NOT IN (SELECT id FROM ng)) AS "ordersOut"`,
        [c.id],
      )
    ).rows[0];
    expect(after).toMatchObject({ buildings: inside.n, strays: 0, ordersOut: 0 });
    expect((await t.db.query<{ h: number }>(`SELECT households AS h FROM areas WHERE id = $1`, [c.id])).rows[0].h).toBe(
      inside.hh,
    );
  });
});
