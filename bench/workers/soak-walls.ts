// The wall side of bench/soak.ts, in its own thread: N Socket.IO clients signed in as one district
// operator. Each remembers every seq it received (so a repeat counts as duplicated) and every order id
// created, and times each order event against the start of the HTTP request that caused it; the load
// threads announce those starts on a BroadcastChannel once they know the order id or the event's seq.
// Like the wall, a client that loses its connection reconnects and asks for a replay from its last seq.
import { BroadcastChannel, parentPort, workerData } from 'node:worker_threads';
import { io as connect, type Socket } from 'socket.io-client';
import type { OrderPush } from '../../contract/orders.js';
import type { WorkerPositionPush } from '../../contract/workers.js';
import { ECHO_EVENT, type EchoPush } from '../lib/echo-baseline.js';
import { Histogram } from '../lib/histogram.js';
import { SeqSet } from '../lib/seq-set.js';
import { START_CREATED, START_UPDATED } from './soak-starts.js';

export interface SoakWallsData {
  base: string;
  wallToken: string;
  clients: number;
  /** Name of the BroadcastChannel on which the load threads announce request starts. */
  starts: string;
}

export interface WallWindow {
  created: Float64Array;
  updated: Float64Array;
  echo: Float64Array;
  /** Age of each worker:position at receipt (device time of the fix → now), throttle included. */
  position: Float64Array;
  received: Record<string, number>;
  heapUsed: number;
}

export interface WallResult {
  /** Per client: acknowledged orders and transitions whose event never arrived. */
  lost: number[];
  /** Per client: seqs received more than once. */
  duplicated: number[];
  /** Per client: (worker, last acknowledged fix) pairs never pushed to it. */
  positionsMissing: number[];
  /** Per client: events that arrived with a seq below one already received. */
  outOfOrder: number[];
  disconnects: number;
  created: Float64Array;
  updated: Float64Array;
  echo: Float64Array;
  position: Float64Array;
}

export type ToWalls =
  { type: 'window' } | { type: 'collect'; created: Int32Array; updated: Float64Array; lastFix: Float64Array };
export type FromWalls =
  { type: 'connected' } | ({ type: 'window' } & WallWindow) | { type: 'result'; result: WallResult };

const d = workerData as SoakWallsData;
const port = parentPort!;
const abs = () => performance.timeOrigin + performance.now();
const KEEP_MS = 60_000;

interface Client {
  socket: Socket;
  seqs: SeqSet;
  createdIds: SeqSet;
  maxSeq: number;
  duplicated: number;
  outOfOrder: number;
  lastFix: Map<number, number>;
}

// Histograms of the current window and of the whole run.
const win = { created: new Histogram(), updated: new Histogram(), echo: new Histogram(), position: new Histogram() };
const total = { created: new Histogram(), updated: new Histogram(), echo: new Histogram(), position: new Histogram() };
const received: Record<string, number> = {};
let disconnects = 0;

// Receipts waiting for their request's start, and starts waiting for receipts, both by kind then key.
const waiting = [
  new Map<number, { at: number; times: number[] }>(),
  new Map<number, { at: number; times: number[] }>(),
];
const known = [new Map<number, number>(), new Map<number, number>()];
const hist = (kind: number) => (kind === START_CREATED ? [win.created, total.created] : [win.updated, total.updated]);

function receipt(kind: number, key: number, t: number): void {
  const start = known[kind].get(key);
  if (start !== undefined) {
    for (const h of hist(kind)) h.add(t - start);
    return;
  }
  const w = waiting[kind].get(key);
  if (w) w.times.push(t);
  else waiting[kind].set(key, { at: t, times: [t] });
}

const starts = new BroadcastChannel(d.starts);
starts.onmessage = (ev) => {
  const m = (ev as { data: Float64Array }).data;
  for (let i = 0; i + 2 < m.length; i += 3) {
    const kind = m[i],
      key = m[i + 1],
      start = m[i + 2];
    known[kind].set(key, start);
    const w = waiting[kind].get(key);
    if (!w) continue;
    for (const h of hist(kind)) for (const t of w.times) h.add(t - start);
    waiting[kind].delete(key);
  }
};
// Events no request of the load caused (auto-dispatch, alarms) never get a start: forget them after a while.
setInterval(() => {
  const old = abs() - KEEP_MS;
  for (const m of waiting) for (const [k, w] of m) if (w.at < old) m.delete(k);
  for (const m of known) if (m.size > 200_000) for (const k of [...m.keys()].slice(0, m.size - 100_000)) m.delete(k);
}, 5000).unref();

function seen(c: Client, topic: string, seq: number): void {
  received[topic] = (received[topic] ?? 0) + 1;
  if (!c.seqs.add(seq)) c.duplicated++;
  if (seq < c.maxSeq) c.outOfOrder++;
  else c.maxSeq = seq;
}

const clients: Client[] = [];
for (let i = 0; i < d.clients; i++) {
  const socket = connect(d.base, {
    auth: { token: d.wallToken },
    transports: ['websocket'],
    forceNew: true,
    reconnectionDelay: 1000,
    reconnectionDelayMax: 15_000,
  });
  const c: Client = {
    socket,
    seqs: new SeqSet(),
    createdIds: new SeqSet(),
    maxSeq: 0,
    duplicated: 0,
    outOfOrder: 0,
    lastFix: new Map(),
  };
  socket.on('order:created', (p: OrderPush) => {
    const t = abs();
    seen(c, 'order:created', p.seq);
    c.createdIds.add(p.order.id);
    receipt(START_CREATED, p.order.id, t);
  });
  socket.on('order:updated', (p: OrderPush) => {
    const t = abs();
    seen(c, 'order:updated', p.seq);
    receipt(START_UPDATED, p.seq, t);
  });
  for (const topic of ['order:escalated', 'alarm', 'alarm:ack'])
    socket.on(topic, (p: { seq: number }) => seen(c, topic, p.seq));
  socket.on('worker:position', (p: WorkerPositionPush) => {
    const t = Date.parse(p.t);
    received['worker:position'] = (received['worker:position'] ?? 0) + 1;
    win.position.add(Date.now() - t);
    total.position.add(Date.now() - t);
    if (t > (c.lastFix.get(p.workerId) ?? -Infinity)) c.lastFix.set(p.workerId, t);
  });
  socket.on(ECHO_EVENT, (p: EchoPush) => {
    const ms = abs() - p.sentAt;
    win.echo.add(ms);
    total.echo.add(ms);
  });
  socket.on('disconnect', () => disconnects++);
  // As the wall does: after a reconnect, everything since the last seq seen.
  socket.io.on('reconnect', () => socket.emit('replay', { since: c.maxSeq }));
  clients.push(c);
}
await Promise.all(
  clients.map(
    ({ socket }) =>
      new Promise<void>((resolve, reject) => {
        socket.once('connect', () => resolve());
        socket.once('connect_error', reject);
      }),
  ),
);
port.postMessage({ type: 'connected' } satisfies FromWalls);

const take = (h: Histogram) => {
  const out = new Float64Array(h.counts);
  h.reset();
  return out;
};

port.on('message', async (m: ToWalls) => {
  if (m.type === 'window') {
    port.postMessage({
      type: 'window',
      created: take(win.created),
      updated: take(win.updated),
      echo: take(win.echo),
      position: take(win.position),
      received: { ...received },
      heapUsed: process.memoryUsage().heapUsed,
    } satisfies FromWalls);
    return;
  }
  // Every acknowledged event should arrive at every client: wait for them (up to 15 s), then count.
  const fixes: [number, number][] = [];
  for (let i = 0; i + 1 < m.lastFix.length; i += 2) fixes.push([m.lastFix[i], m.lastFix[i + 1]]);
  const missing = (c: Client) => {
    let lost = 0,
      positions = 0;
    for (const id of m.created) if (!c.createdIds.has(id)) lost++;
    for (const seq of m.updated) if (!c.seqs.has(seq)) lost++;
    for (const [worker, t] of fixes) if ((c.lastFix.get(worker) ?? -Infinity) < t) positions++;
    return { lost, positions };
  };
  for (const until = performance.now() + 15_000; performance.now() < until;) {
    if (
      clients.every((c) => {
        const x = missing(c);
        return x.lost === 0 && x.positions === 0;
      })
    )
      break;
    await new Promise((r) => setTimeout(r, 250));
  }
  const counted = clients.map(missing);
  const dropped = disconnects;
  for (const c of clients) c.socket.close();
  starts.close();
  port.postMessage({
    type: 'result',
    result: {
      lost: counted.map((x) => x.lost),
      positionsMissing: counted.map((x) => x.positions),
      duplicated: clients.map((c) => c.duplicated),
      outOfOrder: clients.map((c) => c.outOfOrder),
      disconnects: dropped,
      created: total.created.counts,
      updated: total.updated.counts,
      echo: total.echo.counts,
      position: total.position.counts,
    },
  } satisfies FromWalls);
});
