// Position ingest: sustained rate and write latency (p50/p99 per batch, from its scheduled send time, so
// queueing counts), against a bare multi-row INSERT of the same rows into a plain table as the baseline;
// then trail reads for one worker-day and one community-day on a full day of data.
// Targets: ≥ 5,000 positions/s sustained with p99 ≤ 50 ms on PostgreSQL + PostGIS.
// Usage: DATABASE_URL=postgres://… npx tsx bench/positions-ingest.ts [--size full|small] [--rate 5000] [--seconds 30] [--batch 25]
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { prepare } from '../api/bootstrap.js';
import type { PositionPoint } from '../contract/workers.js';
import { DAY_MS, cstDay, dayStart } from '../api/workers/cst.js';
import { WorkerDirectory, type WorkerInfo } from '../api/workers/directory.js';
import { ingestPositions } from '../api/workers/ingest.js';
import { Partitions } from '../api/workers/partitions.js';
import { type WorkerDeps, areaTrails, workerTrail } from '../api/workers/service.js';
import { loadConfig } from '../api/config.js';
import type { AuthUser } from '../api/auth/session.js';
import { ms, summarize, time } from './stats.js';

const { values } = parseArgs({
  options: {
    size: { type: 'string', default: 'full' },
    rate: { type: 'string', default: '5000' },
    seconds: { type: 'string', default: '30' },
    batch: { type: 'string', default: '25' },
    'data-dir': { type: 'string' },
  },
});
const size = values.size === 'small' ? 'small' : 'full';
const rate = Number(values.rate),
  seconds = Number(values.seconds),
  batch = Number(values.batch);
const [prepMs, { db, seeded }] = await time(() =>
  prepare({
    databaseUrl: process.env.DATABASE_URL,
    dataDir: values['data-dir'] ?? path.join(os.tmpdir(), `gridwall-bench-${size}`),
    seedSize: size,
    seed: 20181,
    demoPassword: 'bench-password',
  }),
);
console.log(
  `database: ${db.kind} (PostGIS ${db.capabilities.postgis}); ${seeded ? 'seeded' : 'opened'} in ${ms(prepMs)}`,
);

// A day well inside the retention and away from the demo trails; its partition is dropped at the end.
const day = cstDay(Date.now() - 200 * DAY_MS);
const t0 = dayStart(day) + 8.5 * 3600_000;
let clock = t0;
const directory = new WorkerDirectory(db);
const partitions = new Partitions(db);
const deps: WorkerDeps = {
  db,
  directory,
  partitions,
  live: null,
  settings: loadConfig({}).workers,
  now: () => new Date(clock),
};
const ingestDeps = {
  db,
  directory,
  partitions,
  live: null,
  retentionDays: 400,
  now: () => new Date(clock),
  recent: new Map(),
};
await db.exec(`DROP TABLE IF EXISTS worker_positions_${day.replaceAll('-', '')}`);
await partitions.ensure([day]);

const workers = (await directory.all()).filter((w) => w.grids.length);
const centre = new Map<number, [number, number]>(
  (
    await db.query<{ id: number; lon: number; lat: number }>(
      `SELECT id, ST_X(label_point) AS lon, ST_Y(label_point) AS lat FROM areas WHERE level = 'grid'`,
    )
  ).rows.map((r) => [r.id, [r.lon, r.lat]]),
);
// Each worker walks a slow loop around their grid's label point, a fix every 15 s.
const STEP_S = 15;
const fix = (w: WorkerInfo, k: number): PositionPoint => {
  const [lon, lat] = centre.get(w.grids[0].id)!;
  const a = (k / 40) * 2 * Math.PI + w.id;
  return {
    t: new Date(t0 + k * STEP_S * 1000).toISOString(),
    lon: lon + 0.0012 * Math.cos(a),
    lat: lat + 0.001 * Math.sin(a),
    accuracy: 8,
  };
};
const nextK = new Map<number, number>(workers.map((w) => [w.id, 0]));
const nextBatch = (i: number): [WorkerInfo, PositionPoint[]] => {
  const w = workers[i % workers.length];
  const k = nextK.get(w.id)!;
  nextK.set(w.id, k + batch);
  return [w, Array.from({ length: batch }, (_, j) => fix(w, k + j))];
};

// Baseline: the same batches as one bare INSERT … SELECT FROM unnest into an unlogged-free plain table.
await db.exec(
  `DROP TABLE IF EXISTS bench_positions_plain; CREATE TABLE bench_positions_plain (worker_id int, t timestamptz, lon float8, lat float8, accuracy real)`,
);
const plain: number[] = [];
for (let i = 0; i < 200; i++) {
  const [w, pts] = nextBatch(i);
  plain.push(
    (
      await time(() =>
        db.query(
          `INSERT INTO bench_positions_plain SELECT $1, * FROM unnest($2::timestamptz[], $3::float8[], $4::float8[], $5::real[])`,
          [w.id, pts.map((p) => p.t), pts.map((p) => p.lon), pts.map((p) => p.lat), pts.map((p) => p.accuracy)],
        ),
      )
    )[0],
  );
}
await db.exec(`DROP TABLE bench_positions_plain`);
for (const w of workers) nextK.set(w.id, 0);

// Open loop: batches leave on schedule whatever the previous ones are doing; latency counts from the schedule.
await directory.districtShape();
const batchesPerS = rate / batch;
const total = Math.round(batchesPerS * seconds);
const latencies: number[] = [];
let accepted = 0;
const started = performance.now();
const inflight: Promise<void>[] = [];
for (let i = 0; i < total; i++) {
  const due = started + (i / batchesPerS) * 1000;
  const wait = due - performance.now();
  if (wait > 1) await new Promise((r) => setTimeout(r, wait));
  const [w, pts] = nextBatch(i);
  clock = Math.max(clock, Date.parse(pts.at(-1)!.t));
  inflight.push(
    ingestPositions(ingestDeps, w, pts).then((r) => {
      accepted += r.accepted;
      latencies.push(performance.now() - due);
    }),
  );
  if (inflight.length > 2000) await Promise.all(inflight.splice(0, 1000));
}
await Promise.all(inflight);
const elapsed = (performance.now() - started) / 1000;
const b = summarize(plain),
  l = summarize(latencies);
console.log(`ingest: ${workers.length} workers, batches of ${batch}, offered ${rate}/s for ${seconds} s`);
console.log(`baseline bare INSERT of a batch   p50 ${ms(b.p50)}  p99 ${ms(b.p99)}`);
console.log(
  `sustained ${(accepted / elapsed).toFixed(0)} positions/s (${accepted} in ${elapsed.toFixed(1)} s; target ≥ 5,000)`,
);
console.log(
  `write latency per batch           p50 ${ms(l.p50)}  p99 ${ms(l.p99)}  max ${ms(l.max)}  = ${(l.p99 / b.p99).toFixed(1)}× baseline p99 (target p99 ≤ 50 ms)`,
);

// Trail reads on a full duty day (8:30–17:30, a fix every 15 s) for the workers of one community.
const community = (
  await db.query<{ id: number; path: string }>(
    `SELECT c.id, c.path FROM areas c WHERE c.level = 'community' ORDER BY c.code LIMIT 1`,
  )
).rows[0];
const members = workers.filter((w) => w.grids.some((g) => g.path.startsWith(community.path)));
const fullDay = (9 * 3600) / STEP_S;
for (const w of members) {
  for (let k = nextK.get(w.id)!; k < fullDay; k += 500) {
    const pts = Array.from({ length: Math.min(500, fullDay - k) }, (_, j) => fix(w, k + j));
    clock = Math.max(clock, Date.parse(pts.at(-1)!.t));
    await ingestPositions(ingestDeps, w, pts);
  }
}
clock = dayStart(day) + DAY_MS - 1;
const rows = Number(
  (
    await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM worker_positions WHERE t >= $1 AND t < $2`, [
      new Date(dayStart(day)).toISOString(),
      new Date(dayStart(day) + DAY_MS).toISOString(),
    ])
  ).rows[0].n,
);
const supervisor: AuthUser = {
  id: 0,
  username: 'bench',
  displayName: 'bench',
  role: 'supervisor',
  areaId: 0,
  areaPath: '/',
  areaName: '',
  areaLevel: 'district',
};
const from = new Date(dayStart(day)).toISOString(),
  to = new Date(dayStart(day) + DAY_MS).toISOString();
const one: number[] = [],
  area: number[] = [];
let points = 0,
  trails = 0;
for (let i = 0; i < 20; i++) {
  const [t1, tr] = await time(() => workerTrail(deps, supervisor, members[i % members.length].id, from, to));
  one.push(t1);
  points = tr.path.length;
}
for (let i = 0; i < 10; i++) {
  const [t2, list] = await time(() => areaTrails(deps, supervisor, community.id, from, to));
  area.push(t2);
  trails = list.reduce((s, x) => s + x.path.length, 0);
}
const o = summarize(one),
  a = summarize(area);
console.log(`day partition holds ${rows} positions`);
console.log(`trail, one worker-day (${points} points, stops included)     p50 ${ms(o.p50)}  p95 ${ms(o.p95)}`);
console.log(
  `trails, one community-day (${members.length} workers, ${trails} points) p50 ${ms(a.p50)}  p95 ${ms(a.p95)}`,
);
await db.exec(`DROP TABLE IF EXISTS worker_positions_${day.replaceAll('-', '')}`);
await db.close();
