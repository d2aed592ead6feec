// Cross-origin writes and socket hijacking from the same site: a page on another port of this host rides the
// victim's SameSite=Lax cookie. Every cookie-authenticated state change (every unsafe route the OpenAPI
// registry lists, the multipart imports among them) and every Socket.IO handshake from such a page is refused
// with 403 and writes nothing; the same request from Gridwall's own origin, with a bearer token, or from a
// client that is no browser at all (no Origin, no Sec-Fetch-Site) goes through.
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { registeredRoutes } from '../../api/http/route.js';
import { startTestApp, TEST_PASSWORD, type TestApp } from '../helpers/test-db.js';

let t: TestApp;
let port: number;
let victim: { token: string; cookie: string };
/** The victim signs in from the browser: the session comes back as a cookie (a new one per test). */
async function signIn(username = 'admin'): Promise<{ token: string; cookie: string }> {
  const r = await t.post('/api/auth/login', { username, password: TEST_PASSWORD });
  const cookie = (r.headers.get('set-cookie') ?? '').split(';')[0];
  expect(cookie).toMatch(/^gw_session=/);
  return { token: ((await r.json()) as { token: string }).token, cookie };
}
let inside: { lon: number; lat: number };
const sockets: Socket[] = [];

/** A page on another port of the same host: same site, other origin. */
const FOREIGN = 'http://127.0.0.1:1';
const concrete = (path: string) =>
  path
    .replace(/\.:format/g, '.json')
    .replace(/:[a-zA-Z]+/g, '1')
    .replace(/\{[^}]+\}/g, '1');
const resourceCount = async () =>
  Number((await t.db.query<{ n: string }>(`SELECT count(*) AS n FROM resources`)).rows[0].n);
const importCsv = () => {
  const csv = [
    'kind,name,address,capacity,opening_hours,lon,lat',
    `elder_canteen,跨站导入测试,某路1号,120,,${inside.lon},${inside.lat}`,
  ].join('\n');
  const form = new FormData();
  form.append('file', new Blob([csv]), 'r.csv');
  return form;
};

beforeAll(async () => {
  t = await startTestApp({ GRIDWALL_INTAKE_PER_MINUTE: '0' });
  port = Number(new URL(t.url).port);
  inside = (
    await t.db.query<{ lon: number; lat: number }>(
      `SELECT ST_X(g.label_point) AS lon, ST_Y(g.label_point) AS lat FROM accounts a JOIN areas g ON g.id = a.area_id WHERE a.username = 'worker1'`,
    )
  ).rows[0];
});
beforeEach(async () => {
  victim = await signIn();
});
afterAll(async () => {
  for (const s of sockets) s.close();
  await t?.close();
});

describe('cookie-authenticated writes', () => {
  const unsafe = () =>
    registeredRoutes.filter((r) => r.method !== 'get' && (r.path.startsWith('/api') || r.path.startsWith('/tiles')));

  it('refuses every unsafe route with 403 and a bilingual message when a foreign page sends it', async () => {
    expect(unsafe().length).toBeGreaterThan(20);
    const failures: string[] = [];
    for (const r of unsafe()) {
      for (const headers of [
        { origin: FOREIGN },
        { 'sec-fetch-site': 'same-site' },
        { 'sec-fetch-site': 'cross-site' },
        { origin: 'null' },
      ] as Record<string, string>[]) {
        const res = await fetch(t.url + concrete(r.path), {
          method: r.method.toUpperCase(),
          headers: { 'content-type': 'application/json', cookie: victim.cookie, ...headers },
          body: r.method === 'delete' ? undefined : '{}',
        });
        const body = (await res.json().catch(() => null)) as {
          error?: { code: string; message: string; messageKey?: string };
        } | null;
        if (
          res.status !== 403 ||
          body?.error?.code !== 'forbidden' ||
          body?.error?.messageKey !== 'http.foreignOrigin' ||
          !/^跨站请求被拒绝/.test(body.error.message)
        )
          failures.push(`${r.method} ${r.path} ${JSON.stringify(headers)} → ${res.status}`);
      }
    }
    expect(failures).toEqual([]);
    // The victim's session is still there: the logout among those routes was refused too.
    expect((await fetch(`${t.url}/api/auth/me`, { headers: { cookie: victim.cookie } })).status).toBe(200);
  });

  it('refuses a foreign multipart import (the reported attack) and writes nothing; the own origin and a bearer token import', async () => {
    const before = await resourceCount();
    const hijack = await fetch(`${t.url}/api/resources/import`, {
      method: 'POST',
      headers: { cookie: victim.cookie, origin: `http://localhost:${port + 1}`, 'sec-fetch-site': 'same-site' },
      body: importCsv(),
    });
    expect(hijack.status).toBe(403);
    expect(await resourceCount()).toBe(before);

    const own = await fetch(`${t.url}/api/resources/import`, {
      method: 'POST',
      headers: { cookie: victim.cookie, origin: t.url, 'sec-fetch-site': 'same-origin' },
      body: importCsv(),
    });
    expect(own.status).toBe(200);
    expect(await resourceCount()).toBe(before + 1);
    // The listening address by its other names is the same server.
    const byName = await fetch(`${t.url}/api/resources/import`, {
      method: 'POST',
      headers: { cookie: victim.cookie, origin: `http://localhost:${port}` },
      body: importCsv(),
    });
    expect(byName.status).toBe(200);
    // A bearer token is no ambient credential: whatever page sent it, it was meant.
    const bearer = await fetch(`${t.url}/api/resources/import`, {
      method: 'POST',
      headers: { authorization: `Bearer ${victim.token}`, origin: FOREIGN },
      body: importCsv(),
    });
    expect(bearer.status).toBe(200);
    expect(await resourceCount()).toBe(before + 3);
  });

  it('lets clients that are no browser (no Origin, no Sec-Fetch-Site) and same-origin pages write with the cookie', async () => {
    const body = JSON.stringify({
      kind: 'elder_canteen',
      name: '同源写入',
      capacity: 10,
      lon: inside.lon,
      lat: inside.lat,
    });
    for (const headers of [
      {},
      { 'sec-fetch-site': 'same-origin' },
      { 'sec-fetch-site': 'none' },
      { origin: t.url },
    ] as Record<string, string>[]) {
      const r = await fetch(`${t.url}/api/resources`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie: victim.cookie, ...headers },
        body,
      });
      expect(r.status, JSON.stringify(headers)).toBeLessThan(300);
    }
  });

  it('refuses a login posted from a foreign page (no session is set), and takes it from the own page', async () => {
    const foreign = await fetch(`${t.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: FOREIGN },
      body: JSON.stringify({ username: 'planner', password: TEST_PASSWORD }),
    });
    expect(foreign.status).toBe(403);
    expect(foreign.headers.get('set-cookie')).toBeNull();
    const own = await fetch(`${t.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: t.url },
      body: JSON.stringify({ username: 'planner', password: TEST_PASSWORD }),
    });
    expect(own.status).toBe(200);
  });

  it("refuses a read with the cookie that the browser marks as another page's (an <img>, a link): an audited person file is not read in the victim's name", async () => {
    const resident = (
      await t.db.query<{ id: number }>(`SELECT id::int FROM residents WHERE flags <> 0 ORDER BY id LIMIT 1`)
    ).rows[0].id;
    const path = `/api/residents/${resident}/file?purpose=${encodeURIComponent('外站页面诱导查阅')}`;
    const reads = async () =>
      Number(
        (await t.db.query<{ n: string }>(`SELECT count(*) AS n FROM audit_log WHERE action = 'person_file.read'`))
          .rows[0].n,
      );
    const before = await reads();
    for (const site of ['same-site', 'cross-site']) {
      const r = await fetch(t.url + path, {
        headers: { cookie: victim.cookie, 'sec-fetch-site': site, 'sec-fetch-mode': 'no-cors' },
      });
      expect(r.status, site).toBe(403);
    }
    expect(await reads()).toBe(before);
    // The own page, a bookmark, a client that is no browser, and a bearer token read it (and are audited).
    for (const headers of [
      { cookie: victim.cookie, 'sec-fetch-site': 'same-origin' },
      { cookie: victim.cookie, 'sec-fetch-site': 'none' },
      { cookie: victim.cookie },
      { authorization: `Bearer ${victim.token}`, 'sec-fetch-site': 'cross-site' },
    ] as Record<string, string>[]) {
      expect((await fetch(t.url + path, { headers })).status, JSON.stringify(headers)).toBe(200);
    }
    expect(await reads()).toBe(before + 4);
  });
});

describe('Socket.IO handshakes', () => {
  const open = (headers: Record<string, string>, transports: ('websocket' | 'polling')[] = ['websocket']) => {
    const s = connect(t.url, { transports, extraHeaders: headers, reconnection: false, forceNew: true });
    sockets.push(s);
    const got: string[] = [];
    s.onAny((ev: string) => got.push(ev));
    const ready = new Promise<'connected' | string>((resolve) => {
      s.once('connect', () => resolve('connected'));
      s.once('connect_error', (e: Error) => resolve(`refused: ${e.message}`));
    });
    return { s, got, ready };
  };

  it("refuses a raw WebSocket from a foreign page with the victim's cookie: no socket, no replay", async () => {
    const hijack = open({ origin: FOREIGN, cookie: victim.cookie });
    expect(await hijack.ready).toMatch(/^refused/);
    expect(hijack.got).toEqual([]);
    const sameSite = open({ origin: `http://localhost:${port + 1}`, cookie: victim.cookie }, ['polling']);
    expect(await sameSite.ready).toMatch(/^refused/);
  });

  it('answers a foreign polling handshake 403 with the message in the language asked for, and the own origin 200', async () => {
    const foreign = await fetch(`${t.url}/socket.io/?EIO=4&transport=polling`, {
      headers: { origin: FOREIGN, cookie: victim.cookie },
    });
    expect(foreign.status).toBe(403);
    expect(((await foreign.json()) as { message: string }).message).toMatch(/^跨站请求被拒绝/);
    const inEnglish = await fetch(`${t.url}/socket.io/?EIO=4&transport=polling`, {
      headers: { origin: FOREIGN, cookie: victim.cookie, 'accept-language': 'en' },
    });
    expect(((await inEnglish.json()) as { message: string }).message).toMatch(/^cross-origin request refused/);
    const crossSite = await fetch(`${t.url}/socket.io/?EIO=4&transport=polling`, {
      headers: { 'sec-fetch-site': 'cross-site', cookie: victim.cookie },
    });
    expect(crossSite.status).toBe(403);
    const own = await fetch(`${t.url}/socket.io/?EIO=4&transport=polling`, {
      headers: { origin: t.url, cookie: victim.cookie },
    });
    expect(own.status).toBe(200);
    await own.text();
  });

  it('accepts the own origin (by any name of the listening address) and clients without an Origin', async () => {
    for (const origin of [t.url, `http://localhost:${port}`]) {
      const own = open({ origin, cookie: victim.cookie });
      expect(await own.ready).toBe('connected');
      own.s.close();
    }
    const cli = open({ cookie: victim.cookie });
    expect(await cli.ready).toBe('connected');
    cli.s.close();
  });
});
