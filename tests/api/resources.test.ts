// Resources against a real database: types, hours and capacity; CRUD in scope; CSV import; need ↔ resource gaps
// checked against a brute-force distance computation.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIN_RESPONDENTS } from '../../contract/needs.js';
import { startTestApp, type TestApp } from '../helpers/test-db.js';

let t: TestApp;
let tokens: Record<string, string>;
type Json = Record<string, any>;
const json = async (r: Response) => (await r.json()) as any;
const get = (path: string, token?: string) => t.get(path, token);
let inside: { lon: number; lat: number }; // in community1's community
const send = (method: string, p: string, body: unknown, token: string) =>
  fetch(t.url + p, {
    method,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

beforeAll(async () => {
  t = await startTestApp();
  tokens = {};
  for (const u of ['admin', 'planner', 'operator', 'community1']) tokens[u] = await t.login(u);
  const c = (
    await t.db.query<{ lon: number; lat: number; path: string }>(
      `SELECT ST_X(g.label_point) AS lon, ST_Y(g.label_point) AS lat, g.path FROM areas g WHERE g.level = 'grid' AND g.path LIKE (SELECT g2.path FROM accounts a JOIN areas g2 ON g2.id = a.area_id WHERE a.username = 'community1') || '%' ORDER BY g.id LIMIT 1`,
    )
  ).rows[0];
  inside = { lon: c.lon, lat: c.lat };
});
afterAll(async () => t?.close());

describe('resources', () => {
  it('every seeded resource has a type, a capacity and opening hours', async () => {
    const list = await json(await get(`/api/resources`, tokens.planner));
    expect(list.length).toBe((await t.db.query(`SELECT id FROM resources`)).rowCount);
    for (const r of list) {
      expect(r.openingHours).toBeTruthy();
      expect(r.capacityUnit).toBeTruthy();
    }
    const canteens = await json(await get(`/api/resources?kind=elder_canteen`, tokens.planner));
    expect(canteens.length).toBeGreaterThan(0);
    expect(canteens.every((r: Json) => r.kind === 'elder_canteen' && r.openingHours.includes('10:30'))).toBe(true);
    expect((await get(`/api/resources?kind=spaceport`, tokens.planner)).status).toBe(400);
    const kinds = await json(await get(`/api/resources/kinds`, tokens.planner));
    expect(kinds.find((k: Json) => k.kind === 'shared_hut')).toMatchObject({ zh: '共享小屋', count: 0 });
  });

  it('CRUD: the grid comes from the point; other areas are out of reach; only admin/planner write', async () => {
    const r = await send(
      'POST',
      '/api/resources',
      { kind: 'shared_hut', name: '共享小屋（测试）', capacity: 20, ...inside },
      tokens.planner,
    );
    expect(r.status).toBe(201);
    const made = await json(r);
    expect(made).toMatchObject({ kind: 'shared_hut', openingHours: '09:00-21:00', capacity: 20 });
    expect(made.gridId).toBeGreaterThan(0);
    const p = await json(
      await send('PATCH', `/api/resources/${made.id}`, { openingHours: '08:00-20:00', capacity: 30 }, tokens.planner),
    );
    expect(p).toMatchObject({ openingHours: '08:00-20:00', capacity: 30, name: '共享小屋（测试）' });
    expect(
      (
        await send(
          'POST',
          '/api/resources',
          { kind: 'shared_hut', name: 'x', lon: inside.lon + 1, lat: inside.lat },
          tokens.planner,
        )
      ).status,
    ).toBe(400);
    expect(
      (await send('POST', '/api/resources', { kind: 'shared_hut', name: 'x', ...inside }, tokens.operator)).status,
    ).toBe(403);
    expect(
      (await send('POST', '/api/resources', { kind: 'teleporter', name: 'x', ...inside }, tokens.planner)).status,
    ).toBe(400);
    // community1 sees only resources of its community
    const mine = await json(await get(`/api/resources`, tokens.community1));
    const all = await json(await get(`/api/resources`, tokens.planner));
    expect(mine.length).toBeLessThan(all.length);
    const foreign = all.find((x: Json) => !mine.some((m: Json) => m.id === x.id));
    expect((await send('DELETE', `/api/resources/${foreign.id}`, undefined, tokens.admin)).status).toBe(204);
    expect((await send('DELETE', `/api/resources/${made.id}`, undefined, tokens.planner)).status).toBe(204);
    expect((await t.db.query(`SELECT 1 FROM resources WHERE id = $1`, [made.id])).rowCount).toBe(0);
  });

  it('imports resources from CSV: good rows in, bad rows by line', async () => {
    const csv = [
      'kind,name,address,capacity,opening_hours,lon,lat',
      `elder_canteen,新长者食堂,某路1号,120,,${inside.lon},${inside.lat}`,
      `elder_canteen,缺坐标,,,,,`,
      `moon_base,月球,,,,${inside.lon},${inside.lat}`,
      `clinic,远处,,,,${inside.lon + 2},${inside.lat}`,
    ].join('\n');
    const form = new FormData();
    form.append('file', new Blob([csv]), 'r.csv');
    const r = await json(
      await fetch(`${t.url}/api/resources/import`, {
        method: 'POST',
        headers: { authorization: `Bearer ${tokens.planner}` },
        body: form,
      }),
    );
    expect(r.inserted).toBe(1);
    expect(r.errors.map((e: Json) => e.line)).toEqual([3, 4, 5]);
    const made = (
      await t.db.query<{ opening_hours: string }>(`SELECT opening_hours FROM resources WHERE name = '新长者食堂'`)
    ).rows[0];
    expect(made.opening_hours).toBe('10:30-13:00, 16:30-18:30');
  });
});

describe('need ↔ resource gaps', () => {
  for (const radius of [300, 500, 1000]) {
    it(`elder canteen within ${radius} m: uncovered households equal brute force, ranked by rate × uncovered`, async () => {
      const body = await json(
        await get(`/api/resources/gaps?need=elder_canteen&radius=${radius}&limit=1000`, tokens.planner),
      );
      expect(body.kinds).toEqual(['elder_canteen']);
      const truth = new Map(
        (
          await t.db.query<{ grid_id: number; uncovered: number }>(
            `SELECT b.grid_id, sum(b.households) FILTER (WHERE NOT EXISTS (
            SELECT 1 FROM resources r WHERE r.kind = 'elder_canteen' AND ST_Distance(r.geom::geography, b.geom::geography) <= $1))::int AS uncovered
          FROM buildings b GROUP BY 1`,
            [radius],
          )
        ).rows.map((r) => [r.grid_id, r.uncovered ?? 0]),
      );
      if (radius === 300) expect(body.rows.length).toBeGreaterThan(0); // at 1,000 m the small city may be covered everywhere
      for (const row of body.rows) {
        expect(row.uncoveredHouseholds).toBe(truth.get(row.gridId));
        expect(row.uncoveredHouseholds).toBeGreaterThan(0);
        expect(row.respondents).toBeGreaterThanOrEqual(MIN_RESPONDENTS);
        expect(row.score).toBeCloseTo(row.rate * row.uncoveredHouseholds, 9);
      }
      for (let i = 0; i + 1 < body.rows.length; i++)
        expect(body.rows[i].score).toBeGreaterThanOrEqual(body.rows[i + 1].score);
      // every grid with uncovered households and enough respondents is listed
      const listed = new Set(body.rows.map((r: Json) => r.gridId));
      const expected = (
        await t.db.query<{ grid_id: number }>(`SELECT grid_id FROM survey_responses GROUP BY 1 HAVING count(*) >= $1`, [
          MIN_RESPONDENTS,
        ])
      ).rows
        .filter((g) => (truth.get(g.grid_id) ?? 0) > 0)
        .map((g) => g.grid_id);
      expect(listed).toEqual(new Set(expected));
    });
  }

  it('wider radius, fewer uncovered households; needs without a resource type are refused', async () => {
    const a = await json(await get(`/api/resources/gaps?need=elder_canteen&radius=300&limit=1000`, tokens.planner));
    const b = await json(await get(`/api/resources/gaps?need=elder_canteen&radius=1000&limit=1000`, tokens.planner));
    const sum = (x: Json) => x.rows.reduce((s: number, r: Json) => s + r.uncoveredHouseholds, 0);
    expect(sum(b)).toBeLessThan(sum(a));
    expect((await get(`/api/resources/gaps?need=surroundings`, tokens.planner)).status).toBe(400);
    expect((await get(`/api/resources/gaps?need=elder_canteen&radius=400`, tokens.planner)).status).toBe(400);
  });

  it('is scoped to the caller', async () => {
    const mine = await json(await get(`/api/resources/gaps?need=parcel&radius=300&limit=1000`, tokens.community1));
    const path = (
      await t.db.query<{ path: string }>(
        `SELECT g.path FROM accounts a JOIN areas g ON g.id = a.area_id WHERE a.username = 'community1'`,
      )
    ).rows[0].path;
    const grids = new Set(
      (await t.db.query<{ id: number }>(`SELECT id FROM areas WHERE path LIKE $1 || '%'`, [path])).rows.map(
        (r) => r.id,
      ),
    );
    for (const r of mine.rows) expect(grids.has(r.gridId)).toBe(true);
  });
});
