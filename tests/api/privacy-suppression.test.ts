// Small-cell suppression that subtraction cannot undo, on the small demo city. Each attack subtracts published parts
// from a published total (or one scope's hexagon from another's) and compares the result with the true count of every
// withheld cell, read here straight from the database: it must never recover one. And every count of people any
// route publishes is 0, withheld, or a multiple of 10 — the property that makes the subtractions useless.
import { VectorTile } from '@mapbox/vector-tile';
import Protobuf from 'pbf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { discloser } from '../../api/population/disclosure.js';
import { renderTile } from '../../api/tiles/service.js';
import { tileOf } from '../../api/tiles/tile-math.js';
import { startTestApp, type TestApp } from '../helpers/test-db.js';

let t: TestApp;
let tokens: Record<string, string>;
type Json = Record<string, any>;
const json = async (r: Response) => {
  if (r.status !== 200) throw new Error(`${r.url}: ${r.status} ${await r.text()}`);
  return (await r.json()) as Json;
};
const get = (path: string, token = tokens.planner) => t.get(path, token).then(json);
const rows = async <T>(sql: string, params: unknown[] = []) => (await t.db.query<T>(sql, params)).rows;

/** A published count of people: withheld (null or absent), 0, or a multiple of 10 of at least 10. */
const publishable = (v: unknown) =>
  v === null || v === undefined || v === 0 || (typeof v === 'number' && Number.isInteger(v) && v >= 10 && v % 10 === 0);
function expectPublishable(where: string, values: Record<string, unknown>) {
  const bad = Object.entries(values).filter(([, v]) => !publishable(v));
  expect(bad, `${where}: counts of people that are neither withheld nor rounded`).toEqual([]);
}
const sum = (xs: (number | null | undefined)[]) => xs.reduce<number>((s, x) => s + (x ?? 0), 0);

interface Area {
  id: number;
  level: string;
  path: string;
  parentId: number | null;
}
let areas: Area[];
const childrenOf = (id: number) => areas.filter((a) => a.parentId === id && a.level !== 'special');

beforeAll(async () => {
  t = await startTestApp();
  tokens = {};
  for (const u of ['planner', 'operator', 'supervisor', 'community1']) tokens[u] = await t.login(u);
  areas = await rows<Area>(`SELECT id, level, path, parent_id AS "parentId" FROM areas ORDER BY id`);
});
afterAll(async () => t?.close());

const GROUPS = {
  lowIncome: 'low_income',
  extremePoverty: 'extreme_poverty',
  disabled: 'disabled',
  childrenInDifficulty: 'child_difficulty',
  eldersAlone: 'elder_alone',
} as const;

/** True profile counts of an area, from the per-grid demographics: every special group and every band × sex. */
async function trueProfile(path: string): Promise<Map<string, number>> {
  const r = await rows<Record<string, number>>(
    `SELECT d.band, d.sex, sum(d.people)::int AS people, sum(d.low_income)::int AS low_income, sum(d.extreme_poverty)::int AS extreme_poverty,
       sum(d.disabled)::int AS disabled, sum(d.child_difficulty)::int AS child_difficulty, sum(d.elder_alone)::int AS elder_alone
     FROM grid_demographics d JOIN areas g ON g.id = d.grid_id WHERE g.level = 'grid' AND g.path LIKE $1 || '%' GROUP BY 1, 2`,
    [path],
  );
  const out = new Map<string, number>();
  const add = (k: string, n: number) => out.set(k, (out.get(k) ?? 0) + n);
  for (const x of r) {
    add(`band:${Math.min(x.band, 18)}:${x.sex === 1 ? 'male' : 'female'}`, x.people);
    add('population', x.people);
    for (const [g, col] of Object.entries(GROUPS)) add(g, x[col]);
  }
  return out;
}

/** The profile's published counts under the same names as trueProfile. */
function publishedProfile(p: Json): Map<string, number | null> {
  const out = new Map<string, number | null>([['population', p.population]]);
  p.ageBands.forEach((b: Json, i: number) => {
    out.set(`band:${i}:male`, b.male);
    out.set(`band:${i}:female`, b.female);
  });
  for (const g of Object.keys(GROUPS)) out.set(g, p.specialGroups[g]);
  return out;
}

describe('suppression cannot be undone by subtraction', () => {
  it('a grid: its profile / area counts minus its visible elder-density hexagons never recover a withheld hexagon (res 7, 8, 9)', async () => {
    const grids = areas.filter((a) => a.level === 'grid');
    const totals = new Map((await get('/api/areas?level=grid')).features.map((f: Json) => [f.id, f.properties]));
    let withheldSeen = 0;
    const recovered: string[] = [];
    const published: Record<string, unknown> = {};
    for (const g of grids) {
      const profile = await get(`/api/areas/${g.id}/profile`);
      const total: Record<string, number | null> = {
        alone: profile.specialGroups.eldersAlone,
        e60: (totals.get(g.id) as Json).elders60,
        e80: (totals.get(g.id) as Json).elders80,
      };
      for (const res of [7, 8, 9]) {
        for (const metric of ['alone', 'e60', 'e80'] as const) {
          const hidden = (
            await rows<{ n: number }>(
              `SELECT ${metric} AS n FROM elder_cells WHERE res = $1 AND grid_id = $2 AND ${metric} BETWEEN 1 AND 9`,
              [res, g.id],
            )
          ).map((x) => x.n);
          if (hidden.length === 0 || total[metric] === null) continue;
          withheldSeen += hidden.length;
          const d = await get(`/api/population/elder-density?res=${res}&metric=${metric}&area=${g.id}`);
          for (const c of d.cells) published[`grid ${g.id} ${c.h3} ${metric}`] = c.value;
          const left = total[metric]! - sum(d.cells.map((c: Json) => c.value));
          if (hidden.includes(left)) recovered.push(`grid ${g.id} res ${res} ${metric}: ${left} of [${hidden}]`);
        }
      }
    }
    expect(withheldSeen).toBeGreaterThan(0);
    expect(recovered).toEqual([]);
    expectPublishable('elder density per grid', published);
  });

  it('an area: its profile minus its children’s profiles never recovers a withheld child count (community − grids, street − communities, district − streets)', async () => {
    const recovered: string[] = [];
    const published: Record<string, unknown> = {};
    let withheldSeen = 0;
    for (const parent of areas.filter(
      (a) => a.level === 'community' || a.level === 'street' || a.level === 'district',
    )) {
      const kids = childrenOf(parent.id);
      if (kids.length === 0) continue;
      const pub = publishedProfile(await get(`/api/areas/${parent.id}/profile`));
      for (const [k, v] of pub) published[`${parent.id} ${k}`] = v;
      const kidPub = await Promise.all(
        kids.map(async (k) => publishedProfile(await get(`/api/areas/${k.id}/profile`))),
      );
      const kidTrue = await Promise.all(kids.map((k) => trueProfile(k.path)));
      for (const [measure, total] of pub) {
        if (total === null) continue;
        const hidden = kidTrue.filter((tr, i) => kidPub[i].get(measure) === null).map((tr) => tr.get(measure) ?? 0);
        if (hidden.length === 0) continue;
        withheldSeen += hidden.length;
        const left = total - sum(kidPub.map((k) => k.get(measure)));
        if (hidden.includes(left)) recovered.push(`area ${parent.id} ${measure}: ${left} of [${hidden}]`);
      }
    }
    expectPublishable('profiles', published);
    expect(withheldSeen).toBeGreaterThan(0);
    expect(recovered).toEqual([]);
  });

  it('a hexagon asked for a community minus the same hexagon asked for each of its grids never recovers a withheld part', async () => {
    const recovered: string[] = [];
    let withheldSeen = 0;
    for (const c of areas.filter((a) => a.level === 'community')) {
      for (const metric of ['alone', 'e80'] as const) {
        const whole = new Map<string, number>(
          (await get(`/api/population/elder-density?res=8&metric=${metric}&area=${c.id}`)).cells.map((x: Json) => [
            x.h3,
            x.value,
          ]),
        );
        const parts = new Map<string, number>();
        for (const g of childrenOf(c.id))
          for (const x of (await get(`/api/population/elder-density?res=8&metric=${metric}&area=${g.id}`)).cells)
            parts.set(x.h3, (parts.get(x.h3) ?? 0) + x.value);
        for (const [h3, total] of whole) {
          const hidden = (
            await rows<{ n: number }>(
              `SELECT e.${metric} AS n FROM elder_cells e JOIN areas g ON g.id = e.grid_id WHERE e.res = 8 AND e.cell = $1 AND g.parent_id = $2 AND e.${metric} BETWEEN 1 AND 9`,
              [h3, c.id],
            )
          ).map((x) => x.n);
          if (hidden.length === 0) continue;
          withheldSeen += hidden.length;
          const left = total - (parts.get(h3) ?? 0);
          if (hidden.includes(left)) recovered.push(`community ${c.id} ${h3} ${metric}: ${left} of [${hidden}]`);
        }
      }
    }
    expect(withheldSeen).toBeGreaterThan(0);
    expect(recovered).toEqual([]);
  });

  it('vector tiles carry the same published counts as the API, from ST_AsMVT and from the Node encoder alike', async () => {
    const d = (
      await rows<{ x: number; y: number }>(
        `SELECT ST_X(label_point) AS x, ST_Y(label_point) AS y FROM areas WHERE level = 'district'`,
      )
    )[0];
    const { z, x, y } = tileOf(d.x, d.y, 11);
    const api = new Map<number, Json>();
    for (const level of ['street', 'community', 'grid'])
      for (const f of (await get(`/api/areas?level=${level}`)).features) api.set(f.id, f.properties);
    const encoders: [string, Buffer][] = [
      ['http', Buffer.from(await (await t.get(`/tiles/areas/${z}/${x}/${y}.pbf`, tokens.planner)).arrayBuffer())],
    ];
    encoders.push(['node', await renderTile(t.db, 'areas', z, x, y, '/', false)]);
    if (t.db.capabilities.asMvt) encoders.push(['mvt', await renderTile(t.db, 'areas', z, x, y, '/', true)]);
    let seen = 0;
    for (const [name, buf] of encoders) {
      const tile = new VectorTile(new Protobuf(buf));
      for (const level of ['street', 'community', 'grid']) {
        const layer = tile.layers[level];
        if (!layer) continue;
        for (let i = 0; i < layer.length; i++) {
          const f = layer.feature(i);
          const want = api.get(Number(f.id))!;
          const got = {
            population: f.properties.population ?? null,
            elders60: f.properties.elders60 ?? null,
            elders80: f.properties.elders80 ?? null,
          };
          expectPublishable(`${name} tile ${level} ${f.id}`, got);
          expect(got, `${name} tile ${level} ${f.id}`).toEqual({
            population: want.population,
            elders60: want.elders60,
            elders80: want.elders80,
          });
          seen++;
        }
      }
    }
    expect(seen).toBeGreaterThan(10);
  });

  it('need surveys: a community’s respondents minus its grids’ never recovers a withheld grid; no small count is sent', async () => {
    const month = (await rows<{ m: string }>(`SELECT to_char(max(month), 'YYYY-MM') AS m FROM survey_responses`))[0].m;
    const recovered: string[] = [];
    for (const c of areas.filter((a) => a.level === 'community')) {
      const total = await get(`/api/needs/rates?area=${c.id}&month=${month}`);
      const grids = await get(`/api/needs/breakdown?by=grid&area=${c.id}&month=${month}`);
      expectPublishable(`needs ${c.id}`, {
        total: total.respondents,
        ...Object.fromEntries(grids.rows.map((r: Json) => [r.key, r.respondents])),
      });
      if (total.respondents === null) continue;
      const truth = new Map(
        (
          await rows<{ id: number; n: number }>(
            `SELECT s.grid_id AS id, count(*)::int AS n FROM survey_responses s JOIN areas g ON g.id = s.grid_id
          WHERE g.parent_id = $1 AND s.month = to_date($2, 'YYYY-MM') GROUP BY 1`,
            [c.id, month],
          )
        ).map((r) => [r.id, r.n]),
      );
      const hidden = grids.rows.filter((r: Json) => r.respondents === null).map((r: Json) => truth.get(r.areaId) ?? 0);
      const left = total.respondents - sum(grids.rows.map((r: Json) => r.respondents));
      if (hidden.length && hidden.includes(left)) recovered.push(`community ${c.id}: ${left} of [${hidden}]`);
    }
    expect(recovered).toEqual([]);
    const groups = await get(
      `/api/needs/breakdown?by=group&area=${areas.find((a) => a.level === 'grid')!.id}&month=${month}`,
    );
    expectPublishable(
      'needs by group of a grid',
      Object.fromEntries(groups.rows.map((r: Json) => [r.key, r.respondents])),
    );
    const trend = await get(`/api/needs/trend`);
    expectPublishable('needs trend', Object.fromEntries(trend.respondents.map((n: number, i: number) => [i, n])));
    const heat = await get(`/api/needs/heat?need=elder_canteen&res=9`);
    expectPublishable(
      'needs heat',
      Object.fromEntries(
        heat.cells.flatMap((c: Json) => [
          [`${c.h3}:v`, c.value],
          [`${c.h3}:n`, c.respondents],
        ]),
      ),
    );
  });

  it('canteen coverage and its demand cells publish only rounded counts', async () => {
    const street = areas.find((a) => a.level === 'street')!;
    const c = await get(`/api/siting/coverage?kind=canteen&radius=500&area=${street.id}`);
    const counts: Record<string, unknown> = {};
    for (const g of ['e60', 'e80', 'alone']) {
      counts[`total ${g}`] = c.totals[g].total;
      counts[`covered ${g}`] = c.totals[g].covered;
      for (const a of c.areas) {
        counts[`${a.id} ${g} total`] = a[g].total;
        counts[`${a.id} ${g} covered`] = a[g].covered;
      }
    }
    for (const x of c.uncoveredCells) counts[x.h3] = x.uncovered;
    expectPublishable('siting coverage', counts);
    expect(c.totals.e60.total).toBe((await get(`/api/areas/${street.id}`)).properties.elders60);
  });

  it('exports carry the published counts, never the true small ones', async () => {
    const areasCsv = (await (
      await t.get('/api/export/areas?level=grid&format=geojson', tokens.planner)
    ).json()) as Json;
    for (const f of areasCsv.features)
      expectPublishable(`export area ${f.properties.code}`, {
        population: f.properties.population,
        elders60: f.properties.elders60,
        elders80: f.properties.elders80,
      });
    const api = new Map(
      (await get('/api/areas?level=grid')).features.map((f: Json) => [f.properties.code, f.properties.elders60]),
    );
    expect(new Map(areasCsv.features.map((f: Json) => [f.properties.code, f.properties.elders60]))).toEqual(api);
    const density = (await (
      await t.get('/api/export/elder-density?res=9&metric=alone&format=geojson', tokens.planner)
    ).json()) as Json;
    expectPublishable(
      'export elder density',
      Object.fromEntries(density.features.map((f: Json) => [f.properties.h3, f.properties.value])),
    );
  });

  it('the same count asked twice, or through two routes, comes back the same (cannot be averaged away)', async () => {
    const g = areas.find((a) => a.level === 'grid')!;
    const a = await get(`/api/areas/${g.id}/profile`);
    const b = await get(`/api/areas/${g.id}/profile`);
    expect(b).toEqual(a);
    expect(a.population).toBe((await get(`/api/areas/${g.id}`)).properties.population);
    const d1 = await get(`/api/population/elder-density?res=7&metric=e60`);
    const d2 = await get(`/api/population/elder-density?res=7&metric=e60`);
    expect(d2).toEqual(d1);
  });

  it('the SQL rounding and the module’s agree, under the database’s own secret', async () => {
    const secret = (await rows<{ secret: string }>(`SELECT secret FROM disclosure_secret`))[0].secret;
    expect(secret.length).toBeGreaterThanOrEqual(32);
    const d = discloser(secret);
    const ns = Array.from({ length: 300 }, (_, i) => i);
    const keys = ns.map((n) => `area:${n}:test`);
    const sqlOut = await rows<{ v: number | null }>(
      `SELECT disclose_count(n, k) AS v FROM unnest($1::bigint[], $2::text[]) WITH ORDINALITY AS u(n, k, i) ORDER BY i`,
      [ns, keys],
    );
    expect(sqlOut.map((r) => r.v)).toEqual(ns.map((n, i) => d.count(n, keys[i])));
  });
});

describe('person-level lists are audited like a file read', () => {
  it('visit compliance with persons=true needs a purpose and writes it to the audit log; the counts for others are rounded', async () => {
    const before = (
      await rows<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'person_list.read'`)
    )[0].n;
    const bare = await t.get('/api/visits/compliance?persons=true', tokens.supervisor);
    expect(bare.status).toBe(400);
    expect(
      (await rows<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'person_list.read'`))[0].n,
    ).toBe(before);
    const list = await get(
      `/api/visits/compliance?persons=true&purpose=${encodeURIComponent('月度走访督办 monthly follow-up')}`,
      tokens.supervisor,
    );
    expect(Array.isArray(list.lagging)).toBe(true);
    const entry = (
      await rows<{ target: string; detail: Json; username: string }>(
        `SELECT l.target, l.detail, a.username FROM audit_log l JOIN accounts a ON a.id = l.account_id WHERE l.action = 'person_list.read' ORDER BY l.id DESC LIMIT 1`,
      )
    )[0];
    expect(entry).toMatchObject({
      username: 'supervisor',
      detail: { purpose: '月度走访督办 monthly follow-up', listed: list.lagging.length },
    });
    expect(entry.target).toMatch(/^visit_compliance:/);
    // a planner sees no persons, and no exact small counts of special-group residents either
    const planner = await get('/api/visits/compliance');
    expectPublishable('compliance for a planner', {
      persons: planner.persons,
      compliant: planner.compliant,
      ...Object.fromEntries(
        planner.grids.flatMap((g: Json) => [
          [`${g.gridId}:p`, g.persons],
          [`${g.gridId}:c`, g.compliant],
        ]),
      ),
    });
  });
});
