// What residents and staff write into free text, against a real database: Open311 publishes no free text
// and no exact place, only categories that are public, and a public text a dispatcher published (masked
// again on save, stored with who and when, audited); inside, planners, supervisors and walls read it masked,
// the center's staff and the author read it as written; alarm notes reach walls masked, live and replayed.
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NEED_ITEMS } from '../../contract/needs.js';
import { startTestApp, type TestApp } from '../helpers/test-db.js';
import { localDistance } from '../../core/geo/index.js';

type Json = Record<string, any>;

let t: TestApp;
let tokens: Record<string, string>;
let exact: { lon: number; lat: number };
let grid: { lon: number; lat: number };
let publicId: number;
let disputeId: number;
let cancelledId: number;
const sockets: Socket[] = [];

const REPORT =
  '联系人：张建国，身份证310104198903152817，住3号楼502室，微信 zhangjg_1989，车牌沪A12345，新能源沪AD12345，电话13812345678，座机021-62345678。楼下垃圾堆放三天';
const SECRETS = [
  '张建国',
  '310104198903152817',
  '502室',
  'zhangjg_1989',
  'A12345',
  'AD12345',
  '13812345678',
  '62345678',
];
const NOTE = '已联系户主李秀英 13900001111，沪B88888 已挪走';
const NOTE_SECRETS = ['李秀英', '13900001111', 'B88888'];

const anon = (path: string) => t.get(`/open311/v2/${path}`);
const json = async (r: Response) => {
  const body = await r.text();
  expect(r.status, body).toBe(200);
  return JSON.parse(body) as any;
};
const put = (path: string, body: unknown, token?: string) =>
  fetch(t.url + path, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
const del = (path: string, token: string) =>
  fetch(t.url + path, { method: 'DELETE', headers: { authorization: `Bearer ${token}` } });
const expectNone = (text: string, secrets: string[]) => {
  for (const s of secrets) expect(text, `${s} leaked`).not.toContain(s);
};
const metres = (a: { lon: number; lat: number }, b: { lon: number; lat: number }) =>
  localDistance([a.lon, a.lat], [b.lon, b.lat]);

async function report(categoryCode: string, extra: Json = {}): Promise<number> {
  const r = await t.post(
    '/api/orders',
    {
      categoryCode,
      description: REPORT,
      source: 'grid_worker',
      ...exact,
      reporter: { name: '张建国', phone: '13812345678' },
      ...extra,
    },
    tokens.worker1,
  );
  const body = await r.text();
  expect(r.status, body).toBe(201);
  return (JSON.parse(body) as Json).order.id as number;
}

beforeAll(async () => {
  t = await startTestApp();
  tokens = {};
  for (const u of ['admin', 'operator', 'dispatcher', 'planner', 'supervisor', 'worker1']) tokens[u] = await t.login(u);
  // A point well inside worker1's grid, away from the grid's label point.
  const g = (
    await t.db.query<{ lon: number; lat: number; plon: number; plat: number }>(
      `SELECT ST_X(g.label_point) AS lon, ST_Y(g.label_point) AS lat, ST_X(p.geom) AS plon, ST_Y(p.geom) AS plat
      FROM accounts a JOIN areas g ON g.id = a.area_id,
      LATERAL (SELECT (ST_Dump(ST_GeneratePoints(ST_Buffer(g.geom::geography, -15)::geometry, 40, 7))).geom) p
      WHERE a.username = 'worker1' ORDER BY ST_Distance(p.geom::geography, g.label_point::geography) DESC LIMIT 1`,
    )
  ).rows[0];
  grid = { lon: g.lon, lat: g.lat };
  exact = { lon: g.plon, lat: g.plat };
  expect(metres(exact, grid)).toBeGreaterThan(30);
  publicId = await report('SAN-01');
  disputeId = await report('DIS-01', { fields: { parties: 2 } });
  const accept = await t.post(`/api/orders/${publicId}/actions`, { action: 'accept', note: NOTE }, tokens.dispatcher);
  expect(accept.status, await accept.clone().text()).toBe(200);
  cancelledId = await report('FAC-01');
  const cancel = await t.post(
    `/api/orders/${cancelledId}/actions`,
    { action: 'cancel', reason: NOTE },
    tokens.dispatcher,
  );
  expect(cancel.status, await cancel.clone().text()).toBe(200);
});
afterAll(async () => {
  for (const s of sockets) s.close();
  await t?.close();
});

describe('Open311 reads', () => {
  it('publish neither the description nor any identifier in it, nor the exact place, in JSON or XML', async () => {
    for (const path of [
      `requests/${publicId}.json`,
      `requests/${publicId}.xml`,
      `requests/${cancelledId}.json`,
      'requests.json',
      'requests.xml',
      `requests.json?service_request_id=${publicId}`,
    ]) {
      const r = await anon(path);
      const text = await r.text();
      expect(r.status, path).toBe(200);
      expectNone(text, [...SECRETS, ...NOTE_SECRETS, '垃圾堆放三天', String(exact.lat), String(exact.lon)]);
    }
    const [one] = (await json(await anon(`requests/${publicId}.json`))) as Json[];
    expect(one).toMatchObject({
      service_request_id: String(publicId),
      service_code: 'SAN-01',
      description: '',
      media_url: '',
    });
    expect(one.status_notes).toBe('已受理'); // the label, not the note behind it
    const [cancelled] = (await json(await anon(`requests/${cancelledId}.json`))) as Json[];
    expect(cancelled).toMatchObject({ status: 'closed', status_notes: '已撤销', description: '' }); // not the reason
  });

  it('give the place coarsened to the grid', async () => {
    const [one] = (await json(await anon(`requests/${publicId}.json`))) as Json[];
    expect(metres({ lon: one.long, lat: one.lat }, grid)).toBeLessThan(1);
    expect(metres({ lon: one.long, lat: one.lat }, exact)).toBeGreaterThan(30);
  });

  it('leave out categories that are not public: a dispute is 404 and absent from every list', async () => {
    expect((await anon(`requests/${disputeId}.json`)).status).toBe(404);
    expect((await anon(`requests/${disputeId}.xml`)).status).toBe(404);
    const ids = (list: Json[]) => list.map((x) => x.service_request_id);
    expect(ids(await json(await anon('requests.json')))).not.toContain(String(disputeId));
    expect(ids(await json(await anon(`requests.json?service_request_id=${disputeId},${publicId}`)))).toEqual([
      String(publicId),
    ]);
    expect(await json(await anon('requests.json?service_code=DIS-01'))).toEqual([]);
    const services = (await json(await anon('services.json'))) as Json[];
    expect(services.find((s) => s.service_code === 'DIS-01')?.description).toMatch(/不公开|not published/);
  });

  it('say in the category catalogue which categories are public', async () => {
    const cats = (await json(await t.get('/api/order-categories', tokens.planner))) as Json[];
    const pub = (code: string) => cats.find((c) => c.code === code)?.public;
    expect([pub('SAN-01'), pub('FAC-01'), pub('DIS-01'), pub('CARE-01'), pub('CNV-03'), pub('GRP-01')]).toEqual([
      true,
      true,
      false,
      false,
      false,
      false,
    ]);
  });
});

describe('a published public text', () => {
  it('is published by a dispatcher, masked again on save, stored with who and when, audited, and shown on Open311', async () => {
    const r = await put(
      `/api/orders/${publicId}/public-text`,
      { text: '垃圾已于当日清运。反映人张建国 13812345678，3号楼502室' },
      tokens.dispatcher,
    );
    const body = (await json(r)) as Json;
    expect(body).toMatchObject({
      orderId: publicId,
      text: '垃圾已于当日清运。反映人张** 138****5678，3号楼***室',
      publishedBy: expect.any(String),
      publishedAt: expect.any(String),
    });
    const stored = (
      await t.db.query<{ text: string; by: string }>(
        `SELECT p.text, a.username AS by FROM order_public_texts p JOIN accounts a ON a.id = p.published_by WHERE p.order_id = $1`,
        [publicId],
      )
    ).rows[0];
    expect(stored).toEqual({ text: body.text, by: 'dispatcher' });
    const audit = await t.db.query(`SELECT 1 FROM audit_log WHERE action = 'order_public_text' AND target = $1`, [
      `order:${publicId}`,
    ]);
    expect(audit.rowCount).toBe(1);
    const [one] = (await json(await anon(`requests/${publicId}.json`))) as Json[];
    expect(one.description).toBe(body.text);
    const xml = await (await anon(`requests/${publicId}.xml`)).text();
    expect(xml).toContain(`<description>${body.text}</description>`);
    expectNone(xml, SECRETS);
    const detail = (await json(await t.get(`/api/orders/${publicId}`, tokens.planner))) as Json;
    expect(detail.publicText).toMatchObject({ text: body.text });
  });

  it('is refused to roles outside the center, for private categories, and when empty; and can be withdrawn', async () => {
    expect((await put(`/api/orders/${publicId}/public-text`, { text: '已处理' }, tokens.planner)).status).toBe(403);
    expect((await put(`/api/orders/${publicId}/public-text`, { text: '已处理' })).status).toBe(401);
    const dispute = await put(`/api/orders/${disputeId}/public-text`, { text: '已调解' }, tokens.dispatcher);
    expect(dispute.status).toBe(409);
    expect(((await dispute.json()) as Json).error.message).toMatch(/不公开|not published/);
    expect((await put(`/api/orders/${publicId}/public-text`, { text: '  ' }, tokens.dispatcher)).status).toBe(400);
    expect((await t.db.query(`SELECT 1 FROM order_public_texts WHERE order_id = $1`, [disputeId])).rowCount).toBe(0);
    const other = await report('FAC-01');
    expect((await put(`/api/orders/${other}/public-text`, { text: '路灯已修复' }, tokens.operator)).status).toBe(200);
    expect(((await json(await anon(`requests/${other}.json`))) as Json[])[0].description).toBe('路灯已修复');
    expect((await del(`/api/orders/${other}/public-text`, tokens.operator)).status).toBe(204);
    expect(((await json(await anon(`requests/${other}.json`))) as Json[])[0].description).toBe('');
    expect(
      (
        await t.db.query(`SELECT 1 FROM audit_log WHERE action = 'order_public_text_withdrawn' AND target = $1`, [
          `order:${other}`,
        ])
      ).rowCount,
    ).toBe(1);
  });
});

describe('free text inside', () => {
  const detail = async (token: string, query = '') =>
    (await json(await t.get(`/api/orders/${publicId}${query}`, token))) as Json;

  it('is masked for planners and supervisors: description, event notes and text fields', async () => {
    for (const who of ['planner', 'supervisor']) {
      const d = await detail(tokens[who]);
      expect(d.description).toContain('联系人：张**');
      expect(d.description).toContain('楼下垃圾堆放三天');
      expectNone(JSON.stringify(d), [...SECRETS, ...NOTE_SECRETS]);
    }
    const dis = (await json(await t.get(`/api/orders/${disputeId}`, tokens.planner))) as Json;
    expectNone(dis.description, SECRETS);
    const cancelled = (await json(await t.get(`/api/orders/${cancelledId}`, tokens.supervisor))) as Json;
    const reason = cancelled.events.find((e: Json) => e.action === 'cancel').reason as string;
    expect(reason).toContain('户主李**');
    expectNone(reason, NOTE_SECRETS);
  });

  it('is masked on the wall, whoever is signed in on it', async () => {
    const d = await detail(tokens.operator, '?view=wall');
    expectNone(JSON.stringify(d), [...SECRETS, ...NOTE_SECRETS]);
    expect((await t.get(`/api/orders/${publicId}?view=poster`, tokens.operator)).status).toBe(400);
  });

  it("is as written for the center's staff and for the grid worker who reported it", async () => {
    for (const who of ['dispatcher', 'operator', 'admin', 'worker1']) {
      const d = await detail(tokens[who]);
      expect(d.description, who).toBe(REPORT);
    }
    const accept = (await detail(tokens.dispatcher)).events.find((e: Json) => e.action === 'accept');
    expect(accept.data.note).toBe(NOTE);
  });

  it('reaches walls masked in an alarm acknowledgement, live, replayed and in the history', async () => {
    const r = await t.post(
      '/api/orders',
      {
        categoryCode: 'SAF-04',
        description: '燃气泄漏',
        hazardLevel: 'critical',
        source: 'grid_worker',
        ...exact,
        fields: { gasIssue: 'leak_smell' },
      },
      tokens.dispatcher,
    );
    expect(r.status).toBe(201);
    const orderId = ((await r.json()) as Json).order.id;
    const alarm = ((await json(await t.get('/api/alarms?state=open', tokens.operator))) as Json[]).find(
      (a) => a.orderId === orderId,
    )!;
    const wall = connect(t.url, {
      auth: { token: tokens.operator },
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
    });
    sockets.push(wall);
    await new Promise<void>((resolve, reject) => {
      wall.once('connect', () => resolve());
      wall.once('connect_error', reject);
    });
    const live = new Promise<Json>((resolve) =>
      wall.on('alarm:ack', (p: Json) => p.alarmSeq === alarm.seq && resolve(p)),
    );
    const ack = await t.post(`/api/alarms/${alarm.seq}/ack`, { note: NOTE }, tokens.dispatcher);
    expect(ack.status).toBe(200);
    const pushed = await live;
    expectNone(JSON.stringify(pushed), NOTE_SECRETS);
    expect(pushed.note).toContain('李**');
    expectNone(JSON.stringify(await ack.json()), NOTE_SECRETS);
    const history = (await json(await t.get('/api/alarms?state=acked', tokens.operator))) as Json[];
    expectNone(JSON.stringify(history.find((a) => a.seq === alarm.seq)), NOTE_SECRETS);
    // Nothing that was pushed, and so nothing a reconnecting wall replays, holds what residents or staff wrote.
    const stored = await t.db.query<{ payload: unknown }>(`SELECT payload FROM pushes`);
    expectNone(JSON.stringify(stored.rows), [...SECRETS, ...NOTE_SECRETS]);
  });

  it('in a triage note is masked for other readers, as written for its author and the center', async () => {
    const community = (
      await t.db.query<{ id: number }>(
        `SELECT parent_id AS id FROM areas a WHERE a.id = (SELECT area_id FROM accounts WHERE username = 'worker1')`,
      )
    ).rows[0].id;
    const need = NEED_ITEMS[0].code;
    const r = await t.post(
      '/api/needs/triage',
      { areaId: community, need, tier: 'community', note: NOTE },
      tokens.planner,
    );
    expect(r.status, await r.clone().text()).toBeLessThan(300);
    const note = async (who: string) =>
      ((await json(await t.get(`/api/needs/triage?area=${community}&need=${need}`, tokens[who]))) as Json[])[0]
        .note as string;
    expect(await note('planner')).toBe(NOTE);
    expect(await note('dispatcher')).toBe(NOTE);
    const masked = await note('supervisor');
    expectNone(masked, NOTE_SECRETS);
    expect(masked).toContain('户主李**');
  });

  it("in a visit note is masked in a person's file for a supervisor, as written for the grid worker who wrote it", async () => {
    const resident = (
      await t.db.query<{ id: number }>(
        `SELECT r.id::int AS id FROM residents r WHERE r.flags <> 0 AND r.grid_id = (SELECT area_id FROM accounts WHERE username = 'worker1') ORDER BY r.id LIMIT 1`,
      )
    ).rows[0].id;
    const logged = await t.post('/api/visits', { residentId: resident, note: NOTE }, tokens.worker1);
    expect(logged.status, await logged.clone().text()).toBeLessThan(300);
    const file = async (who: string) =>
      (await json(
        await t.get(`/api/residents/${resident}/file?purpose=${encodeURIComponent('走访前核对')}`, tokens[who]),
      )) as Json;
    const mine = (await file('worker1')).visits.map((v: Json) => v.note);
    expect(mine).toContain(NOTE);
    const theirs = JSON.stringify((await file('supervisor')).visits);
    expectNone(theirs, NOTE_SECRETS);
    expect(theirs).toContain('户主李**');
  });
});
