// KPI counters, the three rates, root causes and photo uploads.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/test-db.js';

let t: TestApp;
let tokens: Record<string, string>;
let p: { lon: number; lat: number };
type Json = Record<string, any>;

const create = async (over: Json = {}) =>
  (
    (await (
      await t.post(
        '/api/orders',
        { categoryCode: 'PRK-01', description: '乱停车堵住消防通道', source: 'grid_worker', ...p, ...over },
        tokens.dispatcher,
      )
    ).json()) as Json
  ).order;

beforeAll(async () => {
  t = await startTestApp();
  tokens = {};
  for (const u of ['dispatcher', 'operator', 'planner', 'community1', 'worker1']) tokens[u] = await t.login(u);
  p = (
    await t.db.query<{ lon: number; lat: number }>(
      `SELECT ST_X(g.label_point) AS lon, ST_Y(g.label_point) AS lat FROM accounts a JOIN areas g ON g.id = a.area_id WHERE a.username = 'worker1'`,
    )
  ).rows[0];
});
afterAll(async () => t?.close());

describe('KPIs', () => {
  it("counts today's new orders and the open ones", async () => {
    const before = (await (await t.get('/api/orders/kpis', tokens.operator)).json()) as Json;
    await create();
    const after = (await (await t.get('/api/orders/kpis', tokens.operator)).json()) as Json;
    expect(after.today.created).toBe(before.today.created + 1);
    expect(after.open).toBe(before.open + 1);
    expect(after.lastSeq).toBeGreaterThan(before.lastSeq);
  });
});

describe('the three rates', () => {
  it('groups by street with response, on-time and satisfaction counts', async () => {
    const o = await create({ reporter: { name: '赵六', phone: '13900004321' } });
    const act = (body: Json, who = 'dispatcher') => t.post(`/api/orders/${o.id}/actions`, body, tokens[who]);
    await act({ action: 'accept' });
    await act({ action: 'dispatch', leadDept: 'transport' });
    await act({ action: 'start' }, 'worker1');
    await act({ action: 'resolve', note: '已劝离' }, 'worker1');
    const rows = (await (await t.get('/api/orders/stats?groupBy=department', tokens.planner)).json()) as Json[];
    const transport = rows.find((r) => r.key === 'transport')!;
    expect(transport.name).toBe('区交通管理部门');
    expect(transport.total).toBeGreaterThanOrEqual(1);
    expect(transport.onTime).toBeGreaterThanOrEqual(1);
    expect(transport.onTimeRate).toBeGreaterThan(0);
    const streets = (await (await t.get('/api/orders/stats?groupBy=street', tokens.planner)).json()) as Json[];
    expect(streets.every((s) => (s.name && s.name.endsWith('街道')) || s.name.endsWith('镇'))).toBe(true);
  });

  it('counts an unsatisfied rating that reopened the order', async () => {
    const o = await create({
      categoryCode: 'NOI-01',
      description: '工地夜间施工',
      fields: { timeOfDay: 'night' },
      reporter: { name: '钱七', phone: '13900005678' },
    });
    const act = (body: Json, who = 'dispatcher') => t.post(`/api/orders/${o.id}/actions`, body, tokens[who]);
    const admin = await t.login('admin');
    await act({ action: 'accept' });
    await act({ action: 'dispatch', leadDept: 'eco_env' });
    tokens.dept_eco_env ??= await t.login('dept_eco_env');
    expect((await act({ action: 'sign' }, 'dept_eco_env')).status).toBe(200);
    expect((await act({ action: 'resolve', note: '已责令停工' }, 'dept_eco_env')).status).toBe(200);
    await t.post(`/api/orders/${o.id}/actions`, { action: 'review_pass' }, admin);
    expect((await act({ action: 'rate', rating: 'unsatisfied' })).status).toBe(200);
    const rows = (await (await t.get('/api/orders/stats?groupBy=department', tokens.planner)).json()) as Json[];
    const eco = rows.find((r) => r.key === 'eco_env')!;
    expect(eco.rated).toBeGreaterThan(eco.satisfied);
    expect(eco.satisfactionRate).toBeLessThan(1);
    const k = (await (await t.get('/api/orders/kpis', tokens.operator)).json()) as Json;
    expect(k.satisfactionRate).toBeLessThan(1);
  });

  it('refuses an unknown grouping', async () => {
    expect((await t.get('/api/orders/stats?groupBy=planet', tokens.planner)).status).toBe(400);
  });
});

describe('root causes (源头治理)', () => {
  it('finds the same category reported three times within 50 m', async () => {
    const offsets = [0, 0.0002, -0.0002];
    const ids: number[] = [];
    for (const d of offsets)
      ids.push(
        (
          await create({
            categoryCode: 'NOI-03',
            description: '夜间酒吧噪音',
            fields: { timeOfDay: 'night' },
            lon: p.lon + d,
          })
        ).id,
      );
    const items = (await (await t.get('/api/root-causes', tokens.operator)).json()) as Json[];
    const hit = items.find((i) => i.categoryCode === 'NOI-03' && ids.every((id) => i.orderIds.includes(id)));
    expect(hit?.count).toBeGreaterThanOrEqual(3);
    const wide = (await (await t.get('/api/root-causes?radius=5', tokens.operator)).json()) as Json[];
    expect(wide.some((i) => i.categoryCode === 'NOI-03' && ids.every((id) => i.orderIds.includes(id)))).toBe(false);
  });
});

describe('alarms', () => {
  it('lists the latest alarms in scope, newest first, for a wall that opens after them', async () => {
    const o = await create({
      categoryCode: 'SAF-04',
      hazardLevel: 'critical',
      fields: { gasIssue: 'leak_smell' },
      description: '燃气泄漏',
    });
    const list = (await (await t.get('/api/alarms?limit=5', tokens.operator)).json()) as Json[];
    expect(list[0].orderId).toBe(o.id);
    expect(list[0].kind).toBe('critical_hazard');
    const seqs = list.map((a) => a.seq);
    expect([...seqs].sort((a, b) => b - a)).toEqual(seqs);
    const elsewhere = (
      await t.db.query<{ lon: number; lat: number }>(
        `SELECT ST_X(label_point) AS lon, ST_Y(label_point) AS lat FROM areas WHERE level = 'grid' AND path NOT LIKE (SELECT ar.path FROM accounts a JOIN areas ar ON ar.id = a.area_id WHERE a.username = 'community1') || '%' ORDER BY id LIMIT 1`,
      )
    ).rows[0];
    const far = await create({
      categoryCode: 'SAF-04',
      hazardLevel: 'critical',
      fields: { gasIssue: 'leak_smell' },
      description: '别处燃气泄漏',
      ...elsewhere,
    });
    const mine = (await (await t.get('/api/alarms', tokens.community1)).json()) as Json[];
    expect(mine.some((a) => a.orderId === far.id)).toBe(false);
  });
});

describe('photos', () => {
  const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
  const upload = (bytes: Buffer, name: string, token = tokens.worker1) => {
    const form = new FormData();
    form.append('photo', new Blob([new Uint8Array(bytes)]), name);
    return fetch(`${t.url}/api/photos`, { method: 'POST', body: form, headers: { authorization: `Bearer ${token}` } });
  };

  it('stores an image recognised by its content and serves it to its uploader', async () => {
    const r = await upload(png, 'scene.jpg');
    expect(r.status).toBe(201);
    const { id, contentType } = (await r.json()) as Json;
    expect(contentType).toBe('image/png');
    const g = await fetch(`${t.url}/api/photos/${id}`, { headers: { authorization: `Bearer ${tokens.worker1}` } });
    expect(g.status).toBe(200);
    expect(Buffer.from(await g.arrayBuffer())).toEqual(png);
    expect(
      (await fetch(`${t.url}/api/photos/${id}`, { headers: { authorization: `Bearer ${tokens.community1}` } })).status,
    ).toBe(404);
  });

  it('serves the photo of a fix to those whose scope holds the order, not only to its uploader', async () => {
    const { id } = (await (await upload(png, 'after.png')).json()) as Json;
    // The grid worker's own report is held by their grid: they handle it on the spot.
    const o = (
      (await (
        await t.post(
          '/api/orders',
          { categoryCode: 'PRK-01', description: '修好后的照片', source: 'grid_worker', ...p },
          tokens.worker1,
        )
      ).json()) as Json
    ).order;
    for (const body of [{ action: 'start' }, { action: 'resolve', note: '已处理', photos: [id] }])
      expect((await t.post(`/api/orders/${o.id}/actions`, body, tokens.worker1)).status).toBe(200);
    const g = await fetch(`${t.url}/api/photos/${id}`, { headers: { authorization: `Bearer ${tokens.dispatcher}` } });
    expect(g.status).toBe(200);
  });

  it('refuses a non-image named like one, and files over 5 MB', async () => {
    expect((await upload(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'), 'x.png')).status).toBe(415);
    expect((await upload(Buffer.concat([png, Buffer.alloc(5 * 1024 * 1024)]), 'big.png')).status).toBe(413);
  });

  it('refuses an order that cites a photo nobody uploaded', async () => {
    const r = await t.post(
      '/api/orders',
      { categoryCode: 'SAN-01', description: 'x', source: 'grid_worker', ...p, photos: ['0'.repeat(32)] },
      tokens.dispatcher,
    );
    expect(r.status).toBe(400);
  });
});
