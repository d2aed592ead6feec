// Refusals and notices of the planning and data domains reach a client as a code with parameters and the text in
// the language it asked for (Accept-Language; Chinese by default): imports and their reports, evaluation, needs,
// population, siting, resources, areas and tiles.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/test-db.js';

type Json = Record<string, any>;
let t: TestApp;
let tokens: Record<string, string>;

beforeAll(async () => {
  t = await startTestApp();
  tokens = {};
  for (const u of ['admin', 'planner']) tokens[u] = await t.login(u);
});
afterAll(async () => {
  await t.close();
});

const EN = { 'accept-language': 'en-GB,en;q=0.9' };
const send = (path: string, init: RequestInit & { token?: string; lang?: Record<string, string> } = {}) =>
  fetch(t.url + path, {
    ...init,
    headers: {
      authorization: `Bearer ${init.token ?? tokens.admin}`,
      ...(init.lang ?? {}),
      ...(init.headers as Record<string, string>),
    },
  });

/** The same request in Chinese (no Accept-Language) and in English: same status, code and parameters. */
async function bothLanguages(path: string, init: RequestInit & { token?: string } = {}, body?: () => BodyInit) {
  const zh = await send(path, { ...init, ...(body ? { body: body() } : {}) });
  const en = await send(path, { ...init, ...(body ? { body: body() } : {}), lang: EN });
  expect(en.status, path).toBe(zh.status);
  expect(zh.headers.get('vary') ?? '').toMatch(/Accept-Language/i);
  return { status: zh.status, zh: (await zh.json()) as Json, en: (await en.json()) as Json };
}

function sameCode(r: { zh: Json; en: Json }, key: string) {
  expect(r.zh.error.messageKey).toBe(key);
  expect(r.en.error.messageKey).toBe(key);
  expect(r.en.error.params).toEqual(r.zh.error.params);
}

const form = (filename: string, text: string, fields: Record<string, string>) => () => {
  const fd = new FormData();
  fd.append('file', new Blob([Buffer.from(text)]), filename);
  for (const [k, v] of Object.entries(fields)) fd.append(k, v);
  return fd;
};

describe('refusals in both languages', () => {
  it('areas: an area outside the scope', async () => {
    const r = await bothLanguages('/api/areas/999999');
    expect(r.status).toBe(404);
    sameCode(r, 'areas.notFoundInScope');
    expect(r.zh.error.message).toBe('区域 999999 不存在或不在您的管辖范围内');
    expect(r.en.error.message).toBe('area 999999 not found in your scope');
  });

  it('tiles: a tile that does not exist', async () => {
    const r = await bothLanguages('/tiles/areas/3/9/1.pbf');
    expect(r.status).toBe(400);
    sameCode(r, 'tiles.outOfRange');
    expect(r.zh.error.message).toBe('瓦片 3/9/1 超出范围');
    expect(r.en.error.message).toBe('tile 3/9/1 does not exist');
  });

  it('evaluation: a period that does not exist, and an inconsistent AHP matrix', async () => {
    const community = (
      await t.db.query<{ id: number }>(`SELECT id FROM areas WHERE level = 'community' ORDER BY code LIMIT 1`)
    ).rows[0];
    const period = await bothLanguages(`/api/evaluation/areas/${community.id}?period=1999Q1`);
    expect(period.status).toBe(404);
    sameCode(period, 'evaluation.periodNotFound');
    expect(period.zh.error.message).toBe('考评期 1999Q1 不存在');
    expect(period.en.error.message).toBe('no period 1999Q1');
    const ahp = await bothLanguages(
      '/api/evaluation/ahp',
      { method: 'POST', headers: { 'content-type': 'application/json' } },
      () =>
        JSON.stringify({
          matrix: [
            [1, 12],
            [1 / 12, 1],
          ],
        }),
    );
    expect(ahp.status).toBe(400);
    sameCode(ahp, 'evaluation.ahp.outsideScale');
    expect(ahp.en.error.message).toBe("a[1][2] = 12 is outside Saaty's 1/9–9 scale");
    expect(ahp.zh.error.message).toBe('a[1][2] = 12 超出 1/9–9 标度');
  });

  it('needs: an import job that does not exist, and a file that is not a workbook', async () => {
    const job = await bothLanguages('/api/needs/import/0123456789abcdef01234567', { token: tokens.planner });
    expect(job.status).toBe(404);
    sameCode(job, 'needs.jobNotFound');
    expect(job.en.error.message).toBe('import job 0123456789abcdef01234567 not found');
    const xls = await bothLanguages(
      '/api/needs/import',
      { method: 'POST', token: tokens.planner },
      form('old.xls', 'a,b\n1,2\n', {}),
    );
    expect(xls.status).toBe(400);
    sameCode(xls, 'needs.oldXls');
    expect(xls.zh.error.message).toBe('不支持旧版 .xls，请另存为 .xlsx 或 CSV');
    expect(xls.en.error.message).toBe('old .xls is not supported: save as .xlsx or CSV');
  });

  it('population: an import mode that does not exist', async () => {
    const r = await bothLanguages(
      '/api/population/import',
      { method: 'POST' },
      form('p.csv', 'building_id\n1\n', { mode: 'overwrite' }),
    );
    expect(r.status).toBe(400);
    sameCode(r, 'population.modeInvalid');
    expect(r.zh.error.message).toBe('导入方式「overwrite」应为 replace 或 append');
    expect(r.en.error.message).toBe('mode "overwrite" must be replace or append');
  });

  it('siting and resources: a scenario and a resource outside the scope', async () => {
    const s = await bothLanguages('/api/siting/scenarios/999999', { token: tokens.planner });
    expect(s.status).toBe(404);
    sameCode(s, 'siting.scenarioNotFound');
    expect(s.en.error.message).toBe('scenario 999999 not found in your scope');
    const res = await bothLanguages('/api/resources/999999', { method: 'DELETE' });
    expect(res.status).toBe(404);
    sameCode(res, 'resources.notFoundInScope');
    expect(res.zh.error.message).toBe('资源 999999 不存在或不在您的管辖范围内');
  });

  it('imports: an import outside the scope, and a file of a kind no reader takes', async () => {
    const missing = await bothLanguages('/api/imports/999999');
    sameCode(missing, 'import.notFoundInScope');
    const pdf = await bothLanguages(
      '/api/imports',
      { method: 'POST' },
      form('layer.pdf', '%PDF', { options: JSON.stringify({ level: 'grid' }) }),
    );
    expect(pdf.status).toBe(400);
    sameCode(pdf, 'import.read.unsupportedFile');
    expect(pdf.zh.error.message).toBe('不支持的文件类型 .pdf：请用 GeoJSON、zip 打包的 Shapefile、CSV 或 XLSX');
    expect(pdf.en.error.message).toBe('unsupported file .pdf: use GeoJSON, a zipped Shapefile, CSV or XLSX');
  });
});

describe('an import report', () => {
  const unnamedLayer = async () => {
    const { lon, lat } = (
      await t.db.query<{ lon: number; lat: number }>(
        `SELECT ST_X(label_point) AS lon, ST_Y(label_point) AS lat FROM areas WHERE level = 'community' ORDER BY code LIMIT 1`,
      )
    ).rows[0];
    const layer = JSON.stringify({
      type: 'FeatureCollection',
      features: [{ type: 'Feature', properties: { name: '' }, geometry: { type: 'Point', coordinates: [lon, lat] } }],
    });
    const made = await send('/api/imports', {
      method: 'POST',
      body: form('unnamed.geojson', layer, { options: JSON.stringify({ level: 'grid', crs: 'wgs84' }) })(),
    });
    expect(made.status).toBe(201);
    return (await made.json()) as Json;
  };
  const unnamed = (r: Json) => r.problems.find((p: Json) => p.kind === 'missing_name');

  it('lists its problems with their codes, in the language of whoever reads it later', async () => {
    const zh = await unnamedLayer();
    expect(unnamed(zh)).toMatchObject({
      messageKey: 'import.featureWithoutName',
      params: { n: 1 },
      message: '第 1 个要素没有名称',
    });
    expect(zh.crs).toMatchObject({ messageKey: 'import.crs.named', reason: '按指定坐标系 WGS84' });
    const en = (await (await send(`/api/imports/${zh.id}`, { lang: EN })).json()) as Json;
    expect(unnamed(en)).toMatchObject({
      messageKey: 'import.featureWithoutName',
      params: { n: 1 },
      message: 'feature 1 has no name',
    });
    expect(en.crs.reason).toBe('as named: WGS84');
  });

  it('shows a report stored before messages had codes as it was written', async () => {
    const made = await unnamedLayer();
    const at = made.problems.indexOf(unnamed(made));
    await t.db.query(
      `UPDATE imports SET report = jsonb_set(report, $2::text[], to_jsonb('旧报告 / an older report'::text)) WHERE id = $1`,
      [made.id, ['problems', String(at), 'message']],
    );
    const old = (await (await send(`/api/imports/${made.id}`, { lang: EN })).json()) as Json;
    expect(old.problems[at].message).toBe('旧报告 / an older report');
    expect(old.problems[at].messageKey).toBeUndefined();
  });
});
