// Exports: areas of any level, order points and the analysis layers (elder density, need rates, resources,
// patrol coverage, siting scenarios) as GeoJSON, zipped Shapefile and CSV, in WGS84 or GCJ-02, scoped to the
// caller and suppressed as their source endpoints; the Shapefile reads back through the importer.
import type { Point } from 'geojson';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readShapefileZip } from '../../api/import/readers.js';
import { parseWkt } from '../../api/import/wkt.js';
import { gcj02ToWgs84, wgs84ToGcj02 } from '../../geodata/crs/china.js';
import { startTestApp, type TestApp } from '../helpers/test-db.js';
import { haversine } from '../../core/geo/index.js';

type Json = Record<string, any>;
let t: TestApp;
let tokens: Record<string, string>;

beforeAll(async () => {
  t = await startTestApp();
  tokens = {};
  for (const u of ['admin', 'planner', 'community1', 'worker1']) tokens[u] = await t.login(u);
});
afterAll(async () => t?.close());

const count = async (level: string, scope = '/') =>
  (
    await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM areas WHERE level = $1 AND path LIKE $2 || '%'`, [
      level,
      scope,
    ])
  ).rows[0].n;

describe('GET /api/export/areas', () => {
  it('gives GeoJSON in WGS84, and in GCJ-02 shifted by the published formula', async () => {
    const w = (await (await t.get('/api/export/areas?level=community&format=geojson', tokens.planner)).json()) as Json;
    expect(w.features).toHaveLength(await count('community'));
    const g = (await (
      await t.get('/api/export/areas?level=community&format=geojson&crs=gcj02', tokens.planner)
    ).json()) as Json;
    const a = w.features[0].geometry.coordinates[0][0][0] as [number, number];
    const b = g.features[0].geometry.coordinates[0][0][0] as [number, number];
    expect(haversine(wgs84ToGcj02(a), b)).toBeLessThan(0.05);
    expect(haversine(a, b)).toBeGreaterThan(300);
    expect(w.features[0].properties).toMatchObject({ level: 'community', derived: false });
  });

  it('gives a zipped Shapefile with a UTF-8 .cpg that the importer reads back', async () => {
    const r = await t.get('/api/export/areas?level=street&format=shp', tokens.admin);
    expect(r.headers.get('content-type')).toBe('application/zip');
    const zip = Buffer.from(await r.arrayBuffer());
    expect(Object.keys(unzipSync(new Uint8Array(zip))).sort()).toEqual([
      'areas_street.cpg',
      'areas_street.dbf',
      'areas_street.prj',
      'areas_street.shp',
      'areas_street.shx',
    ]);
    const layer = await readShapefileZip(zip);
    const names = (
      await t.db.query<{ name: string }>(`SELECT name FROM areas WHERE level = 'street' ORDER BY code`)
    ).rows.map((x) => x.name);
    expect(layer.features.map((f) => f.properties.name)).toEqual(names);
    expect(layer.encoding).toBe('utf-8');
  });

  it('gives CSV with a WKT column, scoped to the caller', async () => {
    const r = await t.get('/api/export/areas?level=grid&format=csv', tokens.community1);
    const text = Buffer.from(await r.arrayBuffer());
    expect([...text.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = text.toString('utf8').slice(1).trim().split('\r\n');
    expect(lines[0].split(',').at(-1)).toBe('wkt');
    const scope = (
      await t.db.query<{ path: string }>(
        `SELECT a.path FROM accounts u JOIN areas a ON a.id = u.area_id WHERE u.username = 'community1'`,
      )
    ).rows[0].path;
    expect(lines).toHaveLength(1 + (await count('grid', scope)));
    expect(lines[1]).toMatch(/"MULTIPOLYGON \(\(\(/);
    expect((await t.get('/api/export/areas?level=grid&format=csv', tokens.worker1)).status).toBe(403);
    expect((await t.get('/api/export/areas?level=grid&format=kml', tokens.admin)).status).toBe(400);
  });
});

describe('GET /api/export/orders', () => {
  it('gives order points without reporters, in scope', async () => {
    const fc = (await (await t.get('/api/export/orders?format=geojson', tokens.community1)).json()) as Json;
    const scope = (
      await t.db.query<{ path: string }>(
        `SELECT a.path FROM accounts u JOIN areas a ON a.id = u.area_id WHERE u.username = 'community1'`,
      )
    ).rows[0].path;
    const n = (
      await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM orders WHERE area_path LIKE $1 || '%'`, [scope])
    ).rows[0].n;
    expect(fc.features).toHaveLength(n);
    expect(n).toBeGreaterThan(0);
    const keys = Object.keys(fc.features[0].properties);
    expect(keys).toEqual(['id', 'category', 'status', 'hazard', 'grid_code', 'reported', 'closed']);
    expect(fc.features[0].geometry.type).toBe('Point');
  });
});

const body = async (r: Response) => {
  if (r.status !== 200) throw new Error(`${r.status} ${await r.text()}`);
  return Buffer.from(await r.arrayBuffer());
};
/** CSV rows as objects (UTF-8 with a BOM, quoted cells). */
function csvRows(buf: Buffer): Record<string, string>[] {
  const text = buf.toString('utf8').replace(/^\uFEFF/, '');
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\n') {
      row.push(cell.replace(/\r$/, ''));
      rows.push(row);
      row = [];
      cell = '';
    } else cell += ch;
  }
  const [head, ...rest] = rows;
  return rest.map((r) => Object.fromEntries(head.map((h, i) => [h, r[i]])));
}
/** First vertex of a polygon or the point itself. */
const firstPosition = (g: Json): [number, number] =>
  g.type === 'Point' ? g.coordinates : g.type === 'Polygon' ? g.coordinates[0][0] : g.coordinates[0][0][0];

describe('GCJ-02 exports read back', () => {
  it('gives areas as a GCJ-02 Shapefile whose vertices convert back to within 1 m of the stored WGS84', async () => {
    const w = JSON.parse(
      (await body(await t.get('/api/export/areas?level=grid&format=geojson', tokens.planner))).toString(),
    ) as Json;
    const zip = await body(await t.get('/api/export/areas?level=grid&format=shp&crs=gcj02', tokens.planner));
    expect(Object.keys(unzipSync(new Uint8Array(zip)))).toContain('areas_grid.txt');
    const layer = await readShapefileZip(zip);
    expect(layer.features).toHaveLength(w.features.length);
    for (const [i, f] of layer.features.entries()) {
      const back = gcj02ToWgs84(firstPosition(f.geometry as Json));
      const truth = w.features.find((x: Json) => x.properties.code === f.properties.code);
      const ring = (truth.geometry.coordinates as number[][][][]).flat(2) as [number, number][];
      expect(Math.min(...ring.map((p) => haversine(back, p))), `grid ${i}`).toBeLessThan(1);
    }
  });

  it('gives order points as GCJ-02 CSV that convert back to within 1 m', async () => {
    const w = JSON.parse((await body(await t.get('/api/export/orders', tokens.planner))).toString()) as Json;
    const rows = csvRows(await body(await t.get('/api/export/orders?format=csv&crs=gcj02', tokens.planner)));
    expect(rows).toHaveLength(w.features.length);
    const byId = new Map(w.features.map((f: Json) => [String(f.properties.id), f.geometry.coordinates]));
    for (const r of rows.slice(0, 200)) {
      const back = gcj02ToWgs84((parseWkt(r.wkt) as Point).coordinates as unknown as [number, number]);
      expect(haversine(back, byId.get(r.id) as [number, number])).toBeLessThan(1);
    }
  });
});

describe('analysis layers', () => {
  it('exports elder density cells exactly as the map gets them: the same cells and values, none under 10', async () => {
    const map = (await (
      await t.get('/api/population/elder-density?res=9&metric=alone', tokens.community1)
    ).json()) as Json;
    const fc = JSON.parse(
      (await body(await t.get('/api/export/elder-density?res=9&metric=alone', tokens.community1))).toString(),
    ) as Json;
    expect(fc.features.map((f: Json) => [f.properties.h3, f.properties.value])).toEqual(
      map.cells.map((c: Json) => [c.h3, c.value]),
    );
    expect(map.suppressed).toBeGreaterThan(0);
    expect(map.cells.length).toBeGreaterThan(0);
    expect(
      fc.features.every(
        (f: Json) => f.properties.value >= 10 && f.geometry.type === 'Polygon' && f.geometry.coordinates[0].length >= 7,
      ),
    ).toBe(true);
    const g = JSON.parse(
      (await body(await t.get('/api/export/elder-density?res=9&metric=alone&crs=gcj02', tokens.community1))).toString(),
    ) as Json;
    for (const [i, f] of g.features.entries())
      expect(haversine(gcj02ToWgs84(firstPosition(f.geometry)), firstPosition(fc.features[i].geometry))).toBeLessThan(
        1,
      );
    const csv = csvRows(
      await body(await t.get('/api/export/elder-density?res=9&metric=alone&format=csv', tokens.community1)),
    );
    expect(csv.map((r) => r.h3)).toEqual(map.cells.map((c: Json) => c.h3));
    expect(Object.keys(csv[0] ?? {})).toEqual(['h3', 'res', 'metric', 'value', 'wkt']);
  });

  it('exports need rates per grid, with no rates for grids under 10 respondents, to need readers only', async () => {
    const b = (await (await t.get('/api/needs/breakdown?by=grid&top=16', tokens.planner)).json()) as Json;
    const fc = JSON.parse((await body(await t.get('/api/export/needs', tokens.planner))).toString()) as Json;
    expect(fc.features).toHaveLength(b.rows.length);
    for (const f of fc.features) {
      const row = b.rows.find((r: Json) => r.name === f.properties.name);
      expect(f.properties.respondents).toBe(row.respondents);
      if (row.suppressed) expect(f.properties.medical).toBeNull();
      else expect(f.properties.medical).toBeCloseTo(row.needs.find((n: Json) => n.code === 'medical').rate, 4);
    }
    const zip = await body(await t.get('/api/export/needs?format=shp&crs=gcj02', tokens.planner));
    expect((await readShapefileZip(zip)).features).toHaveLength(b.rows.length);
    expect((await t.get('/api/export/needs', tokens.worker1)).status).toBe(403);
  });

  it('exports resource points in scope; GCJ-02 CSV converts back to within 1 m', async () => {
    const list = (await (await t.get('/api/resources', tokens.community1)).json()) as Json[];
    expect(list.length).toBeGreaterThan(0);
    const rows = csvRows(await body(await t.get('/api/export/resources?format=csv&crs=gcj02', tokens.community1)));
    expect(rows).toHaveLength(list.length);
    for (const r of rows) {
      const truth = list.find((x) => String(x.id) === r.id)!;
      expect(
        haversine(gcj02ToWgs84((parseWkt(r.wkt) as Point).coordinates as unknown as [number, number]), [
          truth.lon,
          truth.lat,
        ]),
      ).toBeLessThan(1);
    }
    const shp = await readShapefileZip(
      await body(await t.get('/api/export/resources?format=shp&kind=elder_canteen', tokens.planner)),
    );
    const canteens = (await (await t.get('/api/resources?kind=elder_canteen', tokens.planner)).json()) as Json[];
    expect(shp.features.map((f) => f.properties.name)).toEqual(canteens.map((c) => c.name));
  });

  it('exports patrol coverage per grid for a day, the same figures as the coverage report', async () => {
    const me = (
      await t.db.query<{ id: number }>(
        `SELECT a.id FROM accounts u JOIN areas a ON a.id = u.area_id WHERE u.username = 'community1'`,
      )
    ).rows[0];
    const day = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    const rep = (await (await t.get(`/api/areas/${me.id}/coverage?day=${day}`, tokens.community1)).json()) as Json;
    const fc = JSON.parse(
      (await body(await t.get(`/api/export/coverage?day=${day}`, tokens.community1))).toString(),
    ) as Json;
    expect(fc.features.map((f: Json) => [f.properties.name, f.properties.coverage, f.properties.points])).toEqual(
      rep.grids.map((g: Json) => [g.name, g.coverage, g.points]),
    );
    const zip = await body(await t.get(`/api/export/coverage?day=${day}&format=shp&crs=gcj02`, tokens.community1));
    expect((await readShapefileZip(zip)).features).toHaveLength(rep.grids.length);
    expect((await t.get(`/api/export/coverage?day=2999-01-01`, tokens.community1)).status).toBe(400);
  });

  it('exports a siting scenario as a GCJ-02 Shapefile and CSV whose sites convert back to within 1 m', async () => {
    const s = (await (
      await t.post(
        '/api/siting/scenarios',
        { name: '导出方案', request: { model: 'mclp', p: 2, radius: 500 } },
        tokens.planner,
      )
    ).json()) as Json;
    const w = JSON.parse(
      (await body(await t.get(`/api/siting/scenarios/${s.id}/export`, tokens.planner))).toString(),
    ) as Json;
    expect(w.features).toHaveLength(2);
    const shp = await readShapefileZip(
      await body(await t.get(`/api/siting/scenarios/${s.id}/export?format=shp&crs=gcj02`, tokens.planner)),
    );
    const csv = (await body(await t.get(`/api/siting/scenarios/${s.id}/export?format=csv&crs=gcj02`, tokens.planner)))
      .toString('utf8')
      .split('\r\n');
    for (const [i, f] of w.features.entries()) {
      expect(
        haversine(
          gcj02ToWgs84((shp.features[i].geometry as Point).coordinates as unknown as [number, number]),
          f.geometry.coordinates,
        ),
      ).toBeLessThan(1);
      const [, , lon, lat] = csv[i + 1].split(',');
      expect(haversine(gcj02ToWgs84([Number(lon), Number(lat)]), f.geometry.coordinates)).toBeLessThan(1);
    }
  });

  it('lists every export route in the OpenAPI document', async () => {
    const doc = (await (await t.get('/api/openapi.json')).json()) as Json;
    for (const p of [
      '/api/export/elder-density',
      '/api/export/needs',
      '/api/export/resources',
      '/api/export/coverage',
      '/api/imports/{id}/adjust',
    ])
      expect(Object.keys(doc.paths)).toContain(p);
  });
});
