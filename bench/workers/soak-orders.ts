// The reporters and the center of bench/soak.ts, in their own thread: orders created over HTTP at a fixed
// rate (open loop, each under its own Idempotency-Key), each then walked a random part of its life
// through POST /api/orders/:id/actions, a step every 1–6 s. Each acknowledged order and transition is
// announced with its request's start to the wall threads, which time its push.
import { BroadcastChannel, parentPort, workerData } from 'node:worker_threads';
import type { OrderActionInput, OrderSummary } from '../../contract/orders.js';
import { Rng } from '../../geodata/city/rng.js';
import { type RequestWindow, Requests, drain, openLoop } from '../lib/http-load.js';
import { type StepActor, lifeSteps, newOrderBody } from '../lib/order-load.js';
import { START_CREATED, START_UPDATED } from './soak-starts.js';

export interface SoakOrdersData {
  base: string;
  dispatcherToken: string;
  reviewerToken: string;
  points: { lon: number; lat: number }[];
  rate: number;
  seconds: number;
  /** Mean transitions that follow an order within the run: each next step is taken with probability steps/(steps+1). */
  steps: number;
  maxInFlight: number;
  starts: string;
  runId: string;
}

export interface OrdersWindow {
  created: number;
  transitions: number;
  orders: RequestWindow;
  actions: RequestWindow;
}

export type ToOrders = { type: 'go' } | { type: 'window' };
export type FromOrders =
  ({ type: 'window' } & OrdersWindow) | { type: 'done'; created: Int32Array; updated: Float64Array; posted: number };

const d = workerData as SoakOrdersData;
const port = parentPort!;
const abs = () => performance.timeOrigin + performance.now();
const rng = new Rng(20181);
const orders = new Requests(d.base);
const actions = new Requests(d.base);
const token = (by: StepActor) => (by === 'reviewer' ? d.reviewerToken : d.dispatcherToken);
const keepGoing = d.steps / (d.steps + 1);

const createdIds: number[] = [];
const updatedSeqs: number[] = [];
let created = 0,
  transitions = 0;
let stopping = false;
const timers = new Set<NodeJS.Timeout>();

// Starts go to the walls in small batches: [kind, key, start] triples.
const channel = new BroadcastChannel(d.starts);
let pending: number[] = [];
const announce = (kind: number, key: number, start: number) => pending.push(kind, key, start);
const flushStarts = () => {
  if (!pending.length) return;
  channel.postMessage(Float64Array.from(pending));
  pending = [];
};
const flusher = setInterval(flushStarts, 50);

function live(id: number, steps: [OrderActionInput, StepActor][]): void {
  const next = steps.shift();
  if (!next || stopping || !rng.chance(keepGoing)) return;
  const timer = setTimeout(
    async () => {
      timers.delete(timer);
      if (stopping) return;
      if (actions.inFlight + orders.inFlight >= d.maxInFlight) return actions.skip();
      const start = abs();
      const r = await actions.send<{ order: OrderSummary }>(
        'POST',
        `/api/orders/${id}/actions`,
        token(next[1]),
        next[0],
      );
      if (r.status !== 200 || !r.json) return;
      transitions++;
      updatedSeqs.push(r.json.order.updatedSeq);
      announce(START_UPDATED, r.json.order.updatedSeq, start);
      live(id, steps);
    },
    rng.int(1000, 6000),
  );
  timers.add(timer);
}

async function create(i: number): Promise<void> {
  if (actions.inFlight + orders.inFlight >= d.maxInFlight) return orders.skip();
  const body = newOrderBody(rng, d.points, '压测工单（合成数据）');
  const start = abs();
  const r = await orders.send<{ order: OrderSummary }>('POST', '/api/orders', d.dispatcherToken, body, {
    'idempotency-key': `soak-${d.runId}-${i}`,
  });
  if (r.status !== 201 || !r.json) return;
  created++;
  createdIds.push(r.json.order.id);
  announce(START_CREATED, r.json.order.id, start);
  live(r.json.order.id, lifeSteps(r.json.order, body.reporter !== undefined, rng));
}

port.on('message', async (m: ToOrders) => {
  if (m.type === 'window') {
    port.postMessage({
      type: 'window',
      created,
      transitions,
      orders: orders.take(),
      actions: actions.take(),
    } satisfies FromOrders);
    created = 0;
    transitions = 0;
    return;
  }
  let posted = 0;
  await openLoop(d.rate, d.seconds, (i) => {
    posted++;
    void create(i);
  });
  stopping = true;
  for (const t of timers) clearTimeout(t);
  await drain(orders);
  await drain(actions);
  flushStarts();
  clearInterval(flusher);
  channel.close();
  port.postMessage({
    type: 'done',
    created: Int32Array.from(createdIds),
    updated: Float64Array.from(updatedSeqs),
    posted,
  } satisfies FromOrders);
});
