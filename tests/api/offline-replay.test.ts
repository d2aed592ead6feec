// A grid worker's phone back from a day offline replays what it queued — a duty day of positions (one every
// 10 s, as web/mobile/use-duty.ts buffers them) and its reports (each under the Idempotency-Key it was
// queued with, as web/mobile/use-outbox.ts keeps them) — while a wall is connected: every position is
// stored once, in its China-time day partition, and read back in device-time order; every report becomes
// one order, in the order it was made, and each of its events reaches the wall once.
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrderCreate } from '../../contract/orders.js';
import type { PositionPoint } from '../../contract/workers.js';
import { startTestApp, type TestApp } from '../helpers/test-db.js';
import { offsetBy } from '../../core/geo/index.js';

type Json = Record<string, any>;
const cst = (day: string, hms: string) => Date.parse(`${day}T${hms}+08:00`);
const STEP_MS = 10_000;

// Back online on Tuesday 2026-03-03 at 09:30 China time; the queue holds Monday's duty (08:30–12:00 and
// 14:00–17:30) and a call-out that ran past midnight (23:50–00:10), 2,640 fixes in all.
const clock = { now: new Date(cst('2026-03-03', '09:30:00')) };
const SPANS: [number, number][] = [
  [cst('2026-03-02', '08:30:00'), cst('2026-03-02', '12:00:00')],
  [cst('2026-03-02', '14:00:00'), cst('2026-03-02', '17:30:00')],
  [cst('2026-03-02', '23:50:00'), cst('2026-03-03', '00:10:00')],
];
const REPORTS: [hms: string, categoryCode: string, extra?: Partial<OrderCreate>][] = [
  ['08:42:10', 'CIT-01'],
  ['09:15:30', 'SAN-02'],
  ['09:58:00', 'FAC-01'],
  ['10:31:20', 'SAN-04'],
  ['11:12:40', 'SAF-07', { hazardLevel: 'general' }], // a safety hazard: dispatched by the responsibility list on arrival
  ['11:47:00', 'PRO-01'],
  ['14:20:10', 'CIT-02'],
  ['15:05:50', 'FAC-03'],
  ['16:33:30', 'OTH-01'],
  ['17:21:00', 'CNV-01'],
];

let t: TestApp;
let tokens: Record<string, string>;
let me: { workerId: number; gridId: number; lon: number; lat: number; roomM: number };
let wall: Socket;
const pushes: { topic: string; seq: number; orderId?: number }[] = [];
const positionPushes: { workerId: number; t: string }[] = [];

/** The worker circles a spot inside their grid at ~1 m/s; fixes every 10 s over the spans. */
function dutyDay(): PositionPoint[] {
  const r = Math.min(30, me.roomM / 2);
  const out: PositionPoint[] = [];
  for (const [from, to] of SPANS) {
    for (let ms = from; ms < to; ms += STEP_MS) {
      const a = (ms - SPANS[0][0]) / 1000 / r;
      const [lon, lat] = offsetBy(me.lon, me.lat, r * Math.sin(a), r * Math.cos(a));
      out.push({
        t: new Date(ms).toISOString(),
        lon: Math.round(lon * 1e7) / 1e7,
        lat: Math.round(lat * 1e7) / 1e7,
        accuracy: 8,
      });
    }
  }
  return out;
}
const at = (points: PositionPoint[], ms: number) =>
  points.reduce((best, p) => (Math.abs(Date.parse(p.t) - ms) < Math.abs(Date.parse(best.t) - ms) ? p : best));

const until = async (cond: () => boolean, ms = 10_000) => {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 20));
  }
};
/** Each upload reaches the server a second after the one before. */
const tick = () => {
  clock.now = new Date(clock.now.getTime() + 1000);
};

let points: PositionPoint[];
let queue: { key: string; createdAt: string; body: OrderCreate }[];
let baselineSeq: number;
const batchResults: Json[] = [];
const reportResults: { key: string; status: number; body: Json }[] = [];

beforeAll(async () => {
  t = await startTestApp(
    { GRIDWALL_WORKER_CHECK_INTERVAL_MS: '0', GRIDWALL_LIVE_PUSH_MS: '0' },
    { now: () => clock.now },
  );
  tokens = {};
  for (const u of ['worker1', 'supervisor', 'operator']) tokens[u] = await t.login(u);
  me = (
    await t.db.query<typeof me>(
      `SELECT a.worker_id AS "workerId", g.id AS "gridId", ST_X(g.label_point) AS lon, ST_Y(g.label_point) AS lat,
       ST_Distance(g.label_point::geography, ST_Boundary(g.geom)::geography) AS "roomM"
     FROM accounts a JOIN areas g ON g.id = a.area_id WHERE a.username = 'worker1'`,
    )
  ).rows[0];
  // The demo seed walks every worker on the day before the template was built: start from no positions.
  await t.db.query(`DELETE FROM worker_positions WHERE worker_id = $1`, [me.workerId]);
  baselineSeq = Number((await t.db.query<{ s: string }>(`SELECT coalesce(max(seq), 0) AS s FROM pushes`)).rows[0].s);

  points = dutyDay();
  // The outbox as the phone stores it: a key made when the report was queued, the device time, the body.
  queue = REPORTS.map(([hms, categoryCode, extra], i) => {
    const made = cst('2026-03-02', hms);
    const { lon, lat } = at(points, made);
    return {
      key: `00000000-0000-4000-8000-${String(i + 1).padStart(12, '0')}`,
      createdAt: new Date(made).toISOString(),
      body: {
        categoryCode,
        description: `离线上报 ${hms}（合成数据）`,
        lon,
        lat,
        source: 'grid_worker',
        fields: {},
        ...extra,
      },
    };
  });

  wall = connect(t.url, {
    auth: { token: tokens.operator },
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
  });
  for (const topic of ['order:created', 'order:updated', 'order:escalated', 'alarm']) {
    wall.on(topic, (p: { seq: number; order?: { id: number } }) =>
      pushes.push({ topic, seq: p.seq, orderId: p.order?.id }),
    );
  }
  wall.on('worker:position', (p: { workerId: number; t: string }) => positionPushes.push(p));
  await new Promise<void>((resolve, reject) => {
    wall.once('connect', () => resolve());
    wall.once('connect_error', reject);
  });

  // Back online: the position buffer and the outbox drain side by side. Positions go in batches of 500,
  // not quite in order (the second and third swapped, one batch's points reversed), and the last batch
  // goes twice, its first answer lost. The outbox goes one report at a time, oldest first; the fourth
  // report's answer is lost twice, so it is sent three times under its key before the queue moves on.
  const batches: PositionPoint[][] = [];
  for (let i = 0; i < points.length; i += 500) batches.push(points.slice(i, i + 500));
  const order = [batches[0], batches[2], [...batches[1]].reverse(), ...batches.slice(3), batches.at(-1)!];
  const sendPositions = async () => {
    for (const b of order) {
      tick();
      const r = await t.post('/api/positions', { points: b }, tokens.worker1);
      batchResults.push({ status: r.status, ...(await r.json()) });
    }
  };
  const sendReports = async () => {
    for (const [i, item] of queue.entries()) {
      for (let attempt = 0; attempt < (i === 3 ? 3 : 1); attempt++) {
        tick();
        const r = await fetch(`${t.url}/api/orders`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            authorization: `Bearer ${tokens.worker1}`,
            'idempotency-key': item.key,
          },
          body: JSON.stringify(item.body),
        });
        reportResults.push({ key: item.key, status: r.status, body: (await r.json()) as Json });
      }
    }
  };
  await Promise.all([sendPositions(), sendReports()]);
});
afterAll(async () => {
  wall?.close();
  await t?.close();
});

describe('a phone back from a day offline', () => {
  it('has every batch accepted, and the batch sent again after a lost answer changes nothing', () => {
    expect(batchResults.every((r) => r.status === 200)).toBe(true);
    expect(batchResults.slice(0, -1).reduce((n, r) => n + r.accepted, 0)).toBe(points.length);
    expect(batchResults.at(-1)).toEqual({ status: 200, accepted: 0, duplicates: 140, flagged: 0 });
    expect(batchResults.reduce((n, r) => n + r.flagged, 0)).toBe(0);
  });

  it('stores every position exactly once, in the partition of its China-time day', async () => {
    const parts = (
      await t.db.query<{ part: string; n: number; first: Date; last: Date }>(
        `SELECT tableoid::regclass::text AS part, count(*)::int AS n, min(t) AS first, max(t) AS last
       FROM worker_positions WHERE worker_id = $1 GROUP BY 1 ORDER BY 1`,
        [me.workerId],
      )
    ).rows;
    // 00:00–00:10 on the 3rd is still the 2nd in UTC, but it is Tuesday in Shanghai.
    expect(parts.map((p) => [p.part, p.n])).toEqual([
      ['worker_positions_20260302', 2580],
      ['worker_positions_20260303', 60],
    ]);
    expect(new Date(parts[1].first).toISOString()).toBe(new Date(cst('2026-03-03', '00:00:00')).toISOString());
    const stored = (
      await t.db.query<{ t: Date }>(`SELECT t FROM worker_positions WHERE worker_id = $1 ORDER BY t`, [me.workerId])
    ).rows;
    expect(stored.map((r) => new Date(r.t).toISOString())).toEqual(points.map((p) => p.t));
  });

  it('reads the day back as one trail in device-time order, every fix in place', async () => {
    const q = `from=${encodeURIComponent('2026-03-02T00:00:00+08:00')}&to=${encodeURIComponent('2026-03-03T01:00:00+08:00')}`;
    const r = await t.get(`/api/workers/${me.workerId}/trail?${q}`, tokens.supervisor);
    expect(r.status).toBe(200);
    const trail = (await r.json()) as Json;
    expect(trail.flagged).toBe(0);
    expect(trail.timestamps).toEqual(points.map((p) => Date.parse(p.t)));
    expect(trail.path).toEqual(points.map((p) => [p.lon, p.lat]));
  });

  it('never moves the worker back in time on the wall while old batches arrive', () => {
    const mine = positionPushes.filter((p) => p.workerId === me.workerId).map((p) => Date.parse(p.t));
    expect(mine.length).toBeGreaterThan(0);
    expect(mine).toEqual([...new Set(mine)].sort((a, b) => a - b));
    expect(mine.at(-1)).toBe(Date.parse(points.at(-1)!.t));
  });

  it('turns each queued report into one order, the resends answering with the same one', async () => {
    const byKey = new Map<string, typeof reportResults>();
    for (const r of reportResults) byKey.set(r.key, [...(byKey.get(r.key) ?? []), r]);
    expect([...byKey.keys()]).toEqual(queue.map((q) => q.key));
    for (const sends of byKey.values()) {
      expect(sends.map((s) => s.status)).toEqual([201, ...sends.slice(1).map(() => 200)]);
      expect(new Set(sends.map((s) => s.body.order.id)).size).toBe(1);
    }
    const ids = queue.map((q) => byKey.get(q.key)![0].body.order.id as number);
    const stored = (
      await t.db.query<{ id: number; category_code: string }>(
        `SELECT o.id, o.category_code FROM orders o JOIN accounts a ON a.id = o.reported_by WHERE a.username = 'worker1' AND o.id = ANY($1) ORDER BY o.id`,
        [ids],
      )
    ).rows;
    expect(stored.map((o) => o.category_code)).toEqual(queue.map((q) => q.body.categoryCode));
    expect(
      (
        await t.db.query(
          `SELECT 1 FROM idempotency_keys k JOIN accounts a ON a.id = k.account_id WHERE a.username = 'worker1'`,
        )
      ).rowCount,
    ).toBe(queue.length);
  });

  it('keeps the reports in the order they were made', () => {
    const firsts = queue.map((q) => reportResults.find((r) => r.key === q.key)!.body.order);
    const ids = firsts.map((o) => o.id as number);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    // The report carries no device time (OrderCreate has no such field): reportedAt is when it arrived,
    // so the order it was made in is the order it is sent in.
    const reported = firsts.map((o) => Date.parse(o.reportedAt));
    expect(reported).toEqual([...reported].sort((a, b) => a - b));
    expect(reported[0]).toBeGreaterThan(cst('2026-03-03', '09:30:00'));
  });

  it('pushes each of their events to the wall once, in order', async () => {
    const recorded = (
      await t.db.query<{ seq: string; topic: string }>(`SELECT seq, topic FROM pushes WHERE seq > $1 ORDER BY seq`, [
        baselineSeq,
      ])
    ).rows.map((r) => ({ seq: Number(r.seq), topic: r.topic }));
    // Ten reports; the safety hazard is also accepted and dispatched on arrival.
    expect(recorded.filter((r) => r.topic === 'order:created')).toHaveLength(queue.length);
    expect(recorded).toHaveLength(queue.length + 2);
    await until(() => pushes.length >= recorded.length);
    await new Promise((r) => setTimeout(r, 300)); // nothing more comes
    expect(pushes.map((p) => ({ seq: p.seq, topic: p.topic }))).toEqual(recorded);
    const created = pushes.filter((p) => p.topic === 'order:created').map((p) => p.orderId);
    expect(created).toEqual(queue.map((q) => reportResults.find((r) => r.key === q.key)!.body.order.id));
  });
});
