// The seeded template carries a year of order history (seedCity → seedOrderHistory): numbered events,
// real accounts as actors, no pushes, and the recurring problems the wall's root-cause panel looks for.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrderSummary } from '../../contract/orders.js';
import { HISTORY_COUNT } from '../../api/seed/load-orders.js';
import { startTestApp, type TestApp } from '../helpers/test-db.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => t?.close());

const one = async <T>(sql: string, params: unknown[] = []) =>
  (await t.db.query<T & Record<string, unknown>>(sql, params)).rows[0];

describe('order history in the seeded small city', () => {
  it('has a year of orders with their events, and pushes none of them', async () => {
    const r = await one<{ orders: number; events: number; pushes: number; span: number }>(
      `SELECT (SELECT count(*)::int FROM orders) AS orders, (SELECT count(*)::int FROM order_events) AS events,
        (SELECT count(*)::int FROM pushes) AS pushes,
        (SELECT extract(epoch FROM max(reported_at) - min(reported_at)) / 86400 FROM orders)::float8 AS span`,
    );
    expect(r.orders).toBe(HISTORY_COUNT.small);
    expect(r.events).toBeGreaterThan(r.orders * 5);
    expect(r.pushes).toBe(0);
    expect(r.span).toBeGreaterThan(330);
  });

  it('numbers events with globally unique seqs, increasing in time and per order, and sets updated_seq', async () => {
    const r = await one<{ dup: number; backwards: number; stale: number; maxSeq: string; last: string }>(
      `SELECT (SELECT count(*) - count(DISTINCT seq) FROM order_events)::int AS dup,
        (SELECT count(*)::int FROM (SELECT at, lag(at) OVER (ORDER BY seq) AS prev FROM order_events) x WHERE at < prev) AS backwards,
        (SELECT count(*)::int FROM orders o WHERE o.updated_seq <> (SELECT max(seq) FROM order_events e WHERE e.order_id = o.id)) AS stale,
        (SELECT max(seq) FROM order_events)::text AS "maxSeq", (SELECT last_value FROM event_seq)::text AS last`,
    );
    expect(r.dup).toBe(0);
    expect(r.backwards).toBe(0);
    expect(r.stale).toBe(0);
    expect(r.last).toBe(r.maxSeq);
    const first = await one<{ n: number }>(
      `SELECT count(*)::int AS n FROM orders o WHERE (SELECT action FROM order_events e WHERE e.order_id = o.id ORDER BY seq LIMIT 1) <> 'report'`,
    );
    expect(first.n).toBe(0);
  });

  it('records real accounts as the dispatcher and reviewer, never the same person for one order', async () => {
    const r = await one<{ unknown: number; selfReviewed: number; dispatchers: number }>(
      `SELECT (SELECT count(*)::int FROM order_events e WHERE e.actor_id > 0 AND NOT EXISTS (SELECT 1 FROM accounts a WHERE a.id = e.actor_id)) AS unknown,
        (SELECT count(*)::int FROM orders WHERE reviewed_by IS NOT NULL AND reviewed_by = dispatched_by) AS "selfReviewed",
        (SELECT count(DISTINCT actor_id)::int FROM order_events e JOIN accounts a ON a.id = e.actor_id WHERE a.username IN ('dispatcher', 'admin')) AS dispatchers`,
    );
    expect(r.unknown).toBe(0);
    expect(r.selfReviewed).toBe(0);
    expect(r.dispatchers).toBe(2);
  });

  it('lists closed orders over HTTP, newest first', async () => {
    const token = await t.login('dispatcher');
    const r = await t.get('/api/orders?status=closed&limit=50', token);
    expect(r.status).toBe(200);
    const list = (await r.json()) as OrderSummary[];
    expect(list.length).toBe(50);
    expect(list.every((o) => o.status === 'closed')).toBe(true);
    expect(list[0].id).toBeGreaterThan(list[49].id);
    const detail = await t.get(`/api/orders/${list[0].id}`, token);
    expect(detail.status).toBe(200);
    const d = (await detail.json()) as { events: { action: string }[] };
    expect(d.events[0].action).toBe('report');
    expect(d.events.at(-1)!.action).toBe('close');
  });

  it('lets a new order follow the history: ids and seqs continue after it', async () => {
    const token = await t.login('dispatcher');
    const before = await one<{ id: number; seq: string }>(
      `SELECT max(id)::int AS id, (SELECT max(seq) FROM order_events)::text AS seq FROM orders`,
    );
    const grid = await one<{ lon: number; lat: number }>(
      `SELECT ST_X(ST_PointOnSurface(geom)) AS lon, ST_Y(ST_PointOnSurface(geom)) AS lat FROM areas WHERE level = 'grid' ORDER BY id LIMIT 1`,
    );
    const r = await t.post(
      '/api/orders',
      { categoryCode: 'SAN-01', description: '测试：垃圾堆放', lon: grid.lon, lat: grid.lat, source: 'hotline_12345' },
      token,
    );
    expect(r.status).toBe(201);
    const { order } = (await r.json()) as { order: OrderSummary };
    expect(order.id).toBe(before.id + 1);
    expect(order.updatedSeq).toBeGreaterThan(Number(before.seq));
  });

  it('has a recurrence hot spot: ≥ 3 same-category orders within 50 m within 30 days', async () => {
    // geography: metres on the spheroid.
    const r = await one<{ n: number }>(
      `SELECT count(*)::int AS n FROM orders a
        WHERE (SELECT count(*) FROM orders b
               WHERE b.category_code = a.category_code
                 AND b.reported_at BETWEEN a.reported_at AND a.reported_at + interval '30 days'
                 AND ST_DWithin(a.geom::geography, b.geom::geography, 50)) >= 3`,
    );
    expect(r.n).toBeGreaterThan(0);
  });
});

describe('the demo history on the wall', () => {
  it("has a problem that is recurring right now, so the wall's root-cause list is not empty", async () => {
    const token = await t.login('operator');
    const items = (await (await t.get('/api/root-causes', token)).json()) as { count: number; lastAt: string }[];
    expect(items.length).toBeGreaterThan(0);
    expect(items[0].count).toBeGreaterThanOrEqual(3);
    expect(Date.now() - Date.parse(items[0].lastAt)).toBeLessThan(30 * 86400_000);
  });
});
