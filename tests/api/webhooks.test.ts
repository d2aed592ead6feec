// Outbound webhooks and each party's inbox: a signed POST that verifies, a failed try retried after its backoff and
// logged, private addresses refused, subscriptions confined to the administrator's scope, Open311 status changes
// back to a registered callback, and inbox events that reach only the party they are addressed to.
import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as eventLog from '../../api/events/log.js';
import { appendEvent } from '../../api/orders/queries.js';
import { connected, sentinel } from '../helpers/sockets.js';
import { startTestApp, type TestApp } from '../helpers/test-db.js';

type Json = Record<string, any>;
let t: TestApp;
let clock = new Date('2026-12-01T02:00:00Z');
const tokens: Record<string, string> = {};
const ids: Record<string, number> = {};
let inside: { lon: number; lat: number };
let otherStreetPoint: { lon: number; lat: number };
const sockets: Socket[] = [];

// The receiver: records every POST and answers with the next queued status (200 when none is queued).
interface Received {
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}
const received: Received[] = [];
const answers: number[] = [];
let receiver: http.Server;
let base = '';

const send = (method: string, p: string, body: unknown, token: string) =>
  fetch(t.url + p, {
    method,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
const json = async (r: Response) => (await r.json()) as Json;
const pass = async () => (await t.app.webhooks.runNow())!;

async function addAccount(username: string, role: string, areaId: number | null, dept: string | null = null) {
  const r = await t.db.query<{ id: number }>(
    `INSERT INTO accounts (username, display_name, password_hash, role, area_id, department_code)
     SELECT $1, $1, password_hash, $2, $3, $4 FROM accounts WHERE username = 'community1'
     ON CONFLICT (username) DO UPDATE SET role = EXCLUDED.role, area_id = EXCLUDED.area_id,
       department_code = EXCLUDED.department_code, display_name = EXCLUDED.display_name
     RETURNING id`,
    [username, role, areaId, dept],
  );
  ids[username] = r.rows[0].id;
  tokens[username] = await t.login(username);
}

async function report(point = inside, extra: Json = {}): Promise<number> {
  const r = await t.post(
    '/api/orders',
    {
      categoryCode: 'CIT-01',
      description: '楼道堆物，联系人王小明 13812345678',
      source: 'hotline_12345',
      reporter: { name: '王小明', phone: '13812345678' },
      ...point,
      ...extra,
    },
    tokens.dispatcher,
  );
  expect(r.status).toBe(201);
  return (await json(r)).order.id;
}

/** Writes an order event as the party model's actions do: an order_events row and its log entry, then publishes it. */
async function partyEvent(orderId: number, action: string, data: Json): Promise<number> {
  const o = (await t.db.query<Json>(`SELECT status, area_path FROM orders WHERE id = $1`, [orderId])).rows[0];
  const published = await t.db.tx(async (q) => {
    const seq = await eventLog.drawSeq(q);
    const payload = { seq, orderId };
    await appendEvent(
      q,
      seq,
      {
        orderId,
        at: clock.toISOString(),
        actor: { id: ids.dispatcher, role: 'dispatcher', name: 'dispatcher' },
        action,
        from: o.status,
        to: o.status,
        data,
      } as never,
      'order:updated',
      o.area_path,
      payload,
    );
    return { topic: 'order:updated' as const, areaPath: o.area_path as string, payload };
  });
  t.app.hub.publish([published]);
  return published.payload.seq;
}

function client(token: string) {
  const got: Json[] = [];
  const socket = connect(t.url, { auth: { token }, transports: ['websocket'], reconnection: false, forceNew: true });
  socket.on('inbox:new', (p: Json) => got.push(p));
  sockets.push(socket);
  return { socket, got };
}

beforeAll(async () => {
  receiver = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      received.push({ path: req.url ?? '', headers: req.headers, body });
      res.statusCode = answers.shift() ?? 200;
      res.end('ok');
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
  t = await startTestApp(
    { GRIDWALL_WEBHOOK_ALLOW_PRIVATE: 'true', GRIDWALL_WEBHOOK_INTERVAL_MS: '0' },
    { now: () => clock },
  );
  for (const u of ['admin', 'dispatcher', 'operator', 'worker1', 'community1']) tokens[u] = await t.login(u);
  const line = (
    await t.db.query<Json>(
      `SELECT g.id AS grid, c.id AS community, s.id AS street, d.id AS district,
         ST_X(g.label_point) AS lon, ST_Y(g.label_point) AS lat
       FROM accounts a JOIN areas g ON g.id = a.area_id JOIN areas c ON c.id = g.parent_id
         JOIN areas s ON s.id = c.parent_id JOIN areas d ON d.id = s.parent_id WHERE a.username = 'worker1'`,
    )
  ).rows[0];
  Object.assign(ids, { grid: line.grid, community: line.community, street: line.street, district: line.district });
  inside = { lon: line.lon, lat: line.lat };
  ids.otherCommunity = (
    await t.db.query<{ id: number }>(
      `SELECT id FROM areas WHERE level = 'community' AND parent_id = $1 AND id <> $2 ORDER BY id LIMIT 1`,
      [ids.street, ids.community],
    )
  ).rows[0].id;
  const other = (
    await t.db.query<Json>(
      `SELECT s.id, ST_X(g.label_point) AS lon, ST_Y(g.label_point) AS lat FROM areas s
         JOIN areas g ON g.level = 'grid' AND g.path LIKE s.path || '%'
       WHERE s.level = 'street' AND s.id <> $1 ORDER BY s.id, g.id LIMIT 1`,
      [ids.street],
    )
  ).rows[0];
  ids.otherStreet = other.id;
  otherStreetPoint = { lon: other.lon, lat: other.lat };
  ids.dispatcher = (
    await t.db.query<{ id: number }>(`SELECT id FROM accounts WHERE username = 'dispatcher'`)
  ).rows[0].id;
  ids.operator = (await t.db.query<{ id: number }>(`SELECT id FROM accounts WHERE username = 'operator'`)).rows[0].id;
  await addAccount('community_staff', 'dispatcher', ids.community);
  await addAccount('other_staff', 'dispatcher', ids.otherCommunity);
  await addAccount('street_staff', 'dispatcher', ids.street);
  await addAccount('dept_urban_mgmt', 'department', ids.district, 'urban_mgmt');
  await addAccount('dept_housing', 'department', ids.district, 'housing');
  await addAccount('admin_a', 'admin', ids.street);
  await addAccount('admin_b', 'admin', ids.otherStreet);
  // The seeded year already filled these parties' inboxes: start each one read, so the tests see only their own.
  const last = Number(
    (await t.db.query<{ s: string }>(`SELECT coalesce(max(seq), 0) AS s FROM order_events`)).rows[0].s,
  );
  for (const u of ['community_staff', 'other_staff', 'street_staff', 'dept_urban_mgmt', 'dept_housing'])
    expect((await t.post('/api/inbox/read', { upTo: last }, tokens[u])).status).toBe(204);
});
afterAll(async () => {
  for (const s of sockets) s.close();
  await t?.close();
  await new Promise((r) => receiver?.close(r));
});

describe('webhooks', () => {
  let hook: Json;
  let secret: string;

  it('delivers a new order signed with the secret shown once, without the reporter', async () => {
    const r = await send(
      'POST',
      '/api/webhooks',
      { name: '短信网关', url: `${base}/sms`, topics: ['order.created'] },
      tokens.admin,
    );
    expect(r.status).toBe(201);
    ({ webhook: hook, secret } = await json(r));
    expect(secret).toMatch(/^[\w-]{40,}$/);
    const listed = await json(await t.get('/api/webhooks', tokens.admin));
    expect(JSON.stringify(listed)).not.toContain(secret);

    const id = await report();
    received.length = 0;
    expect((await pass()).sent).toBe(1);
    expect(received).toHaveLength(1);
    const [got] = received;
    expect(got.path).toBe('/sms');
    const expected = `sha256=${crypto.createHmac('sha256', secret).update(got.body).digest('hex')}`;
    expect(got.headers['x-gridwall-signature']).toBe(expected);
    const wrong = `sha256=${crypto.createHmac('sha256', 'not-the-secret').update(got.body).digest('hex')}`;
    expect(got.headers['x-gridwall-signature']).not.toBe(wrong);
    expect(got.headers['x-gridwall-event']).toBe('order.created');
    const body = JSON.parse(got.body) as Json;
    expect(got.headers['x-gridwall-delivery']).toBe(body.id);
    expect(body).toMatchObject({ event: 'order.created', data: { order: { id, categoryCode: 'CIT-01' } } });
    expect(got.body).not.toContain('13812345678');
    expect(got.body).not.toContain('王小明');
    expect(got.body).not.toContain('description');
    // Delivered once: the next pass sends nothing.
    expect((await pass()).sent).toBe(0);
  });

  it('retries a 500 after the first backoff, and logs both tries', async () => {
    answers.push(500);
    const id = await report();
    received.length = 0;
    await pass();
    expect(received).toHaveLength(1);
    let log = await json(await t.get(`/api/webhooks/${hook.id}/deliveries`, tokens.admin));
    const d = log.find((x: Json) => x.seq && x.status === 'pending');
    expect(d).toMatchObject({ attempts: 1, lastCode: 500 });
    expect(new Date(d.nextAt).getTime() - clock.getTime()).toBe(60_000);
    // Not due yet: nothing goes out.
    await pass();
    expect(received).toHaveLength(1);
    clock = new Date(clock.getTime() + 61_000);
    await pass();
    expect(received).toHaveLength(2);
    expect(JSON.parse(received[1].body).data.order.id).toBe(id);
    log = await json(await t.get(`/api/webhooks/${hook.id}/deliveries`, tokens.admin));
    expect(log.find((x: Json) => x.id === d.id)).toMatchObject({
      status: 'delivered',
      attempts: 2,
      lastCode: 200,
      nextAt: null,
    });
  });

  it('marks a delivery failed after the last backoff', async () => {
    answers.push(503, 503, 503, 503, 503, 503);
    await report();
    received.length = 0;
    for (const wait of [0, 60_000, 300_000, 1_800_000, 7_200_000, 43_200_000]) {
      clock = new Date(clock.getTime() + wait + 1000);
      await pass();
    }
    expect(received).toHaveLength(6);
    const failed = await json(await t.get(`/api/webhooks/${hook.id}/deliveries?status=failed`, tokens.admin));
    expect(failed[0]).toMatchObject({ status: 'failed', attempts: 6, lastCode: 503, nextAt: null });
  });

  it('refuses private and loopback addresses unless the installation allows them', async () => {
    t.config.webhooks.allowPrivate = false;
    try {
      for (const url of [
        `${base}/x`,
        'http://10.1.2.3/x',
        'http://[::1]/x',
        'http://169.254.169.254/latest',
        'http://localhost/x',
      ]) {
        const r = await send('POST', '/api/webhooks', { name: 'x', url, topics: ['alarm'] }, tokens.admin);
        expect(r.status, url).toBe(400);
        expect((await json(r)).error.messageKey).toMatch(/^webhooks\.(privateAddress|unresolvable)$/);
      }
      const bad = await send(
        'POST',
        '/api/webhooks',
        { name: 'x', url: 'file:///etc/passwd', topics: ['alarm'] },
        tokens.admin,
      );
      expect((await json(bad)).error.messageKey).toBe('webhooks.badUrl');
      // A subscription saved while allowed is not delivered to once they are refused.
      await report();
      received.length = 0;
      await pass();
      expect(received).toHaveLength(0);
      const log = await json(await t.get(`/api/webhooks/${hook.id}/deliveries?status=pending`, tokens.admin));
      expect(log[0].lastError).toMatch(/private|内网/);
    } finally {
      t.config.webhooks.allowPrivate = true;
    }
  });

  it("keeps an administrator's subscriptions and their events to its scope", async () => {
    const a = await json(
      await send('POST', '/api/webhooks', { name: 'A', url: `${base}/a`, topics: ['order.created'] }, tokens.admin_a),
    );
    expect(a.webhook.areaId).toBe(ids.street);
    const seenByB = await json(await t.get('/api/webhooks', tokens.admin_b));
    expect(seenByB.map((h: Json) => h.id)).not.toContain(a.webhook.id);
    expect((await t.get(`/api/webhooks/${a.webhook.id}`, tokens.admin_b)).status).toBe(404);
    expect((await t.get(`/api/webhooks/${a.webhook.id}/deliveries`, tokens.admin_b)).status).toBe(404);
    expect((await send('DELETE', `/api/webhooks/${a.webhook.id}`, undefined, tokens.admin_b)).status).toBe(404);
    const over = await send(
      'POST',
      '/api/webhooks',
      { name: 'B', url: `${base}/b`, topics: ['order.created'], areaId: ids.street },
      tokens.admin_b,
    );
    expect(over.status).toBe(403);
    // The district's administrator sees both streets' subscriptions; admin_a only its own.
    expect((await json(await t.get('/api/webhooks', tokens.admin))).map((h: Json) => h.id)).toContain(a.webhook.id);
    expect((await json(await t.get('/api/webhooks', tokens.admin_a))).map((h: Json) => h.id)).toEqual([a.webhook.id]);
    for (const role of ['dispatcher', 'operator'])
      expect((await t.get('/api/webhooks', tokens[role])).status).toBe(403);

    received.length = 0;
    const mine = await report();
    const theirs = await report(otherStreetPoint);
    await pass();
    const toA = received.filter((x) => x.path === '/a').map((x) => JSON.parse(x.body).data.order.id);
    expect(toA).toEqual([mine]);
    const toDistrict = received.filter((x) => x.path === '/sms').map((x) => JSON.parse(x.body).data.order.id);
    expect(toDistrict).toEqual(expect.arrayContaining([mine, theirs]));
  });
});

describe('Open311 status back', () => {
  it('sends the status changes of a request filed with a registered callback_url, in Open311 terms', async () => {
    const created = await json(
      await send(
        'POST',
        '/api/webhooks',
        { name: '12345', url: `${base}/311`, topics: ['open311.status'], clientAccountId: ids.operator },
        tokens.admin,
      ),
    );
    expect(created.webhook.clientAccountId).toBe(ids.operator);
    const file = (callback: string) =>
      fetch(`${t.url}/open311/v2/requests.json`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          api_key: tokens.operator,
          service_code: 'CIT-01',
          lat: String(inside.lat),
          long: String(inside.lon),
          description: '路灯不亮',
          callback_url: callback,
        }),
      });
    const refused = await file(`${base}/not-registered`);
    expect(refused.status).toBe(400);
    const r = await file(`${base}/311`);
    expect(r.status).toBe(201);
    const requestId = Number(((await r.json()) as Json[])[0].service_request_id);

    // An order filed without a callback is not reported back.
    const plain = await report();
    received.length = 0;
    for (const [id, action] of [
      [requestId, 'accept'],
      [plain, 'accept'],
    ] as const)
      expect((await send('POST', `/api/orders/${id}/actions`, { action }, tokens.dispatcher)).status).toBe(200);
    const cancel = await send(
      'POST',
      `/api/orders/${requestId}/actions`,
      { action: 'cancel', reason: '重复来电' },
      tokens.dispatcher,
    );
    expect(cancel.status).toBe(200);
    await pass();
    const back = received.filter((x) => x.path === '/311');
    expect(back.map((x) => x.headers['x-gridwall-event'])).toEqual(['open311.status', 'open311.status']);
    const [accepted, closed] = back.map((x) => JSON.parse(x.body).data as Json);
    expect(accepted).toMatchObject({ service_request_id: String(requestId), status: 'open' });
    expect(accepted.status_notes).not.toBe('');
    expect(accepted.updated_datetime).toMatch(/\+08:00$/);
    expect(closed).toMatchObject({ service_request_id: String(requestId), status: 'closed' });
    expect(back.map((x) => x.body).join()).not.toContain('重复来电');
  });
});

describe('inbox', () => {
  it('puts an order handed to a community in that community staff’s inbox only, and pushes it there', async () => {
    const mine = client(tokens.community_staff);
    const other = client(tokens.other_staff);
    await Promise.all([connected(mine.socket), connected(other.socket)]);
    const id = await report();
    const seq = await partyEvent(id, 'hand_down', {
      holder: { kind: 'community', areaId: ids.community },
      fromHolder: { kind: 'centre', areaId: ids.district },
    });
    const list = await json(await t.get('/api/inbox', tokens.community_staff));
    expect(list.items[0]).toMatchObject({ seq, orderId: id, reason: 'handed', action: 'hand_down', read: false });
    expect(list.unread).toBe(1);
    for (const u of ['other_staff', 'street_staff', 'worker1', 'dept_urban_mgmt', 'operator']) {
      const l = await json(await t.get('/api/inbox', tokens[u]));
      expect(
        l.items.map((x: Json) => x.seq),
        u,
      ).not.toContain(seq);
    }
    await Promise.all([sentinel(mine.socket), sentinel(other.socket)]);
    const until = Date.now() + 5000;
    while (!mine.got.length && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
    expect(mine.got).toEqual([{ seq, orderId: id, reason: 'handed' }]);
    await sentinel(other.socket);
    expect(other.got).toEqual([]);
  });

  it('keeps read marks per account: by id, and everything up to a seq', async () => {
    const before = await json(await t.get('/api/inbox?unread=true', tokens.community_staff));
    expect(before.items.length).toBe(1);
    expect((await t.post('/api/inbox/read', { ids: [before.items[0].seq] }, tokens.community_staff)).status).toBe(204);
    const after = await json(await t.get('/api/inbox?unread=true', tokens.community_staff));
    expect(after).toEqual({ items: [], unread: 0 });
    expect((await json(await t.get('/api/inbox', tokens.community_staff))).items[0].read).toBe(true);

    const id = await report();
    const s1 = await partyEvent(id, 'escalate', { supervisor: { kind: 'community', areaId: ids.community } });
    await t.db.query(
      `UPDATE orders SET dispatched_party_kind = 'community', dispatched_party_area_id = $2 WHERE id = $1`,
      [id, ids.community],
    );
    const s2 = await partyEvent(id, 'request_extension', { hours: 24 });
    const unread = await json(await t.get('/api/inbox?unread=true', tokens.community_staff));
    expect(unread.items.map((x: Json) => [x.seq, x.reason])).toEqual([
      [s2, 'extension'],
      [s1, 'escalated'],
    ]);
    expect((await t.post('/api/inbox/read', { upTo: s2 }, tokens.community_staff)).status).toBe(204);
    expect((await json(await t.get('/api/inbox?unread=true', tokens.community_staff))).unread).toBe(0);
    // Another account's marks are its own.
    expect((await t.post('/api/inbox/read', {}, tokens.community_staff)).status).toBe(400);
  });

  it('reaches a grid worker through their grid, and a department through an assist request or a dispatch', async () => {
    const id = await report();
    const toGrid = await partyEvent(id, 'hand_down', { holder: { kind: 'grid', areaId: ids.grid } });
    const assist = await partyEvent(id, 'request_assist', { depts: ['urban_mgmt'] });
    const dispatched = await partyEvent(id, 'dispatch', {
      holder: { kind: 'department', areaId: ids.district, dept: 'housing' },
    });
    const seqsOf = async (u: string) =>
      (await json(await t.get('/api/inbox', tokens[u]))).items.map((x: Json) => x.seq);
    expect(await seqsOf('worker1')).toContain(toGrid);
    expect(await seqsOf('dept_urban_mgmt')).toEqual(expect.arrayContaining([assist]));
    expect(await seqsOf('dept_urban_mgmt')).not.toContain(dispatched);
    expect(await seqsOf('dept_housing')).toContain(dispatched);
    expect(await seqsOf('dept_housing')).not.toContain(assist);
    expect(await seqsOf('community_staff')).not.toContain(toGrid);
  });
});
