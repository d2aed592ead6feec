// Satisfaction evaluation against a real database: the demo system (4/10/17, AHP dimensions), results equal to
// values recomputed from the raw rows, bands and progress, scope, weights (AHP refused at CR ≥ 0.1, entropy),
// questionnaire import (line numbers, GBK CSV, XLSX, all-or-nothing), special points, and reverse issues
// dispatched as real work orders.
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMPLAINT_SOURCES } from '../../contract/evaluation.js';
import { categoryByCode } from '../../contract/order-categories.js';
import { startTestApp, type TestApp } from '../helpers/test-db.js';

let t: TestApp;
let tokens: Record<string, string>;
type Json = Record<string, any>;
const json = async (r: Response) => (await r.json()) as Json;
const q1 = async <T = Json>(sql: string, params: unknown[] = []) => (await t.db.query<T>(sql, params)).rows[0];
const put = (p: string, body: unknown, token: string) =>
  fetch(t.url + p, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
const del = (p: string, token: string) =>
  fetch(t.url + p, { method: 'DELETE', headers: { authorization: `Bearer ${token}` } });
let community1: { id: number; code: string; path: string };
let periods: Json[];

async function upload(body: Buffer | string, name: string, token = tokens.planner) {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(typeof body === 'string' ? Buffer.from(body, 'utf8') : body)]), name);
  return fetch(`${t.url}/api/evaluation/import`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
    body: form,
  });
}

beforeAll(async () => {
  t = await startTestApp();
  tokens = {};
  for (const u of ['admin', 'operator', 'planner', 'dispatcher', 'supervisor', 'community1', 'worker1'])
    tokens[u] = await t.login(u);
  community1 = await q1(
    `SELECT g.id, g.code, g.path FROM accounts a JOIN areas g ON g.id = a.area_id WHERE a.username = 'community1'`,
  );
  periods = (await json(await t.get('/api/evaluation/periods', tokens.operator))) as unknown as Json[];
});
afterAll(async () => t?.close());

describe('demo evaluation', () => {
  it('ships a Gulou-shaped system: 4 dimensions, 10 focuses, 17 indicators, dimensions weighted by AHP with CR < 0.1', async () => {
    const s = await json(await t.get('/api/evaluation/system', tokens.operator));
    const count = (l: string) => s.nodes.filter((n: Json) => n.level === l).length;
    expect([count('dimension'), count('focus'), count('indicator')]).toEqual([4, 10, 17]);
    const leaves = s.nodes.filter((n: Json) => n.level === 'indicator');
    expect(leaves.reduce((a: number, n: Json) => a + n.globalWeight, 0)).toBeCloseTo(1, 9);
    expect(leaves.some((n: Json) => n.polarity === 'reverse' && n.source === 'orders')).toBe(true);
    const root = s.groups.find((g: Json) => g.parentId === null);
    expect(root.method).toBe('ahp');
    expect(root.cr).toBeLessThan(0.1);
  });

  it('has four quarters of questionnaires for every community, from all three groups', async () => {
    expect(periods.map((p) => p.code)).toHaveLength(4);
    const r = await q1<{ missing: number }>(
      `SELECT count(*)::int AS missing FROM areas a CROSS JOIN eval_periods p
        WHERE a.level = 'community' AND NOT EXISTS (SELECT 1 FROM eval_responses r WHERE r.area_id = a.id AND r.period_id = p.id)`,
    );
    expect(r.missing).toBe(0);
    expect((await q1<{ n: number }>(`SELECT count(DISTINCT respondent_group)::int AS n FROM eval_responses`)).n).toBe(
      3,
    );
  });
});

describe('results', () => {
  it('rank every community, with bands around the rank, progress against the previous quarter, reproducibly', async () => {
    const a = await json(await t.get('/api/evaluation/results?level=community', tokens.operator));
    const b = await json(await t.get('/api/evaluation/results?level=community', tokens.operator));
    expect(a).toEqual(b);
    const n = (await q1<{ n: number }>(`SELECT count(*)::int AS n FROM areas WHERE level = 'community'`)).n;
    expect(a.areas).toHaveLength(n);
    expect(a.period).toBe(periods.at(-1)!.code);
    expect(a.previousPeriod).toBe(periods.at(-2)!.code);
    const prev = await json(
      await t.get(`/api/evaluation/results?level=community&period=${a.previousPeriod}`, tokens.operator),
    );
    const prevById = new Map(prev.areas.map((x: Json) => [x.areaId, x.score]));
    for (const x of a.areas) {
      expect(x.score).toBeGreaterThan(0);
      expect(x.score).toBeLessThanOrEqual(100);
      expect(x.band.p5).toBeLessThanOrEqual(x.rank);
      expect(x.band.p95).toBeGreaterThanOrEqual(x.rank);
      expect(x.previousScore).toBeCloseTo(prevById.get(x.areaId) as number, 9);
      expect(x.progress.change).toBeCloseTo(x.score - x.previousScore, 9);
      expect(x.progress.index).toBeCloseTo((x.score - x.previousScore) / (100 - x.previousScore), 9);
    }
    const scores = a.areas.map((x: Json) => x.score);
    expect(scores).toEqual([...scores].sort((p: number, q: number) => q - p));
    expect(new Set(scores).size).toBeGreaterThan(n / 2); // a realistic spread, not a tie
  });

  it('drill-down values equal the raw questionnaire and order rows, and the score is their weighted mean', async () => {
    const period = periods.at(-1)!;
    const d = await json(await t.get(`/api/evaluation/areas/${community1.id}`, tokens.operator));
    expect(d.indicators).toHaveLength(17);
    for (const ind of d.indicators.filter((i: Json) => i.source === 'questionnaire')) {
      const r = await q1<{ m: number | null }>(
        `SELECT sum(respondents * score) / sum(respondents) AS m FROM eval_responses WHERE area_id = $1 AND period_id = $2 AND indicator_code = $3`,
        [community1.id, period.id, ind.code],
      );
      expect(ind.raw).toBeCloseTo(r.m!, 9);
      expect(ind.score).toBeCloseTo(r.m!, 9);
    }
    const sys = await json(await t.get('/api/evaluation/system', tokens.operator));
    const i05 = sys.nodes.find((n: Json) => n.code === 'I05');
    const orders = (
      await t.db.query<{ category_code: string }>(
        `SELECT category_code FROM orders WHERE area_path LIKE $1 || '%' AND reported_at >= $2::date AND reported_at < $3::date AND source = ANY($4) AND duplicate_of IS NULL`,
        [community1.path, period.starts, period.ends, [...COMPLAINT_SOURCES]],
      )
    ).rows.filter((o) => i05.orderFamilies.includes(categoryByCode(o.category_code)!.family)).length;
    const hh = (await q1<{ households: number }>(`SELECT households FROM areas WHERE id = $1`, [community1.id]))
      .households;
    const got = d.indicators.find((i: Json) => i.code === 'I05');
    // the period lies inside the order history, so no coverage scaling
    expect(got.raw).toBeCloseTo((orders * 1000) / hh, 9);
    expect(got.score).toBeCloseTo(Math.max(0, (100 * (i05.worst - got.raw)) / (i05.worst - i05.target)), 9);
    const present = d.indicators.filter((i: Json) => i.score !== null);
    const wsum = present.reduce((a: number, i: Json) => a + i.globalWeight, 0);
    const base = present.reduce((a: number, i: Json) => a + i.globalWeight * i.score, 0) / wsum;
    expect(d.result.score).toBeCloseTo(Math.min(100, Math.max(0, base + d.result.special)), 9);
    expect(d.indicators.reduce((a: number, i: Json) => a + (i.contribution ?? 0), 0)).toBeCloseTo(base, 9);
  });

  it('street ranking and a trend across the four quarters', async () => {
    const r = await json(await t.get('/api/evaluation/results?level=street', tokens.supervisor));
    expect(r.areas.length).toBeGreaterThanOrEqual(2);
    expect(r.areas[0].dimensions).toHaveLength(4);
    const tr = await json(await t.get('/api/evaluation/trend?level=street', tokens.planner));
    expect(tr.periods).toEqual(periods.map((p) => p.code));
    const latest = new Map(r.areas.map((x: Json) => [x.areaId, x.score]));
    for (const a of tr.areas) expect(a.scores.at(-1)).toBeCloseTo(latest.get(a.areaId) as number, 9);
  });
});

describe('scope and roles', () => {
  it('keeps a community account to its own community', async () => {
    const r = await json(await t.get('/api/evaluation/results?level=community', tokens.community1));
    expect(r.areas.map((a: Json) => a.areaId)).toEqual([community1.id]);
    const other = await q1<{ id: number }>(`SELECT id FROM areas WHERE level = 'community' AND id <> $1 LIMIT 1`, [
      community1.id,
    ]);
    expect((await t.get(`/api/evaluation/areas/${other.id}`, tokens.community1)).status).toBe(404);
    expect((await t.get(`/api/evaluation/reverse?area=${other.id}`, tokens.community1)).status).toBe(404);
    const rev = await json(await t.get('/api/evaluation/reverse?min=1', tokens.community1));
    for (const i of rev.issues) expect(i.areaId).toBe(community1.id);
  });
  it('refuses grid workers, and edits by anyone but an admin', async () => {
    expect((await t.get('/api/evaluation/results', tokens.worker1)).status).toBe(403);
    expect(
      (
        await put(
          '/api/evaluation/system/weights',
          { method: 'direct', parentId: null, weights: [1, 1, 1, 1] },
          tokens.operator,
        )
      ).status,
    ).toBe(403);
    expect(
      (
        await t.post(
          '/api/evaluation/specials',
          { period: periods.at(-1)!.code, areaId: community1.id, points: 2, reason: 'x' },
          tokens.operator,
        )
      ).status,
    ).toBe(403);
  });
});

describe('weights', () => {
  it('refuses an AHP matrix with CR ≥ 0.1 and changes nothing', async () => {
    const before = await json(await t.get('/api/evaluation/system', tokens.admin));
    const r = await put(
      '/api/evaluation/system/weights',
      {
        method: 'ahp',
        parentId: null,
        matrix: [
          [1, 9, 1 / 9, 1],
          [1 / 9, 1, 9, 1],
          [9, 1 / 9, 1, 1],
          [1, 1, 1, 1],
        ],
      },
      tokens.admin,
    );
    expect(r.status).toBe(400);
    const body = await json(r);
    expect(body.error.messageKey).toBe('evaluation.inconsistent');
    expect(body.error.message).toMatch(/^判断矩阵一致性比率 CR = \d\.\d{3} ≥ 0\.1/);
    expect(body.error.details.cr).toBeGreaterThanOrEqual(0.1);
    expect(await json(await t.get('/api/evaluation/system', tokens.admin))).toEqual(before);
  });

  it('sets AHP weights with CR shown, direct weights normalised, and entropy weights from data', async () => {
    const check = await json(
      await t.post(
        '/api/evaluation/ahp',
        {
          matrix: [
            [1, 3, 5],
            [1 / 3, 1, 3],
            [1 / 5, 1 / 3, 1],
          ],
        },
        tokens.planner,
      ),
    );
    expect(check.cr).toBeCloseTo(0.0332, 3);
    const sys = await json(await t.get('/api/evaluation/system', tokens.admin));
    const d1 = sys.nodes.find((n: Json) => n.code === 'D1');
    let r = await put(
      '/api/evaluation/system/weights',
      {
        method: 'ahp',
        parentId: d1.id,
        matrix: [
          [1, 2],
          [1 / 2, 1],
        ],
      },
      tokens.admin,
    );
    expect(r.status, await r.clone().text()).toBe(200);
    let s = await json(r);
    const kids = s.nodes.filter((n: Json) => n.parentId === d1.id);
    expect(kids.map((k: Json) => k.weight)).toEqual([expect.closeTo(2 / 3, 9), expect.closeTo(1 / 3, 9)]);
    expect(s.groups.find((g: Json) => g.parentId === d1.id)).toMatchObject({ method: 'ahp', cr: 0 });

    r = await put(
      '/api/evaluation/system/weights',
      { method: 'direct', parentId: null, weights: [1, 1, 1, 1] },
      tokens.admin,
    );
    s = await json(r);
    for (const n of s.nodes.filter((x: Json) => x.level === 'dimension')) expect(n.weight).toBeCloseTo(0.25, 12);

    r = await put('/api/evaluation/system/weights', { method: 'entropy', parentId: null }, tokens.admin);
    expect(r.status, await r.clone().text()).toBe(200);
    s = await json(r);
    const dims = s.nodes.filter((x: Json) => x.level === 'dimension');
    expect(dims.reduce((a: number, n: Json) => a + n.weight, 0)).toBeCloseTo(1, 9);
    expect(new Set(dims.map((n: Json) => n.weight.toFixed(6))).size).toBeGreaterThan(1);
    expect(s.groups.find((g: Json) => g.parentId === null)).toMatchObject({
      method: 'entropy',
      basisPeriod: periods.at(-1)!.code,
    });
    const wrongSize = await put(
      '/api/evaluation/system/weights',
      { method: 'direct', parentId: null, weights: [1, 1] },
      tokens.admin,
    );
    expect(wrongSize.status).toBe(400);
    const audited = await q1<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_log WHERE action = 'evaluation.weights'`,
    );
    expect(audited.n).toBeGreaterThanOrEqual(3);
  });

  it('adds and removes an indicator, keeping each group summing to 1', async () => {
    const sys = await json(await t.get('/api/evaluation/system', tokens.admin));
    const f10 = sys.nodes.find((n: Json) => n.code === 'F10');
    let r = await t.post(
      '/api/evaluation/system/nodes',
      {
        parentId: f10.id,
        code: 'I18',
        name: '志愿服务参与度',
        polarity: 'positive',
        source: 'questionnaire',
        norm: 'score',
      },
      tokens.admin,
    );
    expect(r.status, await r.clone().text()).toBe(201);
    let s = await json(r);
    const kids = s.nodes.filter((n: Json) => n.parentId === f10.id);
    expect(kids.map((k: Json) => k.weight)).toEqual([0.5, 0.5]);
    const bad = await t.post(
      '/api/evaluation/system/nodes',
      {
        parentId: f10.id,
        code: 'I19',
        name: '投诉',
        polarity: 'reverse',
        source: 'orders',
        norm: 'target',
        target: 10,
        worst: 0,
        orderMeasure: 'complaint_rate',
        orderFamilies: ['noise'],
      },
      tokens.admin,
    );
    expect(bad.status).toBe(400);
    r = await del(`/api/evaluation/system/nodes/${kids[1].id}`, tokens.admin);
    s = await json(r);
    expect(s.nodes.filter((n: Json) => n.parentId === f10.id).map((k: Json) => k.weight)).toEqual([1]);
  });
});

describe('questionnaire import', () => {
  const period = () => periods.at(-1)!.code;
  it('stores a GBK CSV with Chinese headers and group names, and the score follows', async () => {
    const before = await json(await t.get(`/api/evaluation/areas/${community1.id}`, tokens.planner));
    const csv = `考评期,社区编码,问卷类别,样本数,I01 社区党组织服务群众满意度,I04\r\n${period()},${community1.code},老年居民群体,500,40,41\r\n${period()},${community1.code},中青年居民群体,500,42,\r\n`;
    const r = await upload(iconv.encode(csv, 'gbk'), 'q.csv');
    expect(r.status, await r.clone().text()).toBe(200);
    const body = await json(r);
    expect(body).toMatchObject({ encoding: 'gbk', rows: 2, inserted: 3, errors: [] });
    const after = await json(await t.get(`/api/evaluation/areas/${community1.id}`, tokens.planner));
    expect(after.indicators.find((i: Json) => i.code === 'I01').raw).toBeLessThan(
      before.indicators.find((i: Json) => i.code === 'I01').raw,
    );
    expect(after.result.score).toBeLessThan(before.result.score);
  });

  it('refuses a file with bad rows, naming each line, and writes nothing', async () => {
    const n0 = (await q1<{ n: number }>(`SELECT count(*)::int AS n FROM eval_responses`)).n;
    const csv = [
      'period,community_code,group,respondents,I01,I02',
      `${period()},${community1.code},elder,30,90,91`,
      `${period()},999999999999,elder,30,90,91`,
      `${period()},${community1.code},students,30,90,91`,
      `${period()},${community1.code},organisation,0,90,91`,
      `${period()},${community1.code},middle_young,30,101,91`,
      `${period()},${community1.code},elder,30,88,`,
      `20XX,${community1.code},elder,30,88,`,
    ].join('\n');
    const r = await upload(csv, 'bad.csv');
    expect(r.status).toBe(400);
    const body = await json(r);
    expect(body.error.details.errors.map((e: Json) => [e.line, e.column ?? null])).toEqual([
      [3, 'community_code'],
      [4, 'group'],
      [5, 'respondents'],
      [6, 'I01'],
      [7, null],
      [8, 'period'],
    ]);
    expect(body.error.messageKey).toBe('evaluation.importRefused');
    expect(body.error.message).toMatch(/首个在第 3 行：社区编码 \d+ 不存在/);
    expect(body.error.details.errors[0]).toMatchObject({
      line: 3,
      messageKey: 'evaluation.communityNotFound',
      reason: expect.stringMatching(/^社区编码 \d+ 不存在/),
    });
    expect((await q1<{ n: number }>(`SELECT count(*)::int AS n FROM eval_responses`)).n).toBe(n0);
  });

  it('refuses unknown and order-based indicator columns, and reads XLSX', async () => {
    let r = await upload(
      `period,community_code,group,respondents,I05,X9\n${period()},${community1.code},elder,3,90,1\n`,
      'h.csv',
    );
    const err = await json(r);
    expect(r.status).toBe(400);
    expect(err.error.details.errors.map((e: Json) => e.messageKey)).toEqual([
      'evaluation.orderIndicatorColumn',
      'evaluation.unknownColumn',
      'evaluation.noIndicatorColumns',
    ]);
    expect(err.error.details.errors.map((e: Json) => e.column ?? e.reason)).toEqual([
      'I05',
      'X9',
      '没有指标列（如 I01）',
    ]);
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('问卷');
    ws.addRow(['period', 'community_code', 'group', 'respondents', 'I17']);
    ws.addRow([period(), community1.code, 'organisation', 12, 77.5]);
    r = await upload(Buffer.from(await wb.xlsx.writeBuffer()), 'q.xlsx');
    expect(r.status, await r.clone().text()).toBe(200);
    expect((await json(r)).inserted).toBe(1);
    const row = await q1<{ score: number }>(
      `SELECT score FROM eval_responses r JOIN eval_periods p ON p.id = r.period_id WHERE p.code = $1 AND area_id = $2 AND respondent_group = 'organisation' AND indicator_code = 'I17'`,
      [period(), community1.id],
    );
    expect(row.score).toBe(77.5);
    expect((await upload('x', 'q.csv', tokens.operator)).status).toBe(403);
  });
});

describe('special points', () => {
  it('move the final score by the points and are scoped', async () => {
    const street = await q1<{ id: number }>(`SELECT id FROM areas WHERE level = 'street' ORDER BY id LIMIT 1`);
    const before = (await json(await t.get('/api/evaluation/results?level=street', tokens.supervisor))).areas.find(
      (a: Json) => a.areaId === street.id,
    );
    const r = await t.post(
      '/api/evaluation/specials',
      { period: periods.at(-1)!.code, areaId: street.id, points: -3, reason: '发生一般安全生产责任事故' },
      tokens.supervisor,
    );
    expect(r.status, await r.clone().text()).toBe(201);
    const after = (await json(await t.get('/api/evaluation/results?level=street', tokens.supervisor))).areas.find(
      (a: Json) => a.areaId === street.id,
    );
    expect(after.special).toBeCloseTo(before.special - 3, 9);
    expect(after.score).toBeCloseTo(Math.max(0, before.score - 3), 9);
    expect(
      (
        await t.post(
          '/api/evaluation/specials',
          { period: periods.at(-1)!.code, areaId: street.id, points: 0, reason: 'x' },
          tokens.supervisor,
        )
      ).status,
    ).toBe(400);
  });
});

describe('reverse issues', () => {
  it('list complaints per community and topic and dispatch one as a real work order with an SLA deadline', async () => {
    const list = await json(await t.get('/api/evaluation/reverse?min=1', tokens.dispatcher));
    expect(list.issues.length).toBeGreaterThan(0);
    const issue = list.issues[0];
    const area = await q1<{ path: string; households: number }>(`SELECT path, households FROM areas WHERE id = $1`, [
      issue.areaId,
    ]);
    const p = periods.at(-1)!;
    const brute = (
      await t.db.query<{ category_code: string }>(
        `SELECT category_code FROM orders WHERE area_path LIKE $1 || '%' AND reported_at >= $2::date AND reported_at < $3::date AND source = ANY($4) AND duplicate_of IS NULL`,
        [area.path, p.starts, p.ends, [...COMPLAINT_SOURCES]],
      )
    ).rows.filter((o) => categoryByCode(o.category_code)!.family === issue.topic).length;
    expect(issue.complaints).toBe(brute);
    expect(issue.per1000).toBeCloseTo((1000 * brute) / area.households, 9);

    const n0 = (await q1<{ n: number }>(`SELECT count(*)::int AS n FROM orders`)).n;
    const r = await t.post(
      '/api/evaluation/reverse/dispatch',
      { period: p.code, areaId: issue.areaId, topic: issue.topic },
      tokens.dispatcher,
    );
    expect(r.status, await r.clone().text()).toBe(201);
    const out = await json(r);
    const order = await q1<{
      category_code: string;
      area_path: string;
      deadline: Date;
      reported_at: Date;
      description: string;
      source: string;
    }>(`SELECT * FROM orders WHERE id = $1`, [out.dispatch.orderId]);
    expect((await q1<{ n: number }>(`SELECT count(*)::int AS n FROM orders`)).n).toBe(n0 + 1);
    expect(categoryByCode(order.category_code)!.family === issue.topic || order.category_code === 'OTH-01').toBe(true);
    expect(order.area_path.startsWith(area.path)).toBe(true);
    expect(order.source).toBe('wall');
    expect(order.description).toContain(p.code);
    expect(new Date(order.deadline).getTime()).toBeGreaterThan(new Date(order.reported_at).getTime());
    expect(new Date(out.dispatch.deadline).getTime()).toBe(new Date(order.deadline).getTime());
    const event = await q1<{ action: string }>(
      `SELECT action FROM order_events WHERE order_id = $1 ORDER BY seq LIMIT 1`,
      [out.dispatch.orderId],
    );
    expect(event.action).toBe('report');

    const again = await t.post(
      '/api/evaluation/reverse/dispatch',
      { period: p.code, areaId: issue.areaId, topic: issue.topic },
      tokens.dispatcher,
    );
    expect(again.status).toBe(409);
    const listed = (await json(await t.get('/api/evaluation/reverse?min=1', tokens.dispatcher))).issues.find(
      (i: Json) => i.areaId === issue.areaId && i.topic === issue.topic,
    );
    expect(listed.dispatch.orderId).toBe(out.dispatch.orderId);
    expect(
      (
        await t.post(
          '/api/evaluation/reverse/dispatch',
          { period: p.code, areaId: issue.areaId, topic: issue.topic },
          tokens.planner,
        )
      ).status,
    ).toBe(403);
  });

  it('refuses a topic without complaints and an area outside the scope, writing no order', async () => {
    const p = periods.at(-1)!;
    // area_path is /district/street/community/grid/: the community is the fourth part (index 3).
    const complained = new Set(
      (
        await t.db.query<{ path: string; category_code: string }>(
          `SELECT area_path AS path, category_code FROM orders WHERE reported_at >= $1::date AND reported_at < $2::date AND source = ANY($3) AND duplicate_of IS NULL`,
          [p.starts, p.ends, [...COMPLAINT_SOURCES]],
        )
      ).rows.map((o) => `${o.path.split('/')[3]}:${categoryByCode(o.category_code)!.family}`),
    );
    const communities = (await t.db.query<{ id: number }>(`SELECT id FROM areas WHERE level = 'community' ORDER BY id`))
      .rows;
    const quiet = communities
      .map((c) => ({
        id: c.id,
        topic: ['group_renting', 'illegal_construction', 'other', 'noise'].find((f) => !complained.has(`${c.id}:${f}`)),
      }))
      .find((c) => c.topic)!;
    const n0 = (await q1<{ n: number }>(`SELECT count(*)::int AS n FROM orders`)).n;
    const r = await t.post(
      '/api/evaluation/reverse/dispatch',
      { period: p.code, areaId: quiet.id, topic: quiet.topic },
      tokens.dispatcher,
    );
    expect(r.status).toBe(400);
    const refused = (await json(r)).error;
    expect(refused.messageKey).toBe('evaluation.noComplaints');
    expect(refused.params.topic).toEqual({ key: `evaluation.topic.${quiet.topic}` });
    const other = await q1<{ id: number }>(`SELECT id FROM areas WHERE level = 'community' AND id <> $1 LIMIT 1`, [
      community1.id,
    ]);
    expect(
      (
        await t.post(
          '/api/evaluation/reverse/dispatch',
          { period: p.code, areaId: other.id, topic: 'sanitation' },
          tokens.community1,
        )
      ).status,
    ).toBe(404);
    expect(
      (
        await t.post(
          '/api/evaluation/reverse/dispatch',
          { period: '2026Q9', areaId: other.id, topic: 'sanitation' },
          tokens.dispatcher,
        )
      ).status,
    ).toBe(400);
    expect((await q1<{ n: number }>(`SELECT count(*)::int AS n FROM orders`)).n).toBe(n0);
  });
});
