// `npm run simulate -- --rate N [--minutes M] [--url http://127.0.0.1:8080] [--user dispatcher] [--password …]`
// Live load through the real HTTP API: N new orders a second, each then walked through its life
// (accept → dispatch → start → resolve → review_pass → rate → close) a few seconds per step, with
// reviews by a second account ('admin': whoever dispatched may not review). Loopback servers only.
import crypto from 'node:crypto';
import { parseArgs } from 'node:util';
import type { OrderActionInput, OrderSummary } from '../contract/orders.js';
import { loadConfig } from '../api/config.js';
import { lifeSteps, newOrderBody } from '../bench/lib/order-load.js';
import { summarize } from '../bench/stats.js';
import { Rng } from '../geodata/city/rng.js';
import { startWalker, step as walk } from '../geodata/trails/live-walk.js';

const { values } = parseArgs({
  options: {
    rate: { type: 'string', default: '1' },
    minutes: { type: 'string', default: '5' },
    url: { type: 'string', default: 'http://127.0.0.1:8080' },
    user: { type: 'string', default: 'dispatcher' },
    reviewer: { type: 'string', default: 'admin' },
    password: { type: 'string', default: loadConfig().demoPassword },
    seed: { type: 'string', default: '1' },
    positions: { type: 'string' },
    supervisor: { type: 'string', default: 'supervisor' },
    help: { type: 'boolean', short: 'h' },
  },
});
if (values.help) {
  console.log(
    'usage: npm run simulate -- --rate N [--minutes M] [--url http://127.0.0.1:8080] [--user dispatcher] [--reviewer admin] [--password P] [--seed S] [--positions W [--supervisor supervisor]]',
  );
  console.log(
    '  --positions W: also stream live GPS for W on-duty grid workers (accounts gw<worker id>), a fix every 10 s posted every 30 s',
  );
  process.exit(0);
}
const rate = Number(values.rate);
const minutes = Number(values.minutes);
const base = new URL(values.url);
if (!(rate > 0 && rate <= 1000)) throw new Error(`--rate must be between 0 and 1000 orders/s, not "${values.rate}"`);
if (!(minutes > 0 && minutes <= 24 * 60))
  throw new Error(`--minutes must be between 0 and 1440, not "${values.minutes}"`);
if (!['127.0.0.1', 'localhost', '[::1]', '::1'].includes(base.hostname)) {
  throw new Error(`simulate drives a local server only; ${base.hostname} is not a loopback address`);
}

const MAX_IN_FLIGHT = 256;
const MAX_LIVES = 20_000;
const STEP_DELAY_MS: [number, number] = [1000, 6000];
const rng = new Rng(Number(values.seed) >>> 0);
const runId = crypto.randomBytes(4).toString('hex');

let inFlight = 0;
let stopping = false;
const stats = { created: 0, transitions: 0, errors: 0, skipped: 0, lat: [] as number[], all: [] as number[] };
const timers = new Set<NodeJS.Timeout>();

async function call(
  method: string,
  path: string,
  token: string | null,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; json: unknown }> {
  inFlight++;
  const t0 = performance.now();
  try {
    const r = await fetch(new URL(path, base), {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(10_000),
    });
    const json = r.headers.get('content-type')?.includes('json') ? await r.json() : await r.text();
    const ms = performance.now() - t0;
    stats.lat.push(ms);
    stats.all.push(ms);
    return { status: r.status, json };
  } finally {
    inFlight--;
  }
}

async function login(username: string): Promise<string> {
  const r = await call('POST', '/api/auth/login', null, { username, password: values.password });
  if (r.status !== 200) throw new Error(`login ${username}: ${r.status} ${JSON.stringify(r.json)}`);
  return (r.json as { token: string }).token;
}

const dispatcher = await login(values.user);
const reviewer = await login(values.reviewer);
const grids = await call('GET', '/api/areas?level=grid', dispatcher);
if (grids.status !== 200) throw new Error(`GET /api/areas?level=grid: ${grids.status}`);
const points = (grids.json as { features: { properties: { labelLon: number; labelLat: number } }[] }).features.map(
  (f) => ({ lon: f.properties.labelLon, lat: f.properties.labelLat }),
);
if (!points.length) throw new Error('no grids in scope: is the city seeded, and is the user district-wide?');
console.log(
  `simulate: ${rate} orders/s for ${minutes} min against ${base.origin} as ${values.user} (reviews by ${values.reviewer}); ${points.length} grids`,
);

/** The steps still to take for an order in its status, with the token of who takes each. */
function plan(o: OrderSummary, hasReporter: boolean): [OrderActionInput, string][] {
  return lifeSteps(o, hasReporter, rng).map(([action, by]) => [action, by === 'reviewer' ? reviewer : dispatcher]);
}

let lives = 0;
function live(id: number, steps: [OrderActionInput, string][]): void {
  const next = steps.shift();
  if (!next || stopping) {
    lives--;
    return;
  }
  const timer = setTimeout(
    async () => {
      timers.delete(timer);
      if (stopping) return void lives--;
      const r = await call('POST', `/api/orders/${id}/actions`, next[1], next[0]).catch(() => ({
        status: 0,
        json: null,
      }));
      if (r.status === 200) {
        stats.transitions++;
        live(id, steps);
      } else {
        stats.errors++;
        lives--;
      }
    },
    rng.int(...STEP_DELAY_MS),
  );
  timers.add(timer);
}

let seq = 0;
async function create(): Promise<void> {
  if (inFlight >= MAX_IN_FLIGHT) return void stats.skipped++;
  const body = newOrderBody(rng, points, '模拟工单（合成数据）');
  const r = await call('POST', '/api/orders', dispatcher, body, { 'idempotency-key': `sim-${runId}-${++seq}` }).catch(
    () => ({ status: 0, json: null }),
  );
  if (r.status !== 201) return void stats.errors++;
  stats.created++;
  const { order } = r.json as { order: OrderSummary };
  if (lives < MAX_LIVES) {
    lives++;
    live(order.id, plan(order, body.reporter !== undefined));
  }
}

// --positions W: W grid workers (the demo accounts gw<id>) walk around their grid's centre, posting a
// batch of fixes every 30 s through POST /api/positions, as the phone page does.
const walkers: ReturnType<typeof setInterval>[] = [];
const posStats = { accepted: 0, batches: 0, errors: 0 };
if (values.positions !== undefined) {
  const want = Number(values.positions);
  if (!(want > 0 && want <= 2000))
    throw new Error(`--positions must be between 1 and 2000 workers, not "${values.positions}"`);
  const sup = await login(values.supervisor);
  const list = await call('GET', '/api/workers', sup);
  if (list.status !== 200) throw new Error(`GET /api/workers as ${values.supervisor}: ${list.status}`);
  const centre = new Map(
    (grids.json as { features: { properties: { id: number; labelLon: number; labelLat: number } }[] }).features.map(
      (f) => [f.properties.id, [f.properties.labelLon, f.properties.labelLat] as const],
    ),
  );
  let started = 0;
  for (const w of list.json as { id: number; name: string; grids: { id: number }[] }[]) {
    if (started >= want) break;
    const home = centre.get(w.grids[0]?.id ?? -1);
    if (!home) continue;
    const token = await login(`gw${w.id}`).catch(() => null);
    if (!token) continue;
    started++;
    const wr = rng.fork(`walker:${w.id}`);
    const walker = startWalker(home, wr);
    let pending: { t: string; lon: number; lat: number; accuracy: number; speed: number }[] = [];
    let n = 0;
    walkers.push(
      setInterval(() => {
        const [lon, lat] = walk(walker, 10, wr);
        pending.push({
          t: new Date().toISOString(),
          lon,
          lat,
          accuracy: Math.round(wr.range(4, 15)),
          speed: Math.round(wr.range(0.9, 1.5) * 10) / 10,
        });
        if (++n % 3 !== 0) return;
        const points = pending;
        pending = [];
        void call('POST', '/api/positions', token, { points }).then(
          (r) => {
            posStats.batches++;
            if (r.status === 200) posStats.accepted += (r.json as { accepted: number }).accepted;
            else posStats.errors++;
          },
          () => posStats.errors++,
        );
      }, 10_000),
    );
  }
  if (!started)
    console.log(
      'simulate: no grid-worker account could log in (the demo accounts gw<worker id> come with a freshly seeded city)',
    );
  else console.log(`simulate: streaming positions for ${started} grid workers`);
}

const started = Date.now();
const endAt = started + minutes * 60_000;
let sent = 0;
const tick = setInterval(
  () => {
    const due = Math.floor(((Date.now() - started) / 1000) * rate);
    for (; sent < due && !stopping; sent++) void create();
  },
  Math.max(5, Math.min(100, 1000 / rate)),
);
const fmt = (x: number) => (Number.isFinite(x) ? `${x.toFixed(1)} ms` : '-');
const report = setInterval(() => {
  const s = summarize(stats.lat);
  stats.lat = [];
  console.log(
    `[${Math.round((Date.now() - started) / 1000)} s] created ${stats.created}, transitions ${stats.transitions}, errors ${stats.errors}, skipped ${stats.skipped}, in flight ${inFlight}, live orders ${lives}; latency p50 ${fmt(s.p50)} p99 ${fmt(s.p99)}${walkers.length ? `; positions ${posStats.accepted} in ${posStats.batches} batches, ${posStats.errors} failed` : ''}`,
  );
  if (Date.now() >= endAt) void stop();
}, 5000);

async function stop(): Promise<void> {
  if (stopping) return;
  stopping = true;
  clearInterval(tick);
  clearInterval(report);
  for (const w of walkers) clearInterval(w);
  for (const t of timers) clearTimeout(t);
  for (let k = 0; k < 100 && inFlight > 0; k++) await new Promise((r) => setTimeout(r, 50));
  const s = summarize(stats.all);
  console.log(
    `done after ${((Date.now() - started) / 1000).toFixed(0)} s: created ${stats.created}, transitions ${stats.transitions}, errors ${stats.errors}, skipped ${stats.skipped}; all requests p50 ${fmt(s.p50)} p99 ${fmt(s.p99)} max ${fmt(s.max)}`,
  );
  process.exit(stats.errors > 0 ? 1 : 0);
}
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
