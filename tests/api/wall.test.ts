// The wall's own API: the alarm center (acknowledge once, pushed to walls in scope, kept in the history)
// layouts as data (validated, admin only, a shipped one restorable) and the remote page's commands.
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_LAYOUTS, type WallLayout } from '../../contract/wall.js';
import { startTestApp, type TestApp } from '../helpers/test-db.js';

let t: TestApp;
const tokens: Record<string, string> = {};
const sockets: Socket[] = [];
type Json = Record<string, any>;

const send = (method: string, path: string, body: unknown, token: string) =>
  fetch(t.url + path, {
    method,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
const socketOf = async (token: string) => {
  const s = connect(t.url, { auth: { token }, transports: ['websocket'], reconnection: false, forceNew: true });
  sockets.push(s);
  await new Promise<void>((resolve, reject) => {
    s.once('connect', () => resolve());
    s.once('connect_error', reject);
  });
  return s;
};
const until = async (cond: () => boolean, ms = 5000) => {
  for (const end = Date.now() + ms; !cond();) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 20));
  }
};
/** A critical gas hazard at a grid's label point: the report raises an alarm. */
async function criticalAt(where: 'inside' | 'outside'): Promise<number> {
  const p = (
    await t.db.query<{ lon: number; lat: number }>(
      `SELECT ST_X(label_point) AS lon, ST_Y(label_point) AS lat FROM areas WHERE level = 'grid'
       AND (path LIKE (SELECT ar.path FROM accounts a JOIN areas ar ON ar.id = a.area_id WHERE a.username = 'community1') || '%') = $1
     ORDER BY id LIMIT 1`,
      [where === 'inside'],
    )
  ).rows[0];
  const r = await t.post(
    '/api/orders',
    {
      categoryCode: 'SAF-04',
      hazardLevel: 'critical',
      fields: { gasIssue: 'leak_smell' },
      description: '燃气泄漏',
      source: 'wall',
      ...p,
    },
    tokens.dispatcher,
  );
  const id = ((await r.json()) as Json).order.id as number;
  const list = (await (await t.get('/api/alarms?limit=20', tokens.admin)).json()) as Json[];
  return list.find((a) => a.orderId === id)!.seq;
}

beforeAll(async () => {
  t = await startTestApp();
  for (const u of ['admin', 'dispatcher', 'operator', 'community1', 'worker1']) tokens[u] = await t.login(u);
});
afterAll(async () => {
  for (const s of sockets) s.close();
  await t?.close();
});

describe('alarm center', () => {
  it('acknowledges an alarm once, tells every wall in its area, and keeps who did it in the history', async () => {
    const wall = await socketOf(tokens.operator);
    const acks: Json[] = [];
    wall.on('alarm:ack', (p: Json) => acks.push(p));
    const seq = await criticalAt('inside');
    const open = (await (await t.get('/api/alarms?state=open', tokens.operator)).json()) as Json[];
    expect(open.find((a) => a.seq === seq)).toMatchObject({ ack: null, kind: 'critical_hazard' });
    expect(open.find((a) => a.seq === seq)!.at).toMatch(/^\d{4}-\d\d-\d\dT/);

    const r = await t.post(`/api/alarms/${seq}/ack`, { note: '已通知燃气公司' }, tokens.community1);
    expect(r.status).toBe(200);
    const ack = (await r.json()) as Json;
    expect(ack).toMatchObject({ alarmSeq: seq, note: '已通知燃气公司' });
    expect(ack.seq).toBeGreaterThan(seq);
    await until(() => acks.some((a) => a.alarmSeq === seq));

    const again = await t.post(`/api/alarms/${seq}/ack`, {}, tokens.operator);
    expect(again.status).toBe(409);
    expect(((await again.json()) as Json).error).toMatchObject({
      messageKey: 'wall.alarmAcked',
      message: expect.stringMatching(/已由 .+ 确认/),
    });

    const acked = (await (await t.get('/api/alarms?state=acked', tokens.operator)).json()) as Json[];
    expect(acked.find((a) => a.seq === seq)!.ack).toMatchObject({ note: '已通知燃气公司' });
    expect(
      ((await (await t.get('/api/alarms?state=open', tokens.operator)).json()) as Json[]).some((a) => a.seq === seq),
    ).toBe(false);
    const audit = await t.db.query(`SELECT 1 FROM audit_log WHERE action = 'alarm_ack' AND detail->>'alarmSeq' = $1`, [
      String(seq),
    ]);
    expect(audit.rows).toHaveLength(1);
  });

  it('replays an acknowledgement to a wall that was away', async () => {
    const seq = await criticalAt('inside');
    const before = Number((await t.db.query<{ s: string }>(`SELECT max(seq) AS s FROM pushes`)).rows[0].s);
    expect((await t.post(`/api/alarms/${seq}/ack`, {}, tokens.operator)).status).toBe(200);
    const wall = await socketOf(tokens.operator);
    const acks: Json[] = [];
    wall.on('alarm:ack', (p: Json) => acks.push(p));
    wall.emit('replay', { since: before });
    await until(() => acks.some((a) => a.alarmSeq === seq));
  });

  it('keeps acknowledging to the alarm’s own scope and to the roles that watch', async () => {
    const far = await criticalAt('outside');
    expect((await t.post(`/api/alarms/${far}/ack`, {}, tokens.community1)).status).toBe(404);
    expect((await t.post(`/api/alarms/${far}/ack`, {}, tokens.worker1)).status).toBe(403);
    expect((await t.post('/api/alarms/999999999/ack', {}, tokens.operator)).status).toBe(404);
    expect((await t.post(`/api/alarms/${far}/ack`, { note: 'x'.repeat(201) }, tokens.operator)).status).toBe(400);
    const history = (await (await t.get('/api/alarms?state=open', tokens.admin)).json()) as Json[];
    expect(history.find((a) => a.seq === far)!.ack).toBeNull();
  });

  it('pages down the history by seq', async () => {
    const first = (await (await t.get('/api/alarms?limit=2', tokens.admin)).json()) as Json[];
    const next = (await (await t.get(`/api/alarms?limit=2&before=${first[1].seq}`, tokens.admin)).json()) as Json[];
    expect(next.length).toBeGreaterThan(0);
    expect(next.every((a) => a.seq < first[1].seq)).toBe(true);
  });
});

describe('root-cause alarms', () => {
  it('raises a root-cause item once, however often the scheduler runs and however the item grows', async () => {
    const p = (
      await t.db.query<{ lon: number; lat: number }>(
        `SELECT ST_X(label_point) AS lon, ST_Y(label_point) AS lat FROM areas WHERE level = 'grid' ORDER BY id DESC LIMIT 1`,
      )
    ).rows[0];
    const report = (d: number) =>
      t.post(
        '/api/orders',
        {
          categoryCode: 'PRK-01',
          description: '车辆长期占用消防通道旁车位',
          source: 'wall',
          lon: p.lon + d,
          lat: p.lat,
        },
        tokens.dispatcher,
      );
    const here = async () =>
      (
        await t.db.query<{ n: string }>(
          `SELECT count(*) AS n FROM pushes WHERE topic = 'alarm' AND payload->>'kind' = 'root_cause' AND payload->'message'->>'key' = 'orders.alarm.rootCause' AND payload::text LIKE '%乱停乱放%'
         AND (payload->>'areaId')::int = (SELECT id FROM areas WHERE level = 'grid' ORDER BY id DESC LIMIT 1)`,
        )
      ).rows[0].n;
    for (const d of [0, 0.0001]) expect((await report(d)).status).toBe(201);
    await t.app.scheduler.tick();
    expect(Number(await here())).toBe(0); // two are not yet an item
    expect((await report(-0.0001)).status).toBe(201);
    await t.app.scheduler.tick();
    await t.app.scheduler.tick();
    expect(Number(await here())).toBe(1);
    expect((await report(0.00005)).status).toBe(201);
    await t.app.scheduler.tick();
    expect(Number(await here())).toBe(1);
    const listed = (await (await t.get('/api/alarms?state=open', tokens.operator)).json()) as Json[];
    expect(listed.some((a) => a.kind === 'root_cause' && /乱停乱放/.test(JSON.stringify(a.message)))).toBe(true);
  });
});

describe('wall layouts', () => {
  it('ships a 16:9 and a 32:9 layout', async () => {
    const list = (await (await t.get('/api/wall/layouts', tokens.operator)).json()) as WallLayout[];
    expect(list.map((l) => l.id)).toEqual(DEFAULT_LAYOUTS.map((l) => l.id));
  });

  it('lets an admin change a layout, refuses a broken one whole, and restores a shipped one', async () => {
    const shipped = DEFAULT_LAYOUTS[0];
    const moved = {
      name: '值班室 16:9',
      spec: { ...shipped.spec, panels: shipped.spec.panels.filter((p) => p.panel !== 'parties') },
    };
    expect((await send('PUT', `/api/wall/layouts/${shipped.id}`, moved, tokens.operator)).status).toBe(403);
    const ok = await send('PUT', `/api/wall/layouts/${shipped.id}`, moved, tokens.admin);
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as WallLayout).spec.panels.some((p) => p.panel === 'parties')).toBe(false);

    const overlapping = {
      name: 'bad',
      spec: {
        ...shipped.spec,
        panels: [...moved.spec.panels, { panel: 'children', col: 5, row: 3, colSpan: 2, rowSpan: 2 }],
      },
    };
    const bad = await send('PUT', `/api/wall/layouts/${shipped.id}`, overlapping, tokens.admin);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as Json).error).toMatchObject({
      messageKey: 'wall.layoutProblems',
      message: expect.stringMatching(/map 与 children 重叠/),
    });
    const outside = { name: 'bad', spec: { ...shipped.spec, map: { col: 10, row: 1, colSpan: 6, rowSpan: 2 } } };
    expect((await send('PUT', '/api/wall/layouts/new-one', outside, tokens.admin)).status).toBe(400);
    const list = (await (await t.get('/api/wall/layouts', tokens.operator)).json()) as WallLayout[];
    expect(list.find((l) => l.id === shipped.id)!.name).toBe('值班室 16:9');
    expect(list.some((l) => l.id === 'new-one')).toBe(false);

    expect((await send('DELETE', `/api/wall/layouts/${shipped.id}`, {}, tokens.admin)).status).toBe(204);
    const restored = (await (await t.get('/api/wall/layouts', tokens.operator)).json()) as WallLayout[];
    expect(restored.find((l) => l.id === shipped.id)).toEqual(shipped);
    expect((await send('DELETE', `/api/wall/layouts/${shipped.id}`, {}, tokens.admin)).status).toBe(404);
  });
});

describe('remote page', () => {
  it('relays a valid command to the other sockets of the same account only', async () => {
    const remote = await socketOf(tokens.operator);
    const wall = await socketOf(tokens.operator);
    const other = await socketOf(tokens.dispatcher);
    const got: Json[] = [];
    const stray: Json[] = [];
    wall.on('wall:command', (c: Json) => got.push(c));
    other.on('wall:command', (c: Json) => stray.push(c));
    remote.on('wall:command', (c: Json) => stray.push(c));
    remote.emit('wall:command', { command: 'bogus' });
    remote.emit('wall:command', { command: 'tour', on: true });
    await until(() => got.length === 1);
    await new Promise((r) => setTimeout(r, 100));
    expect(got).toEqual([{ command: 'tour', on: true }]);
    expect(stray).toEqual([]);

    const worker = await socketOf(tokens.worker1);
    const workerWall = await socketOf(tokens.worker1);
    const heard: Json[] = [];
    workerWall.on('wall:command', (c: Json) => heard.push(c));
    worker.emit('wall:command', { command: 'next' });
    await new Promise((r) => setTimeout(r, 150));
    expect(heard).toEqual([]);
  });
});
