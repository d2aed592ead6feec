// A logout, a deactivation, a password reset or the session's expiry closes that session's sockets at once, with
// no watermark tick (GRIDWALL_SYNC_MS=0): the socket's disconnect arrives before any later event, on the node that
// ended it and on another node (through Redis).
import type { AddressInfo } from 'node:net';
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../api/app.js';
import { loadConfig } from '../../api/config.js';
import { hashToken } from '../../api/auth/session.js';
import { attachRedis, type RedisFanout } from '../../api/realtime/redis.js';
import { openTestDb, startTestApp, TEST_PASSWORD, type TestApp, type TestDb } from '../helpers/test-db.js';
import { connected, firstOf, sentinel } from '../helpers/sockets.js';

type Json = Record<string, any>;
const PASSWORD = 'Narrow-scope-2026';

let t: TestApp;
const clock = { now: new Date() };
beforeAll(async () => {
  t = await startTestApp({ GRIDWALL_SYNC_MS: '0', GRIDWALL_INTAKE_PER_MINUTE: '0' }, { now: () => clock.now });
});
afterAll(async () => t?.close());

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const loginAt = async (url: string, username: string, password = TEST_PASSWORD) => {
  const r = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (r.status !== 200) throw new Error(`login ${username}: ${r.status}`);
  return {
    token: ((await r.json()) as { token: string }).token,
    cookie: (r.headers.get('set-cookie') ?? '').split(';')[0],
  };
};
const socketAt = (url: string, auth: { token?: string; cookie?: string }) =>
  connect(url, {
    ...(auth.cookie ? { extraHeaders: { cookie: auth.cookie } } : { auth: { token: auth.token } }),
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
  });
const newAccount = async (url: string, admin: string, username: string, areaOf: string) => {
  const areaId = ((await fetch(`${url}/api/auth/me`, { headers: bearer(areaOf) }).then((r) => r.json())) as Json).user
    .areaId;
  const r = await fetch(`${url}/api/accounts`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...bearer(admin) },
    body: JSON.stringify({ username, displayName: username, role: 'operator', areaId, password: PASSWORD }),
  });
  expect(r.status).toBe(201);
  return ((await r.json()) as Json).id as number;
};

/**
 * Ends a session with `end`, then has `writer` report an order in the victim's scope: the victim socket's
 * first news after the end must be its disconnect, never that order, while the observer (a session that did
 * not end) receives the order — on the observer's own node, whichever node the writer used.
 */
async function closesBeforeNextEvent(
  victim: Socket,
  observer: Socket,
  end: () => Promise<void>,
  post: () => Promise<number>,
): Promise<string> {
  await Promise.all([connected(victim), connected(observer)]);
  const seen: number[] = [];
  observer.on('order:created', (p: Json) => seen.push(p.order.id));
  const first = firstOf(victim, 'order:created', () => true);
  await end();
  const id = await post();
  for (const stop = Date.now() + 10_000; !seen.includes(id);) {
    if (Date.now() > stop) throw new Error('the observer never got the order');
    await sentinel(observer);
  }
  return first;
}

describe('a session that ends closes its sockets at once, with no watermark tick (GRIDWALL_SYNC_MS=0)', () => {
  const opened: Socket[] = [];
  const track = (s: Socket) => (opened.push(s), s);
  let admin: string;
  let writer: string;
  let at: { lon: number; lat: number };
  const report = async (url = t.url, token = writer) => {
    const r = await fetch(`${url}/api/orders`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...bearer(token) },
      body: JSON.stringify({ categoryCode: 'CIT-01', description: '会话结束后的工单', source: 'wall', ...at }),
    });
    expect(r.status).toBe(201);
    return ((await r.json()) as Json).order.id as number;
  };
  beforeAll(async () => {
    admin = (await loginAt(t.url, 'admin')).token;
    writer = (await loginAt(t.url, 'dispatcher')).token;
    at = (
      await t.db.query<{ lon: number; lat: number }>(
        `SELECT ST_X(label_point) AS lon, ST_Y(label_point) AS lat FROM areas WHERE level = 'grid' ORDER BY id LIMIT 1`,
      )
    ).rows[0];
  });
  afterAll(() => {
    for (const s of opened) s.close();
  });

  it("logout (bearer): that session's socket closes before the next event; the same account's other session stays", async () => {
    const [a, b] = [await loginAt(t.url, 'operator'), await loginAt(t.url, 'operator')];
    const victim = track(socketAt(t.url, a));
    const observer = track(socketAt(t.url, b));
    const first = await closesBeforeNextEvent(
      victim,
      observer,
      async () => {
        expect((await fetch(`${t.url}/api/auth/logout`, { method: 'POST', headers: bearer(a.token) })).status).toBe(
          204,
        );
      },
      () => report(),
    );
    expect(first).toBe('disconnect: io server disconnect');
    expect(observer.connected).toBe(true);
  });

  it('logout from the page (cookie, own origin) closes the cookie socket the same way', async () => {
    const [a, b] = [await loginAt(t.url, 'supervisor'), await loginAt(t.url, 'supervisor')];
    const victim = track(socketAt(t.url, { cookie: a.cookie }));
    const observer = track(socketAt(t.url, b));
    const first = await closesBeforeNextEvent(
      victim,
      observer,
      async () => {
        expect(
          (await fetch(`${t.url}/api/auth/logout`, { method: 'POST', headers: { cookie: a.cookie, origin: t.url } }))
            .status,
        ).toBe(204);
      },
      () => report(),
    );
    expect(first).toBe('disconnect: io server disconnect');
  });

  it('deactivation and a password reset close every socket of the account before the next event', async () => {
    const observer = track(socketAt(t.url, await loginAt(t.url, 'operator')));
    for (const [name, change] of [
      [
        'sock.deactivated',
        (id: number) =>
          fetch(`${t.url}/api/accounts/${id}`, {
            method: 'PATCH',
            headers: { 'content-type': 'application/json', ...bearer(admin) },
            body: JSON.stringify({ active: false }),
          }),
      ],
      [
        'sock.newpassword',
        (id: number) =>
          fetch(`${t.url}/api/accounts/${id}/password`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', ...bearer(admin) },
            body: JSON.stringify({ password: 'Another-password-2026' }),
          }),
      ],
    ] as const) {
      const id = await newAccount(t.url, admin, name, writer);
      const victim = track(socketAt(t.url, await loginAt(t.url, name, PASSWORD)));
      const first = await closesBeforeNextEvent(
        victim,
        observer,
        async () => {
          expect((await change(id)).status).toBe(200);
        },
        () => report(),
      );
      expect(first, name).toBe('disconnect: io server disconnect');
    }
  });

  it('an expiring session closes its socket when it expires', async () => {
    const s = await loginAt(t.url, 'operator');
    await t.db.query(`UPDATE sessions SET expires_at = now() + interval '1 second' WHERE token_hash = $1`, [
      hashToken(s.token),
    ]);
    const victim = track(socketAt(t.url, s));
    const observer = track(socketAt(t.url, await loginAt(t.url, 'operator')));
    const first = await closesBeforeNextEvent(
      victim,
      observer,
      async () => {
        // Until the session is past its end by a clear margin (the socket's timer is due by then).
        while (
          !(
            await t.db.query(
              `SELECT 1 FROM sessions WHERE token_hash = $1 AND expires_at < now() - interval '2 seconds'`,
              [hashToken(s.token)],
            )
          ).rowCount
        )
          await new Promise((r) => setTimeout(r, 100));
      },
      () => report(),
    );
    expect(first).toBe('disconnect: io server disconnect');
  });
});

describe.runIf(process.env.REDIS_URL)('… and on the other node, through Redis', () => {
  let db: TestDb;
  const nodes: { app: App; redis: RedisFanout; url: string }[] = [];
  const opened: Socket[] = [];
  const track = (s: Socket) => (opened.push(s), s);
  let admin: string;
  let writer: string;
  let at: { lon: number; lat: number };
  const report = async () => {
    const r = await fetch(`${nodes[0].url}/api/orders`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...bearer(writer) },
      body: JSON.stringify({ categoryCode: 'CIT-01', description: '会话结束后的工单', source: 'wall', ...at }),
    });
    expect(r.status).toBe(201);
    return ((await r.json()) as Json).order.id as number;
  };

  beforeAll(async () => {
    db = await openTestDb();
    const config = loadConfig({
      GRIDWALL_LOG: 'silent',
      GRIDWALL_WEB_DIR: '/nonexistent',
      GRIDWALL_DEMO_PASSWORD: TEST_PASSWORD,
      GRIDWALL_ESCALATION_INTERVAL_MS: '0',
      GRIDWALL_INTAKE_PER_MINUTE: '0',
      GRIDWALL_SYNC_MS: '0',
    });
    for (let i = 0; i < 2; i++) {
      const app = createApp({ db: db.db, config });
      const redis = await attachRedis(app.hub, process.env.REDIS_URL!);
      await new Promise<void>((r) => app.http.listen(0, '127.0.0.1', r));
      nodes.push({ app, redis, url: `http://127.0.0.1:${(app.http.address() as AddressInfo).port}` });
    }
    admin = (await loginAt(nodes[0].url, 'admin')).token;
    writer = (await loginAt(nodes[0].url, 'dispatcher')).token;
    at = (
      await db.db.query<{ lon: number; lat: number }>(
        `SELECT ST_X(label_point) AS lon, ST_Y(label_point) AS lat FROM areas WHERE level = 'grid' ORDER BY id LIMIT 1`,
      )
    ).rows[0];
  });
  afterAll(async () => {
    for (const s of opened) s.close();
    for (const n of nodes) {
      await n.app.close();
      await n.redis.close();
    }
    await db?.close();
  });

  /** Both nodes hear each other (the adapter's subscriptions are up) once node A can list node B's sockets. */
  const clustered = async (n: number) => {
    for (const stop = Date.now() + 10_000; (await nodes[0].app.io.fetchSockets()).length < n;) {
      if (Date.now() > stop) throw new Error("node A never saw node B's sockets");
      await new Promise((r) => setTimeout(r, 50));
    }
  };

  it("logout on node A closes the session's socket on node B before the next event", async () => {
    const [a, b] = [await loginAt(nodes[1].url, 'operator'), await loginAt(nodes[1].url, 'operator')];
    const victim = track(socketAt(nodes[1].url, a));
    const observer = track(socketAt(nodes[1].url, b));
    const first = await closesBeforeNextEvent(
      victim,
      observer,
      async () => {
        await clustered(2);
        expect(
          (await fetch(`${nodes[0].url}/api/auth/logout`, { method: 'POST', headers: bearer(a.token) })).status,
        ).toBe(204);
      },
      report,
    );
    expect(first).toBe('disconnect: io server disconnect');
    expect(observer.connected).toBe(true);
  });

  it("deactivation and a password reset on node A close the account's sockets on node B before the next event", async () => {
    const observer = track(socketAt(nodes[1].url, await loginAt(nodes[1].url, 'operator')));
    for (const [name, change] of [
      [
        'nodes.deactivated',
        (id: number) =>
          fetch(`${nodes[0].url}/api/accounts/${id}`, {
            method: 'PATCH',
            headers: { 'content-type': 'application/json', ...bearer(admin) },
            body: JSON.stringify({ active: false }),
          }),
      ],
      [
        'nodes.newpassword',
        (id: number) =>
          fetch(`${nodes[0].url}/api/accounts/${id}/password`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', ...bearer(admin) },
            body: JSON.stringify({ password: 'Another-password-2026' }),
          }),
      ],
    ] as const) {
      const id = await newAccount(nodes[0].url, admin, name, writer);
      const victim = track(socketAt(nodes[1].url, await loginAt(nodes[1].url, name, PASSWORD)));
      const first = await closesBeforeNextEvent(
        victim,
        observer,
        async () => {
          await clustered(2);
          expect((await change(id)).status).toBe(200);
        },
        report,
      );
      expect(first, name).toBe('disconnect: io server disconnect');
    }
  });
});
