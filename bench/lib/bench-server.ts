// The server the benchmarks measure: the database prepared (DATABASE_URL selects PostgreSQL + PostGIS,
// otherwise a fresh PGlite folder, removed on close), createApp in this thread, listening on loopback.
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { type App, createApp } from '../../api/app.js';
import { prepare } from '../../api/bootstrap.js';
import { loadConfig } from '../../api/config.js';
import type { Db } from '../../api/db/index.js';
import { time } from '../stats.js';

/** The demo password of a city the benchmarks seed (its gw<worker id> phone accounts share it). */
export const BENCH_PASSWORD = 'bench-password';

export interface BenchServer {
  db: Db;
  app: App;
  base: string;
  seeded: boolean;
  prepMs: number;
  login(username: string): Promise<string>;
  close(): Promise<void>;
}

/**
 * `env` is added to a quiet configuration: silent log, no web app, no intake limit, and no escalation
 * timer (it would push the history's escalations into the measurement).
 */
export async function startBenchServer(
  size: 'small' | 'full' | 'none',
  env: Record<string, string> = {},
): Promise<BenchServer> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gridwall-bench-'));
  const [prepMs, { db, seeded }] = await time(() =>
    prepare({
      databaseUrl: process.env.DATABASE_URL,
      dataDir,
      seedSize: size,
      seed: 20181,
      demoPassword: BENCH_PASSWORD,
      adminPassword: BENCH_PASSWORD,
    }),
  );
  const config = loadConfig({
    GRIDWALL_LOG: 'silent',
    GRIDWALL_DEMO_PASSWORD: BENCH_PASSWORD,
    GRIDWALL_ESCALATION_INTERVAL_MS: '0',
    GRIDWALL_WEB_DIR: '/nonexistent',
    GRIDWALL_INTAKE_PER_MINUTE: '0',
    ...env,
  });
  const app = createApp({ db, config });
  await new Promise<void>((r) => app.http.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(app.http.address() as AddressInfo).port}`;
  return {
    db,
    app,
    base,
    seeded,
    prepMs,
    login: (username) => login(base, username),
    async close() {
      await app.close();
      await db.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A bearer token for a demo account of a benchmark city. */
export async function login(base: string, username: string, password = BENCH_PASSWORD): Promise<string> {
  const r = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (r.status !== 200) throw new Error(`login ${username}: ${r.status}`);
  return ((await r.json()) as { token: string }).token;
}

/** A point inside each grid, where generated reports are placed. */
export async function gridPoints(db: Db): Promise<{ lon: number; lat: number }[]> {
  return (
    await db.query<{ lon: number; lat: number }>(
      `SELECT ST_X(ST_PointOnSurface(geom)) AS lon, ST_Y(ST_PointOnSurface(geom)) AS lat FROM areas WHERE level = 'grid'`,
    )
  ).rows;
}
