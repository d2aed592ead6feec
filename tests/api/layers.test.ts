// Layer imports against a real database: buildings with households given or estimated, placed in their grids
// and gridded by the re-gridder; roads from an OpenStreetMap extract feeding the walking graph; resources by
// kind; police grids in the tiles; nothing written before accept; bad files refused with a message code.
import { VectorTile } from '@mapbox/vector-tile';
import Protobuf from 'pbf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { offsetBy } from '../../core/geo/index.js';
import { tileOf } from '../../api/tiles/tile-math.js';
import { roadLines } from '../../api/siting/queries.js';
import shpwrite from '@mapbox/shp-write';
import { zipSync } from 'fflate';
import { dbf } from '../fixtures/import/build.js';
import { writeOsmPbf } from '../helpers/osm-pbf.js';
import { layerReportOf, pollLayerImport } from '../helpers/layer-imports.js';
import { startTestApp, type TestApp } from '../helpers/test-db.js';

type Json = Record<string, any>;
let t: TestApp;
let admin: string;
let community: { id: number; name: string; households: number };
let spot: { lon: number; lat: number };

async function upload(filename: string, bytes: Buffer | string, options: Json, token = admin): Promise<Response> {
  const fd = new FormData();
  fd.append('file', new Blob([typeof bytes === 'string' ? Buffer.from(bytes) : new Uint8Array(bytes)]), filename);
  fd.append('options', JSON.stringify(options));
  return fetch(`${t.url}/api/layers/imports`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
    body: fd,
  });
}
const report = (r: Response) => layerReportOf(t.url, admin, r);
const accept = async (id: number) => {
  const r = await t.post(`/api/layers/imports/${id}/accept`, {}, admin);
  expect(r.status).toBe(200);
  return (await r.json()) as Json;
};
const count = async (sql: string, params: unknown[] = []) =>
  (await t.db.query<{ n: number }>(`SELECT (${sql})::int AS n`, params)).rows[0].n;

/** A w × h metre rectangle whose south-west corner is `east`, `north` metres from the spot. */
const rect = (east: number, north: number, w: number, h: number) => {
  const c = (e: number, n: number) => offsetBy(spot.lon, spot.lat, east + e, north + n);
  return { type: 'Polygon', coordinates: [[c(0, 0), c(w, 0), c(w, h), c(0, h), c(0, 0)]] };
};
const fc = (features: { properties: Json; geometry: Json }[]) =>
  JSON.stringify({ type: 'FeatureCollection', features: features.map((f) => ({ type: 'Feature', ...f })) });

beforeAll(async () => {
  t = await startTestApp();
  admin = await t.login('admin');
  community = (
    await t.db.query<typeof community>(
      `SELECT c.id, c.name, c.households FROM areas c WHERE c.level = 'community' ORDER BY c.code LIMIT 1`,
    )
  ).rows[0];
  spot = (
    await t.db.query<{ lon: number; lat: number }>(
      `SELECT ST_X(label_point) AS lon, ST_Y(label_point) AS lat FROM areas WHERE level = 'grid' AND parent_id = $1 ORDER BY code LIMIT 1`,
      [community.id],
    )
  ).rows[0];
});
afterAll(async () => t?.close());

describe('buildings', () => {
  const layer = () =>
    fc([
      { properties: { 名称: '1号楼', 户数: '24', 地址: '示例路1号' }, geometry: rect(0, 0, 20, 40) },
      { properties: { 名称: '2号楼', 层数: '10' }, geometry: rect(30, 0, 30, 30) },
      { properties: { 名称: '3号楼' }, geometry: rect(0, 50, 20, 20) },
    ]);

  it('estimates households from floors × footprint ÷ m² per household, writes nothing before accept', async () => {
    const before = await count(`SELECT count(*) FROM buildings`);
    const rep = await report(await upload('buildings.geojson', layer(), { layer: 'buildings', crs: 'wgs84' }));
    expect(rep).toMatchObject({ kind: 'layer', layer: 'buildings', status: 'pending', acceptable: true });
    expect(rep.settings).toEqual({ m2PerHousehold: 90, defaultFloors: 6 });
    const [b1, b2, b3] = rep.features;
    expect(b1).toMatchObject({ households: 24, estimated: false, address: '示例路1号' });
    expect(b2.floors).toBe(10);
    expect(b2.households).toBeGreaterThanOrEqual(98); // 10 × 900 m² ÷ 90
    expect(b2.households).toBeLessThanOrEqual(102);
    expect(b3).toMatchObject({ floors: 6, estimated: true });
    expect(Math.abs(b3.households - 27)).toBeLessThanOrEqual(1); // 6 × 400 m² ÷ 90
    const keys = rep.problems.map((p: Json) => p.messageKey);
    expect(keys).toContain('layers.householdsEstimated');
    expect(keys).toContain('layers.floorsDefaulted');
    expect(await count(`SELECT count(*) FROM buildings`)).toBe(before);
    // Another m² per household gives another estimate; cancelled, nothing is written.
    const other = await report(
      await upload('buildings.geojson', layer(), { layer: 'buildings', crs: 'wgs84', m2PerHousehold: 45 }),
    );
    expect(Math.abs(other.features[1].households - 2 * b2.households)).toBeLessThanOrEqual(2);
    expect((await t.post(`/api/layers/imports/${other.id}/cancel`, {}, admin)).status).toBe(200);
    expect((await t.post(`/api/layers/imports/${other.id}/accept`, {}, admin)).status).toBe(409);
    expect(await count(`SELECT count(*) FROM buildings`)).toBe(before);
  });

  it('places accepted buildings in their grid and community, and the re-gridder grids by them', async () => {
    const rep = await report(await upload('buildings.geojson', layer(), { layer: 'buildings', crs: 'wgs84' }));
    const added = rep.features.reduce((s: number, f: Json) => s + f.households, 0);
    await accept(rep.id);
    const rows = (
      await t.db.query<{ id: number; households: number; grid: number; community: number; hasFootprint: boolean }>(
        `SELECT b.id, b.households, b.grid_id AS grid, b.community_id AS community, b.footprint IS NOT NULL AS "hasFootprint"
          FROM buildings b WHERE b.import_id = $1 ORDER BY b.id`,
        [rep.id],
      )
    ).rows;
    expect(rows).toHaveLength(3);
    for (const r of rows) {
      expect(r.hasFootprint).toBe(true);
      expect(r.community).toBe(community.id);
      const holder = await count(
        `SELECT g.id FROM areas g, buildings b WHERE b.id = $1 AND g.level = 'grid' AND ST_Intersects(g.geom, b.geom) ORDER BY g.id LIMIT 1`,
        [r.id],
      );
      expect(r.grid).toBe(holder);
    }
    expect(await count(`SELECT households FROM areas WHERE id = $1`, [community.id])).toBe(
      community.households + added,
    );
    const r = await t.post('/api/regrid', { communityId: community.id }, await t.login('planner'));
    expect(r.status).toBe(201);
    const proposal = (await r.json()) as Json;
    const ids = new Set(proposal.proposal.buildings.map((b: Json) => b.id));
    for (const row of rows) expect(ids.has(row.id)).toBe(true);
    const total = proposal.features.reduce((s: number, f: Json) => s + f.households, 0);
    expect(total).toBe(community.households + added);
  });

  it('finds a building with no grid yet by its community when the community is re-gridded', async () => {
    const { id } = (
      await t.db.query<{ id: number }>(
        `INSERT INTO buildings (address, households, population, floors, geom, community_id)
          VALUES ('无网格楼', 40, 0, 6, ST_SetSRID(ST_MakePoint($1, $2), 4326), $3) RETURNING id`,
        [spot.lon, spot.lat, community.id],
      )
    ).rows[0];
    const r = await t.post('/api/regrid', { communityId: community.id }, await t.login('planner'));
    expect(r.status).toBe(201);
    const proposal = (await r.json()) as Json;
    expect(proposal.proposal.buildings.some((b: Json) => b.id === id)).toBe(true);
    await t.db.query(`DELETE FROM buildings WHERE id = $1`, [id]);
  });
});

describe('resources', () => {
  it('maps 类型 onto resource kinds, reports unknown kinds, and places resources in their grids', async () => {
    const pt = (e: number, n: number) => ({ type: 'Point', coordinates: offsetBy(spot.lon, spot.lat, e, n) });
    const layer = fc([
      { properties: { 名称: '幸福食堂', 类型: '老年食堂' }, geometry: pt(5, 5) },
      { properties: { 名称: '社区卫生服务站', 类型: '卫生服务站' }, geometry: pt(10, 5) },
      { properties: { 名称: '街心公园', 类型: '公园' }, geometry: pt(15, 5) },
      { properties: { 名称: '某公司', 类型: '写字楼' }, geometry: pt(20, 5) },
    ]);
    const rep = await report(await upload('poi.geojson', layer, { layer: 'resources', crs: 'wgs84' }));
    expect(rep.byClass).toEqual({ elder_canteen: 1, clinic: 1, sports: 1 });
    expect(rep.unknownKinds).toEqual({ 写字楼: 1 });
    expect(rep.problems.some((p: Json) => p.messageKey === 'layers.unknownKind')).toBe(true);
    await accept(rep.id);
    const rows = (
      await t.db.query<{ kind: string; grid: number | null }>(
        `SELECT kind, grid_id AS grid FROM resources WHERE import_id = $1 ORDER BY name`,
        [rep.id],
      )
    ).rows;
    expect(rows.map((r) => r.kind).sort()).toEqual(['clinic', 'elder_canteen', 'sports']);
    for (const r of rows) expect(r.grid).not.toBeNull();
  });
});

describe('roads and water from an OpenStreetMap extract', () => {
  const osm = () => {
    const nodes = [
      [0, 0],
      [300, 0],
      [600, 0],
      [300, 200],
      [300, -200],
      [100, 100],
      [160, 100],
      [160, 160],
      [100, 160],
    ].map(([e, n], i) => {
      const [lon, lat] = offsetBy(spot.lon, spot.lat, e, n);
      return { id: i + 1, lon, lat };
    });
    nodes.push({ id: 20, ...offsetBy2(50, 50), tags: { amenity: 'clinic', name: '诊所' } } as never);
    return writeOsmPbf({
      nodes,
      ways: [
        { id: 100, nodes: [1, 2, 3], tags: { highway: 'primary', name: '测试大道' } },
        { id: 101, nodes: [4, 2, 5], tags: { highway: 'footway', name: '林荫步道' } },
        { id: 102, nodes: [6, 7, 8, 9, 6], tags: { natural: 'water', name: '小湖' } },
        { id: 103, nodes: [1, 4], tags: { highway: 'residential' } },
      ],
    });
  };
  const offsetBy2 = (e: number, n: number) => {
    const [lon, lat] = offsetBy(spot.lon, spot.lat, e, n);
    return { lon, lat };
  };

  it('imports named, classed roads that replace those inside the area and feed the walking graph', async () => {
    const roadsBefore = await count(`SELECT count(*) FROM roads`);
    const rep = await report(await upload('district.osm.pbf', osm(), { layer: 'roads' }));
    expect(rep.source.format).toBe('osm');
    expect(rep.crs.name).toBe('wgs84');
    expect(rep.byClass).toEqual({ arterial: 1, path: 1, local: 1 });
    expect(rep.counts.otherLayers).toBe(2); // the lake and the clinic
    expect(rep.counts.replaces).toBeGreaterThan(0);
    expect(await count(`SELECT count(*) FROM roads`)).toBe(roadsBefore);
    await accept(rep.id);
    const rows = (
      await t.db.query<{ name: string; cls: string }>(
        `SELECT name, road_class AS cls FROM roads WHERE import_id = $1 ORDER BY id`,
        [rep.id],
      )
    ).rows;
    expect(rows).toEqual([
      { name: '测试大道', cls: 'arterial' },
      { name: '林荫步道', cls: 'path' },
      { name: '', cls: 'local' },
    ]);
    // Only roads reaching outside the district are left of the old ones.
    expect(await count(`SELECT count(*) FROM roads`)).toBeLessThan(roadsBefore);
    const lines = (await roadLines(t.db)).map((g) => JSON.parse(g) as { coordinates: number[][] });
    const path = lines.find((l) => Math.abs(l.coordinates[0][1] - offsetBy2(300, 200).lat) < 1e-6);
    expect(path?.coordinates).toHaveLength(3);
    // A second import replaces the first one's roads rather than adding to them.
    await accept((await report(await upload('district.osm.pbf', osm(), { layer: 'roads' }))).id);
    expect(await count(`SELECT count(*) FROM roads WHERE import_id IS NOT NULL`)).toBe(3);
  });

  it('imports the water polygons of the same extract', async () => {
    const rep = await report(await upload('district.osm.pbf', osm(), { layer: 'water' }));
    expect(rep.counts.ready).toBe(1);
    await accept(rep.id);
    expect(await count(`SELECT count(*) FROM water WHERE import_id = $1 AND name = '小湖'`, [rep.id])).toBe(1);
  });
});

describe('roads from a zipped Shapefile', () => {
  it('reads lines with a GBK table, maps 道路等级 and keeps the names', async () => {
    const line = (n: number) => [0, 100, 200].map((e) => offsetBy(spot.lon, spot.lat, e, 40 * n));
    let files: { shp: DataView; shx: DataView } | null = null;
    shpwrite.write([{}, {}] as never, 'POLYLINE', [[line(1)], [line(2)]] as never, (_e: unknown, f: typeof files) => {
      files = f;
    });
    const rows = [
      { 名称: '愚园路', 道路等级: '次干路' },
      { 名称: '弄堂', 道路等级: '支路' },
    ];
    const zip = Buffer.from(
      zipSync({
        'roads.shp': new Uint8Array(files!.shp.buffer),
        'roads.shx': new Uint8Array(files!.shx.buffer),
        'roads.dbf': new Uint8Array(dbf(rows, 'gbk')),
      }),
    );
    const rep = await report(await upload('roads.zip', zip, { layer: 'roads', crs: 'wgs84' }));
    expect(rep.source).toMatchObject({ format: 'shapefile', encoding: 'gbk' });
    expect(rep.features.map((f: Json) => [f.name, f.roadClass])).toEqual([
      ['愚园路', 'secondary'],
      ['弄堂', 'local'],
    ]);
    expect((await t.post(`/api/layers/imports/${rep.id}/cancel`, {}, admin)).status).toBe(200);
  });
});

describe('police grids', () => {
  it('are an overlay layer of the area tiles', async () => {
    const layer = fc([
      { properties: { 警格名称: '静安寺警格', 警格编码: 'JG001' }, geometry: rect(-200, -200, 400, 400) },
    ]);
    const rep = await report(await upload('police.geojson', layer, { layer: 'police_grids', crs: 'wgs84' }));
    expect(rep.features[0]).toMatchObject({ name: '静安寺警格', code: 'JG001' });
    await accept(rep.id);
    const { z, x, y } = tileOf(spot.lon, spot.lat, 13);
    const r = await t.get(`/tiles/areas/${z}/${x}/${y}.pbf`, await t.login('operator'));
    expect(r.status).toBe(200);
    const tile = new VectorTile(new Protobuf(Buffer.from(await r.arrayBuffer())));
    const police = tile.layers.police;
    expect(police?.length).toBe(1);
    expect(police.feature(0).properties).toMatchObject({ name: '静安寺警格', code: 'JG001' });
  });
});

describe('refusals', () => {
  it('fails the analysis of a broken extract with a message code, and refuses bad options and non-admins, writing nothing', async () => {
    const roads = await count(`SELECT count(*) FROM roads`);
    const bad = await upload('broken.osm.pbf', Buffer.from('not a pbf at all'), { layer: 'roads' });
    expect(bad.status).toBe(202);
    const { id } = (await bad.json()) as Json;
    const failed = await pollLayerImport(t.url, admin, id, 'en');
    expect(failed).toMatchObject({ status: 'failed', messageKey: 'layers.osm.unreadable', progress: null });
    expect(failed.message).toMatch(/cannot be read/);
    expect((await t.post(`/api/layers/imports/${id}/accept`, {}, admin)).status).toBe(409);
    expect(await count(`SELECT count(*) FROM roads`)).toBe(roads);
    const before = await count(`SELECT count(*) FROM imports`);
    const opt = await upload('x.geojson', fc([]), { layer: 'trees' });
    expect(opt.status).toBe(400);
    expect(((await opt.json()) as Json).error.messageKey).toBe('import.invalidOptions');
    const forbidden = await upload('x.geojson', fc([]), { layer: 'roads' }, await t.login('planner'));
    expect(forbidden.status).toBe(403);
    expect(await count(`SELECT count(*) FROM imports`)).toBe(before);
  });

  it('lists the layer imports of the area and shows one with its report', async () => {
    const list = (await (await t.get('/api/layers/imports', admin)).json()) as Json[];
    expect(list.length).toBeGreaterThan(5);
    expect(list[0]).toMatchObject({ layer: expect.any(String), status: expect.any(String) });
    const one = await t.get(`/api/layers/imports/${list[0].id}`, admin);
    expect(one.status).toBe(200);
    expect(((await one.json()) as Json).id).toBe(list[0].id);
    // A boundary import's routes do not take a layer import.
    expect((await t.post(`/api/imports/${list[0].id}/accept`, {}, admin)).status).toBe(404);
  });
});
