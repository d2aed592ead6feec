// Socket.IO against the routes, as a hostile tester walks it with real socket clients: every event type the
// server emits, to every role at three scopes (district, one community, a far community) and to two grid workers
// sharing a grid — nothing arrives by socket, live, on replay or on a verify resend, that the matching HTTP route
// refuses the same account, and what it allows arrives (worker positions naming the grid that GET
// /api/workers/live names). Sessions that end: socket-session-end.test.ts.
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connected, sentinel } from '../helpers/sockets.js';
import { startTestApp, type TestApp } from '../helpers/test-db.js';

type Json = Record<string, any>;
const STAFF = ['admin', 'operator', 'dispatcher', 'planner', 'supervisor'] as const;
const PASSWORD = 'Narrow-scope-2026';

interface Client {
  label: string;
  account: string;
  token: string;
  socket: Socket;
  live: { ev: string; p: Json }[];
}

let t: TestApp;
const clock = { now: new Date() };
beforeAll(async () => {
  t = await startTestApp(
    {
      GRIDWALL_SYNC_MS: '0',
      GRIDWALL_INTAKE_PER_MINUTE: '0',
      GRIDWALL_LIVE_PUSH_MS: '0',
      GRIDWALL_WORKER_CHECK_INTERVAL_MS: '0',
    },
    { now: () => clock.now },
  );
});
afterAll(async () => t?.close());

describe('socket pushes follow the rules of the routes', () => {
  const clients: Client[] = [];
  const tokens: Record<string, string> = {};
  let g: {
    id: number;
    path: string;
    lon: number;
    lat: number;
    community: number;
    far: number;
    farLon: number;
    farLat: number;
  };
  let w1: number;
  let w2: { id: number; account: string };
  let seq0: number;
  const made: Record<string, number> = {};

  const get = (path: string, token: string) => t.get(path, token);
  const latestSeq = async () =>
    Number((await t.db.query<{ s: string | null }>(`SELECT max(seq) AS s FROM pushes`)).rows[0].s ?? 0);

  function open(label: string, account: string): Client {
    const token = tokens[account];
    const socket = connect(t.url, { auth: { token }, transports: ['websocket'], reconnection: false, forceNew: true });
    const c: Client = { label, account, token, socket, live: [] };
    socket.onAny((ev: string, p: Json) => c.live.push({ ev, p }));
    clients.push(c);
    return c;
  }

  // What the routes let this account read, memoised per account.
  const memo = new Map<string, Promise<boolean>>();
  const once = (key: string, f: () => Promise<boolean>) => {
    if (!memo.has(key)) memo.set(key, f());
    return memo.get(key)!;
  };
  const lives = new Map<string, Promise<Json[] | null>>();
  const liveOf = (token: string) => {
    if (!lives.has(token))
      lives.set(
        token,
        get('/api/workers/live', token).then(async (r) => (r.status === 200 ? ((await r.json()) as Json[]) : null)),
      );
    return lives.get(token)!;
  };
  async function routeAllows(c: Client, ev: string, p: Json): Promise<boolean> {
    switch (ev) {
      case 'order:created':
      case 'order:updated':
      case 'order:escalated':
        return once(
          `${c.token}:order:${p.order.id}`,
          async () => (await get(`/api/orders/${p.order.id}`, c.token)).status === 200,
        );
      case 'alarm':
        return once(`${c.token}:alarm:${p.seq}`, async () => {
          const r = await get(`/api/alarms?state=all&limit=1&before=${p.seq + 1}`, c.token);
          return r.status === 200 && ((await r.json()) as Json[])[0]?.seq === p.seq;
        });
      case 'alarm:ack':
        return once(`${c.token}:ack:${p.seq}`, async () => {
          const r = await get(`/api/alarms?state=all&limit=1&before=${p.alarmSeq + 1}`, c.token);
          const a = r.status === 200 ? ((await r.json()) as Json[])[0] : undefined;
          return a?.seq === p.alarmSeq && a?.ack?.by === p.ackedBy;
        });
      case 'worker:position': {
        const live = await liveOf(c.token);
        const entry = live?.find((x) => x.workerId === p.workerId);
        // The same worker, under the same name and grid as the route shows.
        return !!entry && entry.gridId === p.gridId && entry.gridName === p.gridName && entry.name === p.name;
      }
      case 'wall:command':
        return c.account === 'c.operator'; // relayed to the sender's own account only
      case 'inbox:new':
        // Only to the account whose inbox lists that event for that order.
        return once(`${c.account} inbox ${p.seq}`, async () => {
          const r = await get('/api/inbox?limit=200', c.token);
          if (r.status !== 200) return false;
          const { items } = (await r.json()) as { items: Json[] };
          return items.some((i) => i.seq === p.seq && i.orderId === p.orderId);
        });
      case 'watermark':
        return true; // a bare seq number
      default:
        return false;
    }
  }
  async function leaks(where: (c: Client) => { ev: string; p: Json }[]): Promise<string[]> {
    const out: string[] = [];
    for (const c of clients) {
      for (const { ev, p } of where(c))
        if (!(await routeAllows(c, ev, p))) out.push(`${c.label} ← ${ev} ${JSON.stringify(p).slice(0, 160)}`);
    }
    return out;
  }

  beforeAll(async () => {
    // worker1's grid, its community, and a community of another street.
    g = (
      await t.db.query<typeof g>(
        `SELECT gr.id, gr.path, ST_X(gr.label_point) AS lon, ST_Y(gr.label_point) AS lat, gr.parent_id AS community,
              far.id AS far, ST_X(fg.label_point) AS "farLon", ST_Y(fg.label_point) AS "farLat"
         FROM accounts a JOIN areas gr ON gr.id = a.area_id
         JOIN areas c ON c.id = gr.parent_id
         JOIN LATERAL (SELECT f.id FROM areas f WHERE f.level = 'community' AND f.path NOT LIKE (SELECT path FROM areas WHERE id = c.parent_id) || '%' ORDER BY f.id LIMIT 1) far ON true
         JOIN LATERAL (SELECT label_point FROM areas x WHERE x.parent_id = far.id AND x.level = 'grid' ORDER BY x.id LIMIT 1) fg ON true
        WHERE a.username = 'worker1'`,
      )
    ).rows[0];
    w1 = (await t.db.query<{ id: number }>(`SELECT worker_id AS id FROM accounts WHERE username = 'worker1'`)).rows[0]
      .id;
    // A colleague: a worker of the far community (a lower grid id first, if there is one) who is also put on
    // worker1's grid, with a phone account scoped to that grid.
    const colleague = (
      await t.db.query<{ id: number; username: string }>(
        `SELECT w.worker_id AS id, a.username FROM worker_grids w JOIN areas x ON x.id = w.grid_id JOIN accounts a ON a.worker_id = w.worker_id
        WHERE x.parent_id = $1 AND a.role = 'grid_worker' AND a.active ORDER BY (w.grid_id < $2) DESC, w.grid_id LIMIT 1`,
        [g.far, g.id],
      )
    ).rows[0];
    w2 = { id: colleague.id, account: colleague.username };
    await t.db.query(`INSERT INTO worker_grids (worker_id, grid_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [
      w2.id,
      g.id,
    ]);
    await t.db.query(`UPDATE accounts SET area_id = $2 WHERE worker_id = $1`, [w2.id, g.id]);
    t.app.hub.bus.announce({ cache: 'areas' }); // the worker directory reads the new assignment

    for (const u of [...STAFF, 'worker1', w2.account]) tokens[u] = await t.login(u);
    for (const [prefix, areaId] of [
      ['c', g.community],
      ['f', g.far],
    ] as const) {
      for (const role of STAFF) {
        const r = await t.post(
          '/api/accounts',
          { username: `${prefix}.${role}`, displayName: `${prefix} ${role}`, role, areaId, password: PASSWORD },
          tokens.admin,
        );
        expect(r.status).toBe(201);
        tokens[`${prefix}.${role}`] = await t.login(`${prefix}.${role}`, PASSWORD);
      }
    }
    for (const role of STAFF)
      for (const prefix of ['', 'c.', 'f.']) open(`${prefix || 'district.'}${role}`, `${prefix}${role}`);
    open('worker1', 'worker1');
    open(`colleague ${w2.account}`, w2.account);
    await Promise.all(clients.map((c) => connected(c.socket)));
    seq0 = await latestSeq();
  });
  afterAll(() => {
    for (const c of clients) c.socket.close();
  });

  it('sends every event type only where the matching route would show it, live, on replay and on a verify resend', async () => {
    const order = async (body: Json) => {
      const r = await t.post('/api/orders', { source: 'wall', ...body }, tokens.dispatcher);
      expect(r.status).toBe(201);
      return ((await r.json()) as Json).order.id as number;
    };
    // order:created, here and far away; order:updated; a 重大 hazard raising an alarm; its acknowledgement.
    made.here = await order({ categoryCode: 'CIT-01', description: '小广告', lon: g.lon, lat: g.lat });
    made.far = await order({ categoryCode: 'CIT-01', description: '小广告', lon: g.farLon, lat: g.farLat });
    expect((await t.post(`/api/orders/${made.here}/actions`, { action: 'accept' }, tokens.dispatcher)).status).toBe(
      200,
    );
    made.critical = await order({
      categoryCode: 'SAF-04',
      hazardLevel: 'critical',
      fields: { gasIssue: 'leak_smell' },
      description: '燃气泄漏',
      lon: g.lon,
      lat: g.lat,
    });
    const alarm = (
      await t.db.query<{ seq: string }>(
        `SELECT seq FROM pushes WHERE topic = 'alarm' AND (payload->>'orderId')::int = $1`,
        [made.critical],
      )
    ).rows[0];
    expect((await t.post(`/api/alarms/${alarm.seq}/ack`, { note: '已派人' }, tokens.dispatcher)).status).toBe(200);
    // order:escalated: a 较大 order past 75 % of its day.
    made.major = await order({
      categoryCode: 'FAC-02',
      hazardLevel: 'major',
      description: '井盖缺失',
      lon: g.lon,
      lat: g.lat,
    });
    clock.now = new Date(clock.now.getTime() + 18.5 * 3600_000);
    await t.app.scheduler.tick();
    // worker:position from both workers of the grid.
    const at = new Date(clock.now.getTime() - 60_000).toISOString();
    expect(
      (await t.post('/api/positions', { points: [{ t: at, lon: g.lon, lat: g.lat }] }, tokens.worker1)).status,
    ).toBe(200);
    expect(
      (await t.post('/api/positions', { points: [{ t: at, lon: g.lon + 0.0001, lat: g.lat }] }, tokens[w2.account]))
        .status,
    ).toBe(200);
    // wall:command from a remote page of the community operator.
    const remote = open('c.operator remote', 'c.operator');
    await connected(remote.socket);
    remote.socket.emit('wall:command', { command: 'next' });
    await sentinel(remote.socket); // relayed before the remote's next reply
    remote.socket.close();
    clients.splice(clients.indexOf(remote), 1);

    await Promise.all(clients.map((c) => sentinel(c.socket)));
    const topics = new Set(clients.flatMap((c) => c.live.map((x) => x.ev)));
    expect([...topics].sort()).toEqual([
      'alarm',
      'alarm:ack',
      'inbox:new',
      'order:created',
      'order:escalated',
      'order:updated',
      'wall:command',
      'worker:position',
    ]);

    // Live: nothing the routes refuse.
    expect(await leaks((c) => c.live)).toEqual([]);

    // And what they allow arrives: the order, and each visible worker once, under the route's grid.
    for (const c of clients) {
      const sees = (await get(`/api/orders/${made.here}`, c.token)).status === 200;
      expect(
        c.live.some((x) => x.ev === 'order:created' && x.p.order.id === made.here),
        c.label,
      ).toBe(sees);
      const live = (await liveOf(c.token)) ?? [];
      for (const w of [w1, w2.id]) {
        const shown = live.find((x) => x.workerId === w);
        const pushed = c.live.filter((x) => x.ev === 'worker:position' && x.p.workerId === w);
        expect(
          pushed.map((x) => x.p.gridId),
          `${c.label} about worker ${w}`,
        ).toEqual(shown ? [shown.gridId] : []);
      }
    }
    // Each grid worker hears only themself; a planner hears no worker.
    const byLabel = (l: string) => clients.find((c) => c.label === l)!;
    expect(
      byLabel('worker1')
        .live.filter((x) => x.ev === 'worker:position')
        .map((x) => x.p.workerId),
    ).toEqual([w1]);
    expect(
      byLabel(`colleague ${w2.account}`)
        .live.filter((x) => x.ev === 'worker:position')
        .map((x) => x.p.workerId),
    ).toEqual([w2.id]);
    for (const l of ['district.planner', 'c.planner', 'f.planner'])
      expect(
        byLabel(l).live.some((x) => x.ev === 'worker:position'),
        l,
      ).toBe(false);
    expect(clients.filter((c) => c.live.some((x) => x.ev === 'wall:command')).map((c) => c.label)).toEqual([
      'c.operator',
    ]);

    // Replay since before the test, and a verify that claims none of it arrived: what comes back is in scope.
    // A replay answers in one go once its query returns: after the first of it, a sentinel brings the rest.
    // A verify acknowledges after its resend.
    const upTo = await latestSeq();
    const replayed = new Map<Client, { ev: string; p: Json }[]>();
    for (const c of clients) {
      const start = c.live.length;
      c.socket.emit('replay', { since: seq0 });
      for (const end = Date.now() + 10_000; c.live.length === start;) {
        if (Date.now() > end) throw new Error(`no replay for ${c.label}`);
        await new Promise((r) => setTimeout(r, 10));
      }
      await sentinel(c.socket);
      await new Promise<void>((resolve) => c.socket.emit('verify', { after: seq0, upTo, count: 0 }, () => resolve()));
      replayed.set(c, c.live.slice(start));
    }
    expect(await leaks((c) => replayed.get(c)!)).toEqual([]);
    // Each got its scope's pushes twice (replay, then resend); the district dispatcher every one of them.
    const n = Number(
      (await t.db.query<{ n: string }>(`SELECT count(*) AS n FROM pushes WHERE seq > $1 AND seq <= $2`, [seq0, upTo]))
        .rows[0].n,
    );
    expect(replayed.get(byLabel('district.dispatcher'))!.length).toBe(2 * n);
    expect(replayed.get(byLabel('f.operator'))!.some((x) => x.p.order?.id === made.far)).toBe(true);
    expect(replayed.get(byLabel('c.operator'))!.some((x) => x.p.order?.id === made.far)).toBe(false);
  });
});

// ---- a session that ends closes its sockets at once ----
