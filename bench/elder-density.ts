// Elder density for the whole district: the precomputed H3 aggregate (over HTTP and as its query) and the same
// computed live from residents, beside a bare `SELECT count(*) FROM residents` in the same run.
// Targets: precomputed request p95 ≤ 50 ms; live ≤ 2× count(*).
// Usage: npx tsx bench/elder-density.ts [--size small|full] [--rounds 30]   (DATABASE_URL selects PostgreSQL + PostGIS)
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { ElderMetric } from '../contract/population.js';
import { MIN_CELL_COUNT } from '../contract/population.js';
import { createApp } from '../api/app.js';
import { prepare } from '../api/bootstrap.js';
import { loadConfig } from '../api/config.js';
import { refreshElderDensity } from '../api/population/aggregates.js';
import { elderCells, elderCellsLive } from '../api/population/queries.js';
import { ms, summarize, time } from './stats.js';

const { values } = parseArgs({
  options: {
    size: { type: 'string', default: 'full' },
    rounds: { type: 'string', default: '30' },
    'data-dir': { type: 'string' },
  },
});
const size = values.size === 'small' ? 'small' : 'full';
const rounds = Number(values.rounds);
const dataDir = values['data-dir'] ?? path.join(os.tmpdir(), `gridwall-bench-${size}`);
fs.mkdirSync(dataDir, { recursive: true });

const password = loadConfig().demoPassword; // a city seeded by `npm run seed` has the configured demo password
const [prepMs, { db, seeded }] = await time(() =>
  prepare({ databaseUrl: process.env.DATABASE_URL, dataDir, seedSize: size, seed: 20181, demoPassword: password }),
);
const people = (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM residents`)).rows[0].n;
console.log(
  `database: ${db.kind} (PostGIS ${db.capabilities.postgis}); ${seeded ? 'seeded' : 'opened'} in ${ms(prepMs)}; ${people.toLocaleString('en')} residents`,
);
if (!(await db.query(`SELECT 1 FROM elder_cells LIMIT 1`)).rowCount) await refreshElderDensity(db);
const [refreshMs] = await time(() => db.tx((q) => refreshElderDensity(q)));
console.log(`refresh of the precomputed cells (all resolutions): ${ms(refreshMs)}`);

const combos: [number, ElderMetric][] = [];
for (const res of [7, 8, 9]) for (const metric of ['e60', 'e80', 'alone'] as const) combos.push([res, metric]);
const bare: number[] = [],
  pre: number[] = [],
  live: number[] = [],
  http: number[] = [];
const app = createApp({
  db,
  config: loadConfig({
    GRIDWALL_LOG: 'silent',
    GRIDWALL_DEMO_PASSWORD: password,
    GRIDWALL_ESCALATION_INTERVAL_MS: '0',
  }),
});
await new Promise<void>((r) => app.http.listen(0, '127.0.0.1', r));
const base = `http://127.0.0.1:${(app.http.address() as AddressInfo).port}`;
const login = await fetch(`${base}/api/auth/login`, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ username: 'planner', password }),
});
const headers = { authorization: `Bearer ${((await login.json()) as { token: string }).token}` };
let cellsSent = 0;
for (let i = 0; i < rounds; i++) {
  // Interleaved, so load on the machine touches every variant alike.
  const [res, metric] = combos[i % combos.length];
  bare.push((await time(() => db.query(`SELECT count(*) FROM residents`)))[0]);
  pre.push((await time(() => elderCells(db, { res, metric, path: '/', minCount: MIN_CELL_COUNT })))[0]);
  const [tl, l] = await time(() => elderCellsLive(db, { res, metric, path: '/', minCount: MIN_CELL_COUNT }));
  live.push(tl);
  const [th, body] = await time(
    async () =>
      (await (await fetch(`${base}/api/population/elder-density?res=${res}&metric=${metric}`, { headers })).json()) as {
        cells: unknown[];
      },
  );
  http.push(th);
  if (!Array.isArray(body.cells)) throw new Error(`GET elder-density: ${JSON.stringify(body)}`);
  cellsSent += body.cells.length;
  if (body.cells.length !== l.cells.length)
    throw new Error(`precomputed and live answers differ at res ${res} ${metric}`);
}
await app.close();
await db.close();
const b = summarize(bare),
  p = summarize(pre),
  l = summarize(live),
  h = summarize(http);
console.log(
  `rounds: ${rounds} over res 7/8/9 × 60+/80+/alone, whole district; ${Math.round(cellsSent / rounds)} cells a response on average`,
);
console.log(`baseline count(*) over residents   p50 ${ms(b.p50)}  p95 ${ms(b.p95)}`);
console.log(
  `precomputed query                  p50 ${ms(p.p50)}  p95 ${ms(p.p95)}  = ${(p.p95 / b.p95).toFixed(2)}× count(*) p95`,
);
console.log(`precomputed, GET over HTTP         p50 ${ms(h.p50)}  p95 ${ms(h.p95)}  (target ≤ 50 ms)`);
console.log(
  `live from residents                p50 ${ms(l.p50)}  p95 ${ms(l.p95)}  = ${(l.p95 / b.p95).toFixed(2)}× count(*) p95  (target ≤ 2×)`,
);
