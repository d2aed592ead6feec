// Work order created over HTTP → its `order:created` received by every connected wall client
// (target p50 ≤ 10 ms, p99 ≤ 50 ms at 200 orders/s with 100 clients), beside a bare Socket.IO broadcast
// of an order-sized payload at the same rate, measured in the same run. The app runs in this thread; the
// wall clients and the HTTP load run in worker threads (bench/workers/wall-clients.ts), as walls and
// reporters are other machines. Everything shares this machine and its cores, on loopback.
// Usage: npx tsx bench/push-latency.ts [--clients 100] [--rate 200] [--seconds 20] [--size small|full] [--workers 1]
//        (DATABASE_URL selects PostgreSQL + PostGIS; otherwise a fresh PGlite folder, removed after)
import { parseArgs } from 'node:util';
import type { Worker } from 'node:worker_threads';
import { gridPoints, startBenchServer } from './lib/bench-server.js';
import { broadcastEcho } from './lib/echo-baseline.js';
import { nextMessage, startWorker } from './lib/threads.js';
import { ms, summarize } from './stats.js';
import type { FromWorker, ToWorker, WallClientsData, WallClientsResult } from './workers/wall-clients.js';

const { values } = parseArgs({
  options: {
    clients: { type: 'string', default: '100' },
    rate: { type: 'string', default: '200' },
    seconds: { type: 'string', default: '20' },
    size: { type: 'string', default: 'small' },
    workers: { type: 'string', default: '1' },
  },
});
const clients = Math.min(1000, Math.max(1, Number(values.clients) | 0));
const rate = Math.min(2000, Math.max(1, Number(values.rate)));
const seconds = Math.min(600, Math.max(1, Number(values.seconds)));
const size = values.size === 'full' ? 'full' : 'small';
const workers = Math.min(clients, Math.max(1, Number(values.workers) | 0));
const MAX_IN_FLIGHT = 2000;

const server = await startBenchServer(size);
const { db, app, base } = server;
console.log(`database: ${db.kind}; ${server.seeded ? 'seeded' : 'opened'} (${size} city) in ${ms(server.prepMs)}`);
const wallToken = await server.login('operator');
const dispatcherToken = await server.login('dispatcher');
const points = await gridPoints(db);

// Worker k hosts its share of the clients; worker 0 also drives the load.
const pool = Array.from({ length: workers }, (_, k) => {
  const data: WallClientsData = {
    base,
    wallToken,
    dispatcherToken,
    points,
    rate,
    seconds,
    maxInFlight: MAX_IN_FLIGHT,
    clients: Math.floor(clients / workers) + (k < clients % workers ? 1 : 0),
    drive: k === 0,
  };
  return startWorker(new URL('./workers/wall-clients.ts', import.meta.url), data);
});
const next = (w: Worker, type: FromWorker['type']) => nextMessage<FromWorker, typeof type>(w, type);
const send = (w: Worker, m: ToWorker) => w.postMessage(m);
await Promise.all(pool.map((w) => next(w, 'connected')));
console.log(
  `${clients} wall clients connected in ${workers} worker thread(s) (operator, district scope); ${rate} orders/s for ${seconds} s`,
);

// 1. Baseline: the server broadcasts an order-sized payload to every client, at the same rate, for up to 5 s.
await broadcastEcho(app.io, rate, Math.round(Math.min(seconds, 5) * rate));

// 2. Orders over HTTP, each timed from request start to receipt of its order:created at each client.
const posted = next(pool[0], 'posted');
send(pool[0], { type: 'orders' });
const load = (await posted) as Extract<FromWorker, { type: 'posted' }>;
const results = await Promise.all(
  pool.map(async (w) => {
    const r = next(w, 'result');
    send(w, { type: 'collect', created: load.created });
    return ((await r) as Extract<FromWorker, { type: 'result' }>).result;
  }),
);
await Promise.all(pool.map((w) => w.terminate()));

const all = (f: (r: WallClientsResult) => number[]) => results.flatMap(f);
const lost = results.reduce((n, r) => n + r.lost, 0);
const duplicated = results.reduce((n, r) => n + r.duplicated, 0);
const e = summarize(all((r) => r.echoLat));
const p = summarize(all((r) => r.pushLat));
const h = summarize(load.httpLat);
console.log(
  `echo baseline (io.emit → every client): ${e.n} receipts  p50 ${ms(e.p50)}  p99 ${ms(e.p99)}  max ${ms(e.max)}`,
);
console.log(`HTTP POST /api/orders (request → response): ${h.n}  p50 ${ms(h.p50)}  p99 ${ms(h.p99)}  max ${ms(h.max)}`);
console.log(
  `order created → received by each client: ${p.n} receipts  p50 ${ms(p.p50)}  p99 ${ms(p.p99)}  max ${ms(p.max)}  (target p50 ≤ 10 ms, p99 ≤ 50 ms)`,
);
console.log(`  = ${(p.p50 / e.p50).toFixed(1)}× echo p50, ${(p.p99 / e.p99).toFixed(1)}× echo p99`);
const created = load.created.length;
const unfinished = load.posted - load.skipped - created - load.errors;
console.log(
  `orders posted ${load.posted}, created ${created} (${(created / seconds).toFixed(0)}/s), errors ${load.errors} (${((100 * load.errors) / Math.max(1, load.posted)).toFixed(2)}%), ` +
    `skipped ${load.skipped} (over ${MAX_IN_FLIGHT} in flight), unanswered after 10 s ${unfinished}; lost ${lost}, duplicated ${duplicated} (must be 0)`,
);

await server.close();
if (lost > 0 || duplicated > 0 || load.errors > 0 || unfinished > 0) process.exitCode = 1;
