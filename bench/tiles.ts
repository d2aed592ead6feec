// Vector tiles of the areas layer: cold (rendered) and cached p95 over every tile covering the district at z12–z15,
// as a ratio to a bare indexed query on the same table in the same run (target: cold ≤ 30 ms, cached ≤ 2 ms).
// Usage: npx tsx bench/tiles.ts [--size small|full]   (DATABASE_URL selects PostgreSQL + PostGIS)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { AddressInfo } from 'node:net';
import { createApp } from '../api/app.js';
import { prepare } from '../api/bootstrap.js';
import { loadConfig } from '../api/config.js';
import { TileCache } from '../api/tiles/cache.js';
import { cachedTile } from '../api/tiles/service.js';
import { ms, summarize, time } from './stats.js';

const { values } = parseArgs({
  options: { size: { type: 'string', default: 'full' }, 'data-dir': { type: 'string' } },
});
const size = values.size === 'small' ? 'small' : 'full';
const dataDir = values['data-dir'] ?? path.join(os.tmpdir(), `gridwall-bench-${size}`);
fs.mkdirSync(dataDir, { recursive: true });

const [prepMs, { db, seeded }] = await time(() =>
  prepare({
    databaseUrl: process.env.DATABASE_URL,
    dataDir,
    seedSize: size,
    seed: 20181,
    demoPassword: 'bench-password',
  }),
);
console.log(
  `database: ${db.kind} (PostGIS ${db.capabilities.postgis}, ST_AsMVT ${db.capabilities.asMvt ? 'yes' : 'no: Node encoder'}); ${seeded ? 'seeded' : 'opened'} in ${ms(prepMs)}`,
);

const ext = (
  await db.query<{ w: number; s: number; e: number; n: number }>(
    `SELECT ST_XMin(geom) w, ST_YMin(geom) s, ST_XMax(geom) e, ST_YMax(geom) n FROM areas WHERE level = 'district'`,
  )
).rows[0];
const lon2x = (lon: number, z: number) => Math.floor(((lon + 180) / 360) * 2 ** z);
const lat2y = (lat: number, z: number) =>
  Math.floor(
    ((1 - Math.log(Math.tan((lat * Math.PI) / 180) + 1 / Math.cos((lat * Math.PI) / 180)) / Math.PI) / 2) * 2 ** z,
  );
const tiles: [number, number, number][] = [];
for (let z = 12; z <= 15; z++)
  for (let x = lon2x(ext.w, z); x <= lon2x(ext.e, z); x++)
    for (let y = lat2y(ext.n, z); y <= lat2y(ext.s, z); y++) tiles.push([z, x, y]);

// Baseline: a bare indexed bbox query returning the grid ids of each tile.
const baseline: number[] = [];
for (const [z, x, y] of tiles) {
  const [t] = await time(() =>
    db.query(`SELECT id FROM areas WHERE geom_3857 && ST_TileEnvelope($1, $2, $3) AND level = 'grid'`, [z, x, y]),
  );
  baseline.push(t);
}
const cache = new TileCache(100_000);
const cold: number[] = [];
const warm: number[] = [];
let bytes = 0;
for (const [z, x, y] of tiles) {
  const [t, buf] = await time(() => cachedTile(db, cache, 'areas', z, x, y, '/'));
  cold.push(t);
  bytes += buf.length;
}
for (const [z, x, y] of tiles) warm.push((await time(() => cachedTile(db, cache, 'areas', z, x, y, '/')))[0]);

const b = summarize(baseline),
  c = summarize(cold),
  w = summarize(warm);
console.log(
  `tiles: ${tiles.length} (z12–z15 over the district), ${(bytes / tiles.length / 1024).toFixed(1)} KiB average`,
);
console.log(`baseline bare bbox query  p50 ${ms(b.p50)}  p95 ${ms(b.p95)}`);
console.log(
  `areas tile, cold          p50 ${ms(c.p50)}  p95 ${ms(c.p95)}  = ${(c.p95 / b.p95).toFixed(1)}× baseline p95  (target ≤ 30 ms)`,
);
console.log(
  `areas tile, cached        p50 ${ms(w.p50)}  p95 ${ms(w.p95)}  = ${(w.p95 / b.p95).toFixed(2)}× baseline p95  (target ≤ 2 ms)`,
);
// The same over HTTP, as a wall's MapLibre asks for them: session check, cache, response. Baseline: GET /api/health.
const app = createApp({ db, config: loadConfig({ GRIDWALL_LOG: 'silent', GRIDWALL_DEMO_PASSWORD: 'bench-password' }) });
await new Promise<void>((r) => app.http.listen(0, '127.0.0.1', r));
const base = `http://127.0.0.1:${(app.http.address() as AddressInfo).port}`;
const login = await fetch(`${base}/api/auth/login`, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ username: 'operator', password: 'bench-password' }),
});
const headers = { authorization: `Bearer ${((await login.json()) as { token: string }).token}` };
const get = async (p: string) => (await time(async () => (await fetch(base + p, { headers })).arrayBuffer()))[0];
const health: number[] = [],
  httpCold: number[] = [],
  httpWarm: number[] = [];
for (let i = 0; i < tiles.length; i++) health.push(await get('/api/health'));
for (const [z, x, y] of tiles) httpCold.push(await get(`/tiles/areas/${z}/${x}/${y}.pbf`));
for (const [z, x, y] of tiles) httpWarm.push(await get(`/tiles/areas/${z}/${x}/${y}.pbf`));
const h = summarize(health),
  hc = summarize(httpCold),
  hw = summarize(httpWarm);
console.log(`HTTP baseline GET /api/health p50 ${ms(h.p50)}  p95 ${ms(h.p95)}`);
console.log(
  `HTTP areas tile, cold     p50 ${ms(hc.p50)}  p95 ${ms(hc.p95)}  = ${(hc.p95 / h.p95).toFixed(1)}× health p95`,
);
console.log(
  `HTTP areas tile, cached   p50 ${ms(hw.p50)}  p95 ${ms(hw.p95)}  = ${(hw.p95 / h.p95).toFixed(1)}× health p95`,
);
void app.io.close(); // it closes the HTTP server too, which the next line waits for
await new Promise<void>((r) => app.http.close(() => r()));
await db.close();
