// The parties of an order over HTTP (五级联动): each step taken by its own account, from the grid worker's report
// through the community, the street, a department and an assisting one, to the centre's review and close-out.
import { io as connect } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connected } from '../helpers/sockets.js';
import { startTestApp, type TestApp } from '../helpers/test-db.js';

let t: TestApp;
const clock = { now: new Date('2026-03-02T02:00:00Z') }; // a Monday, 10:00 in Shanghai
const tokens: Record<string, string> = {};
let inside: { lon: number; lat: number }; // a point in worker1's grid
let line: { grid: number; community: number; street: number; district: number };

type Json = Record<string, any>;
const json = async (r: Response) => (await r.json()) as Json;
const USERS = [
  'worker1',
  'community_staff',
  'street_staff',
  'dept_urban_mgmt',
  'dept_housing',
  'dispatcher',
  'reviewer',
  'other_staff',
];

const act = (id: number, body: Json, who: string) => t.post(`/api/orders/${id}/actions`, body, tokens[who]);
const detail = async (id: number, who: string) => {
  const r = await t.get(`/api/orders/${id}`, tokens[who]);
  expect(r.status, who).toBe(200);
  return json(r);
};
/** Whether the detail offers `action` to `who`: checked against what the POST then does. */
const offered = async (id: number, who: string, action: string) =>
  ((await detail(id, who)).actions as Json[]).find((a) => a.action === action)!;

/** Takes the step after checking that the detail offers it to that account. */
async function step(id: number, body: Json, who: string): Promise<Json> {
  const a = await offered(id, who, body.action);
  expect(a, `${who} ${body.action}`).toMatchObject({ action: body.action, allowed: true });
  const r = await act(id, body, who);
  expect(r.status, `${who} ${body.action}: ${await r.clone().text()}`).toBe(200);
  return (await json(r)).order;
}

/** The step is refused: the detail says so (with a reason) and the POST answers 409 with a message code. */
async function refused(id: number, body: Json, who: string): Promise<Json> {
  const a = await offered(id, who, body.action);
  expect(a.allowed, `${who} ${body.action}`).toBe(false);
  expect(a.messageKey).toBeTruthy();
  const r = await act(id, body, who);
  expect(r.status, `${who} ${body.action}`).toBe(409);
  const err = (await json(r)).error;
  expect(err.messageKey).toBe('orders.conflict');
  return err;
}

async function uploadPhoto(who: string): Promise<string> {
  const b = new Uint8Array(64);
  b.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  b[8] = 7;
  const fd = new FormData();
  fd.append('photo', new Blob([b as BlobPart], { type: 'image/png' }), 'after.png');
  const r = await fetch(`${t.url}/api/photos`, {
    method: 'POST',
    headers: { authorization: `Bearer ${tokens[who]}` },
    body: fd,
  });
  expect(r.status).toBe(201);
  return (await json(r)).id;
}

beforeAll(async () => {
  t = await startTestApp({}, { now: () => clock.now });
  const g = (
    await t.db.query<{ lon: number; lat: number; path: string }>(
      `SELECT ST_X(g.label_point) AS lon, ST_Y(g.label_point) AS lat, g.path FROM accounts a JOIN areas g ON g.id = a.area_id WHERE a.username = 'worker1'`,
    )
  ).rows[0];
  inside = { lon: g.lon, lat: g.lat };
  const [district, street, community, grid] = g.path.split('/').filter(Boolean).map(Number);
  line = { district, street, community, grid };
  // The staff of another community of the district, to be refused.
  await t.db.query(
    `INSERT INTO accounts (username, display_name, password_hash, role, area_id)
     SELECT 'other_staff', '邻社区工作人员', password_hash, 'dispatcher',
       (SELECT id FROM areas WHERE level = 'community' AND id <> $1 ORDER BY id LIMIT 1)
     FROM accounts WHERE username = 'community_staff'`,
    [community],
  );
  for (const u of USERS) tokens[u] = await t.login(u);
});
afterAll(async () => t?.close());

describe('an order through every party', () => {
  let id: number;

  it('starts with the grid when a grid worker reports it, and the grid hands it up to the community', async () => {
    const r = await t.post(
      '/api/orders',
      {
        categoryCode: 'CIT-01',
        description: '小区主干道路面塌陷，需要维修，物业电话 13812345678',
        source: 'grid_worker',
        reporter: { name: '李阿姨', phone: '13912345678' },
        ...inside,
      },
      tokens.worker1,
    );
    expect(r.status).toBe(201);
    const created = (await json(r)).order;
    id = created.id;
    expect(created.holder).toEqual({ kind: 'grid', areaId: line.grid });
    const d = await detail(id, 'worker1');
    expect(d.holder).toMatchObject({ kind: 'grid', areaId: line.grid });
    expect(d.holder.name).toBeTruthy();
    expect(d.place).toMatchObject({ street: expect.any(String), community: expect.any(String), grid: d.holder.name });
    expect(d.supervisingLevel).toBe(0);
    expect(d.actions).toHaveLength(23);

    // A grid worker may not hand down: refused with a reason, as the detail said.
    const err = await refused(id, { action: 'hand_down', to: { kind: 'grid', areaId: line.grid } }, 'worker1');
    expect(err.params.reason.key).toBe('orders.refuse.role');

    const o = await step(id, { action: 'hand_up', reason: '路面塌陷需社区协调维修' }, 'worker1');
    expect(o.holder).toEqual({ kind: 'community', areaId: line.community });
    expect(o.status).toBe('reported');
    // Now the community holds it, not the grid.
    await refused(id, { action: 'hand_up', reason: '再上报' }, 'worker1');
  });

  it('is not found by the staff of another community; the community hands it up to the street', async () => {
    const other = await act(id, { action: 'hand_up', reason: '试图上报' }, 'other_staff');
    expect(other.status).toBe(404);
    expect((await t.get(`/api/orders/${id}`, tokens.other_staff)).status).toBe(404);
    const mine = await json(await t.get('/api/orders?holder=mine', tokens.community_staff));
    expect(mine.map((x: Json) => x.id)).toContain(id);
    const o = await step(id, { action: 'hand_up', reason: '涉及市政道路，需街道协调' }, 'community_staff');
    expect(o.holder).toEqual({ kind: 'street', areaId: line.street });
    const after = await json(await t.get('/api/orders?holder=mine', tokens.community_staff));
    expect(after.map((x: Json) => x.id)).not.toContain(id);
  });

  it('is dispatched by the street to urban management, which returns it with a reason', async () => {
    await step(id, { action: 'accept' }, 'street_staff');
    const o = await step(id, { action: 'dispatch', leadDept: 'urban_mgmt', assistDepts: [] }, 'street_staff');
    expect(o).toMatchObject({
      status: 'dispatched',
      holder: { kind: 'department', areaId: line.street, dept: 'urban_mgmt' },
    });
    // The department handles it: it reads what was written as written.
    expect((await detail(id, 'dept_urban_mgmt')).description).toContain('13812345678');
    // Another department neither sees nor acts on it.
    expect((await t.get(`/api/orders/${id}`, tokens.dept_housing)).status).toBe(404);
    expect((await act(id, { action: 'sign' }, 'dept_housing')).status).toBe(404);
    const list = await json(await t.get('/api/orders?holder=mine', tokens.dept_housing));
    expect(list.map((x: Json) => x.id)).not.toContain(id);
    const held = await json(await t.get('/api/orders?holder=mine&status=dispatched', tokens.dept_urban_mgmt));
    expect(held.map((x: Json) => x.id)).toContain(id);

    const back = await step(id, { action: 'return', reason: '属市政道路，非城管职责' }, 'dept_urban_mgmt');
    expect(back).toMatchObject({ status: 'returned', holder: { kind: 'street', areaId: line.street } });
  });

  it('is re-dispatched by the street, signed for, and given 48 hours more by the street', async () => {
    await step(id, { action: 'reroute', leadDept: 'urban_mgmt', assistDepts: [] }, 'street_staff');
    const signed = await step(id, { action: 'sign' }, 'dept_urban_mgmt');
    expect(signed.status).toBe('in_progress');
    const before = signed.deadline as string;
    await step(id, { action: 'request_extension', hours: 48, reason: '需采购路面材料' }, 'dept_urban_mgmt');
    const d = await detail(id, 'street_staff');
    expect(d.extension).toMatchObject({ hours: 48, status: 'pending', reason: '需采购路面材料' });
    // One request at a time.
    await refused(id, { action: 'request_extension', hours: 24, reason: '再延' }, 'dept_urban_mgmt');
    // The department does not decide its own request.
    const own = await refused(id, { action: 'decide_extension', approve: true }, 'dept_urban_mgmt');
    expect(own.params.reason.key).toBe('orders.refuse.role');
    // Nor does a community below the street that dispatched it.
    expect((await act(id, { action: 'decide_extension', approve: true }, 'community_staff')).status).toBe(409);
    const approved = await step(id, { action: 'decide_extension', approve: true, note: '同意' }, 'street_staff');
    expect(Date.parse(approved.deadline) - Date.parse(before)).toBe(48 * 3_600_000);
    expect((await detail(id, 'dept_urban_mgmt')).extension).toMatchObject({ status: 'approved', hours: 48 });
    const rows = await t.db.query(`SELECT status, decided_by FROM order_extensions WHERE order_id = $1`, [id]);
    expect(rows.rows).toEqual([{ status: 'approved', decided_by: expect.any(Number) }]);
  });

  it('asks housing to assist, which signs for and finishes its part', async () => {
    await step(id, { action: 'request_assist', depts: ['housing'], note: '请住建协助核实管线' }, 'dept_urban_mgmt');
    const d = await detail(id, 'dept_housing');
    expect(d.assists).toEqual([expect.objectContaining({ dept: 'housing', status: 'requested' })]);
    const mine = await json(await t.get('/api/orders?holder=mine', tokens.dept_housing));
    expect(mine.map((x: Json) => x.id)).toContain(id);
    // The assisting department answers for itself only, and does not take the lead's steps.
    await refused(id, { action: 'resolve', note: '已修复', photos: [] }, 'dept_housing');
    await step(id, { action: 'assist_update', dept: 'housing', status: 'signed' }, 'dept_housing');
    await step(id, { action: 'note', text: '已核实地下管线完好', photos: [] }, 'dept_housing');
    await step(id, { action: 'assist_update', dept: 'housing', status: 'done', note: '管线无损' }, 'dept_housing');
    expect((await detail(id, 'dept_urban_mgmt')).assists).toEqual([
      expect.objectContaining({ dept: 'housing', status: 'done', note: '管线无损' }),
    ]);
  });

  it('is resolved with a photo, passed by the reviewer, rated and closed', async () => {
    const photo = await uploadPhoto('dept_urban_mgmt');
    const resolved = await step(
      id,
      { action: 'resolve', note: '已回填压实并重新铺设路面', photos: [photo] },
      'dept_urban_mgmt',
    );
    expect(resolved.status).toBe('resolved');
    await step(id, { action: 'review_pass', note: '现场核查通过' }, 'reviewer');
    await step(id, { action: 'rate', rating: 'satisfied' }, 'dispatcher');
    const closed = await step(id, { action: 'close', unreachable: false }, 'reviewer');
    expect(closed.status).toBe('closed');

    const d = await detail(id, 'dispatcher');
    expect(d.events.map((e: Json) => e.action)).toEqual([
      'report',
      'hand_up',
      'hand_up',
      'accept',
      'dispatch',
      'return',
      'reroute',
      'sign',
      'request_extension',
      'decide_extension',
      'request_assist',
      'assist_update',
      'note',
      'assist_update',
      'resolve',
      'review_pass',
      'rate',
      'close',
    ]);
    // Every event names the holder after it; moves name the one before.
    for (const e of d.events) expect(e.data?.holder?.kind, e.action).toBeTruthy();
    const ret = d.events.find((e: Json) => e.action === 'return');
    expect(ret.data.fromHolder).toEqual({ kind: 'department', areaId: line.street, dept: 'urban_mgmt' });
    expect(ret.data.holder).toEqual({ kind: 'street', areaId: line.street });
  });
});

describe('the actions list', () => {
  it('says allowed exactly where the POST succeeds, for every action and account on a fresh report', async () => {
    const r = await t.post(
      '/api/orders',
      { categoryCode: 'SAN-01', description: '垃圾桶满溢', source: 'grid_worker', ...inside },
      tokens.worker1,
    );
    const id = (await json(r)).order.id;
    for (const who of ['worker1', 'community_staff', 'street_staff', 'dispatcher']) {
      const d = await detail(id, who);
      const allowed = (d.actions as Json[]).filter((a) => a.allowed).map((a) => a.action);
      for (const a of d.actions as Json[]) {
        if (!a.allowed) expect(a.messageKey, `${who} ${a.action}`).toBeTruthy();
      }
      if (who === 'worker1') expect(allowed.sort()).toEqual(['hand_up', 'note', 'start']);
      if (who === 'community_staff' || who === 'street_staff') {
        // Held by the grid: the community and the street may not act on it, except the street handing it down.
        expect(allowed, who).toEqual(who === 'street_staff' ? ['hand_down'] : []);
        expect((await act(id, { action: 'hand_up', reason: 'x' }, who)).status).toBe(409);
      }
      if (who === 'dispatcher') expect(allowed).toContain('hand_up');
    }
    // The street hands it down to the community, as it was offered.
    const o = await step(
      id,
      { action: 'hand_down', to: { kind: 'community', areaId: line.community } },
      'street_staff',
    );
    expect(o.holder).toEqual({ kind: 'community', areaId: line.community });
    // A target outside the order's line is refused.
    const bad = await act(id, { action: 'hand_down', to: { kind: 'grid', areaId: line.community } }, 'dispatcher');
    expect([400, 409]).toContain(bad.status);
  });
});

describe('pushes to a department', () => {
  it('reach its accounts for the orders it holds or assists, and for no other order, live or replayed', async () => {
    const socket = connect(t.url, {
      auth: { token: tokens.dept_housing },
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
    });
    const got: number[] = [];
    for (const topic of ['order:created', 'order:updated', 'order:escalated', 'alarm'])
      socket.on(topic, (p: Json) => got.push(p.order?.id ?? p.orderId ?? -1));
    await connected(socket);
    try {
      const report = async (description: string) =>
        (
          await json(
            await t.post(
              '/api/orders',
              { categoryCode: 'CIT-01', description, source: 'grid_worker', ...inside },
              tokens.worker1,
            ),
          )
        ).order.id as number;
      const other = await report('路灯不亮');
      const mine = await report('楼道墙皮脱落');
      await step(other, { action: 'hand_up', reason: '需社区处理' }, 'worker1');
      await step(mine, { action: 'hand_up', reason: '需社区处理' }, 'worker1');
      await step(mine, { action: 'hand_up', reason: '需街道协调' }, 'community_staff');
      await step(mine, { action: 'accept' }, 'street_staff');
      await step(mine, { action: 'dispatch', leadDept: 'housing', assistDepts: [] }, 'street_staff');
      // The push of the dispatch is the first this department hears; nothing of the other order, before or after.
      await step(other, { action: 'note', text: '已联系物业' }, 'community_staff');
      await step(mine, { action: 'sign' }, 'dept_housing');
      const until = Date.now() + 10_000;
      while (got.filter((x) => x === mine).length < 2 && Date.now() < until)
        await new Promise((r) => setTimeout(r, 20));
      expect(got).toEqual([mine, mine]);
      // A replay from before both reports gives the same.
      const replayed: number[] = [];
      socket.off('order:updated');
      socket.on('order:updated', (p: Json) => replayed.push(p.order?.id ?? -1));
      socket.on('order:created', (p: Json) => replayed.push(p.order?.id ?? -1));
      const sent = await new Promise<number>((resolve) =>
        socket.emit('replay', { since: 0 }, (a: Json) => resolve(a.sent)),
      );
      expect(sent).toBeGreaterThan(0);
      expect(replayed).not.toContain(other);
      expect(replayed.filter((x) => x === mine)).toHaveLength(2);
    } finally {
      socket.close();
    }
  });
});

describe('handled on the spot (自行处理)', () => {
  it('is started with a before photo and resolved with an after photo by the grid, and reviewed by its community', async () => {
    const r = await t.post(
      '/api/orders',
      { categoryCode: 'SAN-01', description: '楼道口堆放纸箱', source: 'grid_worker', ...inside },
      tokens.worker1,
    );
    const id = (await json(r)).order.id as number;
    const before = await uploadPhoto('worker1');
    expect((await step(id, { action: 'start', note: '现场清理', photos: [before] }, 'worker1')).status).toBe(
      'in_progress',
    );
    const after = await uploadPhoto('worker1');
    await step(id, { action: 'resolve', note: '已清理完毕', photos: [after] }, 'worker1');
    // Not the street's to review, nor another community's; its own community reviews it.
    await refused(id, { action: 'review_pass' }, 'street_staff');
    expect((await act(id, { action: 'review_pass' }, 'other_staff')).status).toBe(404);
    await step(id, { action: 'review_pass', note: '核查通过' }, 'community_staff');
    const d = await detail(id, 'community_staff');
    expect(d.events.find((e: Json) => e.action === 'start').data.photos).toEqual([before]);
    expect(d.holder).toMatchObject({ kind: 'grid', areaId: line.grid });
  });
});
