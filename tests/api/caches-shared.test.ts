// What one node keeps in memory about the city is emptied on every node when another node changes the city:
// an import or re-gridding on node A (which announces 'areas' after its commit) empties node B's tiles, worker
// directory, grid shapes and grid roads for coverage. Needs REDIS_URL (CI starts Redis and sets it).
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../api/app.js';
import { loadConfig } from '../../api/config.js';
import { attachRedis, type RedisFanout } from '../../api/realtime/redis.js';
import { openTestDb, TEST_PASSWORD, type TestDb } from '../helpers/test-db.js';

const redisUrl = process.env.REDIS_URL;
const ENV = {
  GRIDWALL_LOG: 'silent',
  GRIDWALL_WEB_DIR: '/nonexistent',
  GRIDWALL_DEMO_PASSWORD: TEST_PASSWORD,
  GRIDWALL_ESCALATION_INTERVAL_MS: '0',
  GRIDWALL_SYNC_MS: '0',
};

describe.runIf(redisUrl)('per-node caches on two nodes sharing Redis', () => {
  let t: TestDb;
  const nodes: { app: App; redis: RedisFanout; url: string }[] = [];

  beforeAll(async () => {
    t = await openTestDb();
    for (let i = 0; i < 2; i++) {
      const app = createApp({ db: t.db, config: loadConfig(ENV) });
      const redis = await attachRedis(app.hub, redisUrl!);
      await new Promise<void>((r) => app.http.listen(0, '127.0.0.1', r));
      nodes.push({ app, redis, url: `http://127.0.0.1:${(app.http.address() as AddressInfo).port}` });
    }
  });
  afterAll(async () => {
    for (const n of nodes) {
      await n.app.close();
      await n.redis.close();
    }
    await t?.close();
  });

  it("empties node B's grid roads for coverage when node A announces that areas changed", async () => {
    const [a, b] = nodes;
    const login = await fetch(`${b.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'supervisor', password: TEST_PASSWORD }),
    });
    const { token } = (await login.json()) as { token: string };
    const grid = (
      await t.db.query<{ id: number }>(
        `SELECT g.id FROM accounts a JOIN areas g ON g.id = a.area_id WHERE a.username = 'worker1'`,
      )
    ).rows[0];
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10); // China Standard Time
    const r = await fetch(`${b.url}/api/areas/${grid.id}/coverage?day=${today}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(r.status, await r.clone().text()).toBe(200);
    const directory = b.app.workers.deps.directory;
    expect(directory.roadPieces.size).toBeGreaterThan(0);

    const emptied = new Promise<void>((resolve) => b.app.hub.bus.on((m) => m.cache === 'areas' && resolve()));
    a.app.tileCache.invalidate(); // what an import or a re-gridding does after its commit
    await emptied;
    expect(directory.roadPieces.size).toBe(0);
  });
});
