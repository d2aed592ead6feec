// Several API nodes: events reach sockets on every node through Redis, and the escalation
// scheduler runs on one node at a time. Needs REDIS_URL (CI starts Redis and sets it).
import type { AddressInfo } from 'node:net';
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../api/app.js';
import { loadConfig } from '../../api/config.js';
import { acquireLease } from '../../api/orders/scheduler.js';
import { attachRedis, type RedisFanout } from '../../api/realtime/redis.js';
import { openTestDb, TEST_PASSWORD, type TestDb } from '../helpers/test-db.js';

const redisUrl = process.env.REDIS_URL;

describe.runIf(redisUrl)('two API nodes on one database and Redis', () => {
  let t: TestDb;
  const nodes: { app: App; redis: RedisFanout; url: string }[] = [];
  const sockets: Socket[] = [];

  beforeAll(async () => {
    t = await openTestDb();
    const config = loadConfig({ GRIDWALL_LOG: 'silent', GRIDWALL_WEB_DIR: '/nonexistent', GRIDWALL_DEMO_PASSWORD: TEST_PASSWORD, GRIDWALL_ESCALATION_INTERVAL_MS: '0' });
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
    const login = async (url: string, username: string) =>
      ((await (await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: TEST_PASSWORD }) })).json()) as { token: string }).token;
    const wall = connect(b.url, { auth: { token: await login(b.url, 'operator') }, transports: ['websocket'], forceNew: true });
    sockets.push(wall);
    const got: { seq: number; id: number }[] = [];
    wall.on('order:created', (p: { seq: number; order: { id: number } }) => got.push({ seq: p.seq, id: p.order.id }));
    await new Promise<void>((resolve, reject) => { wall.once('connect', () => resolve()); wall.once('connect_error', reject); });
    await new Promise((r) => setTimeout(r, 200)); // the adapter's subscription settles
    const token = await login(a.url, 'dispatcher');
    const p = (await t.db.query<{ lon: number; lat: number }>(`SELECT ST_X(label_point) AS lon, ST_Y(label_point) AS lat FROM areas WHERE level = 'grid' ORDER BY id LIMIT 1`)).rows[0];
    const ids: number[] = [];
    for (let i = 0; i < 3; i++) {
      const r = await fetch(`${a.url}/api/orders`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ categoryCode: 'CIT-02', description: `占道经营 ${i}`, source: 'wall', ...p }) });
      ids.push(((await r.json()) as { order: { id: number } }).order.id);
    }
    const deadline = Date.now() + 5000;
    while (got.length < 3 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    await new Promise((r) => setTimeout(r, 300)); // time for a duplicate to show up, if there were one
    expect(got.map((g) => g.id)).toEqual(ids);
    expect([...got].sort((x, y) => x.seq - y.seq)).toEqual(got);
  });

});

describe('the escalation lease', () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await openTestDb();
  });
  afterAll(async () => t?.close());

  it('lets one scheduler hold the escalation lease until it lapses', async () => {
    const now = new Date();
    await t.db.query(`DELETE FROM job_leases`);
    expect(await acquireLease(t.db, 'node-a', 60_000, now)).toBe(true);
    expect(await acquireLease(t.db, 'node-b', 60_000, now)).toBe(false);
    expect(await acquireLease(t.db, 'node-a', 60_000, now)).toBe(true); // renewal
    expect(await acquireLease(t.db, 'node-b', 60_000, new Date(now.getTime() + 61_000))).toBe(true);
  });
});
