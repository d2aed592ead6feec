// Work orders over HTTP against a real database: lifecycle, routing, idempotency, scope, escalation.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/test-db.js';

let t: TestApp;
const clock = { now: new Date('2026-03-02T02:00:00Z') }; // a Monday, 10:00 in Shanghai
let tokens: Record<string, string>;
let inside: { lon: number; lat: number }; // a point in community1's community
let outside: { lon: number; lat: number }; // a point in another street

type Json = Record<string, any>;
const json = async (r: Response) => (await r.json()) as Json;

async function create(body: Json, token = tokens.dispatcher, key?: string) {
  return fetch(`${t.url}/api/orders`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${token}`,
      ...(key ? { 'idempotency-key': key } : {}),
    },
    body: JSON.stringify(body),
  });
}
const act = (id: number, body: Json, who = 'dispatcher') => t.post(`/api/orders/${id}/actions`, body, tokens[who]);
const report = (over: Json = {}) => ({
  categoryCode: 'SAN-01',
  description: '小区门口垃圾堆放三天无人清运',
  source: 'grid_worker',
  ...inside,
  ...over,
});

beforeAll(async () => {
  t = await startTestApp({}, { now: () => clock.now });
  tokens = {};
  for (const u of ['admin', 'dispatcher', 'operator', 'community1', 'worker1']) tokens[u] = await t.login(u);
  const c = (
    await t.db.query<{ lon: number; lat: number; path: string }>(
      `SELECT ST_X(g.label_point) AS lon, ST_Y(g.label_point) AS lat, g.path FROM accounts a JOIN areas g ON g.id = a.area_id WHERE a.username = 'worker1'`,
    )
  ).rows[0];
  inside = { lon: c.lon, lat: c.lat };
  const o = (
    await t.db.query<{ lon: number; lat: number }>(
      `SELECT ST_X(label_point) AS lon, ST_Y(label_point) AS lat FROM areas WHERE level = 'grid' AND path NOT LIKE (SELECT path FROM areas WHERE id = (SELECT parent_id FROM areas WHERE path = $1)) || '%' ORDER BY id LIMIT 1`,
      [c.path],
    )
  ).rows[0];
  outside = { lon: o.lon, lat: o.lat };
});
afterAll(async () => t?.close());

describe('reporting', () => {
  it('creates a reported order in the grid under the point, with its first event', async () => {
    const r = await create(report());
    expect(r.status).toBe(201);
    const { order, created } = await json(r);
    expect(created).toBe(true);
    expect(order.status).toBe('reported');
    const d = await json(await t.get(`/api/orders/${order.id}`, tokens.dispatcher));
    expect(d.events.map((e: Json) => e.action)).toEqual(['report']);
    expect(d.deadline).toBe('2026-03-05T02:00:00.000Z'); // 一般: 3 days on the wall clock (the working-day calendar is optional)
  });

  it('dispatches safety hazards on discovery by the responsibility list, and raises an alarm for 重大', async () => {
    const { order } = await json(
      await create(
        report({
          categoryCode: 'SAF-04',
          hazardLevel: 'critical',
          fields: { gasIssue: 'leak_smell' },
          description: '楼道有燃气味',
        }),
      ),
    );
    expect(order.status).toBe('dispatched');
    expect(order.leadDept).toBe('emergency');
    const alarms = await t.db.query(
      `SELECT payload FROM pushes WHERE topic = 'alarm' AND (payload->>'orderId')::int = $1`,
      [order.id],
    );
    expect(alarms.rowCount).toBe(1);
  });

  it('refuses a point outside the district, hinting at GCJ-02, and writes nothing', async () => {
    const before = (await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM orders`)).rows[0].n;
    const r = await create(report({ lon: inside.lon + 0.2 }));
    expect(r.status).toBe(400);
    expect((await json(r)).error.message).toMatch(/GCJ-02/);
    const after = (await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM orders`)).rows[0].n;
    expect(after).toBe(before);
  });

  it('refuses unknown categories and missing required fields with a message', async () => {
    expect((await json(await create(report({ categoryCode: 'XXX-99' })))).error.message).toMatch(/未知类别 XXX-99/);
    const r = await create(report({ categoryCode: 'SAF-04' }));
    expect(r.status).toBe(400);
    expect((await json(r)).error.message).toMatch(/「燃气安全隐患」须标注隐患等级/);
  });

  it('returns the same order for a retried Idempotency-Key, even when the retries race', async () => {
    const key = 'retry-key-0001';
    const rs = await Promise.all(
      Array.from({ length: 5 }, () => create(report({ description: '并发重试' }), tokens.dispatcher, key)),
    );
    const bodies = await Promise.all(rs.map(json));
    expect(new Set(bodies.map((b) => b.order.id)).size).toBe(1);
    expect(bodies.filter((b) => b.created).length).toBe(1);
    const n = await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM orders WHERE description = '并发重试'`);
    expect(n.rows[0].n).toBe(1);
    const other = await create(report({ description: '另一个请求' }), tokens.dispatcher, key);
    expect(other.status).toBe(409);
  });

  it('suggests open orders of the same category within 250 m as duplicates', async () => {
    const first = (await json(await create(report({ description: '重复一' })))).order;
    const second = await json(await create(report({ description: '重复二', lon: inside.lon + 0.0005 })));
    expect(second.duplicates.map((d: Json) => d.id)).toContain(first.id);
  });
});

describe('the lifecycle over HTTP', () => {
  it('runs report → accept → dispatch → sign → resolve → review → rate → close, each an event', async () => {
    const { order } = await json(await create(report({ reporter: { name: '王阿姨', phone: '13900001234' } })));
    const id = order.id;
    expect((await act(id, { action: 'accept' })).status).toBe(200);
    expect((await act(id, { action: 'dispatch', leadDept: 'urban_mgmt', assistDepts: ['community'] })).status).toBe(
      200,
    );
    // The department it was dispatched to holds it now: it signs for it and hands in the fix.
    expect((await act(id, { action: 'start' }, 'worker1')).status).toBe(409);
    tokens.dept_urban_mgmt ??= await t.login('dept_urban_mgmt');
    expect((await act(id, { action: 'sign' }, 'dept_urban_mgmt')).status).toBe(200);
    expect((await act(id, { action: 'resolve', note: '已清运' }, 'dept_urban_mgmt')).status).toBe(200);
    const selfReview = await act(id, { action: 'review_pass' });
    expect(selfReview.status).toBe(409); // the dispatcher may not review their own dispatch
    expect((await act(id, { action: 'review_pass' }, 'admin')).status).toBe(200);
    const noRating = await act(id, { action: 'close' }, 'admin');
    expect(noRating.status).toBe(409);
    expect((await act(id, { action: 'rate', rating: 'satisfied' })).status).toBe(200);
    const closed = await json(await act(id, { action: 'close' }, 'admin'));
    expect(closed.order.status).toBe('closed');
    const d = await json(await t.get(`/api/orders/${id}`, tokens.dispatcher));
    expect(d.events.map((e: Json) => e.action)).toEqual([
      'report',
      'accept',
      'dispatch',
      'sign',
      'resolve',
      'review_pass',
      'rate',
      'close',
    ]);
    const seqs = d.events.map((e: Json) => e.seq);
    expect([...seqs].sort((a, b) => a - b)).toEqual(seqs);
  });

  it('answers 409 for an illegal transition and changes nothing', async () => {
    const { order } = await json(await create(report()));
    const r = await act(order.id, { action: 'close' }, 'admin');
    expect(r.status).toBe(409);
    expect((await json(r)).error.details.allowed).toEqual(expect.arrayContaining(['accept']));
    const d = await json(await t.get(`/api/orders/${order.id}`, tokens.dispatcher));
    expect(d.status).toBe('reported');
    expect(d.events).toHaveLength(1);
  });

  it('refuses an unknown department with 400, not a database error', async () => {
    const { order } = await json(await create(report()));
    await act(order.id, { action: 'accept' });
    const r = await act(order.id, { action: 'dispatch', leadDept: 'no_such_dept' });
    expect(r.status).toBe(400);
    expect((await json(r)).error).toMatchObject({
      messageKey: 'orders.unknownDepartments',
      params: { codes: ['no_such_dept'] },
    });
  });

  it('masks the reporter for roles that do not handle orders', async () => {
    const { order } = await json(await create(report({ reporter: { name: '李四', phone: '13912345678' } })));
    const forDispatcher = await json(await t.get(`/api/orders/${order.id}`, tokens.dispatcher));
    expect(forDispatcher.reporter).toEqual({ name: '李四', phone: '13912345678' });
    const forOperator = await json(await t.get(`/api/orders/${order.id}`, tokens.operator));
    expect(forOperator.reporter).toEqual({ name: '李*', phone: '139****5678' });
    const list = JSON.stringify(await json(await t.get('/api/orders?limit=1000', tokens.operator)));
    expect(list).not.toContain('13912345678');
  });
});

describe('scope', () => {
  it("hides another community's orders from a community account, and refuses reports there", async () => {
    expect((await create(report(outside), tokens.community1)).status).toBe(403);
    const { order } = await json(await create(report(outside)));
    expect((await t.get(`/api/orders/${order.id}`, tokens.community1)).status).toBe(404);
    const list = (await json(await t.get('/api/orders?limit=1000', tokens.community1))) as unknown as Json[];
    expect(list.some((o) => o.id === order.id)).toBe(false);
    const mine = await t.db.query<{ path: string }>(
      `SELECT ar.path FROM accounts a JOIN areas ar ON ar.id = a.area_id WHERE username = 'community1'`,
    );
    const paths = await t.db.query<{ p: string }>(`SELECT area_path AS p FROM orders WHERE id = ANY($1)`, [
      list.map((o) => o.id),
    ]);
    for (const r of paths.rows) expect(r.p.startsWith(mine.rows[0].path)).toBe(true);
  });

  it('lets a grid worker act only within their grid', async () => {
    const { order } = await json(await create(report(outside)));
    await act(order.id, { action: 'accept' });
    await act(order.id, { action: 'dispatch', leadDept: 'urban_mgmt' });
    expect((await act(order.id, { action: 'start' }, 'worker1')).status).toBe(404);
  });
});

describe('escalation', () => {
  it('cards and escalates an overdue 较大 order once per step, however often the scheduler runs', async () => {
    clock.now = new Date('2026-03-09T02:00:00Z');
    const { order } = await json(
      await create(report({ categoryCode: 'FAC-02', hazardLevel: 'major', description: '井盖缺失' })),
    );
    const stepsOf = async () =>
      (
        await t.db.query<{ action: string }>(
          `SELECT action FROM order_events WHERE order_id = $1 AND action IN ('yellow_card', 'red_card', 'escalate') ORDER BY seq`,
          [order.id],
        )
      ).rows.map((r) => r.action);
    clock.now = new Date('2026-03-09T20:30:00Z'); // 18.5 h of 24: past the 75% warning
    await t.app.scheduler.tick();
    expect(await stepsOf()).toEqual(['yellow_card']);
    clock.now = new Date('2026-03-10T03:00:00Z'); // 25 h: overdue
    await t.app.scheduler.tick();
    await t.app.scheduler.tick();
    expect(await stepsOf()).toEqual(['yellow_card', 'red_card']);
    clock.now = new Date('2026-03-10T15:00:00Z'); // 37 h: half a deadline past due → community
    await t.app.scheduler.tick();
    expect(await stepsOf()).toEqual(['yellow_card', 'red_card', 'escalate']);
    const d = await json(await t.get(`/api/orders/${order.id}`, tokens.dispatcher));
    expect(d.escalationLevel).toBe(1);
    expect(d.cardsIssued).toBe(2);
    const red = await t.db.query(
      `SELECT 1 FROM pushes WHERE topic = 'alarm' AND payload->>'kind' = 'red_card' AND (payload->>'orderId')::int = $1`,
      [order.id],
    );
    expect(red.rowCount).toBe(1);
  });
});
