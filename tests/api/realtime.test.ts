// Socket.IO: pushes reach the rooms a scope allows, and a reconnecting client replays exactly what it missed.
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/test-db.js';

let t: TestApp;
let tokens: Record<string, string>;
let inside: { lon: number; lat: number };
let outside: { lon: number; lat: number };
const sockets: Socket[] = [];

interface Push {
  seq: number;
  order?: { id: number };
  orderId?: number;
}

function client(token: string): { socket: Socket; got: { topic: string; p: Push }[] } {
  const got: { topic: string; p: Push }[] = [];
  const socket = connect(t.url, { auth: { token }, transports: ['websocket'], reconnection: false, forceNew: true });
  for (const topic of ['order:created', 'order:updated', 'order:escalated', 'alarm'])
    socket.on(topic, (p: Push) => got.push({ topic, p }));
  sockets.push(socket);
  return { socket, got };
}
const connected = (s: Socket) =>
  new Promise<void>((resolve, reject) => {
    s.once('connect', () => resolve());
    s.once('connect_error', reject);
  });
const until = async (cond: () => boolean, ms = 5000) => {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 20));
  }
};
async function create(over: Record<string, unknown> = {}) {
  const r = await t.post(
    '/api/orders',
    { categoryCode: 'CIT-01', description: '小广告', source: 'wall', ...inside, ...over },
    tokens.dispatcher,
  );
  return ((await r.json()) as { order: { id: number } }).order.id;
}

beforeAll(async () => {
  t = await startTestApp();
  tokens = {};
  for (const u of ['dispatcher', 'operator', 'community1']) tokens[u] = await t.login(u);
  inside = (
    await t.db.query<{ lon: number; lat: number }>(
      `SELECT ST_X(g.label_point) AS lon, ST_Y(g.label_point) AS lat FROM accounts a JOIN areas g ON g.id = a.area_id WHERE a.username = 'worker1'`,
    )
  ).rows[0];
  outside = (
    await t.db.query<{ lon: number; lat: number }>(
      `SELECT ST_X(label_point) AS lon, ST_Y(label_point) AS lat FROM areas WHERE level = 'grid' AND path NOT LIKE (SELECT ar.path FROM accounts a JOIN areas ar ON ar.id = a.area_id WHERE a.username = 'community1') || '%' ORDER BY id LIMIT 1`,
    )
  ).rows[0];
});
afterAll(async () => {
  for (const s of sockets) s.close();
  await t?.close();
});

describe('Socket.IO pushes', () => {
  it('refuses a socket without a valid session', async () => {
    const { socket } = client('forged');
    await expect(connected(socket)).rejects.toThrow(/unauthorized/);
  });

  it('sends order:created with its seq to walls whose scope holds the order, and not to others', async () => {
    const district = client(tokens.operator);
    const community = client(tokens.community1);
    await Promise.all([connected(district.socket), connected(community.socket)]);
    const a = await create();
    const b = await create(outside);
    // A later order inside is the sentinel: pushes reach a socket in seq order, so b would have come before it.
    const c = await create();
    await until(() => district.got.filter((g) => g.topic === 'order:created').length >= 3);
    await until(() => community.got.some((g) => g.p.order?.id === c));
    expect(community.got.some((g) => g.p.order?.id === a)).toBe(true);
    expect(community.got.some((g) => g.p.order?.id === b)).toBe(false);
    const created = district.got.filter((g) => g.topic === 'order:created');
    expect(created.map((g) => g.p.order!.id)).toEqual([a, b, c]);
    expect(created[0].p.seq).toBeLessThan(created[1].p.seq);
  });

  it('replays exactly what a client missed, in order, after it reconnects', async () => {
    const first = client(tokens.operator);
    await connected(first.socket);
    await create();
    await until(() => first.got.length >= 1);
    const lastSeen = Math.max(...first.got.map((g) => g.p.seq));
    first.socket.close();
    const missed = [
      await create(),
      await create({ categoryCode: 'SAF-04', hazardLevel: 'critical', fields: { gasIssue: 'leak_smell' } }),
      await create(),
    ];
    const again = client(tokens.operator);
    await connected(again.socket);
    // The replay's ack follows everything it sent: nothing more is owed once it arrives.
    const sent = await new Promise<{ sent: number }>((resolve) =>
      again.socket.emit('replay', { since: lastSeen }, resolve),
    );
    const expected = (
      await t.db.query<{ seq: number }>(`SELECT seq FROM pushes WHERE seq > $1 ORDER BY seq`, [lastSeen])
    ).rows.map((r) => Number(r.seq));
    expect(sent.sent).toBe(expected.length);
    expect(again.got.map((g) => g.p.seq)).toEqual(expected);
    const ids = again.got.filter((g) => g.topic === 'order:created').map((g) => g.p.order!.id);
    expect(ids).toEqual(missed);
    // The 重大 gas leak brought its auto-dispatch and its alarm along.
    expect(again.got.map((g) => g.topic)).toEqual(expect.arrayContaining(['order:updated', 'alarm']));
  });
});
