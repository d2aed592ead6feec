// The city above several districts: its headline figures sum every district in the caller's scope, each count of
// people published like any other (withheld under 10, rounded to base 10 on its own key), so the city minus the
// districts shown never yields a withheld count; an account of one district sees that district's figures only.
// The second district is the small city's second street made a district of its own, with everything under it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AreaProfile, CityProfile } from '../../contract/areas.js';
import { Kpis, RateRow } from '../../contract/order-stats.js';
import { refreshAreaCounts, refreshDemographics } from '../../api/population/aggregates.js';
import { startTestApp, type TestApp } from '../helpers/test-db.js';

type Json = Record<string, any>;
let t: TestApp;
let admin: string;
let operator: string;
let community: string;
let first: { id: number; path: string };
let second: { id: number; path: string };

/** Makes the street a district of its own: a root area with the street's outline, the street and all below moved under it. */
async function streetToDistrict(streetId: number): Promise<{ id: number; path: string }> {
  return t.db.tx(async (q) => {
    const street = (await q.query<{ path: string }>(`SELECT path FROM areas WHERE id = $1`, [streetId])).rows[0];
    const made = await q.query<{ id: number }>(
      `INSERT INTO areas (code, name, level, parent_id, path, geom, synthetic)
        SELECT '310199000000', '第二区', 'district', NULL, '/', geom, synthetic FROM areas WHERE id = $1 RETURNING id`,
      [streetId],
    );
    const id = made.rows[0].id;
    const path = `/${id}/`;
    const moved = `${path}${streetId}/`;
    await q.query(`UPDATE areas SET path = $2 WHERE id = $1`, [id, path]);
    await q.query(`UPDATE areas SET parent_id = $1 WHERE id = $2`, [id, streetId]);
    await q.query(`UPDATE areas SET path = $2 || substr(path, length($1) + 1) WHERE path LIKE $1 || '%'`, [
      street.path,
      moved,
    ]);
    await q.query(
      `UPDATE orders SET area_path = $2 || substr(area_path, length($1) + 1) WHERE area_path LIKE $1 || '%'`,
      [street.path, moved],
    );
    await refreshAreaCounts(q);
    return { id, path };
  });
}

const json = async (r: Response) => {
  if (r.status !== 200) throw new Error(`${r.status} ${await r.text()}`);
  return (await r.json()) as Json;
};

beforeAll(async () => {
  t = await startTestApp();
  const d = await t.db.query<{ id: number; path: string }>(`SELECT id, path FROM areas WHERE level = 'district'`);
  first = d.rows[0];
  const streets = await t.db.query<{ id: number }>(
    `SELECT id FROM areas WHERE level = 'street' AND parent_id = $1 ORDER BY code`,
    [first.id],
  );
  expect(streets.rows.length).toBeGreaterThanOrEqual(2);
  second = await streetToDistrict(streets.rows[streets.rows.length - 1].id);
  // A special group small enough in the second district to be withheld there (4 people), shown in the first (23).
  await t.db.tx(async (q) => {
    for (const [d, n] of [
      [first, 23],
      [second, 4],
    ] as const) {
      const under = `grid_id IN (SELECT id FROM areas WHERE path LIKE $1 || '%')`;
      await q.query(`UPDATE residents SET flags = flags & ~2 WHERE ${under}`, [d.path]);
      await q.query(
        `UPDATE residents SET flags = flags | 2 WHERE id IN (SELECT id FROM residents WHERE ${under} ORDER BY id LIMIT $2)`,
        [d.path, n],
      );
    }
    await refreshDemographics(q);
  });
  await t.db.query(`UPDATE accounts SET area_id = NULL WHERE username = 'admin'`);
  admin = await t.login('admin');
  operator = await t.login('operator'); // scoped to the first district
  community = await t.login('community1');
  // An order in each district, filed at one of its grids.
  for (const d of [first, second]) {
    const g = (
      await t.db.query<{ lon: number; lat: number }>(
        `SELECT ST_X(label_point) AS lon, ST_Y(label_point) AS lat FROM areas WHERE level = 'grid' AND path LIKE $1 || '%' ORDER BY id LIMIT 1`,
        [d.path],
      )
    ).rows[0];
    const body = { categoryCode: 'SAN-01', description: '小区门口垃圾堆放三天无人清运', source: 'grid_worker', ...g };
    const r = await t.post('/api/orders', body, admin);
    if (r.status !== 201) throw new Error(`${r.status} ${await r.text()}`);
  }
});
afterAll(async () => t?.close());

/** Every published count of people in a profile, by name. */
function counts(p: Json): Map<string, number | null> {
  const out = new Map<string, number | null>([['population', p.population]]);
  if ('elders60' in p) out.set('elders60', p.elders60);
  if ('elders80' in p) out.set('elders80', p.elders80);
  for (const b of p.ageBands) {
    out.set(`${b.band}:m`, b.male);
    out.set(`${b.band}:f`, b.female);
  }
  for (const [k, v] of Object.entries(p.specialGroups)) out.set(k, v as number | null);
  return out;
}

describe('the city above two districts', () => {
  it('sums both districts for an administrator of the whole installation', async () => {
    const city = CityProfile.parse(await json(await t.get('/api/city/profile', admin)));
    expect(city.districtIds.sort()).toEqual([first.id, second.id].sort());
    const raw = (
      await t.db.query<{ h: number; p: number; e60: number }>(
        `SELECT sum(households)::int AS h, sum(population)::int AS p, sum(elders60)::int AS e60 FROM areas WHERE level = 'district'`,
      )
    ).rows[0];
    const parts = await t.db.query<{ p: number }>(`SELECT population AS p FROM areas WHERE level = 'district'`);
    expect(parts.rows.every((x) => x.p > 100)).toBe(true); // both districts hold people
    expect(city.households).toBe(raw.h);
    expect(city.population! % 10).toBe(0);
    expect(Math.abs(city.population! - raw.p)).toBeLessThan(10);
    expect(Math.abs(city.elders60! - raw.e60)).toBeLessThan(10);
    const workers = (await t.db.query<{ n: number }>(`SELECT count(DISTINCT worker_id)::int AS n FROM worker_grids`))
      .rows[0].n;
    expect(city.workers).toBe(workers);
    // The same people asked for again come back with the same figures.
    expect(CityProfile.parse(await json(await t.get('/api/city/profile', admin)))).toEqual(city);
  });

  it('never lets the city minus the districts shown give a withheld count', async () => {
    const whole = CityProfile.parse(await json(await t.get('/api/city/profile', admin)));
    expect([20, 30]).toContain(whole.specialGroups.extremePoverty); // 27, rounded on the city's own key
    const city = counts(whole);
    const a = counts(AreaProfile.parse(await json(await t.get(`/api/areas/${first.id}/profile`, admin))));
    const b = counts(AreaProfile.parse(await json(await t.get(`/api/areas/${second.id}/profile`, admin))));
    let withheld = 0;
    for (const [k, total] of city) {
      if (!a.has(k)) continue; // elders60/80 are on the area's features, not its profile
      for (const v of [total, a.get(k)!, b.get(k)!]) expect(v === null || v % 10 === 0).toBe(true);
      if (total === null) continue;
      // One district withheld, the other shown: the difference is never 1–9.
      for (const [shown, hidden] of [
        [a.get(k)!, b.get(k)!],
        [b.get(k)!, a.get(k)!],
      ]) {
        if (hidden !== null || shown === null) continue;
        withheld++;
        const left = total - shown;
        expect(left < 1 || left > 9, `${k}: ${total} − ${shown}`).toBe(true);
      }
    }
    expect(withheld).toBeGreaterThan(0); // at least the second district's 4 in extreme poverty
  });

  it("gives an account of one district that district's figures, on its own keys, and nothing of the other", async () => {
    const city = CityProfile.parse(await json(await t.get('/api/city/profile', operator)));
    expect(city.districtIds).toEqual([first.id]);
    const area = await json(await t.get(`/api/areas/${first.id}`, operator));
    const profile = AreaProfile.parse(await json(await t.get(`/api/areas/${first.id}/profile`, operator)));
    expect(city.population).toBe(area.properties.population);
    expect(city.elders60).toBe(area.properties.elders60);
    expect(city.households).toBe(area.properties.households);
    expect(city.ageBands).toEqual(profile.ageBands);
    expect(city.specialGroups).toEqual(profile.specialGroups);
    const whole = CityProfile.parse(await json(await t.get('/api/city/profile', admin)));
    expect(whole.households).toBeGreaterThan(city.households);
    expect((await t.get(`/api/areas/${second.id}/profile`, operator)).status).toBe(404);
  });

  it('answers 404 to an account below a whole district', async () => {
    const r = await t.get('/api/city/profile', community);
    expect(r.status).toBe(404);
    expect(((await r.json()) as Json).error.messageKey).toBe('areas.noDistrictInScope');
  });

  it("counts orders of both districts for the whole installation and of its own for a district's account", async () => {
    const open = async (path: string) =>
      (
        await t.db.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM orders WHERE area_path LIKE $1 || '%' AND status NOT IN ('closed', 'cancelled', 'duplicate')`,
          [path],
        )
      ).rows[0].n;
    const [inFirst, inSecond] = [await open(first.path), await open(second.path)];
    expect(inSecond).toBeGreaterThan(0);
    expect(Kpis.parse(await json(await t.get('/api/orders/kpis', admin))).open).toBe(inFirst + inSecond);
    expect(Kpis.parse(await json(await t.get('/api/orders/kpis', operator))).open).toBe(inFirst);

    const from = new Date(Date.now() - 365 * 86400_000).toISOString();
    const byDistrict = async (token: string) =>
      (await json(await t.get(`/api/orders/stats?groupBy=district&from=${encodeURIComponent(from)}`, token))).map(
        (x: Json) => RateRow.parse(x),
      ) as RateRow[];
    const all = await byDistrict(admin);
    expect(all.map((x) => Number(x.key)).sort()).toEqual([first.id, second.id].sort());
    expect(all.find((x) => Number(x.key) === second.id)!.name).toBe('第二区');
    expect((await byDistrict(operator)).map((x) => Number(x.key))).toEqual([first.id]);
  });
});
