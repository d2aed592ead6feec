// Exports: areas of any level and order points as GeoJSON, zipped Shapefile and CSV, in WGS84 or GCJ-02,
// scoped to the caller; the Shapefile reads back through the importer with its Chinese names intact.
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readShapefileZip } from '../../api/import/readers.js';
import { metresBetween, wgs84ToGcj02 } from '../../geodata/crs/china.js';
import { startTestApp, type TestApp } from '../helpers/test-db.js';

type Json = Record<string, any>;
let t: TestApp;
let tokens: Record<string, string>;

beforeAll(async () => {
  t = await startTestApp();
  tokens = {};
  for (const u of ['admin', 'planner', 'community1', 'worker1']) tokens[u] = await t.login(u);
});
afterAll(async () => t?.close());

const count = async (level: string, scope = '/') => (await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM areas WHERE level = $1 AND path LIKE $2 || '%'`, [level, scope])).rows[0].n;

describe('GET /api/export/areas', () => {
  it('gives GeoJSON in WGS84, and in GCJ-02 shifted by the published formula', async () => {
    const w = (await (await t.get('/api/export/areas?level=community&format=geojson', tokens.planner)).json()) as Json;
    expect(w.features).toHaveLength(await count('community'));
    const g = (await (await t.get('/api/export/areas?level=community&format=geojson&crs=gcj02', tokens.planner)).json()) as Json;
    const a = w.features[0].geometry.coordinates[0][0][0] as [number, number];
    const b = g.features[0].geometry.coordinates[0][0][0] as [number, number];
    expect(metresBetween(wgs84ToGcj02(a), b)).toBeLessThan(0.05);
    expect(metresBetween(a, b)).toBeGreaterThan(300);
    expect(w.features[0].properties).toMatchObject({ level: 'community', derived: false });
  });

  it('gives a zipped Shapefile with a UTF-8 .cpg that the importer reads back', async () => {
    const r = await t.get('/api/export/areas?level=street&format=shp', tokens.admin);
    expect(r.headers.get('content-type')).toBe('application/zip');
    const zip = Buffer.from(await r.arrayBuffer());
    expect(Object.keys(unzipSync(new Uint8Array(zip))).sort()).toEqual(['areas_street.cpg', 'areas_street.dbf', 'areas_street.prj', 'areas_street.shp', 'areas_street.shx']);
    const layer = await readShapefileZip(zip);
    const names = (await t.db.query<{ name: string }>(`SELECT name FROM areas WHERE level = 'street' ORDER BY code`)).rows.map((x) => x.name);
    expect(layer.features.map((f) => f.properties.name)).toEqual(names);
    expect(layer.encoding).toBe('utf-8');
  });

  it('gives CSV with a WKT column, scoped to the caller', async () => {
    const r = await t.get('/api/export/areas?level=grid&format=csv', tokens.community1);
    const text = Buffer.from(await r.arrayBuffer());
    expect([...text.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = text.toString('utf8').slice(1).trim().split('\r\n');
    expect(lines[0].split(',').at(-1)).toBe('wkt');
    const scope = (await t.db.query<{ path: string }>(`SELECT a.path FROM accounts u JOIN areas a ON a.id = u.area_id WHERE u.username = 'community1'`)).rows[0].path;
    expect(lines).toHaveLength(1 + (await count('grid', scope)));
    expect(lines[1]).toMatch(/"MULTIPOLYGON \(\(\(/);
    expect((await t.get('/api/export/areas?level=grid&format=csv', tokens.worker1)).status).toBe(403);
    expect((await t.get('/api/export/areas?level=grid&format=kml', tokens.admin)).status).toBe(400);
  });
});

describe('GET /api/export/orders', () => {
  it('gives order points without reporters, in scope', async () => {
    const fc = (await (await t.get('/api/export/orders?format=geojson', tokens.community1)).json()) as Json;
    const scope = (await t.db.query<{ path: string }>(`SELECT a.path FROM accounts u JOIN areas a ON a.id = u.area_id WHERE u.username = 'community1'`)).rows[0].path;
    const n = (await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM orders WHERE area_path LIKE $1 || '%'`, [scope])).rows[0].n;
    expect(fc.features).toHaveLength(n);
    expect(n).toBeGreaterThan(0);
    const keys = Object.keys(fc.features[0].properties);
    expect(keys).toEqual(['id', 'category', 'status', 'hazard', 'grid_code', 'reported', 'closed']);
    expect(fc.features[0].geometry.type).toBe('Point');
  });
});
