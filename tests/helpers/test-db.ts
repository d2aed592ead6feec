// A private copy of the template database for one test file, and a running app on it.
import crypto from 'node:crypto';
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';
import { createApp, type App } from '../../api/app.js';
import { loadConfig, type Config } from '../../api/config.js';
import { openBasemapFile } from '../../api/basemap/files.js';
import { openDb, type Db } from '../../api/db/index.js';
import { TEST_PASSWORD, withDatabase } from '../setup/template-db.js';

export { TEST_PASSWORD };

export interface TestDb {
  db: Db;
  /** The copy's connection URL on PostgreSQL (another process can open it); undefined on PGlite. */
  url?: string;
  close(): Promise<void>;
}

export async function openTestDb(): Promise<TestDb> {
  const tplUrl = inject('templateDbUrl');
  if (tplUrl) {
    const base = process.env.DATABASE_URL!;
    const name = `gridwall_t${process.ppid}_${crypto.randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: base });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${new URL(tplUrl).pathname.slice(1)}`);
    const url = withDatabase(base, name);
    const db = await openDb({ databaseUrl: url });
    return {
      db,
      url,
      async close() {
        await db.close();
        await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await admin.end();
      },
    };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gridwall-test-'));
  fs.cpSync(inject('templateDir'), dir, { recursive: true });
  const db = await openDb({ dataDir: dir });
  return {
    db,
    async close() {
      await db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * A request sent again once when the kept-alive socket it went out on had just been closed by the server (its
 * keep-alive is 5 s, and a long check in the test process can sit past that). Only for requests that are safe
 * to repeat: GETs, and uploads the tests make idempotent.
 */
export async function retryStale<T>(send: () => Promise<T>): Promise<T> {
  try {
    return await send();
  } catch (e) {
    if (!['ECONNRESET', 'UND_ERR_SOCKET'].includes((e as { cause?: { code?: string } }).cause?.code ?? '')) throw e;
    return send();
  }
}

export interface TestApp extends TestDb {
  app: App;
  config: Config;
  url: string;
  /** Logs in and returns the bearer token. */
  login(username: string, password?: string): Promise<string>;
  get(pathname: string, token?: string): Promise<Response>;
  post(pathname: string, body: unknown, token?: string): Promise<Response>;
}

export async function startTestApp(
  env: Record<string, string> = {},
  opts: { now?: () => Date } = {},
): Promise<TestApp> {
  return serveTestApp(await openTestDb(), env, opts);
}

/** A running app on a database already open (a template copy, or one a test prepared itself). */
export async function serveTestApp(
  t: TestDb,
  env: Record<string, string> = {},
  opts: { now?: () => Date } = {},
): Promise<TestApp> {
  const config = loadConfig({
    GRIDWALL_LOG: 'silent',
    GRIDWALL_WEB_DIR: '/nonexistent',
    GRIDWALL_DEMO_PASSWORD: TEST_PASSWORD,
    GRIDWALL_ESCALATION_INTERVAL_MS: '0',
    GRIDWALL_CHECK_RESPONSES: 'true',
    ...env,
  });
  const basemapFile = await openBasemapFile(config.basemap);
  const app = createApp({ db: t.db, config, now: opts.now, basemapFile });
  // fetch keeps its connections for reuse; on a loaded machine the server's 5 s idle close can cross a request
  // sent on one (ECONNRESET on a POST, which is not retried). The test server keeps them longer than any test idles.
  app.http.keepAliveTimeout = 120_000;
  await new Promise<void>((resolve) => app.http.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(app.http.address() as AddressInfo).port}`;
  const headers = (token?: string): Record<string, string> => (token ? { authorization: `Bearer ${token}` } : {});
  const out: TestApp = {
    ...t,
    app,
    config,
    url,
    get: (p, token) => retryStale(() => fetch(url + p, { headers: headers(token) })),
    post: (p, body, token) =>
      fetch(url + p, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers(token) },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      }),
    async login(username, password = TEST_PASSWORD) {
      const r = await out.post('/api/auth/login', { username, password });
      if (r.status !== 200) throw new Error(`login ${username}: ${r.status} ${await r.text()}`);
      return ((await r.json()) as { token: string }).token;
    },
    async close() {
      await app.close();
      await t.close();
    },
  };
  return out;
}
