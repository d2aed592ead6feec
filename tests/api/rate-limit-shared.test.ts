// Two API nodes on one Redis draw on one intake budget per account: reports filed on either node count
// together, and the one over the limit is refused with 429 and Retry-After on both.
import type { AddressInfo } from 'node:net';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../api/app.js';
import { loadConfig } from '../../api/config.js';
import { openTestDb, TEST_PASSWORD, type TestDb } from '../helpers/test-db.js';

describe.runIf(process.env.REDIS_URL)('intake limit on two nodes sharing Redis', () => {
  let db: TestDb;
  const nodes: { app: App; url: string }[] = [];

  beforeAll(async () => {
    db = await openTestDb();
    const config = loadConfig({
      GRIDWALL_LOG: 'silent',
      GRIDWALL_WEB_DIR: '/nonexistent',
      GRIDWALL_DEMO_PASSWORD: TEST_PASSWORD,
      GRIDWALL_ESCALATION_INTERVAL_MS: '0',
      GRIDWALL_SYNC_MS: '0',
      GRIDWALL_INTAKE_PER_MINUTE: '3',
      REDIS_URL: process.env.REDIS_URL!,
    });
    for (let i = 0; i < 2; i++) {
      const app = createApp({ db: db.db, config });
      await new Promise<void>((r) => app.http.listen(0, '127.0.0.1', r));
      nodes.push({ app, url: `http://127.0.0.1:${(app.http.address() as AddressInfo).port}` });
    }
    await Promise.all(nodes.map((n) => n.app.orders.intake?.ready ?? Promise.resolve()));
  });
  afterAll(async () => {
    for (const n of nodes) await n.app.close();
    await db?.close();
  });

  it('counts reports filed on either node against one budget', async () => {
    const account = (await db.db.query<{ id: number }>(`SELECT id FROM accounts WHERE username = 'worker1'`)).rows[0];
    const at = (
      await db.db.query<{ lon: number; lat: number }>(
        `SELECT ST_X(g.label_point) AS lon, ST_Y(g.label_point) AS lat FROM accounts a JOIN areas g ON g.id = a.area_id WHERE a.username = 'worker1'`,
      )
    ).rows[0];
    // The Redis server may be shared with an earlier run: start this account's count afresh.
    const redis = new Redis(process.env.REDIS_URL!);
    await redis.del(`gridwall:rate:intake:account:${account.id}`);
    await redis.quit();
    const [a, b] = nodes;
    const login = await fetch(`${a.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'worker1', password: TEST_PASSWORD }),
    });
    const { token } = (await login.json()) as { token: string };
    const report = (url: string, n: number) =>
      fetch(`${url}/api/orders`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({
          categoryCode: 'SAN-01',
          description: `两个节点共享限额 ${n}`,
          source: 'grid_worker',
          ...at,
        }),
      });
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await report(i % 2 ? b.url : a.url, i)).status);
    expect(statuses).toEqual([201, 201, 201]);
    for (const n of nodes) {
      const r = await report(n.url, 9);
      expect(r.status).toBe(429);
      expect(Number(r.headers.get('retry-after'))).toBeGreaterThan(0);
    }
  });
});
