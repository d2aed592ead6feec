// Hostile uploads on the import path: GeoJSON damaged in random ways (coordinates of the wrong type or out of
// range, bow-tie polygons, missing members, cut-off text), random tables with broken WKT, random bytes under
// any name, random options. Every upload answers 201 (a pending report) or a 4xx, never a 5xx; an upload
// writes nothing but its pending import, so the areas stay byte for byte as they were; a refused accept
// changes nothing either; and the server still answers afterwards.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/test-db.js';

type Json = any;
let t: TestApp;
let admin: string;
let base: Json;

async function upload(filename: string, bytes: Uint8Array | string, options: string): Promise<Response> {
  const fd = new FormData();
  fd.append('file', new Blob([typeof bytes === 'string' ? Buffer.from(bytes) : new Uint8Array(bytes)]), filename);
  fd.append('options', options);
  return fetch(`${t.url}/api/imports`, { method: 'POST', headers: { authorization: `Bearer ${admin}` }, body: fd });
}
/** md5 of every area row and of what imports wrote (area_imports): equal means byte for byte. */
const areasFingerprint = async () =>
  (
    await t.db.query<{ h: string }>(
      `SELECT md5((SELECT coalesce(string_agg(x::text, E'\\n' ORDER BY x.id), '') FROM areas x) || (SELECT coalesce(string_agg(y::text, E'\\n' ORDER BY y.area_id), '') FROM area_imports y)) AS h`,
    )
  ).rows[0].h;
const pendingImports = async () =>
  (await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM imports`)).rows[0].n;

beforeAll(async () => {
  t = await startTestApp();
  admin = await t.login('admin');
  const rows = (
    await t.db.query<{ name: string; code: string; g: string }>(
      `SELECT name, code, ST_AsGeoJSON(geom, 7) AS g FROM areas WHERE level = 'grid' ORDER BY code LIMIT 3`,
    )
  ).rows;
  base = {
    type: 'FeatureCollection',
    features: rows.map((r) => ({
      type: 'Feature',
      properties: { name: r.name, code: r.code },
      geometry: JSON.parse(r.g),
    })),
  };
});
afterAll(async () => t?.close());

const junk = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.double(),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.constant([]),
  fc.constant({}),
);
/** One way of damaging the base collection, applied to a fresh copy. */
const damage = fc.oneof(
  fc.record({
    kind: fc.constant('coord' as const),
    f: fc.nat(2),
    k: fc.nat(50),
    v: fc.oneof(junk, fc.double({ min: -1e9, max: 1e9 }), fc.constantFrom(1e308, -0, 181, -91)),
  }),
  fc.record({
    kind: fc.constant('type' as const),
    f: fc.nat(2),
    v: fc.oneof(
      fc.constantFrom('Point', 'LineString', 'GeometryCollection', 'Polygon', 'MultiPolygon', ''),
      fc.string({ maxLength: 10 }),
    ),
  }),
  fc.record({
    kind: fc.constant('drop' as const),
    f: fc.nat(2),
    v: fc.constantFrom('geometry', 'properties', 'type', 'coordinates'),
  }),
  fc.record({ kind: fc.constant('bowtie' as const), f: fc.nat(2) }),
  fc.record({
    kind: fc.constant('props' as const),
    f: fc.nat(2),
    v: fc.dictionary(fc.constantFrom('name', 'code', 'parent', 'households', '名称', '编码', 'x'), junk, {
      maxKeys: 4,
    }),
  }),
  fc.record({ kind: fc.constant('cut' as const), at: fc.double({ min: 0, max: 1, noNaN: true }) }),
  fc.record({ kind: fc.constant('root' as const), v: junk }),
);
type Damage = typeof damage extends fc.Arbitrary<infer D> ? D : never;

function damaged(d: Damage): string {
  const c: Json = structuredClone(base);
  const f = 'f' in d ? c.features[d.f % c.features.length] : null;
  const ring = () => f.geometry.coordinates.flat(f.geometry.type === 'MultiPolygon' ? 1 : 0)[0] as number[][];
  switch (d.kind) {
    case 'coord': {
      const r = ring();
      const p = r[d.k % r.length];
      p[d.k % 2] = d.v as number;
      break;
    }
    case 'type':
      f.geometry.type = d.v;
      break;
    case 'drop':
      if (d.v === 'coordinates') delete f.geometry.coordinates;
      else delete f[d.v];
      break;
    case 'bowtie': {
      const [x, y] = ring()[0];
      f.geometry = {
        type: 'Polygon',
        coordinates: [
          [
            [x, y],
            [x + 0.002, y + 0.002],
            [x + 0.002, y],
            [x, y + 0.002],
            [x, y],
          ],
        ],
      };
      break;
    }
    case 'props':
      f.properties = d.v;
      break;
    case 'cut': {
      const s = JSON.stringify(c);
      return s.slice(0, Math.floor(s.length * d.at));
    }
    case 'root':
      return JSON.stringify(d.v);
  }
  return JSON.stringify(c);
}

/** Mostly options the API takes, so that the files themselves get read; now and then ones it must refuse. */
const options = fc.oneof(
  {
    weight: 4,
    arbitrary: fc
      .record(
        {
          level: fc.constantFrom('district', 'street', 'community', 'grid', 'grid', 'special'),
          crs: fc.constantFrom('auto', 'wgs84', 'cgcs2000', 'gcj02', 'bd09', 'epsg:4549', 'epsg:4528'),
          mapping: fc.dictionary(
            fc.constantFrom('name', 'code', 'parent', 'households', 'wkt', 'lon', 'lat'),
            fc.constantFrom('name', 'code', 'wkt', 'lon', 'lat', '名称', 'x'),
            { maxKeys: 2 },
          ),
        },
        { requiredKeys: ['level'] },
      )
      .map((o) => (o.level === 'special' ? { ...o, specialClass: 'key' } : o)),
  },
  {
    weight: 1,
    arbitrary: fc.record(
      {
        level: fc.constantFrom('grid', 'block', ''),
        crs: fc.constantFrom('auto', 'epsg:9999', 'mercator'),
        mapping: fc.dictionary(
          fc.constantFrom('name', 'parentBy', 'lon'),
          fc.oneof(fc.constantFrom('auto', 'code'), fc.string({ maxLength: 70 })),
          { maxKeys: 2 },
        ),
        parentId: fc.option(fc.oneof(fc.integer({ min: -5, max: 100_000 }), fc.string({ maxLength: 5 })), {
          nil: undefined,
        }),
        tolerance: fc.option(fc.oneof(fc.double(), fc.string({ maxLength: 4 })), { nil: undefined }),
      },
      { requiredKeys: ['level'] },
    ),
  },
);

const wktCell = fc.oneof(
  fc.constantFrom(
    'POLYGON((121.45 31.22,121.46 31.22,121.46 31.23,121.45 31.22))',
    'POLYGON((121.45 31.22,121.46 31.23,121.46 31.22,121.45 31.23,121.45 31.22))',
    'POLYGON((',
    'POINT(121.45 31.22)',
    'MULTIPOLYGON EMPTY',
    'LINESTRING(0 0,1 1)',
  ),
  fc.string({ maxLength: 30 }),
);
const table = fc.record({
  header: fc.uniqueArray(fc.constantFrom('name', 'code', 'wkt', 'lon', 'lat', '名称', '经度', '纬度', 'parent', 'x'), {
    minLength: 1,
    maxLength: 5,
  }),
  rows: fc.array(
    fc.array(fc.oneof(wktCell, fc.double().map(String), fc.string({ maxLength: 8 })), { minLength: 0, maxLength: 6 }),
    { maxLength: 6 },
  ),
  separator: fc.constantFrom(',', ';', '\t'),
});
const csvText = (x: { header: string[]; rows: string[][]; separator: string }) =>
  [x.header, ...x.rows]
    .map((r) => r.map((v) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v)).join(x.separator))
    .join('\n');

const upload_ = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      name: fc.constantFrom('a.geojson', 'a.geojson', 'a.json', 'a.zip', 'noext'),
      body: damage.map(damaged),
      options,
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({ name: fc.constantFrom('t.csv', 't.csv', 't.xlsx'), body: table.map(csvText), options }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      name: fc.constantFrom('r.zip', 'r.xlsx', 'r.shp', 'r.geojson', 'r.csv'),
      body: fc.uint8Array({ maxLength: 400 }),
      options,
    }),
  },
);

describe('fuzzed boundary imports', () => {
  it('answers every hostile upload with 201 or a 4xx, never a 5xx, and writes nothing but pending reports', async () => {
    const areasBefore = await areasFingerprint();
    const importsBefore = await pendingImports();
    let created = 0;
    let read = 0;
    const reports: number[] = [];
    await fc.assert(
      fc.asyncProperty(upload_, async (u) => {
        const r = await upload(u.name, u.body, JSON.stringify(u.options));
        const body = (await r.json().catch(() => null)) as Json;
        expect(
          r.status === 201 || (r.status >= 400 && r.status < 500),
          `${r.status} ${JSON.stringify(body)?.slice(0, 300)} for ${u.name} ${JSON.stringify(u.options)}`,
        ).toBe(true);
        if (r.status === 201) {
          created++;
          expect(body.status).toBe('pending');
          reports.push(body.id);
        } else {
          expect(typeof body?.error?.message, 'a refusal says why').toBe('string');
        }
        if (r.status === 201 || !/import options|导入选项/.test(body?.error?.message ?? '')) read++;
      }),
      { numRuns: 150, seed: 20181 },
    );
    // Most cases reach the readers and the checks, not just the option validation; some become reports.
    expect(read).toBeGreaterThan(100);
    expect(created).toBeGreaterThan(5);
    expect(await pendingImports()).toBe(importsBefore + created);
    expect(await areasFingerprint()).toBe(areasBefore);
    // A report that cannot be accepted is refused without writing; cancelling any of them writes nothing.
    for (const id of reports) {
      const rep = (await (await t.get(`/api/imports/${id}`, admin)).json()) as Json;
      if (!rep.acceptable) {
        const r = await t.post(`/api/imports/${id}/accept`, {}, admin);
        expect(r.status).toBeGreaterThanOrEqual(400);
        expect(r.status).toBeLessThan(500);
      }
      expect((await t.post(`/api/imports/${id}/cancel`, {}, admin)).status).toBe(200);
    }
    expect(await areasFingerprint()).toBe(areasBefore);
    expect((await fetch(`${t.url}/api/health`)).status).toBe(200);
  }, 240_000);

  it('refuses options that are not JSON and an upload without a file, writing nothing', async () => {
    const before = await pendingImports();
    expect((await upload('a.geojson', JSON.stringify(base), '{level:')).status).toBe(400);
    const fd = new FormData();
    fd.append('options', JSON.stringify({ level: 'grid' }));
    expect(
      (await fetch(`${t.url}/api/imports`, { method: 'POST', headers: { authorization: `Bearer ${admin}` }, body: fd }))
        .status,
    ).toBe(400);
    expect(await pendingImports()).toBe(before);
  });
});
