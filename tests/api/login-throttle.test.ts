// Failed logins slow guessing without letting a stranger lock out the operator on duty: the pair (address +
// account) waits after N failures, longer each time; guesses spread over many addresses slow the account down
// only for addresses and devices it has never logged in from; a spray over many names from one address slows
// that address. Two nodes sharing Redis share one budget. Common, patterned and username passwords are refused
// wherever a password is set.
import type { AddressInfo } from 'node:net';
import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../api/app.js';
import { loadConfig } from '../../api/config.js';
import { openTestDb, startTestApp, TEST_PASSWORD, type TestApp, type TestDb } from '../helpers/test-db.js';

const OWNER_PASSWORD = 'Duty-shift-pass-8';
let clock = Date.now();
let t: TestApp;
let adminToken: string;

interface Try {
  status: number;
  retryAfter: number | null;
  device: string | null;
  body: string;
}

async function attempt(
  url: string,
  username: string,
  password: string,
  from: string,
  device?: string | null,
): Promise<Try> {
  const headers: Record<string, string> = { 'content-type': 'application/json', 'x-forwarded-for': from };
  if (device) headers.cookie = `gw_device=${device}`;
  const r = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ username, password }),
  });
  const cookie = r.headers.getSetCookie().find((c) => c.startsWith('gw_device='));
  return {
    status: r.status,
    retryAfter: r.headers.has('retry-after') ? Number(r.headers.get('retry-after')) : null,
    device: cookie ? cookie.split(';')[0].slice('gw_device='.length) : null,
    body: await r.text(),
  };
}

async function newAccount(username: string): Promise<number> {
  const community = (
    await t.db.query<{ id: number }>(`SELECT area_id AS id FROM accounts WHERE username = 'community1'`)
  ).rows[0].id;
  const r = await t.post(
    '/api/accounts',
    { username, displayName: '值班员', role: 'operator', areaId: community, password: OWNER_PASSWORD },
    adminToken,
  );
  expect(r.status, await r.clone().text()).toBe(201);
  return ((await r.json()) as { id: number }).id;
}

beforeAll(async () => {
  t = await startTestApp({}, { now: () => new Date(clock) });
  adminToken = await t.login('admin');
});
afterAll(async () => t?.close());

describe('a stranger cannot lock the owner out', () => {
  it('guesses from one address delay that address only; the owner logs in from a known device or address', async () => {
    await newAccount('duty-a');
    const owner = await attempt(t.url, 'duty-a', OWNER_PASSWORD, '10.1.0.1');
    expect(owner.status).toBe(200);
    expect(owner.device).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const stranger = [];
    for (let i = 0; i < 5; i++)
      stranger.push((await attempt(t.url, 'duty-a', `wrong-guess-${i}`, '198.51.100.7')).status);
    expect(stranger).toEqual([401, 401, 401, 401, 401]);
    const held = await attempt(t.url, 'duty-a', OWNER_PASSWORD, '198.51.100.7');
    expect(held.status).toBe(429);
    expect(held.retryAfter).toBeGreaterThan(0);
    // The owner: the browser that logged in before, even from a new address, and the address used before.
    expect((await attempt(t.url, 'duty-a', OWNER_PASSWORD, '10.9.9.9', owner.device)).status).toBe(200);
    expect((await attempt(t.url, 'duty-a', OWNER_PASSWORD, '10.1.0.1')).status).toBe(200);
  });

  it('guesses spread over many addresses slow the account down for unknown addresses only', async () => {
    await newAccount('duty-b');
    const owner = await attempt(t.url, 'duty-b', OWNER_PASSWORD, '10.2.0.1');
    expect(owner.status).toBe(200);
    const statuses = [];
    for (let i = 0; i < 20; i++)
      statuses.push((await attempt(t.url, 'duty-b', `spread-guess-${i}`, `198.51.101.${i + 1}`)).status);
    expect(statuses).toEqual(Array(20).fill(401));
    const fresh = await attempt(t.url, 'duty-b', OWNER_PASSWORD, '198.51.102.1');
    expect(fresh.status).toBe(429);
    expect(fresh.retryAfter).toBeGreaterThan(0);
    expect((await attempt(t.url, 'duty-b', OWNER_PASSWORD, '10.2.0.1')).status).toBe(200);
    expect((await attempt(t.url, 'duty-b', OWNER_PASSWORD, '10.3.3.3', owner.device)).status).toBe(200);
  });

  it('a device cookie counts only for the account that logged in with it', async () => {
    await newAccount('duty-c');
    const other = await attempt(t.url, 'operator', TEST_PASSWORD, '10.4.0.1');
    expect(other.status).toBe(200);
    for (let i = 0; i < 5; i++)
      expect((await attempt(t.url, 'duty-c', `cookie-guess-${i}`, '198.51.103.1', other.device)).status).toBe(401);
    expect((await attempt(t.url, 'duty-c', OWNER_PASSWORD, '198.51.103.1', other.device)).status).toBe(429);
  });
});

describe('guessing slows down', () => {
  it('from one address: 429 with a Retry-After that doubles each round', async () => {
    await newAccount('duty-d');
    const from = '203.0.113.5';
    for (let i = 0; i < 5; i++) expect((await attempt(t.url, 'duty-d', `round0-${i}`, from)).status).toBe(401);
    const waits: number[] = [];
    for (let round = 1; round <= 3; round++) {
      const held = await attempt(t.url, 'duty-d', OWNER_PASSWORD, from);
      expect(held.status, held.body).toBe(429);
      waits.push(held.retryAfter!);
      expect(JSON.parse(held.body).error).toMatchObject({
        messageKey: 'auth.tooManyFailedLogins',
        message: expect.stringMatching(/秒后再试/),
      });
      clock += held.retryAfter! * 1000 + 1000; // the wait is over: one more guess, then a longer wait
      expect((await attempt(t.url, 'duty-d', `round${round}`, from)).status).toBe(401);
    }
    expect(waits[0]).toBeGreaterThan(0);
    expect(waits[1]).toBeGreaterThanOrEqual(2 * waits[0]);
    expect(waits[2]).toBeGreaterThanOrEqual(2 * waits[1]);
    // After the window without failures, the right password goes through.
    clock += 16 * 60_000;
    expect((await attempt(t.url, 'duty-d', OWNER_PASSWORD, from)).status).toBe(200);
  });

  it('a spray over many names from one address slows that address, not a known device there', async () => {
    await newAccount('duty-e');
    const owner = await attempt(t.url, 'duty-e', OWNER_PASSWORD, '10.5.0.1');
    const from = '203.0.113.9';
    for (let i = 0; i < 25; i++) expect((await attempt(t.url, `nobody-${i}`, 'spray-guess-1', from)).status).toBe(401);
    const held = await attempt(t.url, 'nobody-x', 'spray-guess-1', from);
    expect(held.status).toBe(429);
    expect(held.retryAfter).toBeGreaterThan(0);
    expect((await attempt(t.url, 'duty-e', OWNER_PASSWORD, from, owner.device)).status).toBe(200);
  });
});

describe.runIf(process.env.REDIS_URL)('two nodes sharing Redis', () => {
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
      REDIS_URL: process.env.REDIS_URL!,
    });
    for (let i = 0; i < 2; i++) {
      const app = createApp({ db: db.db, config });
      await new Promise<void>((r) => app.http.listen(0, '127.0.0.1', r));
      nodes.push({ app, url: `http://127.0.0.1:${(app.http.address() as AddressInfo).port}` });
    }
  });
  afterAll(async () => {
    for (const n of nodes) await n.app.close();
    await db?.close();
  });

  it('share one budget: failures on either node count together', async () => {
    // A name and an address of this run only: the Redis server may be shared.
    const name = `shared-${crypto.randomBytes(4).toString('hex')}`;
    const from = `192.0.2.${1 + crypto.randomInt(250)}`;
    await db.db.query(
      `INSERT INTO accounts (username, display_name, password_hash, role, area_id) SELECT $1, '共享', password_hash, 'operator', area_id FROM accounts WHERE username = 'community1'`,
      [name],
    );
    const [a, b] = nodes;
    const statuses = [];
    for (let i = 0; i < 5; i++)
      statuses.push((await attempt(i % 2 ? b.url : a.url, name, `node-guess-${i}`, from)).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401]);
    for (const n of nodes) {
      const held = await attempt(n.url, name, TEST_PASSWORD, from);
      expect(held.status).toBe(429);
      expect(held.retryAfter).toBeGreaterThan(0);
    }
  });
});

describe('weak passwords are refused wherever a password is set', () => {
  it('on creating an account and on setting a password: common, patterned or holding the username; nothing changes', async () => {
    const community = (
      await t.db.query<{ id: number }>(`SELECT area_id AS id FROM accounts WHERE username = 'community1'`)
    ).rows[0].id;
    const count = async () => Number((await t.db.query<{ n: string }>(`SELECT count(*) AS n FROM accounts`)).rows[0].n);
    const before = await count();
    for (const [username, password, word] of [
      ['weak-a', 'password1234', '常见'],
      ['weak-b', 'Woaini1314520', '常见'],
      ['weak-c', 'P@ssw0rd2024!', '常见'],
      ['weak-d', '123456789012', '规律'],
      ['weak-e', 'qwertyuiopas', '规律'],
      ['weak-f', 'aaaaaaaaaaaa', '规律'],
      ['zhao.lei', 'Zhao.Lei-on-duty', '用户名'],
    ] as const) {
      const r = await t.post(
        '/api/accounts',
        { username, displayName: '弱密码', role: 'operator', areaId: community, password },
        adminToken,
      );
      expect(r.status, `${password}`).toBe(400);
      const error = ((await r.json()) as { error: { message: string; messageKey: string } }).error;
      expect(error.message).toContain(word);
      expect(error.messageKey).toMatch(/^auth\.password\./); // the web renders it in the language on screen
    }
    expect(await count()).toBe(before);
    const id = await newAccount('duty-f');
    const hash = async () =>
      (await t.db.query<{ h: string }>(`SELECT password_hash AS h FROM accounts WHERE id = $1`, [id])).rows[0].h;
    const h0 = await hash();
    for (const password of ['qwerty123456', '1qaz2wsx3edc', 'my-duty-f-pass']) {
      const r = await t.post(`/api/accounts/${id}/password`, { password }, adminToken);
      expect(r.status, password).toBe(400);
    }
    expect(await hash()).toBe(h0);
    expect((await t.post(`/api/accounts/${id}/password`, { password: 'Night-shift-pass-7' }, adminToken)).status).toBe(
      200,
    );
  });

  it('in production, a weak or demo-named GRIDWALL_DEMO_PASSWORD is refused; in development the default works', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', GRIDWALL_DEMO_PASSWORD: 'password2024!' })).toThrow(
      /GRIDWALL_DEMO_PASSWORD/,
    );
    expect(() => loadConfig({ NODE_ENV: 'production', GRIDWALL_DEMO_PASSWORD: 'operator-secret-9' })).toThrow(
      /GRIDWALL_DEMO_PASSWORD/,
    );
    expect(loadConfig({ NODE_ENV: 'production', GRIDWALL_DEMO_PASSWORD: 'k7#Vq2-mLp9x' }).demoPassword).toBe(
      'k7#Vq2-mLp9x',
    );
    expect(loadConfig({}).demoPassword).toBe('gridwall-demo');
  });
});
