// Soak: the combined load of a busy day for minutes on one node — wall clients, reporters and the center
// working orders, grid workers' phones posting positions — watching for lost or duplicated events at the
// walls, push latency, errors, memory and event-loop lag over time. The app runs in this thread; the
// walls, the order load and the phones run in worker threads (bench/workers/soak-*.ts), as they are other
// machines. The baseline, measured first in the same run, is a bare Socket.IO broadcast of an order-sized
// payload to the same clients at the rate of order events the load will offer.
// Usage: DATABASE_URL=postgres://… npx tsx bench/soak.ts [--seconds 300] [--clients 100] [--rate 200] [--steps 2]
//          [--positions 5000] [--batch 25] [--phones N] [--size full|small] [--wall-threads 2]
//        (without DATABASE_URL a fresh PGlite folder, removed after; loopback addresses only)
import crypto from 'node:crypto';
import os from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import type { Worker } from 'node:worker_threads';
import { BENCH_PASSWORD, gridPoints, startBenchServer } from './lib/bench-server.js';
import { broadcastEcho } from './lib/echo-baseline.js';
import { Histogram } from './lib/histogram.js';
import type { RequestWindow } from './lib/http-load.js';
import { nextMessage, startWorker } from './lib/threads.js';
import { ms } from './stats.js';
import type { FromOrders, SoakOrdersData, ToOrders } from './workers/soak-orders.js';
import type { FromPhones, SoakPhonesData, ToPhones } from './workers/soak-phones.js';
import type { FromWalls, SoakWallsData, ToWalls, WallResult } from './workers/soak-walls.js';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '300' },
    clients: { type: 'string', default: '100' },
    rate: { type: 'string', default: '200' },
    steps: { type: 'string', default: '2' },
    positions: { type: 'string', default: '5000' },
    batch: { type: 'string', default: '25' },
    phones: { type: 'string' },
    size: { type: 'string', default: 'full' },
    'wall-threads': { type: 'string', default: '2' },
  },
});
const clamp = (v: string | undefined, lo: number, hi: number, name: string) => {
  const n = Number(v);
  if (!(n >= lo && n <= hi)) throw new Error(`--${name} must be between ${lo} and ${hi}, not "${v}"`);
  return n;
};
const seconds = clamp(values.seconds, 10, 3600, 'seconds');
const clients = Math.round(clamp(values.clients, 1, 1000, 'clients'));
const rate = clamp(values.rate, 1, 2000, 'rate');
const steps = clamp(values.steps, 0, 7, 'steps');
const positions = clamp(values.positions, 0, 50_000, 'positions');
const batch = Math.round(clamp(values.batch, 1, 500, 'batch'));
const size = values.size === 'small' ? 'small' : 'full';
const wallThreads = Math.min(clients, Math.round(clamp(values['wall-threads'], 1, 16, 'wall-threads')));
const WINDOW_S = 10;
const ECHO_S = 10;
const MAX_IN_FLIGHT = 2000;

const LOOPBACK = ['127.0.0.1', 'localhost', '::1', '[::1]'];
if (process.env.DATABASE_URL && !LOOPBACK.includes(new URL(process.env.DATABASE_URL).hostname)) {
  throw new Error(
    'the soak writes hundreds of thousands of rows: point DATABASE_URL at a database on this machine (loopback) made for it',
  );
}
// Bounded whatever happens: load, drain, collection and teardown have this long.
setTimeout(
  () => {
    console.error('soak: did not finish in time; stopping');
    process.exit(2);
  },
  (seconds + ECHO_S + 240) * 1000,
).unref();

const load = () =>
  os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');
console.log(`load average at start: ${load()} (${os.cpus().length} cores)`);
const server = await startBenchServer(size, { GRIDWALL_LOGIN_FAILURES: '0' });
const { db, app, base } = server;
console.log(`database: ${db.kind}; ${server.seeded ? 'seeded' : 'opened'} (${size} city) in ${ms(server.prepMs)}`);
const [wallToken, dispatcherToken, reviewerToken] = [
  await server.login('operator'),
  await server.login('dispatcher'),
  await server.login('admin'),
];
const points = await gridPoints(db);
const phoneRows = (
  await db.query<{
    workerId: number;
    lon: number;
    lat: number;
  }>(/* sql */ `SELECT a.worker_id AS "workerId", ST_X(g.label_point) AS lon, ST_Y(g.label_point) AS lat
    FROM accounts a JOIN areas g ON g.id = a.area_id
    WHERE a.role = 'grid_worker' AND a.active AND a.username = 'gw' || a.worker_id ORDER BY a.worker_id`)
).rows.slice(0, values.phones === undefined ? undefined : Math.round(clamp(values.phones, 1, 100_000, 'phones')));

const runId = crypto.randomBytes(4).toString('hex');
const starts = `soak-starts-${runId}`;
const walls = Array.from({ length: wallThreads }, (_, k) =>
  startWorker(new URL('./workers/soak-walls.ts', import.meta.url), {
    base,
    wallToken,
    starts,
    clients: Math.floor(clients / wallThreads) + (k < clients % wallThreads ? 1 : 0),
  } satisfies SoakWallsData),
);
const orders = startWorker(new URL('./workers/soak-orders.ts', import.meta.url), {
  base,
  dispatcherToken,
  reviewerToken,
  points,
  rate,
  seconds,
  steps,
  maxInFlight: MAX_IN_FLIGHT,
  starts,
  runId,
} satisfies SoakOrdersData);
const phones = startWorker(new URL('./workers/soak-phones.ts', import.meta.url), {
  base,
  password: BENCH_PASSWORD,
  phones:
    positions > 0 ? phoneRows.map((p) => ({ workerId: p.workerId, home: [p.lon, p.lat] as [number, number] })) : [],
  rate: Math.max(positions, 1),
  batch,
  seconds,
  maxInFlight: MAX_IN_FLIGHT,
} satisfies SoakPhonesData);
const ask = <M extends { type: string }, T extends M['type']>(w: Worker, message: object, type: T) => {
  const reply = nextMessage<M, T>(w, type);
  w.postMessage(message);
  return reply;
};

await Promise.all(walls.map((w) => nextMessage<FromWalls, 'connected'>(w, 'connected')));
const ready = await nextMessage<FromPhones, 'ready'>(phones, 'ready');
console.log(
  `${clients} wall clients (operator, district scope) in ${wallThreads} thread(s); ${ready.phones} phones signed in (gw<worker id>)`,
);
if (positions > 0 && !ready.phones)
  throw new Error(
    'no grid-worker phone account could sign in: the gw<worker id> accounts come with a city seeded with the bench password',
  );

// 1. Baseline: the bare broadcast at the rate of order events the load offers (orders and their transitions).
const eventRate = rate * (1 + steps);
await broadcastEcho(app.io, eventRate, Math.round(ECHO_S * eventRate));
await new Promise((r) => setTimeout(r, 500));
const echoWindows = await Promise.all(
  walls.map((w) => ask<FromWalls, 'window'>(w, { type: 'window' } satisfies ToWalls, 'window')),
);
const echo = echoWindows.reduce((h, w) => h.merge({ counts: w.echo }), new Histogram());
console.log(
  `echo baseline: ${eventRate} broadcasts/s for ${ECHO_S} s → ${echo.n} receipts  p50 ${ms(echo.percentile(50))}  p99 ${ms(echo.percentile(99))}`,
);

// 2. The load, with a line every 10 s.
console.log(
  `load: ${rate} orders/s (Idempotency-Key) with ~${steps} transitions each, ${positions} positions/s in batches of ${batch} from ${ready.phones} phones, for ${seconds} s`,
);
const lag = monitorEventLoopDelay({ resolution: 10 });
lag.enable();
const totals = { created: 0, transitions: 0, positions: 0, requests: 0, failed: {} as Record<string, number> };
const pushAll = new Histogram();
const http = { orders: new Histogram(), actions: new Histogram(), positions: new Histogram() };
const memory: { t: number; rss: number; heap: number }[] = [];
const t0 = performance.now();
const ordersDone = nextMessage<FromOrders, 'done'>(orders, 'done');
const phonesDone = nextMessage<FromPhones, 'done'>(phones, 'done');
orders.postMessage({ type: 'go' } satisfies ToOrders);
phones.postMessage({ type: 'go' } satisfies ToPhones);
const mb = (b: number) => `${(b / 2 ** 20).toFixed(0)} MB`;
const failures = (f: Record<string, number>) =>
  Object.entries(f)
    .sort()
    .map(([k, v]) => `${k}×${v}`)
    .join(' ');

let last = t0;
async function report(): Promise<void> {
  const [o, p, ...w] = await Promise.all([
    ask<FromOrders, 'window'>(orders, { type: 'window' } satisfies ToOrders, 'window'),
    ask<FromPhones, 'window'>(phones, { type: 'window' } satisfies ToPhones, 'window'),
    ...walls.map((x) => ask<FromWalls, 'window'>(x, { type: 'window' } satisfies ToWalls, 'window')),
  ]);
  const now = performance.now();
  const span = (now - last) / 1000;
  last = now;
  const push = new Histogram();
  for (const x of w) push.merge({ counts: x.created }).merge({ counts: x.updated });
  pushAll.merge(push);
  const reqs: RequestWindow[] = [o.orders, o.actions, p.requests];
  const answered = new Histogram();
  for (const [h, r] of [
    [http.orders, o.orders],
    [http.actions, o.actions],
    [http.positions, p.requests],
  ] as const) {
    h.merge({ counts: r.latency });
    answered.merge({ counts: r.latency });
  }
  const failed: Record<string, number> = {};
  let n = 0,
    bad = 0;
  for (const r of reqs) {
    n += r.ok;
    for (const [k, v] of Object.entries(r.failed)) {
      failed[k] = (failed[k] ?? 0) + v;
      totals.failed[k] = (totals.failed[k] ?? 0) + v;
      if (k !== 'skipped') {
        n += v;
        bad += v;
      }
    }
  }
  totals.created += o.created;
  totals.transitions += o.transitions;
  totals.positions += p.accepted;
  totals.requests += n;
  const mem = process.memoryUsage();
  memory.push({ t: (now - t0) / 1000, rss: mem.rss, heap: mem.heapUsed });
  const clientHeap = w.reduce((s, x) => s + x.heapUsed, 0);
  if (span < WINDOW_S / 2) return; // the short tail while the load drains: counted in the summary only
  console.log(
    `[${((now - t0) / 1000).toFixed(0).padStart(4)} s] orders ${(o.created / span).toFixed(0)}/s, transitions ${(o.transitions / span).toFixed(0)}/s, positions ${(p.accepted / span).toFixed(0)}/s; ` +
      `errors ${((100 * bad) / Math.max(1, n)).toFixed(2)}%${bad || failed.skipped ? ` (${failures(failed)})` : ''}; push p50 ${ms(push.percentile(50))} p99 ${ms(push.percentile(99))}; http p50 ${ms(answered.percentile(50))} p99 ${ms(answered.percentile(99))}; ` +
      `server rss ${mb(mem.rss)} heap ${mb(mem.heapUsed)} (clients' heap ${mb(clientHeap)}); event-loop lag p99 ${ms(lag.percentile(99) / 1e6)} max ${ms(lag.max / 1e6)}; load ${load()}`,
  );
  lag.reset();
}
const ticker = setInterval(() => void report(), WINDOW_S * 1000);
const [od, pd] = await Promise.all([ordersDone, phonesDone]);
clearInterval(ticker);
await report(); // what came in while the load drained
lag.disable();

// 3. Every acknowledged event at every client?
const results: WallResult[] = (
  await Promise.all(
    walls.map((w) =>
      ask<FromWalls, 'result'>(
        w,
        { type: 'collect', created: od.created, updated: od.updated, lastFix: pd.lastFix } satisfies ToWalls,
        'result',
      ),
    ),
  )
).map((r) => r.result);
await Promise.all([...walls, orders, phones].map((w) => w.terminate()));
const perClient = (f: (r: WallResult) => number[]) => results.flatMap(f);
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
const lostBy = perClient((r) => r.lost),
  dupBy = perClient((r) => r.duplicated),
  posBy = perClient((r) => r.positionsMissing),
  oooBy = perClient((r) => r.outOfOrder);
const lost = sum(lostBy),
  duplicated = sum(dupBy);
const created = new Histogram(),
  updated = new Histogram(),
  posAge = new Histogram();
for (const r of results) {
  created.merge({ counts: r.created });
  updated.merge({ counts: r.updated });
  posAge.merge({ counts: r.position });
}
const elapsed = (last - t0) / 1000;
const bad = sum(
  Object.entries(totals.failed)
    .filter(([k]) => k !== 'skipped')
    .map(([, v]) => v),
);
const third = (i: number) => memory[Math.min(memory.length - 1, Math.round((i * (memory.length - 1)) / 2))];
const row = (name: string, h: Histogram) => {
  const p50 = h.percentile(50),
    p99 = h.percentile(99);
  return `${name.padEnd(40)} ${String(h.n).padStart(10)}  ${ms(p50).padStart(12)}  ${ms(p99).padStart(12)}  ${(p50 / echo.percentile(50)).toFixed(1).padStart(6)}×  ${(p99 / echo.percentile(99)).toFixed(1).padStart(6)}×`;
};

console.log(`\nsummary: ${seconds} s offered, ${elapsed.toFixed(0)} s with the drain; load average at end ${load()}`);
console.log(
  `${'push latency (request start → each client)'.padEnd(40)} ${'receipts'.padStart(10)}  ${'p50'.padStart(12)}  ${'p99'.padStart(12)}  ${'/echo p50'.padStart(7)}  ${'/echo p99'.padStart(7)}`,
);
console.log(row('echo baseline (bare io.emit)', echo));
console.log(row('order:created', created));
console.log(row('order:updated (transitions)', updated));
console.log(row('all order events', pushAll));
for (const [name, h] of [
  ['POST /api/orders', http.orders],
  ['POST /api/orders/:id/actions', http.actions],
  ['POST /api/positions', http.positions],
] as const) {
  console.log(
    `${('HTTP ' + name + ' (request → answer)').padEnd(40)} ${String(h.n).padStart(10)}  ${ms(h.percentile(50)).padStart(12)}  ${ms(h.percentile(99)).padStart(12)}`,
  );
}
console.log(
  `worker:position age at receipt (fix → client, ${'≤'} 2 s throttle included): p50 ${ms(posAge.percentile(50))}  p99 ${ms(posAge.percentile(99))}  (${posAge.n} receipts)`,
);
console.log(
  `achieved: orders ${(totals.created / seconds).toFixed(1)}/s of ${rate} (${od.posted} posted, ${totals.created} created), transitions ${(totals.transitions / seconds).toFixed(1)}/s (${(totals.transitions / Math.max(1, totals.created)).toFixed(2)} per order), ` +
    `positions ${(totals.positions / seconds).toFixed(0)}/s of ${positions} (${pd.posted} batches posted)`,
);
console.log(
  `errors: ${bad} of ${totals.requests} requests (${((100 * bad) / Math.max(1, totals.requests)).toFixed(2)}%)${Object.keys(totals.failed).length ? `: ${failures(totals.failed)}` : ''}`,
);
if (memory.length)
  console.log(
    `memory (server rss / heap): first ${mb(third(0).rss)} / ${mb(third(0).heap)} at ${third(0).t.toFixed(0)} s, middle ${mb(third(1).rss)} / ${mb(third(1).heap)} at ${third(1).t.toFixed(0)} s, last ${mb(third(2).rss)} / ${mb(third(2).heap)} at ${third(2).t.toFixed(0)} s`,
  );
console.log(
  `clients: ${lostBy.length}; disconnects ${sum(results.map((r) => r.disconnects))}; out-of-order receipts ${sum(oooBy)}; last fix of a worker never pushed: ${sum(posBy)} (client, worker) pairs`,
);
console.log(
  `lost: ${lost}, duplicated: ${duplicated}${lost || duplicated ? ` (worst client: lost ${Math.max(...lostBy)}, duplicated ${Math.max(...dupBy)}; clients affected ${lostBy.filter((x, i) => x || dupBy[i]).length})` : ''}`,
);

await server.close();
if (lost > 0 || duplicated > 0) process.exitCode = 1;
