// Faults, on a PostgreSQL cluster of the test's own (initdb in a temporary folder, its own port, so nothing
// else sees it go down): the server restarts under a steady stream of reports. Requests during the outage
// answer 503 and nothing else; the API recovers by itself; every acknowledged order is in the database
// and reached the wall exactly once. Runs where it can start a cluster (root with Debian's PostgreSQL 15,
// as in CI); Redis going away is checked the same way with a redis-server of its own.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../api/app.js';
import { prepare } from '../../api/bootstrap.js';
import { loadConfig } from '../../api/config.js';
import type { Db } from '../../api/db/index.js';
import { attachRedis } from '../../api/realtime/redis.js';
import { PushCheck } from '../../contract/push-check.js';

const BIN = '/usr/lib/postgresql/15/bin';
const PASSWORD = 'faults-password';
const canCluster = process.getuid?.() === 0 && fs.existsSync(`${BIN}/initdb`) && fs.existsSync('/usr/sbin/runuser');

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
const asPostgres = (cmd: string, args: string[]) =>
  execFileSync('runuser', ['-u', 'postgres', '--', `${BIN}/${cmd}`, ...args], { stdio: 'pipe' });
const until = async (cond: () => boolean | Promise<boolean>, ms: number) => {
  for (const end = Date.now() + ms; !(await cond());) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 50));
  }
};

describe.runIf(canCluster)('PostgreSQL restarts under load', () => {
  let dir: string;
  let port: number;
  let db: Db;
  let app: App;
  let url: string;
  const sockets: Socket[] = [];
  const pgCtl = (...args: string[]) => asPostgres('pg_ctl', ['-D', path.join(dir, 'data'), '-w', '-t', '60', ...args]);

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gridwall-faults-'));
    fs.chmodSync(dir, 0o777);
    port = await freePort();
    asPostgres('initdb', ['-D', path.join(dir, 'data'), '-A', 'trust', '-U', 'postgres', '--no-sync']);
    pgCtl(
      '-o',
      `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`,
      '-l',
      path.join(dir, 'log'),
      'start',
    );
    const prepared = await prepare({
      databaseUrl: `postgres://postgres@127.0.0.1:${port}/postgres`,
      dataDir: dir,
      seedSize: 'small',
      seed: 20181,
      demoPassword: PASSWORD,
    });
    db = prepared.db;
    app = createApp({
      db,
      config: loadConfig({
        GRIDWALL_LOG: 'silent',
        GRIDWALL_DEMO_PASSWORD: PASSWORD,
        GRIDWALL_ESCALATION_INTERVAL_MS: '0',
        GRIDWALL_WEB_DIR: '/nonexistent',
        GRIDWALL_INTAKE_PER_MINUTE: '0',
      }),
    });
    await new Promise<void>((r) => app.http.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(app.http.address() as AddressInfo).port}`;
  }, 300_000);

  afterAll(async () => {
    for (const s of sockets) s.close();
    await app?.close();
    await db?.close().catch(() => undefined);
    try {
      pgCtl('-m', 'immediate', 'stop');
    } catch {
      /* already down */
    }
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('answers 503 while it is down, recovers by itself, and loses nothing it acknowledged', async () => {
    const login = async (username: string) =>
      (
        (await (
          await fetch(`${url}/api/auth/login`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ username, password: PASSWORD }),
          })
        ).json()) as { token: string }
      ).token;
    const dispatcher = await login('dispatcher');
    const wall = connect(url, { auth: { token: await login('operator') }, transports: ['websocket'], forceNew: true });
    sockets.push(wall);
    const seen = new Map<number, number>();
    wall.on('order:created', (p: { order: { id: number } }) => seen.set(p.order.id, (seen.get(p.order.id) ?? 0) + 1));
    await new Promise<void>((resolve, reject) => {
      wall.once('connect', () => resolve());
      wall.once('connect_error', reject);
    });
    const p = (
      await db.query<{ lon: number; lat: number }>(
        `SELECT ST_X(label_point) AS lon, ST_Y(label_point) AS lat FROM areas WHERE level = 'grid' ORDER BY id LIMIT 1`,
      )
    ).rows[0];

    const acknowledged: number[] = [];
    const statuses = new Map<number, number>();
    let k = 0;
    const report = async () => {
      const key = `fault-test-${String(k++).padStart(6, '0')}`;
      const r = await fetch(`${url}/api/orders`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${dispatcher}`, 'idempotency-key': key },
        body: JSON.stringify({ categoryCode: 'SAN-01', description: `故障测试 ${key}`, source: 'wall', ...p }),
      });
      statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
      if (r.status === 201) acknowledged.push(((await r.json()) as { order: { id: number } }).order.id);
      else await r.arrayBuffer();
    };
    let running = true;
    const load = (async () => {
      while (running) {
        await Promise.all([report(), report()]);
        await new Promise((r) => setTimeout(r, 50));
      }
    })();
    await until(() => acknowledged.length >= 20, 30_000);
    const before = acknowledged.length;
    pgCtl('-m', 'fast', 'stop');
    await new Promise((r) => setTimeout(r, 1500));
    const during = statuses.get(503) ?? 0;
    pgCtl(
      '-o',
      `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`,
      '-l',
      path.join(dir, 'log'),
      'start',
    );
    await until(() => acknowledged.length >= before + 20, 60_000);
    running = false;
    await load;

    expect(during).toBeGreaterThan(0);
    expect([...statuses.keys()].sort()).toEqual([201, 503]);
    const stored = await db.query<{ id: number }>(`SELECT id FROM orders WHERE id = ANY($1)`, [acknowledged]);
    expect(stored.rows).toHaveLength(acknowledged.length);
    await until(() => acknowledged.every((id) => seen.has(id)), 10_000);
    expect([...seen.values()].every((n) => n === 1)).toBe(true);
  }, 180_000);
});

describe.runIf(fs.existsSync('/usr/bin/redis-server'))('Redis goes away', () => {
  let redis: ChildProcess;
  let app: App;
  let db: Db;
  let dir: string;

  afterAll(async () => {
    redis?.kill('SIGKILL');
    await app?.close();
    await db?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('leaves a single node serving HTTP and its own sockets', async () => {
    const port = await freePort();
    redis = spawn(
      '/usr/bin/redis-server',
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      { stdio: 'ignore' },
    );
    await new Promise((r) => setTimeout(r, 500));
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gridwall-redis-'));
    const { openTestDb, TEST_PASSWORD } = await import('../helpers/test-db.js');
    const t = await openTestDb();
    db = t.db;
    app = createApp({
      db,
      config: loadConfig({
        GRIDWALL_LOG: 'silent',
        GRIDWALL_DEMO_PASSWORD: TEST_PASSWORD,
        GRIDWALL_ESCALATION_INTERVAL_MS: '0',
        GRIDWALL_WEB_DIR: '/nonexistent',
      }),
    });
    const fanout = await attachRedis(app.hub, `redis://127.0.0.1:${port}`);
    await new Promise<void>((r) => app.http.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(app.http.address() as AddressInfo).port}`;
    redis.kill('SIGKILL');
    await new Promise((r) => setTimeout(r, 300));
    expect((await fetch(`${url}/api/health`)).status).toBe(200);
    const login = async (username: string) => {
      const r = await fetch(`${url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password: TEST_PASSWORD }),
      });
      expect(r.status).toBe(200);
      return ((await r.json()) as { token: string }).token;
    };
    const s = connect(url, { auth: { token: await login('operator') }, transports: ['websocket'], forceNew: true });
    const got: number[] = [];
    s.on('order:created', (p: { order: { id: number } }) => got.push(p.order.id));
    await new Promise<void>((resolve, reject) => {
      s.once('connect', () => resolve());
      s.once('connect_error', reject);
    });
    const p = (
      await db.query<{ lon: number; lat: number }>(
        `SELECT ST_X(label_point) AS lon, ST_Y(label_point) AS lat FROM areas WHERE level = 'grid' ORDER BY id LIMIT 1`,
      )
    ).rows[0];
    const r = await fetch(`${url}/api/orders`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await login('dispatcher')}` },
      body: JSON.stringify({ categoryCode: 'SAN-01', description: 'Redis 已断开', source: 'wall', ...p }),
    });
    expect(r.status).toBe(201);
    const id = ((await r.json()) as { order: { id: number } }).order.id;
    await until(() => got.includes(id), 5000);
    s.close();
    await fanout.close().catch(() => undefined);
  }, 120_000);

  it('with two nodes, still brings a wall on node B an order made on node A, at the next watermark', async () => {
    const port = await freePort();
    const own = spawn(
      '/usr/bin/redis-server',
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      { stdio: 'ignore' },
    );
    const { openTestDb, TEST_PASSWORD } = await import('../helpers/test-db.js');
    const t = await openTestDb();
    const config = loadConfig({
      GRIDWALL_LOG: 'silent',
      GRIDWALL_DEMO_PASSWORD: TEST_PASSWORD,
      GRIDWALL_ESCALATION_INTERVAL_MS: '0',
      GRIDWALL_WEB_DIR: '/nonexistent',
      GRIDWALL_SYNC_MS: '200',
    });
    const nodes: { app: App; url: string; fanout: { close(): Promise<void> } }[] = [];
    try {
      await new Promise((r) => setTimeout(r, 500));
      for (let i = 0; i < 2; i++) {
        const node = createApp({ db: t.db, config });
        const fanout = await attachRedis(node.hub, `redis://127.0.0.1:${port}`);
        await new Promise<void>((r) => node.http.listen(0, '127.0.0.1', r));
        nodes.push({ app: node, fanout, url: `http://127.0.0.1:${(node.http.address() as AddressInfo).port}` });
      }
      const login = async (url: string, username: string) =>
        (
          (await (
            await fetch(`${url}/api/auth/login`, {
              method: 'POST',
              headers: { 'content-type': 'application/json' },
              body: JSON.stringify({ username, password: TEST_PASSWORD }),
            })
          ).json()) as { token: string }
        ).token;
      const start = Number((await t.db.query<{ s: string | null }>(`SELECT max(seq) AS s FROM pushes`)).rows[0].s ?? 0);
      const check = new PushCheck(start);
      const got: number[] = [];
      const wall = connect(nodes[1].url, {
        auth: { token: await login(nodes[1].url, 'operator') },
        transports: ['websocket'],
        forceNew: true,
      });
      wall.on('order:created', (p: { seq: number; order: { id: number } }) => {
        if (check.has(p.seq)) return;
        check.received(p.seq);
        got.push(p.order.id);
      });
      wall.on('watermark', (w: { seq: number }) => {
        const req = check.request(w.seq);
        if (req)
          wall.timeout(5000).emit('verify', req, (err: Error | null) => (err ? check.abandoned() : check.confirmed()));
      });
      await new Promise<void>((resolve, reject) => {
        wall.once('connect', () => resolve());
        wall.once('connect_error', reject);
      });
      own.kill('SIGKILL');
      await new Promise((r) => setTimeout(r, 300));
      const p = (
        await t.db.query<{ lon: number; lat: number }>(
          `SELECT ST_X(label_point) AS lon, ST_Y(label_point) AS lat FROM areas WHERE level = 'grid' ORDER BY id LIMIT 1`,
        )
      ).rows[0];
      const r = await fetch(`${nodes[0].url}/api/orders`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${await login(nodes[0].url, 'dispatcher')}`,
        },
        body: JSON.stringify({ categoryCode: 'SAN-01', description: 'Redis 断开时的跨节点工单', source: 'wall', ...p }),
      });
      expect(r.status).toBe(201);
      const id = ((await r.json()) as { order: { id: number } }).order.id;
      await until(() => got.includes(id), 5000);
      await new Promise((r) => setTimeout(r, 600));
      expect(got.filter((x) => x === id)).toHaveLength(1);
      wall.close();
    } finally {
      own.kill('SIGKILL');
      for (const n of nodes) {
        await n.app.close();
        await n.fanout.close().catch(() => undefined);
      }
      await t.close();
    }
  }, 120_000);
});
