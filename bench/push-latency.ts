// Work order created over HTTP → its `order:created` received by every connected wall client
// (target p50 ≤ 10 ms, p99 ≤ 50 ms at 200 orders/s with 100 clients), as a ratio to a bare Socket.IO
// broadcast measured in the same run. App, database and clients share this one process, on loopback.
// Usage: npx tsx bench/push-latency.ts [--clients 100] [--rate 200] [--seconds 20] [--size small|full]
//        (DATABASE_URL selects PostgreSQL + PostGIS; otherwise a fresh PGlite folder, removed after)
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { io as connect, type Socket } from 'socket.io-client';
import { createApp } from '../api/app.js';
import { prepare } from '../api/bootstrap.js';
import { loadConfig } from '../api/config.js';
import { categoryByCode } from '../contract/order-categories.js';
import type { OrderCreate, OrderPush } from '../contract/orders.js';
import { Rng } from '../geodata/city/rng.js';
import { describe, sampleFields, syntheticReporter } from '../geodata/orders/content.js';
import { pickCategoryIn, pickFamily, pickHazard, pickSource } from '../geodata/orders/mix.js';
import { ms, summarize, time } from './stats.js';

const { values } = parseArgs({
  options: {
    clients: { type: 'string', default: '100' },
    rate: { type: 'string', default: '200' },
    seconds: { type: 'string', default: '20' },
    size: { type: 'string', default: 'small' },
  },
});
const clients = Math.min(1000, Math.max(1, Number(values.clients) | 0));
const rate = Math.min(2000, Math.max(1, Number(values.rate)));
const seconds = Math.min(600, Math.max(1, Number(values.seconds)));
const size = values.size === 'full' ? 'full' : 'small';
const MAX_IN_FLIGHT = 2000;
const PASSWORD = 'bench-password';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gridwall-push-'));
const [prepMs, { db, seeded }] = await time(() => prepare({ databaseUrl: process.env.DATABASE_URL, dataDir, seedSize: size, seed: 20181, demoPassword: PASSWORD }));
console.log(`database: ${db.kind}; ${seeded ? 'seeded' : 'opened'} (${size} city) in ${ms(prepMs)}`);
// The escalation timer is off: it would push history's escalations into the measurement.
const app = createApp({ db, config: loadConfig({ GRIDWALL_LOG: 'silent', GRIDWALL_DEMO_PASSWORD: PASSWORD, GRIDWALL_ESCALATION_INTERVAL_MS: '0', GRIDWALL_WEB_DIR: '/nonexistent' }) });
await new Promise<void>((r) => app.http.listen(0, '127.0.0.1', r));
const base = `http://127.0.0.1:${(app.http.address() as AddressInfo).port}`;
const login = async (username: string) => {
  const r = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: PASSWORD }) });
  if (r.status !== 200) throw new Error(`login ${username}: ${r.status}`);
  return ((await r.json()) as { token: string }).token;
};
const wallToken = await login('operator');
const dispatcherToken = await login('dispatcher');
const points = (await db.query<{ lon: number; lat: number }>(`SELECT ST_X(ST_PointOnSurface(geom)) AS lon, ST_Y(ST_PointOnSurface(geom)) AS lat FROM areas WHERE level = 'grid'`)).rows;

// Wall clients. Receipts are kept per client: order id (or echo id) → times received.
const now = () => performance.now();
const sockets: Socket[] = [];
const orderReceipts: Map<number, number[]>[] = [];
const echoReceipts: Map<number, number>[] = [];
for (let c = 0; c < clients; c++) {
  const s = connect(base, { auth: { token: wallToken }, transports: ['websocket'], reconnection: false, forceNew: true });
  const orders = new Map<number, number[]>();
  const echoes = new Map<number, number>();
  s.on('order:created', (p: OrderPush) => {
    const list = orders.get(p.order.id);
    if (list) list.push(now());
    else orders.set(p.order.id, [now()]);
  });
  s.on('bench:echo', (p: { id: number }) => echoes.set(p.id, now()));
  sockets.push(s);
  orderReceipts.push(orders);
  echoReceipts.push(echoes);
}
await Promise.all(sockets.map((s) => new Promise<void>((resolve, reject) => {
  s.once('connect', () => resolve());
  s.once('connect_error', reject);
})));
console.log(`${clients} wall clients connected (operator, district scope); ${rate} orders/s for ${seconds} s`);

/** Calls fire() `rate` times a second for `secs` seconds (open loop: it does not wait for answers). */
async function paced(secs: number, fire: (k: number) => void): Promise<number> {
  const t0 = now();
  let sent = 0;
  const total = Math.round(secs * rate);
  await new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      const due = Math.min(total, Math.floor(((now() - t0) / 1000) * rate));
      for (; sent < due; sent++) fire(sent);
      if (sent >= total) {
        clearInterval(timer);
        resolve();
      }
    }, 2);
  });
  return sent;
}
const settle = async (done: () => boolean, maxMs = 10_000) => {
  for (const t0 = now(); !done() && now() - t0 < maxMs;) await new Promise((r) => setTimeout(r, 20));
};

// 1. Baseline: the server broadcasts an order-sized payload to every client, at the same rate.
const samplePush = { seq: 1, order: { id: 0, categoryCode: 'SAN-01', status: 'reported', hazardLevel: 'general', lon: 121.45, lat: 31.23, gridId: 100, source: 'grid_worker', reportedAt: new Date().toISOString(), deadline: new Date().toISOString(), sla: 'ok', escalationLevel: 0, cardsIssued: 0, leadDept: null, updatedSeq: 1 } };
const echoSent: number[] = [];
const echoes = await paced(Math.min(seconds, 5), (k) => {
  echoSent[k] = now();
  app.io.emit('bench:echo', { ...samplePush, id: k });
});
await settle(() => echoReceipts.every((m) => m.size >= echoes));
const echoLat: number[] = [];
for (const m of echoReceipts) for (const [k, t] of m) echoLat.push(t - echoSent[k]);

// 2. Orders over HTTP, each timed from request start to receipt of its order:created at each client.
const rng = new Rng(20181);
function body(): OrderCreate {
  const family = pickFamily(rng);
  const categoryCode = pickCategoryIn(rng, family, new Date().getMonth());
  const p = rng.pick(points);
  return {
    categoryCode, description: describe(categoryCode, '压测工单（合成数据）', rng), lon: p.lon, lat: p.lat,
    hazardLevel: pickHazard(rng, categoryCode), source: pickSource(rng, family), fields: sampleFields(categoryByCode(categoryCode)!, rng),
    ...(rng.chance(0.6) ? { reporter: syntheticReporter(rng) } : {}),
  };
}
const startOf = new Map<number, number>();
const httpLat: number[] = [];
let inFlight = 0;
let errors = 0;
let skipped = 0;
const posted = await paced(seconds, (k) => {
  if (inFlight >= MAX_IN_FLIGHT) return void skipped++;
  inFlight++;
  const t0 = now();
  fetch(`${base}/api/orders`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${dispatcherToken}`, 'idempotency-key': `bench-${process.pid}-${k}` },
    body: JSON.stringify(body()),
  }).then(async (r) => {
    const j = (await r.json()) as { order?: { id: number } };
    httpLat.push(now() - t0);
    if (r.status === 201 && j.order) startOf.set(j.order.id, t0);
    else errors++;
  }).catch(() => errors++).finally(() => inFlight--);
});
await settle(() => inFlight === 0);
await settle(() => orderReceipts.every((m) => [...startOf.keys()].every((id) => m.has(id))));

const pushLat: number[] = [];
let lost = 0;
let duplicated = 0;
for (const m of orderReceipts) {
  for (const [id, t0] of startOf) {
    const got = m.get(id);
    if (!got) lost++;
    else {
      pushLat.push(got[0] - t0);
      duplicated += got.length - 1;
    }
  }
}
const e = summarize(echoLat);
const p = summarize(pushLat);
const h = summarize(httpLat);
console.log(`echo baseline (io.emit → every client): ${e.n} receipts  p50 ${ms(e.p50)}  p99 ${ms(e.p99)}  max ${ms(e.max)}`);
console.log(`HTTP POST /api/orders (request → response): ${h.n}  p50 ${ms(h.p50)}  p99 ${ms(h.p99)}  max ${ms(h.max)}`);
console.log(`order created → received by each client: ${p.n} receipts  p50 ${ms(p.p50)}  p99 ${ms(p.p99)}  max ${ms(p.max)}  (target p50 ≤ 10 ms, p99 ≤ 50 ms)`);
console.log(`  = ${(p.p50 / e.p50).toFixed(1)}× echo p50, ${(p.p99 / e.p99).toFixed(1)}× echo p99`);
const unfinished = posted - skipped - startOf.size - errors;
console.log(`orders posted ${posted}, created ${startOf.size} (${(startOf.size / seconds).toFixed(0)}/s), errors ${errors} (${((100 * errors) / Math.max(1, posted)).toFixed(2)}%), `
  + `skipped ${skipped} (over ${MAX_IN_FLIGHT} in flight), unanswered after 10 s ${unfinished}; lost ${lost}, duplicated ${duplicated} (must be 0)`);

for (const s of sockets) s.close();
await app.close();
await db.close();
fs.rmSync(dataDir, { recursive: true, force: true });
if (lost > 0 || duplicated > 0 || errors > 0 || unfinished > 0) process.exitCode = 1;
