// Layer imports as jobs, and buildings imported again: the upload answers 202 and the import shows where its
// analysis stands (step, features done of total) until its report is there; an analysis left by a node that stopped
// is run again from the kept file; one cancelled meanwhile stays cancelled. A second buildings file replaces the
// earlier buildings of the communities it covers: matched by address or footprint they keep their id and their
// residents, unmatched ones go unless residents live in them, which are kept and reported.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { offsetBy } from '../../core/geo/index.js';
import { layerReportOf, pollLayerImport } from '../helpers/layer-imports.js';
import { startTestApp, type TestApp } from '../helpers/test-db.js';

type Json = Record<string, any>;
let t: TestApp;
let admin: string;
let adminId: number;
let community: { id: number; path: string };
let spot: { lon: number; lat: number };
let grid: number;

async function upload(filename: string, body: string, options: Json): Promise<Response> {
  const fd = new FormData();
  fd.append('file', new Blob([Buffer.from(body)]), filename);
  fd.append('options', JSON.stringify(options));
  return fetch(`${t.url}/api/layers/imports`, {
    method: 'POST',
    headers: { authorization: `Bearer ${admin}` },
    body: fd,
  });
}
const get = async (id: number, lang = 'en') =>
  (await (
    await fetch(`${t.url}/api/layers/imports/${id}`, {
      headers: { authorization: `Bearer ${admin}`, 'accept-language': lang },
    })
  ).json()) as Json;
const n = async (sql: string, params: unknown[] = []) =>
  (await t.db.query<{ n: number }>(`SELECT (${sql})::int AS n`, params)).rows[0].n;

const rect = (east: number, north: number, w: number, h: number) => {
  const c = (e: number, nn: number) => offsetBy(spot.lon, spot.lat, east + e, north + nn);
  return { type: 'Polygon', coordinates: [[c(0, 0), c(w, 0), c(w, h), c(0, h), c(0, 0)]] };
};
const fc = (features: { properties: Json; geometry: Json }[]) =>
  JSON.stringify({ type: 'FeatureCollection', features: features.map((f) => ({ type: 'Feature', ...f })) });

/** An import left by a node that stopped mid-analysis: the import analysing, its job held by that node, the file kept. */
async function abandonedAnalysis(file: string, heartbeatAgo: string, progress: Json): Promise<number> {
  return t.db.tx(async (q) => {
    const { id } = (
      await q.query<{ id: number }>(
        `INSERT INTO imports (kind, level, scope_path, created_by, report, rows)
          VALUES ('layer', 'buildings', (SELECT coalesce(g.path, '') FROM accounts a LEFT JOIN areas g ON g.id = a.area_id WHERE a.id = $1),
            $1, $2, '[]') RETURNING id`,
        [adminId, JSON.stringify({ phase: 'analysing', layer: 'buildings', source: { filename: 'left.geojson' } })],
      )
    ).rows[0];
    const user = (
      await q.query<Json>(
        `SELECT a.id, a.username, a.display_name AS "displayName", a.role, a.area_id AS "areaId",
          coalesce(g.path, '') AS "areaPath", g.name AS "areaName", g.level AS "areaLevel"
          FROM accounts a LEFT JOIN areas g ON g.id = a.area_id WHERE a.id = $1`,
        [adminId],
      )
    ).rows[0];
    await q.query(
      `INSERT INTO jobs (id, kind, state, payload, input, progress, attempts, max_attempts, holder, heartbeat_at, created_by, started_at)
        VALUES ($1, 'layer-analysis', 'running', $2::jsonb, decode($3, 'base64'), $4::jsonb, 1, 2, 'dead-node', now() - $5::interval, $6, now())`,
      [
        `layer-import-${id}`,
        JSON.stringify({
          importId: id,
          filename: 'left.geojson',
          options: { layer: 'buildings', crs: 'wgs84' },
          user,
        }),
        Buffer.from(file).toString('base64'),
        JSON.stringify(progress),
        heartbeatAgo,
        adminId,
      ],
    );
    return id;
  });
}

beforeAll(async () => {
  t = await startTestApp({ GRIDWALL_JOB_POLL_MS: '0' });
  admin = await t.login('admin');
  adminId = (await t.db.query<{ id: number }>(`SELECT id FROM accounts WHERE username = 'admin'`)).rows[0].id;
  // A place inside a grid with no building within 70 m, so that only this test's buildings (a 100 × 60 m block
  // around it) match one another; the community is that grid's.
  const free = (
    await t.db.query<{ lon: number; lat: number; community: number; grid: number }>(
      `WITH p AS (SELECT g.id AS grid, g.parent_id AS community, g.geom, (ST_Dump(ST_GeneratePoints(g.geom, 200, 7))).geom AS p
          FROM areas g WHERE g.level = 'grid')
      SELECT ST_X(p) AS lon, ST_Y(p) AS lat, community, grid FROM p
      WHERE NOT EXISTS (SELECT 1 FROM buildings b WHERE ST_DWithin(b.geom::geography, p::geography, 70))
        AND ST_Within(ST_Buffer(p::geography, 65)::geometry, p.geom)
      ORDER BY grid, ST_X(p) LIMIT 1`,
    )
  ).rows[0];
  expect(free, 'a free place in a grid').toBeDefined();
  const [lon, lat] = offsetBy(free.lon, free.lat, -50, -30);
  spot = { lon, lat };
  grid = free.grid;
  community = (await t.db.query<typeof community>(`SELECT id, path FROM areas WHERE id = $1`, [free.community]))
    .rows[0];
});
afterAll(async () => t?.close());

describe('the analysis as a job', () => {
  it('answers 202 with the import to poll, records its progress, then shows the report', async () => {
    const many = fc(
      Array.from({ length: 2500 }, (_, i) => ({
        properties: { 名称: `临时楼${i}`, 层数: '3' },
        geometry: rect((i % 50) * 2, Math.floor(i / 50) * 1.2, 1.5, 1),
      })),
    );
    const r = await upload('many.geojson', many, { layer: 'buildings', crs: 'wgs84' });
    expect(r.status).toBe(202);
    const started = (await r.json()) as Json;
    expect(r.headers.get('location')).toBe(`/api/layers/imports/${started.id}`);
    expect(started).toMatchObject({ kind: 'layer', layer: 'buildings', status: 'analysing', filename: 'many.geojson' });
    expect(started.poll).toBe(`/api/layers/imports/${started.id}`);
    const report = await pollLayerImport(t.url, admin, started.id);
    expect(report).toMatchObject({ status: 'pending', acceptable: true });
    expect(report.counts.ready).toBe(2500);
    // The job recorded each step as it went; its last record is the report being stored.
    const job = (
      await t.db.query<{ state: string; progress: Json }>(`SELECT state, progress FROM jobs WHERE id = $1`, [
        `layer-import-${started.id}`,
      ])
    ).rows[0];
    expect(job).toMatchObject({ state: 'done', progress: { step: 'store' } });
    expect((await t.post(`/api/layers/imports/${started.id}/cancel`, {}, admin)).status).toBe(200);
  });

  it('shows a stopped node’s progress, runs the analysis again from the kept file, and finishes once', async () => {
    const file = fc([{ properties: { 名称: '续跑楼', 户数: '12' }, geometry: rect(60, 20, 10, 10) }]);
    const id = await abandonedAnalysis(file, '1 hour', { step: 'check', done: 2000, total: 5000 });
    expect(await get(id)).toMatchObject({
      status: 'analysing',
      progress: { step: 'check', done: 2000, total: 5000 },
      message: null,
    });
    // Nothing to accept while it is analysed.
    const early = await t.post(`/api/layers/imports/${id}/accept`, {}, admin);
    expect(early.status).toBe(409);
    expect(((await early.json()) as Json).error.messageKey).toBe('layers.analysing');
    expect(await t.app.jobs.recover()).toBe(1);
    const requeued = await get(id);
    expect(requeued).toMatchObject({ status: 'analysing', progress: { step: 'queued' } });
    expect(requeued.message).toMatch(/queued to run again/);
    await t.app.jobs.poll();
    await t.app.jobs.idle();
    const report = await get(id);
    expect(report).toMatchObject({ status: 'pending', acceptable: true, counts: { ready: 1 } });
    expect(report.features[0]).toMatchObject({ name: '续跑楼', households: 12 });
    await t.app.jobs.recover();
    await t.app.jobs.poll();
    await t.app.jobs.idle();
    expect(await get(id)).toMatchObject({ status: 'pending', counts: { ready: 1 } });
    expect((await t.post(`/api/layers/imports/${id}/cancel`, {}, admin)).status).toBe(200);
  });

  it('fails, with the reason in the user’s language, once a stopped analysis has no attempts left', async () => {
    const file = fc([{ properties: { 名称: '失败楼' }, geometry: rect(70, 20, 10, 10) }]);
    const id = await abandonedAnalysis(file, '1 hour', { step: 'read', done: null, total: null });
    await t.db.query(`UPDATE jobs SET attempts = 2 WHERE id = $1`, [`layer-import-${id}`]);
    expect(await t.app.jobs.recover()).toBe(1);
    const zh = await get(id, 'zh-CN');
    expect(zh).toMatchObject({ status: 'failed', messageKey: 'layers.analysisFailed', progress: null });
    expect(zh.message).toMatch(/^图层分析失败/);
    expect((await get(id, 'en')).message).toMatch(/^the layer analysis failed/);
    const list = (await (await t.get('/api/layers/imports', admin)).json()) as Json[];
    expect(list.find((x) => x.id === id)).toMatchObject({ status: 'failed' });
  });

  it('stays cancelled when cancelled while analysed: the analysis stores nothing', async () => {
    const file = fc([{ properties: { 名称: '取消楼' }, geometry: rect(80, 20, 10, 10) }]);
    const id = await abandonedAnalysis(file, '1 hour', { step: 'read', done: null, total: null });
    const cancelled = await t.post(`/api/layers/imports/${id}/cancel`, {}, admin);
    expect(cancelled.status).toBe(200);
    expect(await cancelled.json()).toMatchObject({ status: 'cancelled', progress: null });
    await t.app.jobs.recover();
    await t.app.jobs.poll();
    await t.app.jobs.idle();
    expect(await get(id)).toMatchObject({ status: 'cancelled' });
    expect(await n(`SELECT jsonb_array_length(rows) FROM imports WHERE id = $1`, [id])).toBe(0);
    expect((await t.post(`/api/layers/imports/${id}/accept`, {}, admin)).status).toBe(409);
  });
});

describe('buildings imported again', () => {
  it('replace the earlier buildings of the area, keeping matched ids and every resident’s building', async () => {
    const report = async (body: string) =>
      layerReportOf(t.url, admin, await upload('b.geojson', body, { layer: 'buildings', crs: 'wgs84' }));
    const accept = async (id: number) =>
      expect((await t.post(`/api/layers/imports/${id}/accept`, {}, admin)).status).toBe(200);
    const first = await report(
      fc([
        { properties: { 名称: 'A1', 地址: '重导路1号', 户数: '20' }, geometry: rect(0, 0, 20, 20) },
        { properties: { 名称: 'A2', 地址: '重导路2号', 户数: '20' }, geometry: rect(40, 0, 20, 20) },
        { properties: { 名称: 'A3', 地址: '重导路3号', 户数: '20' }, geometry: rect(80, 0, 20, 20) },
        { properties: { 名称: 'A5', 地址: '重导路5号', 户数: '20' }, geometry: rect(0, 40, 20, 20) },
      ]),
    );
    // What the first file replaces: the community's earlier buildings that nobody lives in.
    const empty = await n(
      `SELECT count(*) FROM buildings b WHERE b.community_id = $1 AND NOT EXISTS (SELECT 1 FROM residents r WHERE r.building_id = b.id)
        AND NOT EXISTS (SELECT 1 FROM survey_responses s WHERE s.building_id = b.id)`,
      [community.id],
    );
    expect(first.counts.replaces).toBe(empty);
    await accept(first.id);
    const ids = Object.fromEntries(
      (
        await t.db.query<{ address: string; id: number }>(`SELECT address, id FROM buildings WHERE import_id = $1`, [
          first.id,
        ])
      ).rows.map((b) => [b.address, b]),
    );
    // Residents live in A1 and A5.
    for (const a of ['重导路1号', '重导路5号'])
      await t.db.query(
        `INSERT INTO residents (building_id, grid_id, household, age, sex) VALUES ($1, $2, 1, 40, 1), ($1, $2, 1, 38, 2)`,
        [ids[a].id, grid],
      );
    const residents = await n(`SELECT count(*) FROM residents`);
    const kept = await n(
      `SELECT count(*) FROM buildings b WHERE b.community_id = $1 AND EXISTS (SELECT 1 FROM residents r WHERE r.building_id = b.id)`,
      [community.id],
    );

    // The housing registry's new file: A1 by address (moved a little, new counts), A2 by footprint (a new address),
    // A3 and A5 gone from it, A4 new.
    const before = await n(`SELECT count(*) FROM buildings`);
    const second = await report(
      fc([
        { properties: { 名称: 'A1', 地址: '重导路 1号', 户数: '30' }, geometry: rect(3, 3, 20, 20) },
        { properties: { 名称: 'B2', 地址: '新地址8号', 户数: '25' }, geometry: rect(42, 1, 20, 20) },
        { properties: { 名称: 'A4', 地址: '重导路4号', 户数: '15' }, geometry: rect(40, 40, 20, 20) },
      ]),
    );
    expect(second.counts).toMatchObject({ ready: 3, updates: 2, replaces: 1, keeps: kept - 1 });
    const keys = second.problems.map((p: Json) => p.messageKey);
    expect(keys).toEqual(
      expect.arrayContaining(['layers.buildingsMatched', 'layers.buildingsKept', 'layers.replaces.buildings']),
    );
    expect(await n(`SELECT count(*) FROM buildings`)).toBe(before); // nothing written before accept
    await accept(second.id);

    const now = Object.fromEntries(
      (
        await t.db.query<{ address: string; id: number; households: number }>(
          `SELECT address, id, households FROM buildings WHERE import_id = $1`,
          [second.id],
        )
      ).rows.map((b) => [b.address, b]),
    );
    expect(now['重导路 1号']).toMatchObject({ id: ids['重导路1号'].id, households: 30 });
    expect(now['新地址8号']).toMatchObject({ id: ids['重导路2号'].id, households: 25 });
    expect(now['重导路4号'].id).not.toBe(ids['重导路3号'].id);
    expect(await n(`SELECT count(*) FROM buildings WHERE id = $1`, [ids['重导路3号'].id])).toBe(0);
    // A5 has residents and no match: kept as it was, with them.
    expect(
      await n(`SELECT count(*) FROM buildings WHERE id = $1 AND import_id = $2`, [ids['重导路5号'].id, first.id]),
    ).toBe(1);
    expect(await n(`SELECT count(*) FROM residents`)).toBe(residents);
    expect(await n(`SELECT count(*) FROM residents WHERE building_id = $1`, [ids['重导路1号'].id])).toBe(2);
    expect(await n(`SELECT count(*) FROM buildings`)).toBe(before); // +A4 −A3

    // The same file again changes nothing but the import each building came from.
    const again = await report(
      fc([
        { properties: { 名称: 'A1', 地址: '重导路 1号', 户数: '30' }, geometry: rect(3, 3, 20, 20) },
        { properties: { 名称: 'B2', 地址: '新地址8号', 户数: '25' }, geometry: rect(42, 1, 20, 20) },
        { properties: { 名称: 'A4', 地址: '重导路4号', 户数: '15' }, geometry: rect(40, 40, 20, 20) },
      ]),
    );
    expect(again.counts).toMatchObject({ updates: 3, replaces: 0 });
    await t.post(`/api/layers/imports/${again.id}/cancel`, {}, admin);
  });
});
