// A client that floods its socket with replay or verify requests gets the work of a few: replays fold into one
// from the earliest seq, verifies wait their turn in a short queue (api/realtime/one-at-a-time.ts).
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connected } from '../helpers/sockets.js';
import { startTestApp, type TestApp } from '../helpers/test-db.js';

let t: TestApp;
let token: string;
let pushes: number;
const sockets: Socket[] = [];
const TOPICS = ['order:created', 'order:updated', 'order:escalated', 'alarm', 'alarm:ack'];

function client(): { socket: Socket; received: () => number } {
  let n = 0;
  const socket = connect(t.url, { auth: { token }, transports: ['websocket'], reconnection: false, forceNew: true });
  for (const topic of TOPICS) socket.on(topic, () => n++);
  sockets.push(socket);
  return { socket, received: () => n };
}

beforeAll(async () => {
  t = await startTestApp({ GRIDWALL_SYNC_MS: '0' });
  token = await t.login('operator');
  const dispatcher = await t.login('dispatcher');
  const at = (
    await t.db.query<{ lon: number; lat: number }>(
      `SELECT ST_X(label_point) AS lon, ST_Y(label_point) AS lat FROM areas WHERE level = 'grid' ORDER BY id LIMIT 1`,
    )
  ).rows[0];
  for (let i = 0; i < 20; i++) {
    const r = await t.post(
      '/api/orders',
      { categoryCode: 'CIT-01', description: `小广告 ${i}`, source: 'wall', ...at },
      dispatcher,
    );
    expect(r.status).toBe(201);
  }
  pushes = Number((await t.db.query<{ n: string }>(`SELECT count(*) AS n FROM pushes`)).rows[0].n);
  expect(pushes).toBeGreaterThanOrEqual(20);
});
afterAll(async () => {
  for (const s of sockets) s.close();
  await t?.close();
});

describe('a socket flooded with requests', () => {
  it('answers 500 replays from the start with a few runs, and acks every one of them', async () => {
    const c = client();
    await connected(c.socket);
    const acks = await Promise.all(
      Array.from(
        { length: 500 },
        (_, i) =>
          new Promise<number>((resolve) =>
            c.socket.emit('replay', { since: i % 3 }, (r: { sent: number }) => resolve(r.sent)),
          ),
      ),
    );
    expect(acks).toHaveLength(500);
    expect(acks[0]).toBe(pushes);
    // Everything a run sends precedes its ack on the socket, so the count is final here. Requests that arrive while
    // a run goes on fold into the next one: as many runs as the requests took turns to arrive, not one each.
    expect(c.received() % pushes).toBe(0);
    expect(c.received()).toBeLessThanOrEqual(25 * pushes);
    expect(c.received()).toBeGreaterThanOrEqual(pushes);
  });

  it('runs at most a few of 200 verify requests that each ask for the whole history again', async () => {
    const c = client();
    await connected(c.socket);
    const upTo = Number((await t.db.query<{ s: string }>(`SELECT max(seq) AS s FROM pushes`)).rows[0].s);
    let acked = 0;
    for (let i = 0; i < 200; i++) c.socket.emit('verify', { after: 0, upTo, count: 0 }, () => acked++);
    // A request sent once the flood has drained is answered: the sentinel that every accepted one ran.
    await new Promise<void>((resolve) => {
      const ask = () =>
        c.socket
          .timeout(2000)
          .emit('verify', { after: 0, upTo, count: pushes }, (err: Error | null) => (err ? ask() : resolve()));
      ask();
    });
    expect(acked).toBeGreaterThan(0);
    // At most one running and four waiting at any time: those that came while the queue was full got no answer.
    expect(acked).toBeLessThan(50);
    expect(c.received()).toBe(acked * pushes);
  });
});
