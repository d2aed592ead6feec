// Hardening: every route the OpenAPI document lists refuses a request without a session and a role it
// does not name; failed logins and intake are rate-limited; fuzzed reports (JSON and Open311 forms) get
// a 2xx or 4xx, never a 5xx, and only accepted ones are written.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, type Role } from '../../contract/auth.js';
import { registeredRoutes } from '../../api/http/route.js';
import { startTestApp, TEST_PASSWORD, type TestApp } from '../helpers/test-db.js';

let t: TestApp;
const tokens: Partial<Record<Role, string>> = {};
const ACCOUNT_OF: Record<Role, string> = {
  admin: 'admin',
  operator: 'operator',
  dispatcher: 'dispatcher',
  planner: 'planner',
  supervisor: 'supervisor',
  grid_worker: 'worker1',
  department: 'dept_urban_mgmt',
};
let inside: { lon: number; lat: number };
const orderCount = async () => Number((await t.db.query<{ n: string }>(`SELECT count(*) AS n FROM orders`)).rows[0].n);

const call = (method: string, path: string, token?: string) =>
  fetch(t.url + path, {
    method: method.toUpperCase(),
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: method === 'get' || method === 'delete' ? undefined : '{}',
  });
/** A concrete path for a route: every `:param` becomes 1 (`.:format` becomes .json). */
const concrete = (path: string) =>
  path
    .replace(/\.:format/g, '.json')
    .replace(/:[a-zA-Z]+/g, '1')
    .replace(/\{[^}]+\}/g, '1');

beforeAll(async () => {
  t = await startTestApp({ GRIDWALL_INTAKE_PER_MINUTE: '0' });
  for (const role of ROLES) tokens[role] = await t.login(ACCOUNT_OF[role]);
  inside = (
    await t.db.query<{ lon: number; lat: number }>(
      `SELECT ST_X(g.label_point) AS lon, ST_Y(g.label_point) AS lat FROM accounts a JOIN areas g ON g.id = a.area_id WHERE a.username = 'worker1'`,
    )
  ).rows[0];
});
afterAll(async () => {
  await t?.close();
});

describe('every route, from the OpenAPI registry', () => {
  const routes = () =>
    registeredRoutes.filter(
      (r) => r.path.startsWith('/api') || r.path.startsWith('/open311') || r.path.startsWith('/tiles'),
    );

  it('lists a good number of routes to check', () => {
    expect(routes().length).toBeGreaterThan(30);
  });

  it('answers 401 without a session on every route that is not public', async () => {
    const failures: string[] = [];
    for (const r of routes().filter((x) => x.access !== 'public')) {
      const res = await call(r.method, concrete(r.path));
      if (res.status !== 401) failures.push(`${r.method} ${r.path} → ${res.status}`);
    }
    expect(failures).toEqual([]);
  });

  it('answers 403 to a role the route does not name', async () => {
    const failures: string[] = [];
    for (const r of routes()) {
      if (r.access === 'public' || r.access === 'any') continue;
      const outsider = ROLES.find((role) => !(r.access as readonly string[]).includes(role));
      if (!outsider) continue;
      const res = await call(r.method, concrete(r.path), tokens[outsider]);
      if (res.status !== 403) failures.push(`${r.method} ${r.path} as ${outsider} → ${res.status}`);
    }
    expect(failures).toEqual([]);
  });
});

describe('rate limits', () => {
  it('slows guessing: after 5 failed logins for a name even the right password waits, other names do not', async () => {
    for (let i = 0; i < 5; i++)
      expect((await t.post('/api/auth/login', { username: 'planner', password: `guess-${i}` })).status).toBe(401);
    const locked = await t.post('/api/auth/login', { username: 'planner', password: TEST_PASSWORD });
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await t.post('/api/auth/login', { username: 'supervisor', password: TEST_PASSWORD })).status).toBe(200);
  });

  it('caps reports per account and writes nothing it refuses', async () => {
    const limited = await startTestApp({ GRIDWALL_INTAKE_PER_MINUTE: '3' });
    try {
      const token = await limited.login('dispatcher');
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) {
        const r = await limited.post(
          '/api/orders',
          { categoryCode: 'SAN-01', description: `限流测试 ${i}`, source: 'wall', ...inside },
          token,
        );
        statuses.push(r.status);
      }
      expect(statuses).toEqual([201, 201, 201, 429, 429]);
      const n = await limited.db.query<{ n: string }>(
        `SELECT count(*) AS n FROM orders WHERE description LIKE '限流测试%'`,
      );
      expect(Number(n.rows[0].n)).toBe(3);
      // Another account has its own allowance.
      expect(
        (
          await limited.post(
            '/api/orders',
            { categoryCode: 'SAN-01', description: '限流测试 其他账号', source: 'wall', ...inside },
            await limited.login('admin'),
          )
        ).status,
      ).toBe(201);
    } finally {
      await limited.close();
    }
  });
});

describe('fuzzed intake', () => {
  const field = fc.oneof(
    fc.string({ maxLength: 40 }),
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.array(fc.string({ maxLength: 8 }), { maxLength: 3 }),
  );
  const body = fc.record(
    {
      categoryCode: fc.oneof(fc.constantFrom('SAN-01', 'SAF-04', 'DIS-01', 'NOPE'), fc.string({ maxLength: 12 })),
      description: fc.oneof(fc.string({ maxLength: 300 }), fc.integer()),
      source: fc.oneof(fc.constantFrom('wall', 'grid_worker', 'hotline'), fc.string({ maxLength: 10 })),
      lon: fc.oneof(fc.constant(inside?.lon ?? 121.45), fc.double({ min: -200, max: 200, noNaN: false })),
      lat: fc.oneof(fc.constant(inside?.lat ?? 31.2), fc.double({ min: -100, max: 100 })),
      hazardLevel: fc.constantFrom('general', 'major', 'critical', 'extreme'),
      fields: fc.dictionary(fc.string({ maxLength: 12 }), field, { maxKeys: 4 }),
      reporter: fc.record({ name: fc.string({ maxLength: 12 }), phone: fc.string({ maxLength: 14 }) }),
      photos: fc.array(fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), maxLength: 32 }), { maxLength: 2 }),
    },
    { requiredKeys: [] },
  );

  it('answers every random report with 201 or a 4xx, and writes exactly the accepted ones', async () => {
    const before = await orderCount();
    let created = 0;
    await fc.assert(
      fc.asyncProperty(body, async (b) => {
        const r = await t.post('/api/orders', b, tokens.dispatcher);
        if (r.status === 201) created++;
        expect(r.status === 201 || (r.status >= 400 && r.status < 500), `${r.status} for ${JSON.stringify(b)}`).toBe(
          true,
        );
      }),
      { numRuns: 120, seed: 20181 },
    );
    expect(await orderCount()).toBe(before + created);
  });

  it('answers random Open311 forms with 2xx or 4xx, never a 5xx', async () => {
    const form = fc.dictionary(
      fc.constantFrom(
        'service_code',
        'lat',
        'long',
        'description',
        'first_name',
        'last_name',
        'phone',
        'attribute[gasIssue]',
        'media_url',
        'address_string',
        'x',
      ),
      fc.string({ maxLength: 60 }),
      { maxKeys: 8 },
    );
    await fc.assert(
      fc.asyncProperty(form, fc.boolean(), async (f, withKey) => {
        const params = new URLSearchParams({ ...f, ...(withKey ? { api_key: tokens.dispatcher! } : {}) });
        const r = await fetch(`${t.url}/open311/v2/requests.json`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: params.toString(),
        });
        expect(r.status < 500, `${r.status} for ${params}`).toBe(true);
      }),
      { numRuns: 80, seed: 20181 },
    );
  });

  it('survives malformed bodies: broken JSON, wrong types, oversize', async () => {
    const raw = (body: string, type = 'application/json') =>
      fetch(`${t.url}/api/orders`, {
        method: 'POST',
        headers: { 'content-type': type, authorization: `Bearer ${tokens.dispatcher}` },
        body,
      });
    expect((await raw('{"categoryCode":')).status).toBe(400);
    expect((await raw('[]')).status).toBe(400);
    expect((await raw('"x"')).status).toBe(400);
    expect((await raw(JSON.stringify({ description: 'x'.repeat(2_000_000) }))).status).toBe(413);
    expect((await raw('categoryCode=SAN-01', 'text/plain')).status).toBe(400);
  });
});
