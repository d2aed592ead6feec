// Coordinates, honestly: a real GCJ-02 district with no CRS declared, far from every stored boundary, is
// undecided (not acceptable) until the CRS is named, then lands within 0.01 m of an independent conversion;
// (lat, lon) is reported as swapped and imports once swapped; a GBK table under a UTF-8 .cpg keeps its Chinese;
// Gridwall's own GCJ-02 exports say so and read back as GCJ-02, given.
import { readFileSync } from 'node:fs';
import { unzipSync } from 'fflate';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wgs84ToGcj02 } from '../../geodata/crs/china.js';
import { shapefileZip } from '../fixtures/import/build.js';
import { startTestApp, type TestApp } from '../helpers/test-db.js';

type Json = Record<string, any>;
type P = [number, number];
let t: TestApp;
let admin: string;

// Nanjing Gulou's outline as Amap publishes it: GCJ-02, no crs member (Vonng/adcode, CC BY 4.0; see the file).
const GULOU = JSON.parse(
  readFileSync(new URL('../fixtures/import/gulou_district_gcj02.geojson', import.meta.url), 'utf8'),
) as Json;

/**
 * GCJ-02 → WGS84 written here from the published forward formula, inverted by Newton's method with a numeric
 * Jacobian: independent of geodata/crs/china.ts (which inverts by fixed-point iteration).
 */
function independentGcjToWgs(g: P): P {
  const a = 6378245.0;
  const ee = 0.006693421622965943;
  const tLat = (x: number, y: number) =>
    -100 +
    2 * x +
    3 * y +
    0.2 * y * y +
    0.1 * x * y +
    0.2 * Math.sqrt(Math.abs(x)) +
    ((20 * Math.sin(6 * x * Math.PI) + 20 * Math.sin(2 * x * Math.PI)) * 2) / 3 +
    ((20 * Math.sin(y * Math.PI) + 40 * Math.sin((y / 3) * Math.PI)) * 2) / 3 +
    ((160 * Math.sin((y / 12) * Math.PI) + 320 * Math.sin((y * Math.PI) / 30)) * 2) / 3;
  const tLon = (x: number, y: number) =>
    300 +
    x +
    2 * y +
    0.1 * x * x +
    0.1 * x * y +
    0.1 * Math.sqrt(Math.abs(x)) +
    ((20 * Math.sin(6 * x * Math.PI) + 20 * Math.sin(2 * x * Math.PI)) * 2) / 3 +
    ((20 * Math.sin(x * Math.PI) + 40 * Math.sin((x / 3) * Math.PI)) * 2) / 3 +
    ((150 * Math.sin((x / 12) * Math.PI) + 300 * Math.sin((x / 30) * Math.PI)) * 2) / 3;
  const fwd = ([lon, lat]: P): P => {
    const rad = (lat * Math.PI) / 180;
    const magic = 1 - ee * Math.sin(rad) ** 2;
    const dLat = (tLat(lon - 105, lat - 35) * 180) / (((a * (1 - ee)) / (magic * Math.sqrt(magic))) * Math.PI);
    const dLon = (tLon(lon - 105, lat - 35) * 180) / ((a / Math.sqrt(magic)) * Math.cos(rad) * Math.PI);
    return [lon + dLon, lat + dLat];
  };
  let w: P = [g[0], g[1]];
  const h = 1e-7;
  for (let i = 0; i < 20; i++) {
    const f = fwd(w);
    const r = [f[0] - g[0], f[1] - g[1]];
    if (Math.abs(r[0]) < 1e-12 && Math.abs(r[1]) < 1e-12) break;
    const fx = fwd([w[0] + h, w[1]]);
    const fy = fwd([w[0], w[1] + h]);
    const j = [
      [(fx[0] - f[0]) / h, (fy[0] - f[0]) / h],
      [(fx[1] - f[1]) / h, (fy[1] - f[1]) / h],
    ];
    const det = j[0][0] * j[1][1] - j[0][1] * j[1][0];
    w = [w[0] - (j[1][1] * r[0] - j[0][1] * r[1]) / det, w[1] - (-j[1][0] * r[0] + j[0][0] * r[1]) / det];
  }
  return w;
}

async function upload(filename: string, bytes: Buffer | string, options: Json): Promise<Response> {
  const fd = new FormData();
  fd.append('file', new Blob([typeof bytes === 'string' ? Buffer.from(bytes) : new Uint8Array(bytes)]), filename);
  fd.append('options', JSON.stringify(options));
  return fetch(`${t.url}/api/imports`, { method: 'POST', headers: { authorization: `Bearer ${admin}` }, body: fd });
}
const report = async (r: Response) => {
  const body = (await r.json()) as Json;
  if (r.status !== 201) throw new Error(`${r.status} ${JSON.stringify(body)}`);
  return body;
};
const mapRings = (g: Json, f: (p: P) => P): Json =>
  g.type === 'MultiPolygon'
    ? { type: 'MultiPolygon', coordinates: g.coordinates.map((p: P[][]) => p.map((r) => r.map(f))) }
    : { type: 'Polygon', coordinates: g.coordinates.map((r: P[]) => r.map(f)) };
const keyed = (rep: Json, key: string) => rep.problems.filter((p: Json) => p.messageKey === key);

/** Largest distance (m) between a stored area and a WGS84 geometry. */
async function hausdorff(code: string, truth: Json): Promise<number> {
  const r = await t.db.query<{ d: number }>(
    `SELECT ST_HausdorffDistance(ST_Transform(geom, 32651), ST_Transform(ST_SetSRID(ST_GeomFromGeoJSON($2), 4326), 32651)) AS d FROM areas WHERE code = $1`,
    [code, JSON.stringify(truth)],
  );
  return r.rows[0].d;
}
const areasOf = async (level: string, limit = 100) =>
  (
    await t.db.query<{ id: number; code: string; name: string; geometry: string }>(
      `SELECT id, code, name, ST_AsGeoJSON(geom, 9) AS geometry FROM areas WHERE level = $1 ORDER BY code LIMIT $2`,
      [level, limit],
    )
  ).rows.map((r) => ({ ...r, geometry: JSON.parse(r.geometry) as Json }));

beforeAll(async () => {
  t = await startTestApp();
  admin = await t.login('admin');
});
afterAll(async () => t?.close());

describe('swapped axes', () => {
  it('says "swapped" for (lat, lon) coordinates, refuses to accept, and imports once the axes are swapped', async () => {
    const streets = await areasOf('street', 2);
    const fc = {
      type: 'FeatureCollection',
      features: streets.map((s) => ({
        type: 'Feature',
        properties: { name: s.name, code: s.code },
        geometry: mapRings(s.geometry, ([x, y]) => [y, x]),
      })),
    };
    const rep = await report(await upload('streets-latlon.geojson', JSON.stringify(fc), { level: 'street' }));
    expect(rep.crs.swapAxes).toBe('suggested');
    expect(rep.crs.name).toBe('wgs84'); // read the right way round, the layer lines up with the stored streets
    expect(rep.acceptable).toBe(false);
    const swapped = keyed(rep, 'import.crs.axesSwapped');
    expect(swapped).toHaveLength(1);
    expect(swapped[0]).toMatchObject({ severity: 'error', kind: 'crs' });
    expect(swapped[0].message).toMatch(/经纬度颠倒/);
    expect(rep.problems.some((p: Json) => /EPSG:45/.test(p.message))).toBe(false);
    expect((await t.post(`/api/imports/${rep.id}/accept`, {}, admin)).status).toBe(409);

    const fixed = await report(
      await upload('streets-latlon.geojson', JSON.stringify(fc), { level: 'street', mapping: { swapAxes: true } }),
    );
    expect(fixed.crs).toMatchObject({ name: 'wgs84', confidence: 'high', swapAxes: 'applied' });
    expect(keyed(fixed, 'import.crs.axesSwappedApplied')).toHaveLength(1);
    expect(fixed.counts).toMatchObject({ update: streets.length, errors: 0 });
    expect(fixed.acceptable).toBe(true);
    expect((await t.post(`/api/imports/${fixed.id}/cancel`, {}, admin)).status).toBe(200);
  });
});

describe('encodings', () => {
  const square = (x: number, y: number): number[][][] => [
    [
      [x, y],
      [x + 0.001, y],
      [x + 0.001, y + 0.001],
      [x, y + 0.001],
      [x, y],
    ],
  ];
  const rows = [{ 名称: '鼓楼街道（测试）', 编码: '320106001000' }];

  it('reads a GBK table under a .cpg that says UTF-8 as GB18030, and says so', async () => {
    const zip = shapefileZip('街道', [square(121.45, 31.23)], rows, { encoding: 'gbk', cpg: 'UTF-8' });
    const rep = await report(await upload('streets.zip', zip, { level: 'street', crs: 'wgs84' }));
    expect(rep.source).toMatchObject({ encoding: 'gbk', fields: ['名称', '编码'] });
    expect(rep.problems.find((p: Json) => p.kind === 'encoding')).toMatchObject({
      severity: 'info',
      messageKey: 'import.read.encodingCpgNotUtf8',
    });
    const named = rep.features[0]?.name ?? rep.problems.map((p: Json) => p.message).join(' ');
    expect(named).toContain('鼓楼街道（测试）');
  });

  it('reads GBK under a Latin-1 .cpg, repairs Latin-1 mojibake saved as UTF-8, and keeps GBK without a .cpg', async () => {
    const latin = shapefileZip('街道', [square(121.45, 31.23)], rows, { encoding: 'gbk', cpg: '1252' });
    const a = await report(await upload('a.zip', latin, { level: 'street', crs: 'wgs84' }));
    expect(a.problems.find((p: Json) => p.kind === 'encoding').messageKey).toBe('import.read.encodingCpgLatin1Gbk');
    expect(a.source.fields).toEqual(['名称', '编码']);

    const garbled = rows.map((r) => ({
      名称: iconv.decode(iconv.encode(r.名称, 'gbk'), 'windows-1252'),
      编码: r.编码,
    }));
    const mojibake = shapefileZip('街道', [square(121.45, 31.23)], garbled, { encoding: 'utf-8', cpg: 'UTF-8' });
    const b = await report(await upload('b.zip', mojibake, { level: 'street', crs: 'wgs84' }));
    expect(b.problems.find((p: Json) => p.kind === 'encoding').messageKey).toBe('import.read.encodingLatin1Repaired');
    expect(JSON.stringify(b)).toContain('鼓楼街道（测试）');

    const bare = shapefileZip('街道', [square(121.45, 31.23)], rows, { encoding: 'gbk' });
    const c = await report(await upload('c.zip', bare, { level: 'street', crs: 'wgs84' }));
    expect(c.source.encoding).toBe('gbk');
    expect(c.problems.find((p: Json) => p.kind === 'encoding').messageKey).toBe('import.read.encodingNoCpgGbk');
    expect(JSON.stringify(c)).toContain('鼓楼街道（测试）');

    const utf8 = shapefileZip('街道', [square(121.45, 31.23)], rows, { encoding: 'utf-8', cpg: 'UTF-8' });
    const d = await report(await upload('d.zip', utf8, { level: 'street', crs: 'wgs84' }));
    expect(d.source.encoding).toBe('utf-8');
    expect(d.problems.find((p: Json) => p.kind === 'encoding').messageKey).toBe('import.read.encodingCpg');
  });
});

describe('GCJ-02 exports say what they are', () => {
  it('writes a .prj named GCJ-02 and a note, and the importer reads the Shapefile back as GCJ-02, given', async () => {
    const r = await t.get('/api/export/areas?level=street&format=shp&crs=gcj02', admin);
    const zip = Buffer.from(await r.arrayBuffer());
    const files = unzipSync(new Uint8Array(zip));
    const prj = new TextDecoder().decode(files['areas_street.prj']);
    expect(prj).toMatch(/^GEOGCS\["GCJ-02"/);
    expect(prj).not.toMatch(/WGS_1984"?,DATUM\["D_WGS_1984/);
    expect(JSON.parse(new TextDecoder().decode(files['areas_street.crs.json']))).toMatchObject({ crs: 'GCJ-02' });
    expect(new TextDecoder().decode(files['areas_street.txt'])).toMatch(/GCJ-02/);
    const rep = await report(await upload('areas_street_gcj02.zip', zip, { level: 'street' }));
    expect(rep.crs).toMatchObject({ name: 'gcj02', confidence: 'given' });
    expect(rep.counts.errors).toBe(0);
    expect((await t.post(`/api/imports/${rep.id}/cancel`, {}, admin)).status).toBe(200);
  });

  it('names GCJ-02 in GeoJSON and CSV, and the GeoJSON round trip lands within 0.01 m', async () => {
    const grids = await areasOf('grid', 3);
    const codes = new Set(grids.map((g) => g.code));
    const doc = (await (await t.get('/api/export/areas?level=grid&format=geojson&crs=gcj02', admin)).json()) as Json;
    expect(doc.crs).toEqual({ type: 'name', properties: { name: 'GCJ-02' } });
    const csv = (await (await t.get('/api/export/areas?level=grid&format=csv&crs=gcj02', admin)).text()).replace(
      /^\uFEFF/,
      '',
    );
    expect(csv.split(/\r?\n/)[0].split(',').at(-1)).toBe('crs');
    const csvBack = [csv.split(/\r?\n/)[0], ...csv.split(/\r?\n/).filter((l) => [...codes].some((c) => l.includes(c)))];
    const fromCsv = await report(await upload('grids_gcj02.csv', csvBack.join('\n'), { level: 'grid' }));
    expect(fromCsv.crs).toMatchObject({ name: 'gcj02', confidence: 'given' });
    expect((await t.post(`/api/imports/${fromCsv.id}/cancel`, {}, admin)).status).toBe(200);
    const back = { ...doc, features: doc.features.filter((f: Json) => codes.has(f.properties.code)) };
    const rep = await report(await upload('grids_gcj02.geojson', JSON.stringify(back), { level: 'grid' }));
    expect(rep.crs).toMatchObject({ name: 'gcj02', confidence: 'given' });
    expect(rep.acceptable).toBe(true);
    expect((await t.post(`/api/imports/${rep.id}/accept`, {}, admin)).status).toBe(200);
    for (const g of grids) expect(await hausdorff(g.code, g.geometry)).toBeLessThan(0.01);
  });
});

describe('a CRS the stored boundaries cannot tell', () => {
  it('keeps automatic detection when a stored boundary lines up', async () => {
    const [s] = await areasOf('street', 1);
    const fc = {
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', properties: { name: s.name, code: s.code }, geometry: mapRings(s.geometry, wgs84ToGcj02) },
      ],
    };
    const rep = await report(await upload('street-gcj02.geojson', JSON.stringify(fc), { level: 'street' }));
    expect(rep.crs).toMatchObject({ name: 'gcj02', confidence: 'high' });
    expect(rep.crs.undecided).toBeUndefined();
    expect(rep.crs.candidates).toBeUndefined();
    expect(rep.acceptable).toBe(true);
    expect((await t.post(`/api/imports/${rep.id}/cancel`, {}, admin)).status).toBe(200);
  });

  it('leaves real GCJ-02 Gulou undecided with its candidate placements, and imports it as GCJ-02 once named', async () => {
    const [d] = await areasOf('district', 1);
    const feature = GULOU.features[0] as Json;
    const fc = { ...GULOU, features: [{ ...feature, properties: { ...feature.properties, code: d.code } }] };
    const rep = await report(await upload('gulou_district_gcj02.geojson', JSON.stringify(fc), { level: 'district' }));
    expect(rep.crs.undecided).toBe(true);
    expect(rep.crs.confidence).toBe('low');
    expect(rep.crs.messageKey).toBe('geodata.crs.undecided');
    expect(rep.acceptable).toBe(false);
    expect(keyed(rep, 'import.crs.chooseCrs')[0]).toMatchObject({ severity: 'error', kind: 'crs' });
    const cands = rep.crs.candidates as Json[];
    expect(cands.map((c) => c.crs)).toEqual(['wgs84', 'gcj02', 'bd09']);
    const w = cands[0];
    expect(w.offsets.gcj02).toBeGreaterThan(400);
    expect(w.offsets.gcj02).toBeLessThan(600);
    expect(w.offsets.bd09).toBeGreaterThan(w.offsets.gcj02);
    for (const c of cands) expect(c.geometry.type).toBe('MultiPolygon');
    const refused = await t.post(`/api/imports/${rep.id}/accept`, {}, admin);
    expect(refused.status).toBe(409);
    expect(((await refused.json()) as Json).error.messageKey).toBe('import.hasErrors');

    const named = await report(
      await upload('gulou_district_gcj02.geojson', JSON.stringify(fc), { level: 'district', crs: 'gcj02' }),
    );
    expect(named.crs).toMatchObject({ name: 'gcj02', confidence: 'given' });
    expect(named.crs.undecided).toBeUndefined();
    expect(named.acceptable).toBe(true);
    expect((await t.post(`/api/imports/${named.id}/accept`, {}, admin)).status).toBe(200);
    const truth = mapRings(feature.geometry, independentGcjToWgs);
    expect(await hausdorff(d.code, truth)).toBeLessThan(0.01);
    // And the truth is ~500 m from where the file's coordinates would put it read as WGS84.
    expect(await hausdorff(d.code, feature.geometry)).toBeGreaterThan(400);
  });
});
