// Several API nodes: events reach sockets on every node through Redis, a push that a node committed but
// never published still reaches every wall (the watermark check), per-node caches are emptied on every
// node, and a node killed under load loses nothing it acknowledged (that the escalation pass runs once per period
// across nodes is in jobs.test.ts). Needs REDIS_URL (CI starts Redis and sets it); the killed node is a process of
// its own, so that test needs PostgreSQL (DATABASE_URL) as well.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PushCheck } from '../../contract/push-check.js';
import { createApp, type App } from '../../api/app.js';
import { userForToken } from '../../api/auth/session.js';
import { loadConfig } from '../../api/config.js';
import { createOrder } from '../../api/orders/service.js';
import { attachRedis, type RedisFanout } from '../../api/realtime/redis.js';
import { tileOf } from '../../api/tiles/tile-math.js';
import { openTestDb, TEST_PASSWORD, type TestDb } from '../helpers/test-db.js';

const redisUrl = process.env.REDIS_URL;
const SYNC_MS = 200;
const ENV = {
  GRIDWALL_LOG: 'silent',
  GRIDWALL_WEB_DIR: '/nonexistent',
  GRIDWALL_DEMO_PASSWORD: TEST_PASSWORD,
  GRIDWALL_ESCALATION_INTERVAL_MS: '0',
  GRIDWALL_INTAKE_PER_MINUTE: '0',
  GRIDWALL_SYNC_MS: String(SYNC_MS),
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const until = async (cond: () => boolean | Promise<boolean>, ms: number, what: string) => {
  for (const end = Date.now() + ms; !(await cond());) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
};
const login = async (url: string, username: string) => {
  const r = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: TEST_PASSWORD }),
  });
  if (r.status !== 200) throw new Error(`login ${username} on ${url}: ${r.status}`);
  return ((await r.json()) as { token: string }).token;
};
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

/** A wall as the browser runs it: counts every order push by id, and answers watermarks with a verify. */
function wall(url: string, token: string, startSeq: number) {
  const socket: Socket = connect(url, {
    auth: { token },
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
  });
  const check = new PushCheck(startSeq);
  const times = new Map<number, number>();
  let resent = 0;
  const onPush = (p: { seq: number; order?: { id: number } }, created: boolean) => {
    if (check.has(p.seq)) return; // a resend of what the wall already has, as the store ignores it
    check.received(p.seq);
    if (created && p.order) times.set(p.order.id, (times.get(p.order.id) ?? 0) + 1);
  };
  socket.on('order:created', (p) => onPush(p, true));
  socket.on('order:updated', (p) => onPush(p, false));
  socket.on('alarm', (p) => onPush(p, false));
  socket.on('watermark', (w: { seq: number }) => {
    const req = check.request(w.seq);
    if (req)
      socket.timeout(5000).emit('verify', req, (err: Error | null, reply?: { resent: number }) => {
        if (err) return check.abandoned();
        resent += reply?.resent ?? 0;
        check.confirmed();
      });
  });
  const ready = new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  return { socket, check, times, ready, resent: () => resent };
}

const latestSeq = async (t: TestDb) =>
  Number((await t.db.query<{ s: string | null }>(`SELECT max(seq) AS s FROM pushes`)).rows[0].s ?? 0);
const gridPoint = async (t: TestDb) =>
  (
    await t.db.query<{ lon: number; lat: number }>(
      `SELECT ST_X(label_point) AS lon, ST_Y(label_point) AS lat FROM areas WHERE level = 'grid' ORDER BY id LIMIT 1`,
    )
  ).rows[0];

describe.runIf(redisUrl)('two API nodes on one database and Redis', () => {
  let t: TestDb;
  const nodes: { app: App; redis: RedisFanout; url: string }[] = [];
  const sockets: Socket[] = [];

  beforeAll(async () => {
    t = await openTestDb();
    const config = loadConfig(ENV);
    for (let i = 0; i < 2; i++) {
      const app = createApp({ db: t.db, config });
      const redis = await attachRedis(app.hub, redisUrl!);
      await new Promise<void>((r) => app.http.listen(0, '127.0.0.1', r));
      nodes.push({ app, redis, url: `http://127.0.0.1:${(app.http.address() as AddressInfo).port}` });
    }
  });
  afterAll(async () => {
    for (const s of sockets) s.close();
    for (const n of nodes) {
      await n.app.close();
      await n.redis.close();
    }
    await t?.close();
  });

  it('delivers an order created on node A to a wall on node B, once and in order', async () => {
    const [a, b] = nodes;
    const wall = connect(b.url, {
      auth: { token: await login(b.url, 'operator') },
      transports: ['websocket'],
      forceNew: true,
    });
    sockets.push(wall);
    const got: { seq: number; id: number }[] = [];
    wall.on('order:created', (p: { seq: number; order: { id: number } }) => got.push({ seq: p.seq, id: p.order.id }));
    await new Promise<void>((resolve, reject) => {
      wall.once('connect', () => resolve());
      wall.once('connect_error', reject);
    });
    await sleep(200); // the adapter's subscription settles
    const token = await login(a.url, 'dispatcher');
    const p = await gridPoint(t);
    const ids: number[] = [];
    for (let i = 0; i < 3; i++) {
      const r = await fetch(`${a.url}/api/orders`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...bearer(token) },
        body: JSON.stringify({ categoryCode: 'CIT-02', description: `占道经营 ${i}`, source: 'wall', ...p }),
      });
      ids.push(((await r.json()) as { order: { id: number } }).order.id);
    }
    await until(() => got.length >= 3, 5000, 'three pushes');
    await sleep(300); // time for a duplicate to show up, if there were one
    expect(got.map((g) => g.id)).toEqual(ids);
    expect([...got].sort((x, y) => x.seq - y.seq)).toEqual(got);
  });

  it('brings a wall a push that was committed but never published, at the next watermark, once', async () => {
    const [a, b] = nodes;
    const w = wall(b.url, await login(b.url, 'operator'), await latestSeq(t));
    sockets.push(w.socket);
    await w.ready;
    // What a node leaves behind when it dies between its commit and its publish: the order and its push
    // are in the database, and no node has sent them.
    const user = (await userForToken(t.db, await login(a.url, 'dispatcher')))!;
    const lost = await createOrder(a.app.orders, user, {
      categoryCode: 'SAN-01',
      description: '提交后节点宕机',
      source: 'wall',
      ...(await gridPoint(t)),
    } as never);
    expect(lost.published).toHaveLength(1);
    await until(() => w.times.has(lost.order.id), 10 * SYNC_MS + 3000, 'the unpublished order');
    await sleep(4 * SYNC_MS); // later watermarks agree and resend nothing more
    expect(w.times.get(lost.order.id)).toBe(1);
    expect(w.resent()).toBeGreaterThanOrEqual(1);
    const resentOnce = w.resent();
    await sleep(3 * SYNC_MS);
    expect(w.resent()).toBe(resentOnce);
  });

  it('ends a session on every node at once when it logs out on one', async () => {
    const [a, b] = nodes;
    const token = await login(a.url, 'planner');
    expect((await fetch(`${b.url}/api/auth/me`, { headers: bearer(token) })).status).toBe(200); // node B caches it
    expect((await fetch(`${a.url}/api/auth/logout`, { method: 'POST', headers: bearer(token) })).status).toBe(204);
    await until(
      async () => (await fetch(`${b.url}/api/auth/me`, { headers: bearer(token) })).status === 401,
      1000,
      'node B to forget the session',
    );
  });

  it('applies a role change made on node A on node B at once: its sessions end and its sockets close', async () => {
    const [a, b] = nodes;
    const admin = await login(a.url, 'admin');
    const created = await fetch(`${a.url}/api/accounts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...bearer(admin) },
      body: JSON.stringify({
        username: 'fanout.duty',
        displayName: '跨节点值班员',
        role: 'operator',
        areaId: (await t.db.query<{ id: number }>(`SELECT area_id AS id FROM accounts WHERE username = 'operator'`))
          .rows[0].id,
        password: 'fanout-password-1',
      }),
    });
    expect(created.status).toBe(201);
    const id = ((await created.json()) as { id: number }).id;
    const tokenRes = await fetch(`${b.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'fanout.duty', password: 'fanout-password-1' }),
    });
    const token = ((await tokenRes.json()) as { token: string }).token;
    expect((await fetch(`${b.url}/api/orders/kpis`, { headers: bearer(token) })).status).toBe(200);
    const s = connect(b.url, { auth: { token }, transports: ['websocket'], forceNew: true, reconnection: false });
    sockets.push(s);
    await new Promise<void>((resolve, reject) => {
      s.once('connect', () => resolve());
      s.once('connect_error', reject);
    });
    const closed = new Promise<string>((resolve) => s.once('disconnect', (reason) => resolve(reason)));

    const patch = await fetch(`${a.url}/api/accounts/${id}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', ...bearer(admin) },
      body: JSON.stringify({ role: 'planner' }),
    });
    expect(patch.status).toBe(200);
    expect(await Promise.race([closed, sleep(2000).then(() => 'still open')])).toBe('io server disconnect');
    await until(
      async () => (await fetch(`${b.url}/api/orders/kpis`, { headers: bearer(token) })).status === 401,
      1000,
      'node B to refuse the old session',
    );
  });

  it('closes a socket whose session ended where no message reached its node, within a few watermarks', async () => {
    const [, b] = nodes;
    const token = await login(b.url, 'supervisor');
    const s = connect(b.url, { auth: { token }, transports: ['websocket'], forceNew: true, reconnection: false });
    sockets.push(s);
    await new Promise<void>((resolve, reject) => {
      s.once('connect', () => resolve());
      s.once('connect_error', reject);
    });
    const closed = new Promise<string>((resolve) => s.once('disconnect', (reason) => resolve(reason)));
    await sleep(3 * SYNC_MS);
    expect(s.connected).toBe(true); // a live session stays
    // As a revocation on another node while Redis was away: the session row is gone, and nobody told node B.
    await t.db.query(`DELETE FROM sessions WHERE account_id = (SELECT id FROM accounts WHERE username = 'supervisor')`);
    expect(await Promise.race([closed, sleep(10 * SYNC_MS).then(() => 'still open')])).toBe('io server disconnect');
  });

  it('empties the tile cache on every node when one node invalidates it', async () => {
    const [a, b] = nodes;
    const token = await login(b.url, 'operator');
    const c = (
      await t.db.query<{ x: number; y: number }>(
        `SELECT ST_X(label_point) AS x, ST_Y(label_point) AS y FROM areas WHERE level = 'district'`,
      )
    ).rows[0];
    const { z, x, y } = tileOf(c.x, c.y, 13);
    expect((await fetch(`${b.url}/tiles/areas/${z}/${x}/${y}.pbf`, { headers: bearer(token) })).status).toBeLessThan(
      300,
    );
    expect(b.app.tileCache.size).toBeGreaterThan(0);
    const before = b.app.tileCache.generation;
    a.app.tileCache.invalidate();
    await until(() => b.app.tileCache.generation > before, 1000, 'node B to clear its tiles');
    expect(b.app.tileCache.size).toBe(0);
  });
});

describe.runIf(redisUrl && process.env.DATABASE_URL)('a node killed under load', () => {
  let t: TestDb;
  let b: { app: App; redis: RedisFanout; url: string };
  let child: ChildProcess | undefined;
  let childLog = '';
  const sockets: Socket[] = [];

  beforeAll(async () => {
    t = await openTestDb();
    const app = createApp({ db: t.db, config: loadConfig(ENV) });
    const redis = await attachRedis(app.hub, redisUrl!);
    await new Promise<void>((r) => app.http.listen(0, '127.0.0.1', r));
    b = { app, redis, url: `http://127.0.0.1:${(app.http.address() as AddressInfo).port}` };
  });
  afterAll(async () => {
    child?.kill('SIGKILL');
    for (const s of sockets) s.close();
    await b?.app.close();
    await b?.redis.close();
    await t?.close();
  });

  it('loses nothing it acknowledged: every order it answered 201 is stored and reaches a wall on the other node once', async () => {
    const port = await freePort();
    child = spawn(process.execPath, ['--import', 'tsx', 'api/server.ts'], {
      env: {
        ...process.env,
        ...ENV,
        GRIDWALL_LOG: 'info',
        DATABASE_URL: t.url!,
        REDIS_URL: redisUrl!,
        PORT: String(port),
        HOST: '127.0.0.1',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (d) => (childLog += d));
    child.stderr!.on('data', (d) => (childLog += d));
    const aUrl = `http://127.0.0.1:${port}`;
    await until(
      async () => (await fetch(`${aUrl}/api/health`).catch(() => null))?.status === 200,
      60_000,
      `node A to start (${childLog.slice(-400)})`,
    );

    const w = wall(b.url, await login(b.url, 'operator'), await latestSeq(t));
    sockets.push(w.socket);
    await w.ready;
    const token = await login(aUrl, 'dispatcher');
    const p = await gridPoint(t);
    const acknowledged: number[] = [];
    let failed = 0;
    let k = 0;
    let running = true;
    const reporter = async () => {
      while (running) {
        const key = `kill-test-${k++}`;
        try {
          const r = await fetch(`${aUrl}/api/orders`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'idempotency-key': key, ...bearer(token) },
            body: JSON.stringify({ categoryCode: 'SAN-01', description: `节点宕机测试 ${key}`, source: 'wall', ...p }),
          });
          if (r.status === 201) acknowledged.push(((await r.json()) as { order: { id: number } }).order.id);
          else await r.arrayBuffer();
        } catch {
          failed++; // the node is gone: nothing was acknowledged
          await sleep(20);
        }
      }
    };
    const load = Promise.all([reporter(), reporter(), reporter(), reporter()]);
    await until(() => acknowledged.length >= 40, 30_000, '40 acknowledged orders');
    child.kill('SIGKILL');
    await sleep(300);
    running = false;
    await load;

    expect(failed).toBeGreaterThan(0);
    const stored = await t.db.query<{ id: number }>(`SELECT id FROM orders WHERE id = ANY($1)`, [acknowledged]);
    expect(stored.rows).toHaveLength(acknowledged.length);
    await until(
      () => acknowledged.every((id) => w.times.has(id)),
      10 * SYNC_MS + 5000,
      'every acknowledged order on the wall',
    );
    await sleep(3 * SYNC_MS);
    expect(acknowledged.filter((id) => w.times.get(id) !== 1)).toEqual([]);
  }, 120_000);
});
