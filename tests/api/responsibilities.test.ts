// The responsibility list: admins edit it, routing follows the most specific rule, bad rules change nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/test-db.js';

let t: TestApp;
let admin: string;
let dispatcher: string;
let street: { id: number; lon: number; lat: number };
type Json = Record<string, any>;

beforeAll(async () => {
  t = await startTestApp();
  admin = await t.login('admin');
  dispatcher = await t.login('dispatcher');
  street = (
    await t.db.query<{ id: number; lon: number; lat: number }>(
      `SELECT s.id, ST_X(g.label_point) AS lon, ST_Y(g.label_point) AS lat FROM areas s JOIN areas g ON g.level = 'grid' AND g.path LIKE s.path || '%'
     WHERE s.level = 'street' ORDER BY s.id, g.id LIMIT 1`,
    )
  ).rows[0];
});
afterAll(async () => t?.close());

const send = (method: string, path: string, body: unknown, token: string) =>
  fetch(t.url + path, {
    method,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });

describe('the responsibility list', () => {
  it("routes a street's road hazards to the department its admin names", async () => {
    const hazard = {
      categoryCode: 'SAF-07',
      description: '路口护栏倒伏',
      source: 'grid_worker',
      hazardLevel: 'general',
      lon: street.lon,
      lat: street.lat,
    };
    const before = (await (await t.post('/api/orders', hazard, dispatcher)).json()) as Json;
    expect(before.order.leadDept).toBe('transport');
    const r = await send(
      'POST',
      '/api/responsibilities',
      { categoryCode: 'SAF-07', areaId: street.id, leadDept: 'urban_mgmt', assistDepts: ['transport'] },
      admin,
    );
    expect(r.status).toBe(201);
    const after = (await (await t.post('/api/orders', hazard, dispatcher)).json()) as Json;
    expect(after.order.leadDept).toBe('urban_mgmt');
    const a = await t.db.query(`SELECT 1 FROM audit_log WHERE action = 'responsibility.create'`);
    expect(a.rowCount).toBe(1);
  });

  it('lets only admins change it', async () => {
    const r = await send(
      'POST',
      '/api/responsibilities',
      { categoryCode: 'SAN-01', leadDept: 'community' },
      dispatcher,
    );
    expect(r.status).toBe(403);
    expect((await t.get('/api/responsibilities', dispatcher)).status).toBe(200);
  });

  it('refuses a second rule for the same key, unknown departments and categories, changing nothing', async () => {
    const count = async () =>
      (await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM responsibilities`)).rows[0].n;
    const n = await count();
    expect(
      (await send('POST', '/api/responsibilities', { categoryCode: 'SAN-01', leadDept: 'community' }, admin)).status,
    ).toBe(409);
    expect(
      (
        await send(
          'POST',
          '/api/responsibilities',
          { categoryCode: 'SAN-01', areaId: street.id, leadDept: 'nobody' },
          admin,
        )
      ).status,
    ).toBe(400);
    expect(
      (await send('POST', '/api/responsibilities', { categoryCode: 'ZZZ-1', leadDept: 'community' }, admin)).status,
    ).toBe(400);
    expect(
      (
        await send(
          'POST',
          '/api/responsibilities',
          { categoryCode: 'SAN-01', leadDept: 'community', assistDepts: ['community'] },
          admin,
        )
      ).status,
    ).toBe(400);
    expect(await count()).toBe(n);
  });

  it('updates and deletes a rule', async () => {
    const list = (await (await t.get('/api/responsibilities', admin)).json()) as Json[];
    const rule = list.find((x) => x.categoryCode === 'NOI-01' && x.areaId === null)!;
    const u = await send(
      'PUT',
      `/api/responsibilities/${rule.id}`,
      { ...rule, leadDept: 'public_security', assistDepts: [] },
      admin,
    );
    expect(u.status).toBe(200);
    expect(((await u.json()) as Json).leadDept).toBe('public_security');
    expect((await send('DELETE', `/api/responsibilities/${rule.id}`, {}, admin)).status).toBe(204);
    expect((await send('DELETE', `/api/responsibilities/${rule.id}`, {}, admin)).status).toBe(404);
  });
});
