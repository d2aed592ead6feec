// Elder canteen siting over HTTP on the small demo city: coverage by walking distance, the optimizer with
// its exact check, saved scenarios and their exports, scope and roles, and the in-memory city model.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refreshDemographics } from '../../api/population/aggregates.js';
import { CityModelCache } from '../../api/siting/city-model.js';
import { startTestApp, type TestApp } from '../helpers/test-db.js';

let t: TestApp;
let tokens: Record<string, string>;
let district: { id: number; path: string };
let community: { id: number; path: string };

type Json = Record<string, any>;
const json = async (r: Response) => (await r.json()) as Json;
const optimize = (body: Json, who = 'planner') => t.post('/api/siting/optimize', body, tokens[who]);

beforeAll(async () => {
  t = await startTestApp();
  district = (await t.db.query<{ id: number; path: string }>(`SELECT id, path FROM areas WHERE level = 'district'`))
    .rows[0];
  community = (
    await t.db.query<{ id: number; path: string }>(
      `SELECT g.id, g.path FROM accounts a JOIN areas g ON g.id = a.area_id WHERE a.username = 'community1'`,
    )
  ).rows[0];
  // A planner whose scope is community1's community.
  await t.db.query(
    `INSERT INTO accounts (username, display_name, password_hash, role, area_id)
     SELECT 'planner_c', '社区规划员', password_hash, 'planner', area_id FROM accounts WHERE username = 'community1'`,
  );
  tokens = {};
  for (const u of ['planner', 'admin', 'community1', 'planner_c']) tokens[u] = await t.login(u);
});
afterAll(async () => t?.close());

describe('coverage of existing facilities', () => {
  it('is for planners and admins only', async () => {
    expect((await t.get('/api/siting/coverage')).status).toBe(401);
    expect((await t.get('/api/siting/coverage', tokens.community1)).status).toBe(403);
    expect((await t.get('/api/siting/coverage', tokens.admin)).status).toBe(200);
  });

  it('counts every elder once, per street and in total, and never more than straight-line reach allows', async () => {
    const c = await json(await t.get('/api/siting/coverage?kind=canteen&radius=500', tokens.planner));
    expect(c.metric).toBe('network');
    const truth = (
      await t.db.query<Json>(
        `SELECT count(*) FILTER (WHERE age >= 60)::int AS e60, count(*) FILTER (WHERE age >= 80)::int AS e80, count(*) FILTER (WHERE flags & 16 <> 0)::int AS alone FROM residents`,
      )
    ).rows[0];
    // Counts of elders are published rounded to base 10, each on its own (api/population/disclosure.ts).
    const near = (published: number, n: number, slack = 10) => {
      expect(published % 10).toBe(0);
      expect(Math.abs(published - n)).toBeLessThan(slack);
    };
    near(c.totals.e60.total, truth.e60);
    near(c.totals.e80.total, truth.e80);
    near(c.totals.alone.total, truth.alone);
    for (const g of ['e60', 'e80', 'alone']) {
      near(
        c.areas.reduce((s: number, a: Json) => s + a[g].total, 0),
        c.totals[g].total,
        10 * (c.areas.length + 1),
      );
      near(
        c.areas.reduce((s: number, a: Json) => s + a[g].covered, 0),
        c.totals[g].covered,
        10 * (c.areas.length + 1),
      );
    }
    expect(c.totals.e60.covered).toBeGreaterThan(0);
    expect(c.totals.e60.covered).toBeLessThan(c.totals.e60.total);
    // A walk is never shorter than the straight line: covered ≤ elders within 500 m as the crow flies.
    const crow = (
      await t.db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM residents r JOIN buildings b ON b.id = r.building_id
       WHERE r.age >= 60 AND EXISTS (SELECT 1 FROM resources f WHERE f.kind = 'elder_canteen' AND ST_DWithin(f.geom::geography, b.geom::geography, 500))`,
      )
    ).rows[0].n;
    expect(c.totals.e60.covered).toBeLessThan(crow + 10);
    expect(c.totals.e60.covered).toBeGreaterThan(crow * 0.3);
    expect(c.facilities.length).toBeGreaterThan(0);
  });

  it('shows only hexagons with at least 10 uncovered elders', async () => {
    const c = await json(await t.get('/api/siting/coverage?radius=300', tokens.planner));
    expect(c.uncoveredCells.length).toBeGreaterThan(0);
    for (const cell of c.uncoveredCells) expect(cell.uncovered).toBeGreaterThanOrEqual(10);
    const shown = c.uncoveredCells.reduce((s: number, x: Json) => s + x.uncovered, 0);
    // Each cell and both totals are rounded to base 10 on their own (api/population/disclosure.ts): a draw
    // moves each by less than 10, so the shown cells exceed the rounded uncovered total by less than that.
    expect(shown).toBeLessThan(c.totals.e60.total - c.totals.e60.covered + 10 * (c.uncoveredCells.length + 2));
  });

  it('covers more as the radius grows, and takes minutes × walking speed for a radius', async () => {
    const at = async (q: string) =>
      (await json(await t.get(`/api/siting/coverage?${q}`, tokens.planner))).totals.e60.covered as number;
    const [r300, r500, r1000] = [await at('radius=300'), await at('radius=500'), await at('radius=1000')];
    expect(r300).toBeLessThanOrEqual(r500);
    expect(r500).toBeLessThan(r1000);
    expect(await at('minutes=10&speed=50')).toBe(r500);
  });

  it('refuses a radius out of range and an area outside the scope', async () => {
    const r = await t.get('/api/siting/coverage?radius=10', tokens.planner);
    expect(r.status).toBe(400);
    expect((await json(r)).error.message).toMatch(/50/);
    expect((await t.get(`/api/siting/coverage?area=${district.id}`, tokens.planner_c)).status).toBe(404);
    const own = await json(await t.get('/api/siting/coverage', tokens.planner_c));
    expect(own.area.id).toBe(community.id);
  });
});

describe('optimizer', () => {
  it('MCLP on public buildings: p sites, gains adding up to the coverage gained, and the exact optimum within 1 %', async () => {
    const r = await optimize({ model: 'mclp', p: 3, radius: 500, candidates: { type: 'public' }, exact: true });
    expect(r.status).toBe(200);
    const o = await json(r);
    expect(o.sites).toHaveLength(3);
    expect(o.objective).toBe(o.after.e60.covered);
    const gained = o.sites.reduce((s: number, x: Json) => s + x.gain, 0);
    expect(gained).toBeCloseTo(o.after.e60.covered - o.before.e60.covered, 6);
    // gains are steps between rounded running totals (multiples of 10), so they fall within the rounding
    for (let k = 1; k < o.sites.length; k++) expect(o.sites[k].gain).toBeLessThanOrEqual(o.sites[k - 1].gain + 10);
    for (const s of o.sites) expect(s.gain % 10).toBe(0);
    expect(o.exact.optimal).toBe(true);
    expect(o.exact.objective).toBeGreaterThanOrEqual(o.objective - 10);
    expect(o.exact.gap).toBeLessThanOrEqual(0.01);
    // The fixed facilities' coverage stays: the baseline equals what /coverage reports.
    const c = await json(await t.get('/api/siting/coverage?radius=500', tokens.planner));
    expect(o.before.e60).toEqual(c.totals.e60);
  });

  it('p-median on hex cells shortens the mean walk; set covering needs no more sites than its exact optimum proves', async () => {
    const pm = await json(
      await optimize({ model: 'pmedian', p: 4, radius: 500, candidates: { type: 'hex' }, exact: true }),
    );
    expect(pm.after.meanDistance).toBeLessThan(pm.before.meanDistance);
    expect(pm.exact.gap).toBeLessThanOrEqual(0.05);
    const sc = await json(
      await optimize({ model: 'setcover', radius: 300, candidates: { type: 'public' }, exact: true }),
    );
    expect(sc.exact.optimal).toBe(true);
    expect(sc.exact.objective).toBeLessThanOrEqual(sc.sites.length);
    expect(sc.objective).toBe(sc.sites.length);
  });

  it('evaluates hand-placed sites, and refuses a point outside the area without saving anything', async () => {
    const inside = (
      await t.db.query<Json>(`SELECT ST_X(label_point) AS lon, ST_Y(label_point) AS lat FROM areas WHERE id = $1`, [
        community.id,
      ])
    ).rows[0];
    const m = await json(
      await optimize(
        { model: 'manual', area: community.id, candidates: { type: 'points', points: [inside] } },
        'planner_c',
      ),
    );
    expect(m.sites).toHaveLength(1);
    expect(m.after.e60.covered).toBeGreaterThanOrEqual(m.before.e60.covered);
    const before = (await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM siting_scenarios`)).rows[0].n;
    const bad = await t.post(
      '/api/siting/scenarios',
      {
        name: '越界',
        request: { model: 'manual', candidates: { type: 'points', points: [inside, { lon: 100, lat: 20 }] } },
      },
      tokens.planner_c,
    );
    expect(bad.status).toBe(400);
    expect((await json(bad)).error.message).toMatch(/第 2 个/);
    expect((await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM siting_scenarios`)).rows[0].n).toBe(before);
  });

  it('refuses p out of range and a manual model without points', async () => {
    expect((await optimize({ model: 'mclp', p: 0 })).status).toBe(400);
    expect((await optimize({ model: 'manual', candidates: { type: 'public' } })).status).toBe(400);
  });
});

describe('scenarios', () => {
  it('saves, lists, compares, exports and deletes within the scope', async () => {
    const r = await t.post(
      '/api/siting/scenarios',
      { name: '方案A', request: { model: 'mclp', p: 2, radius: 500 } },
      tokens.planner,
    );
    expect(r.status).toBe(201);
    const s = await json(r);
    expect(s.result.sites).toHaveLength(2);
    expect(s.coveredAfter).toBe(s.result.after.e60.covered);
    const list = await json(await t.get('/api/siting/scenarios', tokens.planner));
    expect(list.find((x: Json) => x.id === s.id)).toMatchObject({
      name: '方案A',
      model: 'mclp',
      sites: 2,
      createdBy: expect.any(String),
    });
    // A district-wide scenario is out of a community planner's sight.
    expect((await t.get(`/api/siting/scenarios/${s.id}`, tokens.planner_c)).status).toBe(404);
    expect(
      (await json(await t.get('/api/siting/scenarios', tokens.planner_c))).find((x: Json) => x.id === s.id),
    ).toBeUndefined();

    const geo = await t.get(`/api/siting/scenarios/${s.id}/export?format=geojson`, tokens.planner);
    expect(geo.headers.get('content-type')).toMatch(/geo\+json/);
    const fc = await json(geo);
    expect(fc.features).toHaveLength(2);
    expect(fc.features[0].geometry.coordinates).toEqual([s.result.sites[0].lon, s.result.sites[0].lat]);
    const csv = await (await t.get(`/api/siting/scenarios/${s.id}/export?format=csv`, tokens.planner)).text();
    expect(csv.split('\r\n')[0].replace('\uFEFF', '')).toBe('rank,label,lon,lat,gain,reach');
    expect(csv).toContain(
      `e60,${s.result.before.e60.total},${s.result.before.e60.covered},${s.result.after.e60.covered}`,
    );

    expect(
      (
        await fetch(`${t.url}/api/siting/scenarios/${s.id}`, {
          method: 'DELETE',
          headers: { authorization: `Bearer ${tokens.planner_c}` },
        })
      ).status,
    ).toBe(404);
    expect(
      (
        await fetch(`${t.url}/api/siting/scenarios/${s.id}`, {
          method: 'DELETE',
          headers: { authorization: `Bearer ${tokens.planner}` },
        })
      ).status,
    ).toBe(204);
    expect((await t.get(`/api/siting/scenarios/${s.id}`, tokens.planner)).status).toBe(404);
  });
});

describe('city model cache', () => {
  it('builds once, and again only after the population changes', async () => {
    const cache = new CityModelCache();
    const [a, b] = await Promise.all([cache.get(t.db), cache.get(t.db)]);
    expect(cache.builds).toBe(1);
    expect(a).toBe(b);
    expect(await cache.get(t.db)).toBe(a);
    expect(cache.builds).toBe(1);
    // The demo roads cross mid-segment: noded, they split into more edges and form one connected network.
    const g = a.graph!;
    const roads = (await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM roads`)).rows[0].n;
    expect(g.edgeCount).toBeGreaterThan(roads);
    const seen = new Uint8Array(g.nodes.x.length);
    const stack = [0];
    seen[0] = 1;
    while (stack.length) {
      const v = stack.pop()!;
      for (let e = g.adjStart[v]; e < g.adjStart[v + 1]; e++) {
        if (!seen[g.adjNode[e]]) {
          seen[g.adjNode[e]] = 1;
          stack.push(g.adjNode[e]);
        }
      }
    }
    expect(seen.every((x) => x === 1)).toBe(true);
    await t.db.query(
      `UPDATE residents SET flags = flags | 16 WHERE id = (SELECT min(id) FROM residents WHERE age >= 70 AND flags & 16 = 0)`,
    );
    await refreshDemographics(t.db);
    const c = await cache.get(t.db);
    expect(cache.builds).toBe(2);
    expect(c.alone.reduce((s, x) => s + x, 0)).toBe(a.alone.reduce((s, x) => s + x, 0) + 1);
  });
});
