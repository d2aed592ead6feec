// Elder density over HTTP on the small demo city: equal to brute-force counts, small cells never sent, scoped.
import { latLngToCell } from 'h3-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refreshElderDensity } from '../../api/population/aggregates.js';
import { startTestApp, type TestApp } from '../helpers/test-db.js';

let t: TestApp;

/**
 * Published as api/population/disclosure.ts says: the cells sent are exactly those counting 10 or more, each value a
 * multiple of 10 within 10 of the true count (random rounding to base 10).
 */
function expectPublished(sent: Map<string, number>, truth: Map<string, number>) {
  const big = [...truth].filter(([, n]) => n >= 10);
  expect([...sent.keys()].sort()).toEqual(big.map(([k]) => k).sort());
  for (const [k, n] of big) {
    const v = sent.get(k)!;
    expect(v % 10, k).toBe(0);
    expect(Math.abs(v - n), k).toBeLessThan(10);
  }
}
let tokens: Record<string, string>;
type Json = Record<string, any>;
const json = async (r: Response) => (await r.json()) as Json;
const get = (path: string, token?: string) => t.get(path, token);

/** Brute force: every resident placed in its building's cell, in JS, counted per cell under a path. */
async function bruteForce(res: number, metric: 'e60' | 'e80' | 'alone', path = '/') {
  const rows = (
    await t.db.query<{ lon: number; lat: number; age: number; flags: number }>(
      `SELECT ST_X(b.geom) AS lon, ST_Y(b.geom) AS lat, r.age, r.flags FROM residents r
      JOIN buildings b ON b.id = r.building_id JOIN areas g ON g.id = r.grid_id WHERE g.path LIKE $1 || '%'`,
      [path],
    )
  ).rows;
  const counts = new Map<string, number>();
  const hit = { e60: (a: number) => a >= 60, e80: (a: number) => a >= 80 };
  for (const r of rows) {
    const ok = metric === 'alone' ? (r.flags & 16) !== 0 : hit[metric](r.age);
    if (!ok) continue;
    const c = latLngToCell(r.lat, r.lon, res);
    counts.set(c, (counts.get(c) ?? 0) + 1);
  }
  return counts;
}

beforeAll(async () => {
  t = await startTestApp();
  tokens = {};
  for (const u of ['operator', 'planner', 'community1']) tokens[u] = await t.login(u);
});
afterAll(async () => t?.close());

describe('elder density', () => {
  for (const [res, metric] of [
    [7, 'e60'],
    [8, 'e80'],
    [9, 'alone'],
    [9, 'e60'],
  ] as const) {
    it(`res ${res} ${metric}: every cell sent is the brute-force count rounded to base 10; every cell under 10 is left out`, async () => {
      const r = await get(`/api/population/elder-density?res=${res}&metric=${metric}`, tokens.planner);
      expect(r.status).toBe(200);
      const body = await json(r);
      const truth = await bruteForce(res, metric);
      const sent = new Map<string, number>(body.cells.map((c: Json) => [c.h3, c.value]));
      const big = [...truth].filter(([, n]) => n >= 10);
      const small = [...truth].filter(([, n]) => n < 10);
      expect(big.length).toBeGreaterThan(0);
      expectPublished(sent, truth);
      expect(body.suppressed).toBe(small.length);
      for (const c of body.cells) expect(c.value).toBeGreaterThanOrEqual(10);
    });
  }

  it('has small cells to suppress on real data at res 9 (so the suppression test above is not empty)', async () => {
    const truth = await bruteForce(9, 'alone');
    expect([...truth.values()].some((n) => n < 10)).toBe(true);
    const body = await json(await get(`/api/population/elder-density?res=9&metric=alone`, tokens.planner));
    expect(body.suppressed).toBeGreaterThan(0);
    expect(JSON.stringify(body)).not.toMatch(/"value":[0-9],/);
  });

  it('a community account gets only its own grids, counted over its own residents', async () => {
    const path = (
      await t.db.query<{ path: string }>(
        `SELECT g.path FROM accounts a JOIN areas g ON g.id = a.area_id WHERE a.username = 'community1'`,
      )
    ).rows[0].path;
    const body = await json(await get(`/api/population/elder-density?res=9&metric=e60`, tokens.community1));
    const mine = await bruteForce(9, 'e60', path);
    expectPublished(new Map(body.cells.map((c: Json) => [c.h3, c.value])), mine);
    const all = await json(await get(`/api/population/elder-density?res=9&metric=e60`, tokens.operator));
    expect(body.cells.length).toBeLessThan(all.cells.length);
    // another community's area id is not found for this account
    const other = (
      await t.db.query<{ id: number }>(
        `SELECT id FROM areas WHERE level = 'community' AND path NOT LIKE $1 || '%' LIMIT 1`,
        [path],
      )
    ).rows[0].id;
    expect((await get(`/api/population/elder-density?area=${other}`, tokens.community1)).status).toBe(404);
  });

  it('filters by bbox and by area', async () => {
    const all = await json(await get(`/api/population/elder-density?res=8&metric=e60`, tokens.planner));
    const lons = all.cells.map((c: Json) => c.lon).sort((a: number, b: number) => a - b);
    const lats = all.cells.map((c: Json) => c.lat);
    const mid = lons[Math.floor(lons.length / 2)];
    const west = await json(
      await get(
        `/api/population/elder-density?res=8&metric=e60&bbox=0,${Math.min(...lats) - 1},${mid},${Math.max(...lats) + 1}`,
        tokens.planner,
      ),
    );
    expect(west.cells.length).toBeGreaterThan(0);
    expect(west.cells.length).toBeLessThan(all.cells.length);
    for (const c of west.cells) expect(c.lon).toBeLessThanOrEqual(mid);
    const street = (await t.db.query<{ id: number }>(`SELECT id FROM areas WHERE level = 'street' ORDER BY id LIMIT 1`))
      .rows[0].id;
    const s = await json(await get(`/api/population/elder-density?res=8&metric=e60&area=${street}`, tokens.planner));
    expect(s.cells.length).toBeGreaterThan(0);
    expect(s.cells.length).toBeLessThanOrEqual(all.cells.length);
  });

  it('answers 400 to a bad resolution, metric or bbox', async () => {
    for (const q of ['res=12', 'metric=e70', 'bbox=1,2,3', 'bbox=5,5,1,1']) {
      const r = await get(`/api/population/elder-density?${q}`, tokens.planner);
      expect(r.status, q).toBe(400);
    }
    expect((await get(`/api/population/elder-density`)).status).toBe(401);
  });

  it('follows changes to residents after a refresh', async () => {
    const before = await json(await get(`/api/population/elder-density?res=7&metric=e80`, tokens.planner));
    const top = before.cells.reduce((a: Json, b: Json) => (a.value >= b.value ? a : b));
    // a building of a grid that already has 80+ residents in the cell: the cell's key (cell, metric, grids) stays the same
    const b = (
      await t.db.query<{ id: number; grid_id: number }>(
        `SELECT b.id, b.grid_id FROM buildings b JOIN building_h3 h ON h.building_id = b.id
        WHERE h.h3_7 = $1 AND b.grid_id IN (SELECT grid_id FROM elder_cells WHERE res = 7 AND cell = $1 AND e80 > 0) LIMIT 1`,
        [top.h3],
      )
    ).rows[0];
    await t.db.query(
      `INSERT INTO residents (building_id, grid_id, household, age, sex, flags) SELECT $1, $2, 1, 85, 2, 16 FROM generate_series(1, 10)`,
      [b.id, b.grid_id],
    );
    await refreshElderDensity(t.db);
    const after = await json(await get(`/api/population/elder-density?res=7&metric=e80`, tokens.planner));
    // same key, same draw, same remainder: ten more people publish exactly ten more
    expect(after.cells.find((c: Json) => c.h3 === top.h3).value).toBe(top.value + 10);
  });
});
