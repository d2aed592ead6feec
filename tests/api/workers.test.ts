// Grid workers against a real database: position ingest (late, out of order, duplicates, flags, socket),
// scope, live positions, trails with stops, coverage, geofence/silence alarms with a fake clock, visits,
// compliance, audited person files, ranking and nearest workers.
import { io as connect } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PositionsAck } from '../../contract/workers.js';
import { WorkerDirectory } from '../../api/workers/directory.js';
import { Partitions } from '../../api/workers/partitions.js';
import { checkWorkerAlarms, type WorkerDeps } from '../../api/workers/service.js';
import { loadConfig } from '../../api/config.js';
import { startTestApp, type TestApp } from '../helpers/test-db.js';

let t: TestApp;
const clock = { now: new Date('2026-03-02T02:00:00Z') }; // Monday 10:00 in Shanghai, on duty
let tokens: Record<string, string>;
let me: { workerId: number; gridId: number; path: string };
let road: { lon: number; lat: number }[]; // vertices of the roads inside worker1's grid
let otherWorker: { id: number; lon: number; lat: number }; // a worker of another street

type Json = Record<string, any>;
const json = async (r: Response) => (await r.json()) as Json;
const sh = (hm: string) => `2026-03-02T${hm}+08:00`;
const post = (points: Json[], who = 'worker1') => t.post('/api/positions', { points }, tokens[who]);
const count = async () =>
  Number(
    (
      await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM worker_positions WHERE worker_id = $1`, [
        me.workerId,
      ])
    ).rows[0].n,
  );

beforeAll(async () => {
  t = await startTestApp(
    { GRIDWALL_WORKER_CHECK_INTERVAL_MS: '0', GRIDWALL_LIVE_PUSH_MS: '0' },
    { now: () => clock.now },
  );
  tokens = {};
  for (const u of ['admin', 'supervisor', 'operator', 'community1', 'worker1', 'planner', 'dispatcher'])
    tokens[u] = await t.login(u);
  me = (
    await t.db.query<typeof me>(
      `SELECT a.worker_id AS "workerId", a.area_id AS "gridId", g.path FROM accounts a JOIN areas g ON g.id = a.area_id WHERE a.username = 'worker1'`,
    )
  ).rows[0];
  // Six points along the longest road inside the grid, away from its edges.
  road = (
    await t.db.query<{ lon: number; lat: number }>(
      `SELECT ST_X(p) AS lon, ST_Y(p) AS lat FROM (
       SELECT ST_LineInterpolatePoint(l, f) AS p, f FROM (
         SELECT (ST_Dump(ST_CollectionExtract(ST_Intersection(r.geom, g.geom), 2))).geom AS l
         FROM roads r JOIN areas g ON ST_Intersects(r.geom, g.geom) WHERE g.id = $1 ORDER BY 1 LIMIT 50) x,
       unnest(ARRAY[0.1, 0.26, 0.42, 0.58, 0.74, 0.9]) f
       WHERE l = (SELECT l2 FROM (SELECT (ST_Dump(ST_CollectionExtract(ST_Intersection(r.geom, g.geom), 2))).geom AS l2
                  FROM roads r JOIN areas g ON ST_Intersects(r.geom, g.geom) WHERE g.id = $1) y ORDER BY ST_Length(l2) DESC LIMIT 1)) z
     ORDER BY f`,
      [me.gridId],
    )
  ).rows;
  otherWorker = (
    await t.db.query<typeof otherWorker>(
      `SELECT wg.worker_id AS id, ST_X(a.label_point) AS lon, ST_Y(a.label_point) AS lat FROM worker_grids wg JOIN areas a ON a.id = wg.grid_id
     WHERE a.path NOT LIKE (SELECT path FROM areas WHERE id = (SELECT parent_id FROM areas WHERE id = (SELECT parent_id FROM areas WHERE id = $1))) || '%' ORDER BY wg.worker_id LIMIT 1`,
      [me.gridId],
    )
  ).rows[0];
  // The demo seed walks every worker yesterday (whoever "yesterday" is when the template was built); these
  // tests write their own day, 2026-03-02, and count what they wrote, so the two workers start empty.
  await t.db.query(`DELETE FROM worker_positions WHERE worker_id = ANY($1)`, [[me.workerId, otherWorker.id]]);
});
afterAll(async () => t?.close());

describe('ingest', () => {
  it('accepts a batch, drops exact duplicates, and puts late and out-of-order points in place', async () => {
    const a = road[0];
    const first = await json(
      await post([
        { t: sh('09:00:00'), ...a, accuracy: 8 },
        { t: sh('09:02:00'), ...a },
        { t: sh('09:01:00'), ...a, speed: 0.5 },
      ]),
    );
    expect(first).toEqual({ accepted: 3, duplicates: 0, flagged: 0 });
    const again = await json(
      await post([
        { t: sh('09:01:00'), ...a },
        { t: sh('08:59:00'), ...a },
      ]),
    );
    expect(again).toEqual({ accepted: 1, duplicates: 1, flagged: 0 });
    const rows = await t.db.query<{ t: Date }>(`SELECT t FROM worker_positions WHERE worker_id = $1 ORDER BY t`, [
      me.workerId,
    ]);
    expect(rows.rows.map((r) => new Date(r.t).toISOString())).toEqual(
      ['00:59', '01:00', '01:01', '01:02'].map((x) => `2026-03-02T${x}:00.000Z`),
    );
  });

  it('flags impossible speed jumps and points outside the district, and keeps them', async () => {
    const a = road[0];
    const far = { lon: otherWorker.lon, lat: otherWorker.lat }; // another street, 5 s after 09:02 at a
    const out = await json(
      await post([
        { t: sh('09:02:05'), ...far },
        { t: sh('09:04:00'), ...a },
        { t: sh('09:05:00'), lon: 100, lat: 20 },
      ]),
    );
    expect(out).toEqual({ accepted: 3, duplicates: 0, flagged: 2 });
    const flags = await t.db.query<{ flags: number }>(
      `SELECT flags FROM worker_positions WHERE worker_id = $1 AND t >= $2 ORDER BY t`,
      [me.workerId, sh('09:02:05')],
    );
    expect(flags.rows.map((r) => r.flags)).toEqual([1, 0, 3]);
  });

  it('refuses a point in the future or a malformed batch and writes nothing', async () => {
    const before = await count();
    const r = await post([
      { t: sh('09:06:00'), ...road[0] },
      { t: sh('11:00:00'), ...road[0] },
    ]);
    expect(r.status).toBe(400);
    expect((await json(r)).error).toMatchObject({
      messageKey: 'workers.pointInFuture',
      message: expect.stringMatching(/时间在未来/),
    });
    expect((await post([{ t: 'yesterday', ...road[0] }])).status).toBe(400);
    expect(
      (
        await post(
          Array.from({ length: 501 }, (_, i) => ({
            t: new Date(Date.parse(sh('08:00:00')) + i * 1000).toISOString(),
            ...road[0],
          })),
        )
      ).status,
    ).toBe(400);
    expect(await count()).toBe(before);
  });

  it('lets only a grid worker post, and only their own positions', async () => {
    expect((await post([{ t: sh('09:06:00'), ...road[0] }], 'supervisor')).status).toBe(403);
    // No field names another worker: the account decides whose positions these are.
    const r = await t.post(
      '/api/positions',
      { workerId: otherWorker.id, points: [{ t: sh('09:06:00'), ...road[0] }] },
      tokens.worker1,
    );
    expect(r.status).toBe(200);
    expect((await t.db.query(`SELECT 1 FROM worker_positions WHERE worker_id = $1`, [otherWorker.id])).rowCount).toBe(
      0,
    );
  });

  it('takes the same batches over Socket.IO with an ack, and pushes worker:position to the grid room', async () => {
    const sock = connect(t.url, {
      auth: { token: tokens.worker1 },
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
    });
    const wall = connect(t.url, {
      auth: { token: tokens.community1 },
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
    });
    const seen: Json[] = [];
    wall.on('worker:position', (p: Json) => seen.push(p));
    await Promise.all(
      [sock, wall].map(
        (s) =>
          new Promise<void>((res, rej) => {
            s.once('connect', () => res());
            s.once('connect_error', rej);
          }),
      ),
    );
    // Walk the road: one vertex a minute from 09:10.
    const points = road.map((p, i) => ({ t: new Date(Date.parse(sh('09:10:00')) + i * 60_000).toISOString(), ...p }));
    const ack = await new Promise<PositionsAck>((res) => sock.emit('positions', { points }, res));
    expect(ack).toEqual({ ok: true, result: { accepted: road.length, duplicates: 0, flagged: 0 } });
    const bad = await new Promise<PositionsAck>((res) => sock.emit('positions', { points: [] }, res));
    expect(bad.ok).toBe(false);
    const end = Date.now() + 3000;
    while (!seen.length && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
    expect(seen.at(-1)).toMatchObject({ workerId: me.workerId, gridId: me.gridId, lon: road.at(-1)!.lon });
    expect(Object.keys(seen.at(-1)!).sort()).toEqual([
      'flags',
      'gridId',
      'gridName',
      'lat',
      'lon',
      'name',
      't',
      'workerId',
    ]);
    sock.close();
    wall.close();
  });
});

describe('partitions and retention', () => {
  it('creates day partitions ahead and drops whole days past the retention', async () => {
    const parts = new Partitions(t.db);
    await parts.ensure(['2024-10-01', '2024-10-02']);
    const now = Date.parse('2026-03-02T02:00:00Z');
    const dropped = await parts.upkeep(now, 400); // keeps from 2025-01-26
    expect(dropped).toBeGreaterThanOrEqual(2);
    const names = (
      await t.db.query<{ relname: string }>(
        `SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = 'worker_positions'::regclass ORDER BY 1`,
      )
    ).rows.map((r) => r.relname);
    expect(names).not.toContain('worker_positions_20241001');
    expect(names).toContain('worker_positions_20260302');
    expect(names).toContain('worker_positions_20260303'); // tomorrow, ahead of time
    expect(await count()).toBeGreaterThan(0); // today's rows untouched
    const old = await post([{ t: '2024-10-01T10:00:00+08:00', ...road[0] }]);
    expect(old.status).toBe(400);
    expect((await json(old)).error).toMatchObject({ messageKey: 'workers.pointTooOld', params: { days: 400 } });
  });
});

describe('reading positions', () => {
  it('lists live positions in scope, stale after 10 minutes', async () => {
    const live = await json(await t.get('/api/workers/live', tokens.supervisor));
    const mine = (live as unknown as Json[]).find((x) => x.workerId === me.workerId)!;
    expect(mine.stale).toBe(true); // last point 09:15, clock 10:00
    clock.now = new Date(Date.parse(sh('09:20:00')));
    const fresh = (await json(await t.get('/api/workers/live', tokens.community1))) as unknown as Json[];
    expect(fresh.find((x) => x.workerId === me.workerId)!.stale).toBe(false);
    clock.now = new Date('2026-03-02T02:00:00Z');
  });

  it('keeps a community account to its own workers, and a grid worker to themself', async () => {
    expect(
      (
        await t.get(
          `/api/workers/${otherWorker.id}/trail?from=${encodeURIComponent(sh('00:00:00'))}&to=${encodeURIComponent(sh('23:00:00'))}`,
          tokens.community1,
        )
      ).status,
    ).toBe(404);
    expect(
      (
        await t.get(
          `/api/workers/${otherWorker.id}/trail?from=${encodeURIComponent(sh('00:00:00'))}&to=${encodeURIComponent(sh('23:00:00'))}`,
          tokens.worker1,
        )
      ).status,
    ).toBe(404);
    expect(
      (
        await t.get(
          `/api/workers/${otherWorker.id}/trail?from=${encodeURIComponent(sh('00:00:00'))}&to=${encodeURIComponent(sh('23:00:00'))}`,
          tokens.supervisor,
        )
      ).status,
    ).toBe(200);
  });

  it("returns a worker's trail in device-time order without flagged points, and the stop at the start", async () => {
    const trail = await json(
      await t.get(
        `/api/workers/${me.workerId}/trail?from=${encodeURIComponent(sh('08:00:00'))}&to=${encodeURIComponent(sh('10:00:00'))}`,
        tokens.worker1,
      ),
    );
    expect(trail.flagged).toBe(2);
    expect(trail.timestamps).toEqual([...trail.timestamps].sort((a: number, b: number) => a - b));
    expect(trail.path).toHaveLength(trail.timestamps.length);
    // From 08:59 at one spot (the jump at 09:02:05 left out) until the walk at 09:10 leaves it: a stop of ≥ 5 minutes.
    expect(trail.stops[0].from).toBe('2026-03-02T00:59:00.000Z');
    expect(trail.stops[0].minutes).toBeGreaterThanOrEqual(5);
    expect(trail.stops[0].lon).toBeCloseTo(road[0].lon, 3);
    const area = await json(
      await t.get(
        `/api/areas/${me.gridId}/trails?from=${encodeURIComponent(sh('08:00:00'))}&to=${encodeURIComponent(sh('10:00:00'))}`,
        tokens.community1,
      ),
    );
    expect(area.trails.map((x: Json) => x.workerId)).toContain(me.workerId);
  });

  it('computes coverage per grid for the day: some for the walked grid, none for the rest', async () => {
    const r = await json(await t.get(`/api/areas/${me.gridId}/coverage?day=2026-03-02`, tokens.supervisor));
    expect(r.grids).toHaveLength(1);
    expect(r.grids[0].coverage).toBeGreaterThan(0);
    expect(r.grids[0].unpatrolled).toBe(false);
    const district = (await t.db.query<{ id: number }>(`SELECT id FROM areas WHERE level = 'district'`)).rows[0].id;
    const all = await json(await t.get(`/api/areas/${district}/coverage?day=2026-03-02`, tokens.supervisor));
    expect(all.grids.filter((g: Json) => !g.unpatrolled).map((g: Json) => g.gridId)).toEqual([me.gridId]);
    expect((await t.get(`/api/areas/${district}/coverage?day=2026-13-40`, tokens.supervisor)).status).toBe(400);
  });

  it('suggests the nearest on-duty workers for an order, with their open-order load', async () => {
    const o = await json(
      await t.post(
        '/api/orders',
        { categoryCode: 'SAN-01', description: '垃圾堆放', source: 'grid_worker', ...road[1] },
        tokens.dispatcher,
      ),
    );
    clock.now = new Date(Date.parse(sh('09:20:00')));
    const near = (await json(
      await t.get(`/api/orders/${o.order.id}/nearest-workers`, tokens.dispatcher),
    )) as unknown as Json[];
    clock.now = new Date('2026-03-02T02:00:00Z');
    expect(near[0]).toMatchObject({ workerId: me.workerId, stale: false });
    expect(near[0].distanceM).toBeLessThan(1000);
    expect(near[0].openOrders).toBeGreaterThanOrEqual(1);
  });
});

describe('geofence and silence alarms', () => {
  it('raises one alarm per episode, with a fake clock', async () => {
    const deps: WorkerDeps = {
      db: t.db,
      directory: new WorkerDirectory(t.db),
      partitions: new Partitions(t.db),
      live: null,
      settings: loadConfig({}).workers,
      now: () => clock.now,
    };
    // The other worker walks outside their grid (in worker1's grid) from 10:00 to 10:40.
    const pts = Array.from(
      { length: 41 },
      (_, i) =>
        [
          new Date(Date.parse(sh('10:00:00')) + i * 60_000).toISOString(),
          road[i % road.length].lon,
          road[i % road.length].lat,
        ] as const,
    );
    await deps.partitions.ensure(['2026-03-02']);
    await t.db.query(
      `INSERT INTO worker_positions (worker_id, t, lon, lat) SELECT $1, * FROM unnest($2::timestamptz[], $3::float8[], $4::float8[])`,
      [otherWorker.id, pts.map((p) => p[0]), pts.map((p) => p[1]), pts.map((p) => p[2])],
    );
    clock.now = new Date(Date.parse(sh('10:20:00')));
    expect((await checkWorkerAlarms(deps)).filter((p) => p.payload.workerId === otherWorker.id)).toEqual([]);
    clock.now = new Date(Date.parse(sh('10:40:00')));
    const raised = (await checkWorkerAlarms(deps)).filter((p) => p.payload.workerId === otherWorker.id);
    expect(raised).toHaveLength(1);
    expect(raised[0]).toMatchObject({
      topic: 'alarm',
      payload: { kind: 'system', workerAlarm: 'out_of_grid', since: '2026-03-02T02:00:00.000Z' },
    });
    expect((await checkWorkerAlarms(deps)).filter((p) => p.payload.workerId === otherWorker.id)).toEqual([]); // same episode
    clock.now = new Date(Date.parse(sh('11:05:00')));
    const silent = (await checkWorkerAlarms(deps)).filter((p) => p.payload.workerId === otherWorker.id);
    expect(silent.map((p) => p.payload.workerAlarm)).toEqual(['silent']);
    const alarms = await json(await t.get('/api/alarms', tokens.supervisor));
    expect((alarms as unknown as Json[]).some((a) => a.workerId === otherWorker.id)).toBe(true);
    clock.now = new Date('2026-03-02T02:00:00Z');
  });

  it('finds where a long time outside began, however many points it spans, and raises nothing off duty', async () => {
    const deps: WorkerDeps = {
      db: t.db,
      directory: new WorkerDirectory(t.db),
      partitions: new Partitions(t.db),
      live: null,
      settings: loadConfig({}).workers,
      now: () => clock.now,
    };
    const day = (hms: string) => Date.parse(`2026-03-03T${hms}+08:00`);
    // Tuesday: inside their own grid 08:30–08:39 (a fix a minute), then in worker1's grid every 10 s until 09:30 (301 fixes).
    const pts = [
      ...Array.from(
        { length: 10 },
        (_, i) => [day('08:30:00') + i * 60_000, otherWorker.lon, otherWorker.lat] as const,
      ),
      ...Array.from(
        { length: 301 },
        (_, i) => [day('08:40:00') + i * 10_000, road[i % road.length].lon, road[i % road.length].lat] as const,
      ),
    ];
    await deps.partitions.ensure(['2026-03-03']);
    await t.db.query(
      `INSERT INTO worker_positions (worker_id, t, lon, lat) SELECT $1, * FROM unnest($2::timestamptz[], $3::float8[], $4::float8[])`,
      [otherWorker.id, pts.map((p) => new Date(p[0]).toISOString()), pts.map((p) => p[1]), pts.map((p) => p[2])],
    );
    clock.now = new Date(day('12:30:00')); // lunch: off duty
    expect((await checkWorkerAlarms(deps)).filter((p) => p.payload.workerId === otherWorker.id)).toEqual([]);
    clock.now = new Date(day('09:30:00'));
    const raised = (await checkWorkerAlarms(deps)).filter((p) => p.payload.workerId === otherWorker.id);
    expect(raised.map((p) => [p.payload.workerAlarm, p.payload.since])).toEqual([
      ['out_of_grid', new Date(day('08:40:00')).toISOString()],
    ]);
    clock.now = new Date('2026-03-02T02:00:00Z');
  });
});

describe('visits', () => {
  let special: { id: number }[];
  let plain: number;
  let elsewhere: number;
  beforeAll(async () => {
    special = (
      await t.db.query<{ id: number }>(
        `SELECT id::int FROM residents WHERE grid_id = $1 AND flags <> 0 ORDER BY id LIMIT 2`,
        [me.gridId],
      )
    ).rows;
    plain = (
      await t.db.query<{ id: number }>(
        `SELECT id::int FROM residents WHERE grid_id = $1 AND flags = 0 ORDER BY id LIMIT 1`,
        [me.gridId],
      )
    ).rows[0].id;
    elsewhere = (
      await t.db.query<{ id: number }>(
        `SELECT r.id::int FROM residents r JOIN areas a ON a.id = r.grid_id WHERE r.flags <> 0 AND a.id <> $1 ORDER BY r.id LIMIT 1`,
        [me.gridId],
      )
    ).rows[0].id;
  });

  it('logs a visit to a special-group resident of the own grid, and refuses the rest', async () => {
    expect(special.length).toBe(2);
    for (const at of [
      '2026-03-01T09:00:00+08:00',
      '2026-03-01T15:00:00+08:00',
      '2026-03-02T08:00:00+08:00',
      '2026-03-02T09:00:00+08:00',
    ]) {
      const r = await t.post(
        '/api/visits',
        { residentId: special[0].id, visitedAt: at, note: '上门走访' },
        tokens.worker1,
      );
      expect(r.status).toBe(201);
    }
    expect((await t.post('/api/visits', { residentId: plain }, tokens.worker1)).status).toBe(400);
    expect((await t.post('/api/visits', { residentId: elsewhere }, tokens.worker1)).status).toBe(404);
    expect(
      (
        await t.post(
          '/api/visits',
          { residentId: special[1].id, visitedAt: '2026-04-01T09:00:00+08:00' },
          tokens.worker1,
        )
      ).status,
    ).toBe(400);
    expect(
      (await t.post('/api/visits', { residentId: special[1].id, photoId: 'missing-photo-id' }, tokens.worker1)).status,
    ).toBe(400);
  });

  it('reports compliance per grid as weeks met over weeks due, and who is behind', async () => {
    const c = await json(await t.get('/api/visits/compliance?month=2026-02', tokens.supervisor));
    // February 2026 is the four weeks from Monday 2 February; 1 March (a Sunday) ends its last week
    expect([c.weeks, c.weeksOver]).toEqual([4, 4]);
    expect(c.compliant).toBe(0); // one visited week out of four at most
    const march = await json(await t.get('/api/visits/compliance?month=2026-03', tokens.supervisor));
    expect([march.weeks, march.weeksOver]).toEqual([4, 0]); // Monday 2 March: no week over yet
    clock.now = new Date('2026-03-10T02:00:00Z');
    const m = await json(
      await t.get(
        `/api/visits/compliance?month=2026-03&area=${me.gridId}&persons=true&purpose=${encodeURIComponent('走访督办')}`,
        tokens.community1,
      ),
    );
    clock.now = new Date('2026-03-02T02:00:00Z');
    expect(m.rule).toEqual({ per: 'week', visits: 1 });
    expect(m.weeksOver).toBe(1); // 2–8 March
    const g = m.grids[0];
    expect(g.visits).toBe(2); // the two of 1 March count in February's last week
    expect(g.compliant).toBe(1);
    expect(m.lagging.map((p: Json) => p.residentId)).not.toContain(special[0].id);
    expect(m.lagging.map((p: Json) => p.residentId)).toContain(special[1].id);
    expect((await t.get('/api/visits/compliance?persons=true', tokens.planner)).status).toBe(403);
    const planner = await json(await t.get('/api/visits/compliance', tokens.planner));
    expect(planner.lagging).toBeUndefined();
  });

  it("reads a person's file only in scope and with a stated purpose, and audits the read", async () => {
    expect((await t.get(`/api/residents/${special[0].id}/file`, tokens.worker1)).status).toBe(400);
    expect(
      (await t.get(`/api/residents/${elsewhere}/file?purpose=${encodeURIComponent('走访前核对')}`, tokens.worker1))
        .status,
    ).toBe(404);
    expect((await t.get(`/api/residents/${special[0].id}/file?purpose=x`, tokens.planner)).status).toBe(403);
    const before = (await t.db.query(`SELECT 1 FROM audit_log WHERE action = 'person_file.read'`)).rowCount;
    const r = await t.get(
      `/api/residents/${special[0].id}/file?purpose=${encodeURIComponent('走访前核对')}`,
      tokens.worker1,
    );
    expect(r.status).toBe(200);
    const f = await json(r);
    expect(f.visits.filter((v: Json) => v.visitedAt.startsWith('2026-03'))).toHaveLength(4); // the demo seed adds visits in the current month
    const log = await t.db.query<{ target: string; detail: Json }>(
      `SELECT target, detail FROM audit_log WHERE action = 'person_file.read' ORDER BY id DESC`,
    );
    expect(log.rowCount).toBe(before + 1);
    expect(log.rows[0]).toMatchObject({ target: `resident:${special[0].id}`, detail: { purpose: '走访前核对' } });
  });
});

describe('ranking', () => {
  it('ranks the grids of a scope with the weights asked for', async () => {
    const r = await json(
      await t.get(`/api/workers/ranking?month=2026-03&weights=${encodeURIComponent('coverage:1')}`, tokens.community1),
    );
    expect(r.weights).toEqual({ info: 0, coverage: 1, visits: 0, onTime: 0 });
    expect(r.rows[0].id).toBe(me.gridId);
    expect(r.rows[0].rank).toBe(1);
    const byWorker = await json(await t.get('/api/workers/ranking?month=2026-03&by=worker', tokens.supervisor));
    expect(byWorker.rows.length).toBeGreaterThan(r.rows.length);
    expect((await t.get('/api/workers/ranking?weights=speed:1', tokens.supervisor)).status).toBe(400);
  });
});
