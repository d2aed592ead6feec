// Needs surveys against a real database: demo responses, rates equal to brute force with Wilson intervals,
// suppression, scope, heat cells, triage through the order service, the monthly report, and imports
// (bad rows with line numbers, GBK CSV, XLSX, wrong headers, all-or-nothing).
import ExcelJS from 'exceljs';
import { latLngToCell } from 'h3-js';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIN_RESPONDENTS, NEED_ITEMS, needBit } from '../../contract/needs.js';
import { wilson, weightedWilson } from '../../api/needs/wilson.js';
import { retryStale, startTestApp, type TestApp } from '../helpers/test-db.js';

let t: TestApp;
let tokens: Record<string, string>;
type Json = Record<string, any>;
const json = async (r: Response) => (await r.json()) as Json;
const get = (path: string, token?: string) => t.get(path, token);
const count = async (sql: string, params: unknown[] = []) => (await t.db.query<{ n: number }>(sql, params)).rows[0].n;
let community1Path: string;
let grid: { code: string; address: string }; // a grid (with a building) in community1's community

async function upload(body: Buffer | string, name: string, token = tokens.planner) {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(typeof body === 'string' ? Buffer.from(body, 'utf8') : body)]), name);
  const send = () =>
    fetch(`${t.url}/api/needs/import`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
  // a socket closed while idle fails before the server reads the request (see get below): sent again
  return retryStale(send);
}
/** Uploads and polls the job until it has finished. */
async function importFile(body: Buffer | string, name: string, token = tokens.planner): Promise<Json> {
  const r = await upload(body, name, token);
  expect(r.status, await r.clone().text()).toBe(202);
  let job = await json(r);
  for (let i = 0; i < 200 && job.status === 'running'; i++) {
    await new Promise((res) => setTimeout(res, 50));
    job = await json(await get(`/api/needs/import/${job.id}`, token));
  }
  return job;
}
const header = 'month,grid_code,building_address,group,channel,weight,needs';

beforeAll(async () => {
  t = await startTestApp();
  tokens = {};
  for (const u of ['admin', 'operator', 'planner', 'community1', 'worker1']) tokens[u] = await t.login(u);
  community1Path = (
    await t.db.query<{ path: string }>(
      `SELECT g.path FROM accounts a JOIN areas g ON g.id = a.area_id WHERE a.username = 'community1'`,
    )
  ).rows[0].path;
  grid = (
    await t.db.query<{ code: string; address: string }>(
      `SELECT a.code, b.address FROM areas a JOIN buildings b ON b.grid_id = a.id WHERE a.level = 'grid' AND a.path LIKE $1 || '%' ORDER BY a.code, b.id LIMIT 1`,
      [community1Path],
    )
  ).rows[0];
});
afterAll(async () => t?.close());

/** Brute force over raw responses under a path: per item, weighted share. */
async function bruteRates(path: string, where = 'true', params: unknown[] = []) {
  const rows = (
    await t.db.query<{ needs: number; weight: number }>(
      `SELECT needs, weight FROM survey_responses WHERE path LIKE $1 || '%' AND ${where}`,
      [path, ...params],
    )
  ).rows;
  const sw = rows.reduce((a, r) => a + r.weight, 0);
  const sw2 = rows.reduce((a, r) => a + r.weight * r.weight, 0);
  return {
    n: rows.length,
    sw,
    sw2,
    named: NEED_ITEMS.map((_, i) => rows.filter((r) => r.needs & (1 << i)).reduce((a, r) => a + r.weight, 0)),
  };
}

/** A respondent count as published (api/population/disclosure.ts): a multiple of 10 within 10 of the true count. */
const expectNear = (published: number, n: number) => {
  expect(published % 10).toBe(0);
  expect(Math.abs(published - n)).toBeLessThan(10);
};

describe('demo responses', () => {
  it('cover about half the households, in six months, in every group', async () => {
    const n = await count(`SELECT count(*)::int AS n FROM survey_responses`);
    const households = await count(`SELECT sum(households)::int AS n FROM buildings`);
    expect(n / households).toBeGreaterThan(0.35);
    expect(n / households).toBeLessThan(0.65);
    expect(await count(`SELECT count(DISTINCT month)::int AS n FROM survey_responses`)).toBe(6);
    expect(await count(`SELECT count(DISTINCT respondent_group)::int AS n FROM survey_responses`)).toBe(6);
  });
});

describe('need rates', () => {
  it('equal brute-force shares with their Wilson intervals, ranked, ties where intervals overlap', async () => {
    const body = await json(await get(`/api/needs/rates`, tokens.planner));
    const b = await bruteRates('/');
    expectNear(body.respondents, b.n);
    expect(body.needs).toHaveLength(NEED_ITEMS.length);
    for (const r of body.needs) {
      const i = needBit(r.code);
      const w = wilson(b.named[i], b.n);
      // published to whole percentage points
      expect(r.rate).toBeCloseTo(b.named[i] / b.n, 2);
      expect(r.low).toBeCloseTo(w.low, 2);
      expect(r.high).toBeCloseTo(w.high, 2);
    }
    for (let k = 0; k + 1 < body.needs.length; k++) {
      expect(body.needs[k].rate).toBeGreaterThanOrEqual(body.needs[k + 1].rate);
      // ties are decided on the exact intervals; rounding keeps their order
      if (body.needs[k].tiedWithNext) expect(body.needs[k].low).toBeLessThanOrEqual(body.needs[k + 1].high);
      else expect(body.needs[k].low).toBeGreaterThanOrEqual(body.needs[k + 1].high);
    }
  });

  it('per group: elders name medical care and canteens most, young adults parcels, children interest classes', async () => {
    const body = await json(await get(`/api/needs/breakdown?by=group`, tokens.planner));
    const rate = (g: string, code: string) =>
      body.rows.find((r: Json) => r.key === g).needs.find((n: Json) => n.code === code)?.rate ?? 0;
    const groups = body.rows.map((r: Json) => r.key as string);
    const highestIn = (code: string) =>
      groups.reduce((a: string, b: string) => (rate(a, code) >= rate(b, code) ? a : b));
    expect(highestIn('elder_canteen')).toBe('elder');
    expect(highestIn('parcel')).toBe('young_adult');
    expect(highestIn('interest_class')).toBe('child_teen');
    expect(
      body.rows
        .find((r: Json) => r.key === 'elder')
        .needs.slice(0, 3)
        .map((n: Json) => n.code),
    ).toContain('medical');
    for (const r of body.rows) expect(r.needs.length).toBeLessThanOrEqual(10);
  });

  it('month-on-month change is the difference of the two months’ rates', async () => {
    const months = (
      await t.db.query<{ m: string }>(`SELECT DISTINCT to_char(month, 'YYYY-MM') AS m FROM survey_responses ORDER BY 1`)
    ).rows.map((r) => r.m);
    const [prev, cur] = months.slice(-2);
    const body = await json(await get(`/api/needs/rates?month=${cur}`, tokens.planner));
    expect(body.previousMonth).toBe(prev);
    const a = await bruteRates('/', `to_char(month, 'YYYY-MM') = $2`, [cur]);
    const p = await bruteRates('/', `to_char(month, 'YYYY-MM') = $2`, [prev]);
    for (const r of body.needs) {
      const i = needBit(r.code);
      expect(r.change).toBeCloseTo(a.named[i] / a.sw - p.named[i] / p.sw, 2);
    }
  });

  it('first need per street, for the choropleth (streets differ)', async () => {
    const body = await json(await get(`/api/needs/breakdown?by=street`, tokens.planner));
    expect(body.rows.length).toBeGreaterThanOrEqual(2);
    for (const r of body.rows) {
      expect(r.first).toBe(r.needs[0].code);
      expect(typeof r.name).toBe('string');
    }
    const one = await json(await get(`/api/needs/breakdown?by=street&need=elder_canteen`, tokens.planner));
    for (const r of one.rows) expect(r.needs.map((n: Json) => n.code)).toEqual(['elder_canteen']);
  });

  it('never sends a rate for fewer than 10 respondents (real data: groups per grid per month)', async () => {
    const g = (
      await t.db.query<{ id: number }>(
        `SELECT grid_id AS id FROM survey_responses GROUP BY 1 ORDER BY count(*) LIMIT 1`,
      )
    ).rows[0].id;
    const month = (await t.db.query<{ m: string }>(`SELECT to_char(max(month), 'YYYY-MM') AS m FROM survey_responses`))
      .rows[0].m;
    const body = await json(await get(`/api/needs/breakdown?by=group&area=${g}&month=${month}`, tokens.planner));
    const small = body.rows.filter((r: Json) => r.respondents < MIN_RESPONDENTS);
    expect(small.length).toBeGreaterThan(0);
    for (const r of body.rows) {
      if (r.respondents < MIN_RESPONDENTS) {
        expect(r.suppressed).toBe(true);
        expect(r.needs).toEqual([]);
        expect(r.first).toBeNull();
      } else expect(r.needs.length).toBeGreaterThan(0);
    }
    const grids = await json(await get(`/api/needs/breakdown?by=grid&month=${month}`, tokens.planner));
    for (const r of grids.rows) if (r.respondents < MIN_RESPONDENTS) expect(r.needs).toEqual([]);
  });

  it('is scoped: a community account counts only its own residents and cannot name another area', async () => {
    const body = await json(await get(`/api/needs/rates`, tokens.community1));
    expectNear(body.respondents, (await bruteRates(community1Path)).n);
    const other = (
      await t.db.query<{ id: number }>(
        `SELECT id FROM areas WHERE level = 'community' AND path NOT LIKE $1 || '%' LIMIT 1`,
        [community1Path],
      )
    ).rows[0].id;
    expect((await get(`/api/needs/rates?area=${other}`, tokens.community1)).status).toBe(404);
    const streets = await json(await get(`/api/needs/breakdown?by=street`, tokens.community1));
    expect(streets.rows).toHaveLength(1);
    expect(streets.rows[0].respondents).toBe(body.respondents);
    expect((await get(`/api/needs/rates`, tokens.worker1)).status).toBe(403);
  });

  it('trend: one rate a month for the top needs', async () => {
    const body = await json(await get(`/api/needs/trend`, tokens.planner));
    expect(body.months).toHaveLength(6);
    expect(body.series).toHaveLength(5);
    for (const s of body.series) expect(s.rates).toHaveLength(6);
  });
});

describe('need heat cells', () => {
  it('count respondents naming the need per H3 cell of their building, as brute force; none under 10', async () => {
    const body = await json(await get(`/api/needs/heat?need=elder_canteen&res=8`, tokens.planner));
    const rows = (
      await t.db.query<{ lon: number; lat: number; needs: number }>(
        `SELECT ST_X(b.geom) AS lon, ST_Y(b.geom) AS lat, s.needs FROM survey_responses s JOIN buildings b ON b.id = s.building_id`,
      )
    ).rows;
    const truth = new Map<string, number>();
    const bit = 1 << needBit('elder_canteen');
    for (const r of rows)
      if (r.needs & bit) {
        const c = latLngToCell(r.lat, r.lon, 8);
        truth.set(c, (truth.get(c) ?? 0) + 1);
      }
    const sent = new Map<string, number>(body.cells.map((c: Json) => [c.h3, c.value]));
    const big = [...truth].filter(([, n]) => n >= 10);
    expect([...sent.keys()].sort()).toEqual(big.map(([k]) => k).sort());
    for (const [k, n] of big) expectNear(sent.get(k)!, n);
    expect(body.suppressed).toBe([...truth.values()].filter((n) => n < 10).length);
  });
});

describe('imports', () => {
  it('reports bad rows with their line numbers and reasons, and imports the good ones (UTF-8 with BOM)', async () => {
    const before = await count(`SELECT count(*)::int AS n FROM survey_responses`);
    const csv =
      '\uFEFF' +
      [
        header,
        `2026-01,${grid.code},${grid.address},elder,paper,,medical;elder_canteen`,
        `2026-01,${grid.code},,青年,电子,2,快递收发、职业技能培训`,
        `2026-13,${grid.code},,elder,paper,,medical`,
        `2026-01,999999999999999,,elder,paper,,medical`,
        `2026-01,${grid.code},,martians,paper,,medical`,
        `2026-01,${grid.code},"no such, building",elder,paper,,medical`,
        `2026-01,${grid.code},,elder,fax,,medical`,
        `2026-01,${grid.code},,elder,paper,-1,medical`,
        `2026-01,${grid.code},,elder,paper,,"medical;moon landing"`,
      ].join('\r\n');
    const job = await importFile(csv, '问卷.csv');
    expect(job.status).toBe('done');
    expect(job.fileName).toBe('问卷.csv');
    expect(job.encoding).toBe('utf-8-bom');
    expect(job.inserted).toBe(2);
    expect(job.errorCount).toBe(7);
    expect(job.errors.map((e: Json) => [e.line, e.column])).toEqual([
      [4, 'month'],
      [5, 'grid_code'],
      [6, 'group'],
      [7, 'building_address'],
      [8, 'channel'],
      [9, 'weight'],
      [10, 'needs'],
    ]);
    expect(job.errors[6]).toMatchObject({
      reason: '需求项「moon landing」未知',
      messageKey: 'needs.itemUnknown',
      params: { value: 'moon landing' },
    });
    expect(job.message).toBe('导入 2 行，7 行有误未导入');
    expect(job.messageKey).toBe('needs.importDone');
    expect(await count(`SELECT count(*)::int AS n FROM survey_responses`)).toBe(before + 2);
    const rows = (
      await t.db.query<{ needs: number; weight: number; building_id: number | null; respondent_group: string }>(
        `SELECT needs, weight, building_id, respondent_group FROM survey_responses WHERE import_id = $1 ORDER BY id`,
        [job.id],
      )
    ).rows;
    expect(rows[0].needs).toBe((1 << needBit('medical')) | (1 << needBit('elder_canteen')));
    expect(rows[0].building_id).not.toBeNull();
    expect(rows[1]).toMatchObject({ respondent_group: 'young_adult', weight: 2, building_id: null });
  });

  it('reads GBK CSV (Chinese headers and values) and XLSX', async () => {
    const gbk = iconv.encode(
      [
        '月份,网格编码,楼栋地址,人群,渠道,权重,需求',
        `2026-02,${grid.code},,老年人,纸质,,老年助餐（长者食堂）、医生上门服务`,
        `2026-02,${grid.code},,残疾人,电子,,医生上门服务`,
      ].join('\n'),
      'gbk',
    );
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(gbk)).toThrow();
    const job = await importFile(gbk, 'gbk.csv');
    expect(job).toMatchObject({ status: 'done', encoding: 'gbk', inserted: 2, errorCount: 0 });
    const g = (
      await t.db.query<{ respondent_group: string; needs: number }>(
        `SELECT respondent_group, needs FROM survey_responses WHERE import_id = $1 ORDER BY id`,
        [job.id],
      )
    ).rows;
    expect(g[0]).toEqual({
      respondent_group: 'elder',
      needs: (1 << needBit('elder_canteen')) | (1 << needBit('home_doctor')),
    });
    expect(g[1].respondent_group).toBe('disabled');

    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('s');
    ws.addRow(header.split(','));
    ws.addRow(['2026-03', grid.code, '', 'adult', 'electronic', 1, 'property']);
    ws.addRow(['2026-03', grid.code, '', 'adult', 'electronic', 1, 'nope']);
    ws.addRow([new Date(Date.UTC(2026, 2, 1)), grid.code, '', 'elder', 'paper', 3, 'medical']);
    const x = await importFile(Buffer.from(await wb.xlsx.writeBuffer()), 'r.xlsx');
    expect(x).toMatchObject({ status: 'done', format: 'xlsx', inserted: 2, errorCount: 1 });
    expect(x.errors[0]).toMatchObject({ line: 3, column: 'needs' });
  });

  it('refuses a wrong or missing header with a 400 naming the columns, and writes nothing', async () => {
    const jobs = await count(`SELECT count(*)::int AS n FROM survey_imports`);
    const r = await upload(`month,grid,group,needs\n2026-01,${grid.code},elder,medical\n`, 'bad.csv');
    expect(r.status).toBe(400);
    const refused = (await json(r)).error;
    expect(refused.messageKey).toBe('needs.headerMismatch');
    expect(refused.params).toMatchObject({
      missing: expect.stringMatching(/grid_code.*channel|channel.*grid_code/),
      unknown: 'grid',
    });
    expect(refused.message).toMatch(/^表头不符合模板：缺少列 /);
    expect(await count(`SELECT count(*)::int AS n FROM survey_imports`)).toBe(jobs);
    expect((await upload('', 'empty.csv')).status).toBe(400);
    expect((await upload(Buffer.from('PK\x03\x04garbage'), 'x.xlsx')).status).toBe(400);
    expect((await upload(header + '\n', 'x.csv', tokens.worker1)).status).toBe(403);
  });

  it('writes nothing when the insert fails part-way (one transaction)', async () => {
    const before = await count(`SELECT count(*)::int AS n FROM survey_responses`);
    await t.db.exec(`ALTER TABLE survey_responses ADD CONSTRAINT test_no_seven CHECK (weight <> 7)`);
    try {
      const rows = Array.from(
        { length: 30_000 },
        (_, i) => `2026-04,${grid.code},,adult,paper,${i === 29_000 ? 7 : 1},property`,
      );
      const job = await importFile([header, ...rows].join('\n'), 'big.csv');
      expect(job.status).toBe('failed');
      expect(job.inserted).toBe(0);
      expect(job.messageKey).toBe('needs.importFailed');
      expect(job.message).toMatch(/^导入失败，未写入任何数据：/);
      expect(await count(`SELECT count(*)::int AS n FROM survey_responses`)).toBe(before);
    } finally {
      await t.db.exec(`ALTER TABLE survey_responses DROP CONSTRAINT test_no_seven`);
    }
  });

  it('refuses grids outside the importer’s scope', async () => {
    const other = (
      await t.db.query<{ code: string }>(
        `SELECT code FROM areas WHERE level = 'grid' AND path NOT LIKE $1 || '%' LIMIT 1`,
        [community1Path],
      )
    ).rows[0].code;
    const job = await importFile(
      [header, `2026-01,${other},,elder,paper,,medical`, `2026-01,${grid.code},,elder,paper,,medical`].join('\n'),
      'c.csv',
      tokens.operator.length ? await t.login('community1') : '',
    );
    expect(job).toMatchObject({ status: 'done', inserted: 1, errorCount: 1 });
    expect(job.errors[0]).toMatchObject({ line: 2, column: 'grid_code' });
  });

  it('weighted rates use the weights and the effective sample size', async () => {
    const rows = [
      ...Array.from({ length: 10 }, () => `2030-01,${grid.code},,adult,paper,3,medical`),
      ...Array.from({ length: 10 }, () => `2030-01,${grid.code},,adult,paper,1,property`),
    ];
    const job = await importFile([header, ...rows].join('\n'), 'w.csv');
    expect(job.inserted).toBe(20);
    const body = await json(await get(`/api/needs/rates?month=2030-01`, tokens.planner));
    expect(body.weighted).toBe(true);
    expect(body.effectiveN).toBe(20); // 16, to base 10 as respondents are
    const med = body.needs.find((n: Json) => n.code === 'medical');
    const w = weightedWilson(30, 40, 100);
    expect(med.rate).toBeCloseTo(0.75, 9);
    expect(med.low).toBeCloseTo(w.low, 2);
    expect(med.high).toBeCloseTo(w.high, 2);
    // a month with fewer than 10 respondents is suppressed
    await importFile([header, `2030-02,${grid.code},,adult,paper,,medical`].join('\n'), 'one.csv');
    const small = await json(await get(`/api/needs/rates?month=2030-02`, tokens.planner));
    expect(small).toMatchObject({ respondents: null, suppressed: true, needs: [] });
  });

  it('offers templates as CSV and XLSX that import cleanly', async () => {
    const csv = await get(`/api/needs/import/template.csv`, tokens.planner);
    expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
    const bytes = Buffer.from(await csv.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // BOM, so Excel reads it as UTF-8
    const text = bytes.toString('utf8');
    expect(text.slice(1).startsWith(header)).toBe(true);
    const job = await importFile(text, 'template.csv');
    expect(job).toMatchObject({ status: 'done', errorCount: 0, inserted: 2 });
    const xlsx = Buffer.from(await (await get(`/api/needs/import/template.xlsx`, tokens.planner)).arrayBuffer());
    const j2 = await importFile(xlsx, 'template.xlsx');
    expect(j2).toMatchObject({ status: 'done', errorCount: 0, inserted: 2 });
  });
});

describe('triage and the monthly report', () => {
  it('turns a community-resolvable need into a work order through the order service, and a street need into a project', async () => {
    const community = (await t.db.query<{ id: number }>(`SELECT id FROM areas WHERE path = $1`, [community1Path]))
      .rows[0].id;
    const r = await t.post(
      `/api/needs/triage`,
      { areaId: community, need: 'maintenance', tier: 'community', note: '每周三便民维修', action: 'order' },
      tokens.operator,
    );
    expect(r.status).toBe(201);
    const tri = await json(r);
    expect(tri).toMatchObject({ tier: 'community', need: 'maintenance', orderStatus: 'reported' });
    const d = await json(await get(`/api/orders/${tri.orderId}`, tokens.operator));
    expect(d.events.map((e: Json) => e.action)).toEqual(['report']);
    expect(d.description).toMatch(/社区便民维修/);

    const street = (await t.db.query<{ id: number }>(`SELECT id FROM areas WHERE level = 'street' ORDER BY id LIMIT 1`))
      .rows[0].id;
    const p = await json(
      await t.post(
        `/api/needs/triage`,
        { areaId: street, need: 'elder_canteen', tier: 'street', action: 'project', projectTitle: '新建长者食堂' },
        tokens.planner,
      ),
    );
    expect(p).toMatchObject({ tier: 'street', projectTitle: '新建长者食堂', projectStatus: 'planned', orderId: null });
    // re-deciding updates the one decision for (area, need)
    const again = await json(
      await t.post(
        `/api/needs/triage`,
        { areaId: street, need: 'elder_canteen', tier: 'district', note: '纳入区级为老服务规划' },
        tokens.planner,
      ),
    );
    expect(again).toMatchObject({ id: p.id, tier: 'district', projectId: p.projectId });
  });

  it('refuses a project for a community-resolvable need, another community’s area, and a safety category; nothing written', async () => {
    const before = await count(`SELECT count(*)::int AS n FROM need_triage`);
    const orders = await count(`SELECT count(*)::int AS n FROM orders`);
    const community = (await t.db.query<{ id: number }>(`SELECT id FROM areas WHERE path = $1`, [community1Path]))
      .rows[0].id;
    expect(
      (
        await t.post(
          `/api/needs/triage`,
          { areaId: community, need: 'parcel', tier: 'community', action: 'project', projectTitle: 'x项目' },
          tokens.operator,
        )
      ).status,
    ).toBe(400);
    expect(
      (
        await t.post(
          `/api/needs/triage`,
          { areaId: community, need: 'parcel', tier: 'community', action: 'order', orderCategory: 'SAF-01' },
          tokens.operator,
        )
      ).status,
    ).toBe(400);
    const other = (
      await t.db.query<{ id: number }>(
        `SELECT id FROM areas WHERE level = 'community' AND path NOT LIKE $1 || '%' LIMIT 1`,
        [community1Path],
      )
    ).rows[0].id;
    expect(
      (await t.post(`/api/needs/triage`, { areaId: other, need: 'parcel', tier: 'community' }, tokens.community1))
        .status,
    ).toBe(404);
    expect(
      (await t.post(`/api/needs/triage`, { areaId: community, need: 'bogus', tier: 'community' }, tokens.operator))
        .status,
    ).toBe(400);
    expect(await count(`SELECT count(*)::int AS n FROM need_triage`)).toBe(before);
    expect(await count(`SELECT count(*)::int AS n FROM orders`)).toBe(orders);
  });

  it('the monthly report lists the top 10 with what was done, as JSON, CSV and a printable page', async () => {
    const street = (await t.db.query<{ id: number }>(`SELECT id FROM areas WHERE level = 'street' ORDER BY id LIMIT 1`))
      .rows[0].id;
    const month = (
      await t.db.query<{ m: string }>(
        `SELECT to_char(max(month), 'YYYY-MM') AS m FROM survey_responses WHERE month < '2030-01-01'`,
      )
    ).rows[0].m;
    const rep = await json(await get(`/api/needs/report?area=${street}&month=${month}`, tokens.planner));
    expect(rep.top).toHaveLength(10);
    expect(rep.subAreas.length).toBeGreaterThan(0);
    const canteen = rep.top.find((x: Json) => x.code === 'elder_canteen');
    if (canteen) expect(canteen.actions[0].tier).toBe('district');
    const csv = await get(`/api/needs/report?area=${street}&month=${month}&format=csv`, tokens.planner);
    expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
    const text = await csv.text();
    expect(text).toContain(rep.top[0].name);
    expect(text.split('\r\n').length).toBeGreaterThan(15);
    const html = await (
      await get(`/api/needs/report?area=${street}&month=${month}&format=html`, tokens.planner)
    ).text();
    expect(html).toContain('<table>');
    expect(html).toContain(rep.area.name);
  });
});
