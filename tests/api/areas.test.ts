// The area model as stored: a valid hierarchy whose children tile their parent exactly, and the HTTP contract on it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AreaCollection, AreaDetail, AreaProfile } from '../../contract/areas.js';
import { startTestApp, type TestApp } from '../helpers/test-db.js';

let t: TestApp;
let token: string;
beforeAll(async () => {
  t = await startTestApp();
  token = await t.login('operator');
});
afterAll(async () => t?.close());

describe('the stored hierarchy', () => {
  it('has only valid polygons', async () => {
    const r = await t.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM areas WHERE NOT ST_IsValid(geom) OR ST_IsEmpty(geom)`,
    );
    expect(r.rows[0].n).toBe(0);
  });

  it('tiles every parent with its children: no gaps, no overlaps', async () => {
    // Areas in m² (geography); a sliver of a square metre would show up here.
    const r = await t.db.query<{ id: number; level: string; gap: number; overlap: number }>(
      `SELECT p.id, p.level,
         ST_Area(ST_SymDifference(p.geom, ST_Union(c.geom))::geography) AS gap,
         (SELECT coalesce(sum(ST_Area(ST_Intersection(a.geom, b.geom)::geography)), 0) FROM areas a JOIN areas b
            ON a.parent_id = p.id AND b.parent_id = p.id AND a.id < b.id AND a.level <> 'special' AND b.level <> 'special' AND ST_Intersects(a.geom, b.geom)) AS overlap
       FROM areas p JOIN areas c ON c.parent_id = p.id AND c.level <> 'special'
       GROUP BY p.id, p.level, p.geom`,
    );
    expect(r.rows.length).toBeGreaterThan(3);
    for (const row of r.rows) {
      expect(row.gap, `gap in ${row.level} ${row.id}`).toBeLessThan(1);
      expect(row.overlap, `overlap in ${row.level} ${row.id}`).toBeLessThan(1);
    }
  });

  it('keeps special grids inside their community', async () => {
    const r = await t.db.query<{ n: number; outside: number }>(
      `SELECT count(*)::int AS n, count(*) FILTER (WHERE NOT ST_CoveredBy(s.geom, c.geom))::int AS outside
       FROM areas s JOIN areas c ON c.id = s.parent_id WHERE s.level = 'special'`,
    );
    expect(r.rows[0].n).toBeGreaterThan(0);
    expect(r.rows[0].outside).toBe(0);
  });

  it('sums counts up the hierarchy and keeps grids at 300–500 households', async () => {
    const bad = await t.db.query(
      `SELECT p.id FROM areas p JOIN areas c ON c.parent_id = p.id AND c.level <> 'special'
       GROUP BY p.id HAVING p.households <> sum(c.households) OR p.population <> sum(c.population) OR p.elders60 <> sum(c.elders60)`,
    );
    expect(bad.rows).toEqual([]);
    const grids = await t.db.query<{ lo: number; hi: number }>(
      `SELECT min(households) AS lo, max(households) AS hi FROM areas WHERE level = 'grid'`,
    );
    expect(grids.rows[0].lo).toBeGreaterThanOrEqual(300);
    expect(grids.rows[0].hi).toBeLessThanOrEqual(500);
    const res = await t.db.query<{ n: number; p: number }>(
      `SELECT (SELECT count(*)::int FROM residents) AS n, (SELECT population FROM areas WHERE level = 'district') AS p`,
    );
    expect(res.rows[0].p).toBe(res.rows[0].n);
  });

  it('uses 12-digit codes for district/street/community and community code + 3 digits for grids', async () => {
    const r = await t.db.query<{ level: string; code: string; parent: string | null }>(
      `SELECT a.level, a.code, p.code AS parent FROM areas a LEFT JOIN areas p ON p.id = a.parent_id`,
    );
    for (const row of r.rows) {
      if (row.level === 'grid' || row.level === 'special') {
        expect(row.code).toMatch(/^\d{15}$/);
        expect(row.code.startsWith(row.parent!)).toBe(true);
      } else {
        expect(row.code).toMatch(/^\d{12}$/);
      }
    }
  });
});

describe('GET /api/areas', () => {
  it('returns a GeoJSON FeatureCollection with the contract properties', async () => {
    const r = await t.get('/api/areas?level=street', token);
    expect(r.status).toBe(200);
    const fc = AreaCollection.parse(await r.json());
    expect(fc.features.length).toBeGreaterThanOrEqual(2);
    for (const f of fc.features) {
      expect(f.properties.level).toBe('street');
      expect(f.properties.synthetic).toBe(true);
      expect(f.properties.households).toBeGreaterThan(0);
    }
  });

  it('filters by parent', async () => {
    const streets = AreaCollection.parse(await (await t.get('/api/areas?level=street', token)).json());
    const s = streets.features[0].properties;
    const fc = AreaCollection.parse(await (await t.get(`/api/areas?parent=${s.id}`, token)).json());
    expect(fc.features.length).toBeGreaterThan(0);
    expect(fc.features.every((f) => f.properties.parentId === s.id)).toBe(true);
    // Counts of people are published rounded to base 10, each on its own: the parts add up to the whole within the rounding.
    const communities = fc.features.filter((f) => f.properties.level === 'community');
    const sum = communities.reduce((n, f) => n + (f.properties.population ?? 0), 0);
    expect(Math.abs(sum - s.population!)).toBeLessThan(10 * (communities.length + 1));
  });

  it('answers bad query values with 400, a code and a message in the language asked for (zh-CN by default)', async () => {
    type Body = { error: { message: string; messageKey?: string; params?: Record<string, unknown> } };
    for (const q of ['level=county', 'parent=abc', 'parent=-3']) {
      const zh = await t.get(`/api/areas?${q}`, token);
      expect(zh.status, q).toBe(400);
      const z = ((await zh.json()) as Body).error;
      expect(z.messageKey).toBe('common.invalidInput');
      expect(z.message).toMatch(/^查询参数无效：/);
      const en = await fetch(`${t.url}/api/areas?${q}`, {
        headers: { authorization: `Bearer ${token}`, 'accept-language': 'en-GB,en;q=0.9' },
      });
      expect(en.headers.get('vary') ?? '').toMatch(/Accept-Language/i);
      const e = ((await en.json()) as Body).error;
      expect(e.message).toMatch(/^invalid query: /);
      expect(e.params).toEqual(z.params);
    }
  });
});

describe('GET /api/areas/:id', () => {
  it('returns the area with its breadcrumb, children and bbox', async () => {
    const grid = (await t.db.query<{ id: number }>(`SELECT id FROM areas WHERE level = 'grid' ORDER BY id LIMIT 1`))
      .rows[0];
    const d = AreaDetail.parse(await (await t.get(`/api/areas/${grid.id}`, token)).json());
    expect(d.ancestors.map((a) => a.level)).toEqual(['district', 'street', 'community']);
    expect(d.children).toEqual({ level: null, count: 0 });
    const [w, s, e, n] = d.bbox;
    expect(w).toBeLessThan(e);
    expect(s).toBeLessThan(n);
    expect(d.properties.labelLon).toBeGreaterThan(w);
    expect(d.properties.labelLon).toBeLessThan(e);
  });

  it('404s for an id that does not exist', async () => {
    expect((await t.get('/api/areas/999999', token)).status).toBe(404);
  });

  it('gives an aggregate profile whose bands add up to the population (within the rounding of published counts)', async () => {
    const d = (
      await t.db.query<{ id: number; population: number }>(`SELECT id, population FROM areas WHERE level = 'district'`)
    ).rows[0];
    const p = AreaProfile.parse(await (await t.get(`/api/areas/${d.id}/profile`, token)).json());
    const counts = p.ageBands.flatMap((b) => [b.male, b.female]);
    const total = counts.reduce<number>((n, c) => n + (c ?? 0), 0);
    // each published band is within 10 of its count, a withheld one (null) holds 1–9, the population is within 10
    expect(Math.abs(total - d.population)).toBeLessThan(
      10 * (counts.filter((c) => c !== null).length + 1) + 9 * counts.filter((c) => c === null).length,
    );
    expect(Math.abs(p.population! - d.population)).toBeLessThan(10);
    expect(p.specialGroups.disabled).toBeGreaterThan(0);
    expect(p.workers).toBeGreaterThan(0);
    expect(p.resources.length).toBeGreaterThan(0);
  });
});
