// Boundary imports against a real database: every format, encoding and CRS, with hand-made files; the
// report before anything is written; accept as one transaction; cancel leaves the database as it was.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gk3 } from '../../geodata/crs/projected.js';
import iconv from 'iconv-lite';
import { wgs84ToBd09, wgs84ToGcj02 } from '../../geodata/crs/china.js';
import { shapefileZip } from '../fixtures/import/build.js';
import { startTestApp, type TestApp } from '../helpers/test-db.js';
import { haversine } from '../../core/geo/index.js';

type Json = Record<string, any>;
let t: TestApp;
let tokens: Record<string, string>;
let community: { id: number; code: string; name: string; path: string };
let grids: { id: number; code: string; name: string; geometry: Json; lon: number; lat: number }[];

const ESRI_GK_120E =
  'PROJCS["CGCS2000_3_Degree_GK_CM_120E",GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",DATUM["D_China_2000",SPHEROID["CGCS2000",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Gauss_Kruger"],PARAMETER["False_Easting",500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",120.0],PARAMETER["Scale_Factor",1.0],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]';

async function upload(
  filename: string,
  bytes: Buffer | string,
  options: Json,
  token = tokens.admin,
): Promise<Response> {
  const fd = new FormData();
  fd.append('file', new Blob([typeof bytes === 'string' ? Buffer.from(bytes) : new Uint8Array(bytes)]), filename);
  fd.append('options', JSON.stringify(options));
  return fetch(`${t.url}/api/imports`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: fd });
}
const report = async (r: Response) => {
  const body = (await r.json()) as Json;
  if (r.status !== 201) throw new Error(`${r.status} ${JSON.stringify(body)}`);
  return body;
};
const mapCoords = (g: Json, f: (p: [number, number]) => [number, number]): Json =>
  g.type === 'MultiPolygon'
    ? {
        type: 'MultiPolygon',
        coordinates: g.coordinates.map((p: number[][][]) => p.map((r) => r.map((c) => f(c as [number, number])))),
      }
    : { type: 'Polygon', coordinates: g.coordinates.map((r: number[][]) => r.map((c) => f(c as [number, number]))) };

/** md5 of every row of the tables an import or re-gridding may touch, geometry as EWKB: equal means byte-for-byte equal. */
async function fingerprint(): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const table of [
    'areas',
    'area_imports',
    'buildings',
    'residents',
    'grid_demographics',
    'orders',
    'resources',
    'worker_grids',
    'city_meta',
  ]) {
    const r = await t.db.query<{ h: string }>(
      `SELECT md5(coalesce(string_agg(x::text, E'\\n' ORDER BY x::text), '')) AS h FROM ${table} x`,
    );
    out[table] = r.rows[0].h;
  }
  return out;
}

/** Largest distance (m) between a stored area and a WGS84 geometry. */
async function hausdorff(code: string, truth: Json): Promise<number> {
  const r = await t.db.query<{ d: number }>(
    `SELECT ST_HausdorffDistance(ST_Transform(geom, 32651), ST_Transform(ST_SetSRID(ST_GeomFromGeoJSON($2), 4326), 32651)) AS d FROM areas WHERE code = $1`,
    [code, JSON.stringify(truth)],
  );
  return r.rows[0].d;
}

beforeAll(async () => {
  t = await startTestApp();
  tokens = {};
  for (const u of ['admin', 'planner', 'community1']) tokens[u] = await t.login(u);
  community = (
    await t.db.query<typeof community>(
      `SELECT c.id, c.code, c.name, c.path FROM areas c WHERE c.level = 'community' AND (SELECT count(*) FROM areas g WHERE g.parent_id = c.id AND g.level = 'grid') >= 2 ORDER BY c.code LIMIT 1`,
    )
  ).rows[0];
  grids = (
    await t.db.query<{ id: number; code: string; name: string; geometry: string; lon: number; lat: number }>(
      `SELECT id, code, name, ST_AsGeoJSON(geom, 9) AS geometry, ST_X(label_point) AS lon, ST_Y(label_point) AS lat FROM areas WHERE parent_id = $1 AND level = 'grid' ORDER BY code`,
      [community.id],
    )
  ).rows.map((g) => ({ ...g, geometry: JSON.parse(g.geometry) }));
});
afterAll(async () => t?.close());

describe('GeoJSON in GCJ-02', () => {
  it('detects the ~500 m shift against the existing grids and lands within a few metres of the WGS84 truth', async () => {
    const fc = {
      type: 'FeatureCollection',
      features: grids.map((g) => ({
        type: 'Feature',
        properties: { name: `${g.name}（新）`, code: g.code },
        geometry: mapCoords(g.geometry, wgs84ToGcj02),
      })),
    };
    const rep = await report(await upload('grids-gcj02.geojson', JSON.stringify(fc), { level: 'grid' }));
    expect(rep.crs.name).toBe('gcj02');
    expect(rep.crs.confidence).toBe('high');
    expect(rep.crs.alignment.gcj02).toBeLessThan(5);
    expect(rep.crs.alignment.wgs84).toBeGreaterThan(50); // to the nearest other grid line, in a dense lattice
    expect(rep.counts).toMatchObject({ features: grids.length, update: grids.length, insert: 0, errors: 0 });
    expect(rep.acceptable).toBe(true);
    const acc = await t.post(`/api/imports/${rep.id}/accept`, {}, tokens.admin);
    expect(acc.status).toBe(200);
    expect(((await acc.json()) as Json).status).toBe('accepted');
    for (const g of grids) {
      expect(await hausdorff(g.code, g.geometry)).toBeLessThan(1);
      const row = (
        await t.db.query<{ id: number; name: string }>(`SELECT id, name FROM areas WHERE code = $1`, [g.code])
      ).rows[0];
      expect(row).toEqual({ id: g.id, name: `${g.name}（新）` }); // updated in place: same id, dependants kept
    }
    expect((await t.post(`/api/imports/${rep.id}/accept`, {}, tokens.admin)).status).toBe(409);
  });
});

describe('declared and named CRSs', () => {
  const CGCS2000_GEO =
    'GEOGCS["China Geodetic Coordinate System 2000",DATUM["China_2000",SPHEROID["CGCS2000",6378137,298.257222101]],PRIMEM["Greenwich",0],UNIT["degree",0.0174532925199433]]';

  it('still checks a file that merely declares EPSG:4326, and reads GCJ-02 coordinates as GCJ-02', async () => {
    const fc = {
      type: 'FeatureCollection',
      crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::4326' } },
      features: grids.map((g) => ({
        type: 'Feature',
        properties: { name: g.name, code: g.code },
        geometry: mapCoords(g.geometry, wgs84ToGcj02),
      })),
    };
    const rep = await report(await upload('amap-export.geojson', JSON.stringify(fc), { level: 'grid' }));
    expect(rep.crs.name).toBe('gcj02');
    expect(rep.crs).toMatchObject({
      messageKey: 'import.crs.declaredContradicted',
      params: { crs: 'EPSG:4326', as: 'GCJ02' },
    });
    expect(rep.crs.reason).toMatch(/^文件声明 EPSG:4326，但坐标按 GCJ02 读才与现有边界对齐/);
    expect(rep.problems.find((p: Json) => p.kind === 'crs').message).toMatch(/^文件声明 EPSG:4326/);
    expect(rep.crs.alignment.gcj02).toBeLessThan(5);
    expect((await t.post(`/api/imports/${rep.id}/cancel`, {}, tokens.admin)).status).toBe(200);
    // A file that declares EPSG:4326 and is WGS84 stays WGS84, and says it checked.
    const wgs = {
      ...fc,
      features: grids.map((g) => ({
        type: 'Feature',
        properties: { name: g.name, code: g.code },
        geometry: g.geometry,
      })),
    };
    const ok = await report(await upload('wgs.geojson', JSON.stringify(wgs), { level: 'grid' }));
    expect(ok.crs).toMatchObject({ name: 'wgs84', confidence: 'high' });
    expect(ok.crs.messageKey).toBe('import.crs.declaredGeographic');
    expect(ok.crs.reason).toMatch(/^文件声明 EPSG:4326，按 WGS84\/CGCS2000 读取/);
    expect((await t.post(`/api/imports/${ok.id}/cancel`, {}, tokens.admin)).status).toBe(200);
  });

  it('lands BD-09 boundaries within a few metres of the WGS84 truth', async () => {
    const fc = {
      type: 'FeatureCollection',
      features: grids.map((g) => ({
        type: 'Feature',
        properties: { name: g.name, code: g.code },
        geometry: mapCoords(g.geometry, wgs84ToBd09),
      })),
    };
    const rep = await report(await upload('grids-bd09.geojson', JSON.stringify(fc), { level: 'grid' }));
    expect(rep.crs.name).toBe('bd09');
    expect(
      haversine(rep.features[0].geometry.coordinates[0][0][0], grids[0].geometry.coordinates[0][0][0]),
    ).toBeLessThan(2);
    expect((await t.post(`/api/imports/${rep.id}/accept`, {}, tokens.admin)).status).toBe(200);
    for (const g of grids) expect(await hausdorff(g.code, g.geometry)).toBeLessThan(2);
  });

  it('reads CGCS2000 as WGS84, named explicitly or by a geographic .prj', async () => {
    const g = grids[0];
    const named = await report(
      await upload(
        'g.geojson',
        JSON.stringify({ type: 'Feature', properties: { name: g.name, code: g.code }, geometry: g.geometry }),
        { level: 'grid', crs: 'cgcs2000' },
      ),
    );
    expect(named.crs).toMatchObject({ name: 'cgcs2000', confidence: 'given' });
    expect(named.problems.some((p: Json) => p.kind === 'crs' && p.severity === 'warning')).toBe(false);
    expect(named.features[0].geometry.coordinates[0][0][0]).toEqual(g.geometry.coordinates[0][0][0]);
    expect((await t.post(`/api/imports/${named.id}/cancel`, {}, tokens.admin)).status).toBe(200);
    const ring = g.geometry.type === 'MultiPolygon' ? g.geometry.coordinates[0] : g.geometry.coordinates;
    const zip = shapefileZip('网格', [ring], [{ 名称: g.name, 编码: g.code }], {
      encoding: 'utf-8',
      prj: CGCS2000_GEO,
      cpg: 'UTF-8',
    });
    const rep = await report(await upload('g.zip', zip, { level: 'grid' }));
    expect(rep.crs).toMatchObject({ name: 'wgs84', confidence: 'high' });
    expect(rep.crs.reason).toMatch(/China Geodetic Coordinate System 2000/);
    expect((await t.post(`/api/imports/${rep.id}/accept`, {}, tokens.admin)).status).toBe(200);
    expect(await hausdorff(g.code, { type: 'Polygon', coordinates: ring })).toBeLessThan(0.01);
  });

  it('reads projected metres in the zone named as epsg:NNNN', async () => {
    const s = (
      await t.db.query<{ code: string; geometry: string }>(
        `SELECT code, ST_AsGeoJSON(ST_GeometryN(geom, 1), 9) AS geometry FROM areas WHERE level = 'street' ORDER BY code DESC LIMIT 1`,
      )
    ).rows[0];
    const poly = JSON.parse(s.geometry).coordinates as number[][][];
    const zone = gk3(40, false);
    const fc = {
      type: 'Feature',
      properties: { 名称: '东区街道', 编码: s.code },
      geometry: { type: 'Polygon', coordinates: poly.map((r) => r.map((p) => zone.forward([p[0], p[1]]))) },
    };
    const rep = await report(await upload('street.geojson', JSON.stringify(fc), { level: 'street', crs: 'epsg:4549' }));
    expect(rep.crs).toMatchObject({ name: 'EPSG:4549', confidence: 'given' });
    expect((await t.post(`/api/imports/${rep.id}/accept`, {}, tokens.admin)).status).toBe(200);
    expect(await hausdorff(s.code, { type: 'Polygon', coordinates: poly })).toBeLessThan(0.5);
  });
});

describe('zipped Shapefile', () => {
  it('reads a Gauss-Krüger .prj and a GBK table named by its .cpg', async () => {
    const s = (
      await t.db.query<{ code: string; name: string; geometry: string }>(
        `SELECT code, name, ST_AsGeoJSON(ST_GeometryN(geom, 1), 9) AS geometry FROM areas WHERE level = 'street' ORDER BY code LIMIT 1`,
      )
    ).rows[0];
    const poly = JSON.parse(s.geometry).coordinates as number[][][];
    const zone = gk3(40, false);
    const projected = poly.map((r) => r.map((p) => zone.forward([p[0], p[1]])));
    const zip = shapefileZip('街道', [projected], [{ 名称: '测试街道（规划局）', 编码: s.code, 户数: 1234 }], {
      encoding: 'gbk',
      prj: ESRI_GK_120E,
      cpg: 'GBK',
    });
    const rep = await report(await upload('streets.zip', zip, { level: 'street' }));
    expect(rep.source).toMatchObject({ format: 'shapefile', encoding: 'gbk', fields: ['名称', '编码', '户数'] });
    expect(rep.crs).toMatchObject({ name: 'CGCS2000_3_Degree_GK_CM_120E', confidence: 'high' });
    expect(rep.features[0]).toMatchObject({
      name: '测试街道（规划局）',
      code: s.code,
      action: 'update',
      households: 1234,
    });
    expect((await t.post(`/api/imports/${rep.id}/accept`, {}, tokens.admin)).status).toBe(200);
    expect(await hausdorff(s.code, { type: 'Polygon', coordinates: poly })).toBeLessThan(0.5);
    expect(
      (await t.db.query(`SELECT 1 FROM areas WHERE code = $1 AND name = '测试街道（规划局）'`, [s.code])).rowCount,
    ).toBe(1);
  });

  it('finds the zone from a prefixed easting without a .prj, and GBK without a .cpg', async () => {
    const s = (
      await t.db.query<{ code: string; geometry: string }>(
        `SELECT code, ST_AsGeoJSON(ST_GeometryN(geom, 1), 9) AS geometry FROM areas WHERE level = 'community' ORDER BY code DESC LIMIT 1`,
      )
    ).rows[0];
    const poly = (JSON.parse(s.geometry).coordinates as number[][][]).map((r) =>
      r.map((p) => gk3(40, true).forward([p[0], p[1]])),
    );
    const rep = await report(
      await upload('c.zip', shapefileZip('社区', [poly], [{ 名称: '静安寺社区', 编码: s.code }], { encoding: 'gbk' }), {
        level: 'community',
        crs: 'auto',
      }),
    );
    expect(rep.crs.name).toBe('EPSG:4528');
    expect(rep.source.encoding).toBe('gbk');
    expect(rep.features[0].name).toBe('静安寺社区');
    expect((await t.post(`/api/imports/${rep.id}/cancel`, {}, tokens.admin)).status).toBe(200);
  });
});

describe('validation report', () => {
  it('repairs a bow-tie, refuses a degenerate ring and duplicate codes, and blocks accepting', async () => {
    const [x, y] = [grids[0].lon, grids[0].lat];
    const d = 0.0008;
    const sq = (cx: number, cy: number) => [
      [
        [cx, cy],
        [cx + d, cy],
        [cx + d, cy + d],
        [cx, cy + d],
        [cx, cy],
      ],
    ];
    const features = [
      {
        name: '学校（自交）',
        code: `${community.code}951`,
        coords: [
          [
            [x, y],
            [x + d, y + d],
            [x + d, y],
            [x, y + d],
            [x, y],
          ],
        ],
      },
      { name: '医院', code: `${community.code}952`, coords: sq(x - d, y - d) },
      { name: '市场甲', code: `${community.code}953`, coords: sq(x - 2 * d, y) },
      { name: '市场乙', code: `${community.code}953`, coords: sq(x, y - 2 * d) },
      {
        name: '线',
        code: `${community.code}954`,
        coords: [
          [
            [x, y],
            [x + d, y],
            [x, y],
          ],
        ],
      },
    ].map((f) => ({
      type: 'Feature',
      properties: { name: f.name, code: f.code },
      geometry: { type: 'Polygon', coordinates: f.coords },
    }));
    const before = await fingerprint();
    const rep = await report(
      await upload('special.geojson', JSON.stringify({ type: 'FeatureCollection', features }), {
        level: 'special',
        specialClass: 'key',
        crs: 'wgs84',
      }),
    );
    const kinds = (k: string) => rep.problems.filter((p: Json) => p.kind === k);
    expect(kinds('invalid_geometry')).toHaveLength(1);
    expect(kinds('invalid_geometry')[0]).toMatchObject({ severity: 'warning', feature: 0 });
    expect(kinds('invalid_geometry')[0].message).toMatch(/Self-intersection/i);
    expect(kinds('invalid_geometry')[0].geometry.type).toBe('Point');
    expect(kinds('duplicate_code').map((p: Json) => p.feature)).toEqual([2, 3]);
    expect(kinds('unrepairable_geometry').map((p: Json) => p.feature)).toEqual([4]);
    expect(rep.features.find((f: Json) => f.index === 0)).toMatchObject({ repaired: true, action: 'insert' });
    expect(rep.acceptable).toBe(false);
    const r = await t.post(`/api/imports/${rep.id}/accept`, {}, tokens.admin);
    expect(r.status).toBe(409);
    expect(((await r.json()) as Json).error).toMatchObject({
      messageKey: 'import.hasErrors',
      message: expect.stringMatching(/个错误，不能接受$/),
    });
    expect(await fingerprint()).toEqual(before);
  });

  it('reports a child outside its parent, overlaps with existing siblings and the gap it leaves', async () => {
    const g = grids[0];
    // The first grid shrunk to its south-west quarter and pushed 300 m east.
    const shifted = mapCoords(g.geometry, ([lon, lat]) => [lon + 0.003, lat]);
    const rep = await report(
      await upload(
        'g.geojson',
        JSON.stringify({ type: 'Feature', properties: { 名称: g.name, 编码: g.code }, geometry: shifted }),
        { level: 'grid', crs: 'wgs84', parentId: community.id },
      ),
    );
    const kinds = new Set(rep.problems.map((p: Json) => p.kind));
    expect(kinds.has('overlaps_sibling') || kinds.has('outside_parent')).toBe(true);
    expect(kinds.has('gap')).toBe(true);
    // Overlaps and gaps are warnings; more than the tolerance outside the parent is an error to resolve.
    const outside = rep.problems.filter((p: Json) => p.kind === 'outside_parent');
    expect(outside.every((p: Json) => p.severity === 'error')).toBe(true);
    expect(
      rep.problems.filter((p: Json) => p.kind !== 'outside_parent').every((p: Json) => p.severity !== 'error'),
    ).toBe(true);
    expect(rep.acceptable).toBe(outside.length === 0);
    expect((await t.post(`/api/imports/${rep.id}/cancel`, {}, tokens.admin)).status).toBe(200);
  });

  it('refuses a parent that is not in scope, and a code that would move an area to another parent', async () => {
    const other = (
      await t.db.query<{ id: number }>(
        `SELECT id FROM areas WHERE level = 'community' AND id <> $1 ORDER BY code LIMIT 1`,
        [community.id],
      )
    ).rows[0];
    const g = grids[0];
    const rep = await report(
      await upload(
        'g.geojson',
        JSON.stringify({ type: 'Feature', properties: { name: g.name, code: g.code }, geometry: g.geometry }),
        { level: 'grid', crs: 'wgs84', parentId: other.id },
      ),
    );
    expect(rep.problems.some((p: Json) => p.kind === 'parent_changed' && p.severity === 'error')).toBe(true);
    expect(rep.acceptable).toBe(false);
    const r = await upload(
      'g.geojson',
      JSON.stringify({ type: 'Feature', properties: { name: 'x' }, geometry: g.geometry }),
      { level: 'grid', parentId: 999999 },
    );
    expect(r.status).toBe(400);
  });
});

describe('cancel', () => {
  it('leaves every affected table byte-for-byte as it was', async () => {
    const before = await fingerprint();
    const fc = {
      type: 'FeatureCollection',
      features: grids.map((g) => ({
        type: 'Feature',
        properties: { name: `${g.name}-改`, code: g.code },
        geometry: mapCoords(g.geometry, wgs84ToGcj02),
      })),
    };
    const rep = await report(await upload('grids.geojson', JSON.stringify(fc), { level: 'grid', crs: 'gcj02' }));
    expect(rep.acceptable).toBe(true);
    expect(rep.crs.confidence).toBe('given');
    const c = await t.post(`/api/imports/${rep.id}/cancel`, {}, tokens.admin);
    expect(((await c.json()) as Json).status).toBe('cancelled');
    expect(await fingerprint()).toEqual(before);
    expect((await t.post(`/api/imports/${rep.id}/accept`, {}, tokens.admin)).status).toBe(409);
    expect(((await (await t.get(`/api/imports/${rep.id}`, tokens.admin)).json()) as Json).status).toBe('cancelled');
    // The same GCJ-02 file named as WGS84: kept as named, but the mix-up is reported.
    const mixed = await report(await upload('grids.geojson', JSON.stringify(fc), { level: 'grid', crs: 'wgs84' }));
    expect(mixed.problems.find((p: Json) => p.kind === 'crs' && p.severity === 'warning')?.messageKey).toBe(
      'import.crs.namedDoubt',
    );
    expect((await t.post(`/api/imports/${mixed.id}/cancel`, {}, tokens.admin)).status).toBe(200);
    expect(await fingerprint()).toEqual(before);
  });
});

describe('tables', () => {
  it('derives polygons from CSV points: Voronoi cells clipped to the parent, covering it without overlaps', async () => {
    const csv = ['名称,编码,经度,纬度', ...grids.map((g) => `${g.name}办公点,${g.code},${g.lon},${g.lat}`)].join(
      '\r\n',
    );
    const rep = await report(await upload('offices.csv', csv, { level: 'grid', crs: 'wgs84', parentId: community.id }));
    expect(rep.source.format).toBe('csv');
    expect(rep.features).toHaveLength(grids.length);
    expect(rep.features.every((f: Json) => f.derived && f.action === 'update')).toBe(true);
    expect(rep.problems.some((p: Json) => p.kind === 'derived')).toBe(true);
    const cover = await t.db.query<{ union: number; sum: number; parent: number }>(
      `WITH f AS (SELECT ST_SetSRID(ST_GeomFromGeoJSON(e), 4326) AS g FROM jsonb_array_elements($1::jsonb) e)
        SELECT ST_Area(ST_Union(g)) AS union, sum(ST_Area(g)) AS sum, (SELECT ST_Area(geom) FROM areas WHERE id = $2) AS parent FROM f`,
      [JSON.stringify(rep.features.map((f: Json) => f.geometry)), community.id],
    );
    const { union, sum, parent } = cover.rows[0];
    expect(union / parent).toBeGreaterThan(0.999);
    expect(sum / union).toBeLessThan(1.001);
    expect((await t.post(`/api/imports/${rep.id}/cancel`, {}, tokens.admin)).status).toBe(200);
  });

  it('reads a GBK CSV with a WKT column, its Chinese names intact', async () => {
    const [x, y] = [grids[1].lon, grids[1].lat];
    const d = 0.0004;
    const csv = [
      '名称,类别说明,WKT',
      `第二中学（高中部）,重点场所,"POLYGON((${x} ${y}, ${x + d} ${y}, ${x + d} ${y + d}, ${x} ${y + d}, ${x} ${y}))"`,
    ].join('\r\n');
    const rep = await report(
      await upload('schools.csv', iconv.encode(csv, 'gbk'), {
        level: 'special',
        specialClass: 'key',
        crs: 'wgs84',
        parentId: community.id,
      }),
    );
    expect(rep.source.encoding).toMatch(/gb/i);
    expect(rep.source.fields).toEqual(['名称', '类别说明']);
    expect(rep.features[0]).toMatchObject({ name: '第二中学（高中部）', parentId: community.id, action: 'insert' });
    expect((await t.post(`/api/imports/${rep.id}/cancel`, {}, tokens.admin)).status).toBe(200);
  });

  it('answers a layer whose name field cannot be guessed with its field names, and imports once the name is mapped', async () => {
    const g = grids[0];
    const feature = { type: 'Feature', properties: { 单位: '第一网格', BH: g.code }, geometry: g.geometry };
    const r = await upload('g.geojson', JSON.stringify(feature), { level: 'grid', crs: 'wgs84' });
    expect(r.status).toBe(400);
    expect(((await r.json()) as Json).error.details).toEqual({ fields: ['单位', 'BH'] });
    const t1 = await upload('t.csv', '单位,东,北\r\n甲,121.4,31.2', { level: 'grid' });
    expect(t1.status).toBe(400);
    expect(((await t1.json()) as Json).error.details).toEqual({ fields: ['单位', '东', '北'] });
    const rep = await report(
      await upload('g.geojson', JSON.stringify(feature), {
        level: 'grid',
        crs: 'wgs84',
        mapping: { name: '单位', code: 'BH' },
      }),
    );
    expect(rep.features[0]).toMatchObject({ name: '第一网格', code: g.code, action: 'update' });
    expect((await t.post(`/api/imports/${rep.id}/cancel`, {}, tokens.admin)).status).toBe(200);
  });

  it('reads XLSX with a WKT column and writes a special grid under its parent, found spatially', async () => {
    const [x, y] = [grids[1].lon, grids[1].lat];
    const d = 0.0005;
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('专属网格');
    ws.addRow(['名称', 'WKT']);
    ws.addRow(['第一中学', `POLYGON((${x} ${y}, ${x + d} ${y}, ${x + d} ${y + d}, ${x} ${y + d}, ${x} ${y}))`]);
    const bytes = Buffer.from(await wb.xlsx.writeBuffer());
    const rep = await report(
      await upload('schools.xlsx', bytes, { level: 'special', specialClass: 'key', crs: 'wgs84' }),
    );
    expect(rep.features[0]).toMatchObject({ name: '第一中学', parentId: community.id, action: 'insert' });
    expect(rep.features[0].code).toMatch(new RegExp(`^${community.code}\\d{3}$`));
    expect(rep.problems.some((p: Json) => p.kind === 'generated_code')).toBe(true);
    expect((await t.post(`/api/imports/${rep.id}/accept`, {}, tokens.admin)).status).toBe(200);
    const row = (
      await t.db.query<{ path: string; special_class: string; id: number }>(
        `SELECT id, path, special_class FROM areas WHERE code = $1`,
        [rep.features[0].code],
      )
    ).rows[0];
    expect(row.special_class).toBe('key');
    expect(row.path).toBe(`${community.path}${row.id}/`);
    expect(
      (
        await t.db.query(`SELECT 1 FROM area_imports WHERE area_id = $1 AND import_id = $2 AND NOT derived`, [
          row.id,
          rep.id,
        ])
      ).rowCount,
    ).toBe(1);
  });
});

describe('access and bad input', () => {
  it('is for administrators only, and answers malformed files with a clear 400 that writes nothing', async () => {
    expect((await upload('x.geojson', '{}', { level: 'grid' }, tokens.planner)).status).toBe(403);
    expect((await upload('x.geojson', '{}', { level: 'grid' }, tokens.community1)).status).toBe(403);
    const before = (await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM imports`)).rows[0].n;
    const bad = await upload('x.geojson', '{"type": "FeatureCollection", "features": [', { level: 'grid' });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as Json).error).toMatchObject({
      messageKey: 'import.read.malformedGeoJson',
      message: expect.stringMatching(/^GeoJSON 格式错误：/),
    });
    expect((await upload('x.shp', 'abc', { level: 'grid' })).status).toBe(400);
    expect(
      (
        await upload(
          'x.geojson',
          '{"type":"Feature","properties":{"name":"a"},"geometry":{"type":"LineString","coordinates":[[0,0],[1,1]]}}',
          { level: 'grid' },
        )
      ).status,
    ).toBe(400);
    expect((await upload('x.geojson', '{"type":"FeatureCollection","features":[]}', { level: 'nation' })).status).toBe(
      400,
    );
    expect((await upload('x.csv', 'a,b\n1,2', { level: 'grid' })).status).toBe(400);
    expect((await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM imports`)).rows[0].n).toBe(before);
  });
});

describe('district boundaries', () => {
  it('updates the district in place by its code, and reports every feature it cannot import', async () => {
    const d = (
      await t.db.query<{ id: number; code: string; name: string; geometry: string }>(
        `SELECT id, code, name, ST_AsGeoJSON(geom, 9) AS geometry FROM areas WHERE level = 'district' ORDER BY code LIMIT 1`,
      )
    ).rows[0];
    const geometry = JSON.parse(d.geometry);
    const fc = {
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', properties: { name: `${d.name}（民政局）`, code: d.code }, geometry },
        { type: 'Feature', properties: { name: '邻区' }, geometry: mapCoords(geometry, ([x, y]) => [x + 0.3, y]) },
      ],
    };
    const rep = await report(await upload('district.geojson', JSON.stringify(fc), { level: 'district', crs: 'wgs84' }));
    expect(rep.features).toHaveLength(1);
    expect(rep.features[0]).toMatchObject({
      index: 0,
      code: d.code,
      action: 'update',
      existingId: d.id,
      parentId: null,
    });
    expect(rep.problems.find((p: Json) => p.feature === 1 && p.severity === 'error')?.kind).toBe('out_of_scope');
    expect(rep.acceptable).toBe(false);
    expect((await t.post(`/api/imports/${rep.id}/cancel`, {}, tokens.admin)).status).toBe(200);

    const one = await report(
      await upload('district.geojson', JSON.stringify({ ...fc, features: [fc.features[0]] }), {
        level: 'district',
        crs: 'wgs84',
      }),
    );
    expect(one.counts).toMatchObject({ features: 1, update: 1, insert: 0, errors: 0 });
    expect(one.acceptable).toBe(true);
    expect((await t.post(`/api/imports/${one.id}/accept`, {}, tokens.admin)).status).toBe(200);
    const row = (
      await t.db.query<{ id: number; name: string; parent_id: number | null }>(
        `SELECT id, name, parent_id FROM areas WHERE code = $1`,
        [d.code],
      )
    ).rows[0];
    expect(row).toEqual({ id: d.id, name: `${d.name}（民政局）`, parent_id: null });
    expect(await hausdorff(d.code, geometry)).toBeLessThan(0.01);
  });

  it('never drops a feature silently: every feature is in the preview or has an error of its own', async () => {
    const g = grids[0];
    const far = mapCoords(g.geometry, ([x, y]) => [x + 3, y]); // in no community of the scope
    const fc = {
      type: 'FeatureCollection',
      features: [g, g, { ...g, geometry: far }].map((x, i) => ({
        type: 'Feature',
        properties: { name: `专属${i}` },
        geometry: i === 1 ? null : x.geometry,
      })),
    };
    const rep = await report(
      await upload('sp.geojson', JSON.stringify(fc), { level: 'special', specialClass: 'daily', crs: 'wgs84' }),
    );
    const shown = new Set(rep.features.map((f: Json) => f.index));
    const errored = new Set(rep.problems.filter((p: Json) => p.severity === 'error').map((p: Json) => p.feature));
    for (let i = 0; i < rep.counts.features; i++) expect(shown.has(i) || errored.has(i)).toBe(true);
    expect([...shown]).toEqual([0]);
    expect((await t.post(`/api/imports/${rep.id}/cancel`, {}, tokens.admin)).status).toBe(200);
  });
});
