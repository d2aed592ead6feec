// A re-gridding moves orders between grids: every move is an event in the log, published after commit. An open
// wall hears each order on its new grid; a client scoped to the grid an order left hears only that it left, live
// and on replay; the order's timeline records the move.
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connected, sentinel } from '../helpers/sockets.js';
import { startTestApp, TEST_PASSWORD, type TestApp } from '../helpers/test-db.js';

type Json = Record<string, any>;
interface Heard {
  topic: string;
  p: Json;
}

let t: TestApp;
let tokens: Record<string, string>;
let community: { id: number; path: string };
let oldGrids: number[];
const sockets: Socket[] = [];

function client(token: string): { socket: Socket; heard: Heard[] } {
  const heard: Heard[] = [];
  const socket = connect(t.url, { auth: { token }, transports: ['websocket'], reconnection: false, forceNew: true });
  for (const topic of ['order:created', 'order:updated', 'order:moved', 'order:left'])
    socket.on(topic, (p: Json) => heard.push({ topic, p }));
  sockets.push(socket);
  return { socket, heard };
}

beforeAll(async () => {
  t = await startTestApp();
  tokens = {};
  for (const u of ['admin', 'planner', 'operator', 'dispatcher']) tokens[u] = await t.login(u);
  community = (
    await t.db.query<typeof community>(
      `SELECT c.id, c.path FROM areas c
      WHERE c.level = 'community' AND c.households >= 1200 AND EXISTS (SELECT 1 FROM roads r WHERE ST_Crosses(r.geom, c.geom))
      ORDER BY c.code LIMIT 1`,
    )
  ).rows[0];
  oldGrids = (
    await t.db.query<{ id: number }>(`SELECT id FROM areas WHERE parent_id = $1 AND level = 'grid' ORDER BY id`, [
      community.id,
    ])
  ).rows.map((r) => r.id);
  // Open orders spread over the community's buildings, so the new grid lines cut between some of them.
  const spots = (
    await t.db.query<{ lon: number; lat: number }>(
      `SELECT ST_X(b.geom) AS lon, ST_Y(b.geom) AS lat FROM buildings b JOIN areas g ON g.id = b.grid_id
      WHERE g.parent_id = $1 AND b.households > 0 ORDER BY b.id`,
      [community.id],
    )
  ).rows;
  for (let i = 0; i < spots.length; i += Math.max(1, Math.floor(spots.length / 16))) {
    const r = await t.post(
      '/api/orders',
      { categoryCode: 'CIT-01', description: '楼道堆物', source: 'wall', ...spots[i] },
      tokens.dispatcher,
    );
    expect(r.status).toBe(201);
  }
  // A console for each grid of the community, scoped to that grid alone.
  for (const g of oldGrids) {
    const r = await t.post(
      '/api/accounts',
      { username: `grid${g}`, displayName: `网格 ${g} 值班员`, role: 'operator', areaId: g, password: TEST_PASSWORD },
      tokens.admin,
    );
    expect(r.status).toBe(201);
    tokens[`grid${g}`] = await t.login(`grid${g}`);
  }
});
afterAll(async () => {
  for (const s of sockets) s.close();
  await t?.close();
});

describe('a re-gridding accepted', () => {
  it('reaches an open wall with every order on its new grid, and tells a grid that lost an order only that it left', async () => {
    const wall = client(tokens.operator);
    const grids = new Map(oldGrids.map((g) => [g, client(tokens[`grid${g}`])]));
    await Promise.all([wall, ...grids.values()].map((c) => connected(c.socket)));
    const before = new Map(
      (
        await t.db.query<{ id: number; grid: number }>(
          `SELECT id, grid_id AS grid FROM orders WHERE area_path LIKE $1 || '%'`,
          [community.path],
        )
      ).rows.map((r) => [r.id, r.grid]),
    );
    const seqBefore = Number((await t.db.query<{ s: string }>(`SELECT max(seq) AS s FROM pushes`)).rows[0].s);

    // Small grids: more grids than before, each old one kept in place where it overlaps most, so none is removed.
    const rep = (await (
      await t.post('/api/regrid', { communityId: community.id, minHouseholds: 150, maxHouseholds: 260 }, tokens.planner)
    ).json()) as Json;
    expect((await t.post(`/api/imports/${rep.id}/accept`, {}, tokens.planner)).status).toBe(200);
    await Promise.all([wall, ...grids.values()].map((c) => sentinel(c.socket)));

    const after = (
      await t.db.query<{ id: number; grid: number; seq: string }>(
        `SELECT id, grid_id AS grid, updated_seq AS seq FROM orders WHERE id = ANY($1) ORDER BY id`,
        [[...before.keys()]],
      )
    ).rows;
    const moved = after.filter((o) => o.grid !== before.get(o.id));
    expect(moved.length).toBeGreaterThan(0);
    const newer = (c: { heard: Heard[] }) => c.heard.filter((h) => h.p.seq > seqBefore);

    // The wall: one order:moved per moved order, with its new grid, its old one, and the seq it now carries.
    expect(
      newer(wall).map((h) => [h.topic, h.p.order.id, h.p.order.gridId, h.p.fromGridId, h.p.seq, h.p.order.updatedSeq]),
    ).toEqual(moved.map((o) => ['order:moved', o.id, o.grid, before.get(o.id), Number(o.seq), Number(o.seq)]));

    // Each grid: the orders that left it as order:left (an id, nothing of where it went); those that came in, whole.
    let left = 0;
    for (const [g, c] of grids) {
      const expected = moved.flatMap((o) =>
        before.get(o.id) === g
          ? [['order:left', o.id, Number(o.seq)]]
          : o.grid === g
            ? [['order:moved', o.id, Number(o.seq)]]
            : [],
      );
      expect(newer(c).map((h) => [h.topic, h.p.orderId ?? h.p.order.id, h.p.seq])).toEqual(expected);
      for (const h of newer(c).filter((x) => x.topic === 'order:left'))
        expect(Object.keys(h.p).sort()).toEqual(['orderId', 'seq']);
      left += expected.filter((e) => e[0] === 'order:left').length;
    }
    expect(left).toBe(moved.filter((o) => oldGrids.includes(before.get(o.id)!)).length);
    expect(left).toBeGreaterThan(0);

    // A grid console that was away replays the same: what left as leaving, and its count checks out (nothing resent).
    const [g, c] = [...grids].find(([, x]) => newer(x).some((h) => h.topic === 'order:left'))!;
    const again = client(tokens[`grid${g}`]);
    await connected(again.socket);
    const sent = await new Promise<{ sent: number }>((resolve) =>
      again.socket.emit('replay', { since: seqBefore }, resolve),
    );
    expect(again.heard.map((h) => [h.topic, h.p])).toEqual(newer(c).map((h) => [h.topic, h.p]));
    expect(sent.sent).toBe(newer(c).length);
    const upTo = Math.max(...moved.map((o) => Number(o.seq)));
    const check = await new Promise<{ resent: number }>((resolve) =>
      again.socket.emit('verify', { after: seqBefore, upTo, count: newer(c).length }, resolve),
    );
    expect(check.resent).toBe(0);
  });

  it("records the move in the order's timeline, by whom and from which grid to which", async () => {
    const o = (
      await t.db.query<{ id: number; grid: number }>(
        `SELECT order_id AS id, (data->>'toGridId')::int AS grid FROM order_events WHERE action = 'regrid' ORDER BY seq LIMIT 1`,
      )
    ).rows[0];
    const detail = (await (await t.get(`/api/orders/${o.id}`, tokens.dispatcher)).json()) as Json;
    const e = detail.events.find((x: Json) => x.action === 'regrid');
    expect(e).toMatchObject({
      actor: { role: 'planner' },
      from: detail.status,
      to: detail.status,
      data: { toGridId: detail.gridId },
    });
    expect(detail.gridId).toBe(o.grid);
    expect(oldGrids).toContain(e.data.fromGridId);
    expect(detail.updatedSeq).toBeGreaterThanOrEqual(e.seq);
  });
});
