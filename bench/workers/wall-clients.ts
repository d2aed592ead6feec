// The client side of bench/push-latency.ts, in its own thread so that it does not share the server's event
// loop: N Socket.IO wall clients, and (in the worker that drives) the open-loop HTTP load that creates orders.
// Times are absolute (performance.timeOrigin + now()), comparable with the server thread's.
import { parentPort, workerData } from 'node:worker_threads';
import { io as connect, type Socket } from 'socket.io-client';
import type { OrderPush } from '../../contract/orders.js';
import { Rng } from '../../geodata/city/rng.js';
import { ECHO_EVENT, type EchoPush } from '../lib/echo-baseline.js';
import { newOrderBody } from '../lib/order-load.js';

export interface WallClientsData {
  base: string;
  wallToken: string;
  dispatcherToken: string;
  clients: number;
  /** Only the driving worker posts orders. */
  drive: boolean;
  rate: number;
  seconds: number;
  points: { lon: number; lat: number }[];
  maxInFlight: number;
}

/** What a worker's clients received: every receipt as a latency in ms, and what never came or came twice. */
export interface WallClientsResult {
  echoLat: number[];
  pushLat: number[];
  lost: number;
  duplicated: number;
}

export type ToWorker = { type: 'orders' } | { type: 'collect'; created: [number, number][] };
export type FromWorker =
  | { type: 'connected' }
  | { type: 'posted'; created: [number, number][]; httpLat: number[]; posted: number; errors: number; skipped: number }
  | { type: 'result'; result: WallClientsResult };

const d = workerData as WallClientsData;
const abs = () => performance.timeOrigin + performance.now();
const port = parentPort!;

const sockets: Socket[] = [];
const orderReceipts: Map<number, number[]>[] = [];
const echoLat: number[] = [];
for (let c = 0; c < d.clients; c++) {
  const s = connect(d.base, {
    auth: { token: d.wallToken },
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
  });
  const orders = new Map<number, number[]>();
  s.on('order:created', (p: OrderPush) => {
    const t = abs();
    const list = orders.get(p.order.id);
    if (list) list.push(t);
    else orders.set(p.order.id, [t]);
  });
  s.on(ECHO_EVENT, (p: EchoPush) => echoLat.push(abs() - p.sentAt));
  sockets.push(s);
  orderReceipts.push(orders);
}
await Promise.all(
  sockets.map(
    (s) =>
      new Promise<void>((resolve, reject) => {
        s.once('connect', () => resolve());
        s.once('connect_error', reject);
      }),
  ),
);
port.postMessage({ type: 'connected' } satisfies FromWorker);

const rng = new Rng(20181);
const body = () => newOrderBody(rng, d.points, '压测工单（合成数据）');

/** Open loop: `rate` requests a second for `seconds`, not waiting for answers. Returns [order id, start] pairs. */
async function drive() {
  const created: [number, number][] = [];
  const httpLat: number[] = [];
  let inFlight = 0;
  let errors = 0;
  let skipped = 0;
  let sent = 0;
  const total = Math.round(d.seconds * d.rate);
  const t0 = performance.now();
  await new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      const due = Math.min(total, Math.floor(((performance.now() - t0) / 1000) * d.rate));
      for (; sent < due; sent++) {
        if (inFlight >= d.maxInFlight) {
          skipped++;
          continue;
        }
        inFlight++;
        const start = abs();
        fetch(`${d.base}/api/orders`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            authorization: `Bearer ${d.dispatcherToken}`,
            'idempotency-key': `bench-${process.pid}-${sent}`,
          },
          body: JSON.stringify(body()),
        })
          .then(async (r) => {
            const j = (await r.json()) as { order?: { id: number } };
            httpLat.push(abs() - start);
            if (r.status === 201 && j.order) created.push([j.order.id, start]);
            else errors++;
          })
          .catch(() => errors++)
          .finally(() => inFlight--);
      }
      if (sent >= total) {
        clearInterval(timer);
        resolve();
      }
    }, 2);
  });
  for (const t = performance.now(); inFlight > 0 && performance.now() - t < 10_000;)
    await new Promise((r) => setTimeout(r, 20));
  return { created, httpLat, posted: sent, errors, skipped };
}

port.on('message', async (m: ToWorker) => {
  if (m.type === 'orders') {
    const out = await drive();
    port.postMessage({ type: 'posted', ...out } satisfies FromWorker);
  } else if (m.type === 'collect') {
    // Wait (up to 10 s) until every client has every created order, then report.
    const ids = m.created.map(([id]) => id);
    for (const t = performance.now(); performance.now() - t < 10_000;) {
      if (orderReceipts.every((r) => ids.every((id) => r.has(id)))) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    const pushLat: number[] = [];
    let lost = 0;
    let duplicated = 0;
    for (const r of orderReceipts) {
      for (const [id, start] of m.created) {
        const got = r.get(id);
        if (!got) lost++;
        else {
          pushLat.push(got[0] - start);
          duplicated += got.length - 1;
        }
      }
    }
    for (const s of sockets) s.close();
    port.postMessage({ type: 'result', result: { echoLat, pushLat, lost, duplicated } } satisfies FromWorker);
  }
});
