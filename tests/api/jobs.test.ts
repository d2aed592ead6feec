// Durable jobs against a real database: an import left running by a node that stopped is run again from its kept
// file, or failed with a reason once its attempts are spent; a second node reads the progress and the outcome;
// periodic passes run once per period across nodes; a failing job is retried; a server killed with SIGKILL in
// the middle of an import leaves a job that the restarted server finishes.
import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createApp, type App } from '../../api/app.js';
import { loadConfig } from '../../api/config.js';
import { openDb, pgliteDir } from '../../api/db/index.js';
import { createJobRunner, type JobRunner } from '../../api/jobs/runner.js';
import { ESCALATION_JOB } from '../../api/orders/scheduler.js';
import { retryStale, startTestApp, TEST_PASSWORD, type TestApp } from '../helpers/test-db.js';
import { withDatabase } from '../setup/template-db.js';

type Json = Record<string, any>;
const ENV = { GRIDWALL_JOB_POLL_MS: '0' }; // jobs move only when a test polls (or an upload pokes)
const header = 'month,grid_code,building_address,group,channel,weight,needs';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const until = async (cond: () => boolean | Promise<boolean>, ms: number, what: () => string) => {
  for (const end = Date.now() + ms; !(await cond());) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what()}`);
    await sleep(50);
  }
};

let t: TestApp;
let b: { app: App; url: string }; // a second node on the same database
let planner: { id: number; areaPath: string; token: string; tokenB: string };
let gridCode: string;

async function listen(app: App): Promise<string> {
  await new Promise<void>((r) => app.http.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(app.http.address() as AddressInfo).port}`;
}
const login = async (url: string, username: string) => {
  const r = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: TEST_PASSWORD }),
  });
  if (r.status !== 200) throw new Error(`login ${username} on ${url}: ${r.status}`);
  return ((await r.json()) as { token: string }).token;
};
const importOn = async (url: string, token: string, id: string): Promise<Json> =>
  (
    await fetch(`${url}/api/needs/import/${id}`, {
      headers: { authorization: `Bearer ${token}`, 'accept-language': 'en' },
    })
  ).json() as Promise<Json>;
const csv = (rows: number, month: string) =>
  [header, ...Array.from({ length: rows }, () => `${month},${gridCode},,adult,paper,1,medical`)].join('\n');
const responses = async (id: string) =>
  (await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM survey_responses WHERE import_id = $1`, [id]))
    .rows[0].n;
const jobRow = async (id: string) =>
  (
    await t.db.query<Json>(
      `SELECT state, attempts, holder, error, input IS NULL AS "inputDropped" FROM jobs WHERE id = $1`,
      [id],
    )
  ).rows[0];

/** What a node killed in the middle of an import leaves: the import running, its job held by that node, the file kept. */
async function abandonedImport(
  file: string,
  o: { attempts: number; heartbeatAgo: string; progress?: Json },
): Promise<string> {
  const id = crypto.randomBytes(12).toString('hex');
  await t.db.tx(async (q) => {
    await q.query(
      `INSERT INTO survey_imports (id, account_id, file_name, format, encoding, status, rows) VALUES ($1, $2, 'left.csv', 'csv', 'utf-8', 'running', $3)`,
      [id, planner.id, file.split('\n').length - 1],
    );
    await q.query(
      `INSERT INTO jobs (id, kind, state, payload, input, progress, attempts, max_attempts, holder, heartbeat_at, created_by, started_at)
        VALUES ($1, 'needs-import', 'running', $2::jsonb, decode($3, 'base64'), $4::jsonb, $5, 2, 'dead-node', now() - $6::interval, $7, now())`,
      [
        id,
        JSON.stringify({ fileName: 'left.csv', accountId: planner.id, areaPath: planner.areaPath }),
        Buffer.from(file).toString('base64'),
        o.progress ? JSON.stringify(o.progress) : null,
        o.attempts,
        o.heartbeatAgo,
        planner.id,
      ],
    );
  });
  return id;
}

beforeAll(async () => {
  t = await startTestApp(ENV);
  const app = createApp({
    db: t.db,
    config: loadConfig({
      GRIDWALL_LOG: 'silent',
      GRIDWALL_WEB_DIR: '/nonexistent',
      GRIDWALL_DEMO_PASSWORD: TEST_PASSWORD,
      GRIDWALL_ESCALATION_INTERVAL_MS: '0',
      ...ENV,
    }),
  });
  b = { app, url: await listen(app) };
  const p = (
    await t.db.query<{ id: number; path: string }>(
      `SELECT a.id, g.path FROM accounts a JOIN areas g ON g.id = a.area_id WHERE a.username = 'planner'`,
    )
  ).rows[0];
  planner = { id: p.id, areaPath: p.path, token: await t.login('planner'), tokenB: await login(b.url, 'planner') };
  gridCode = (
    await t.db.query<{ code: string }>(
      `SELECT code FROM areas WHERE level = 'grid' AND path LIKE $1 || '%' ORDER BY code LIMIT 1`,
      [p.path],
    )
  ).rows[0].code;
});
afterAll(async () => {
  await b?.app.close();
  await t?.close();
});

describe('an import whose node stopped', () => {
  it('is run again from its kept file once the holder’s heartbeat has lapsed, and finishes once', async () => {
    const id = await abandonedImport(csv(30, '2031-01'), {
      attempts: 1,
      heartbeatAgo: '1 hour',
      progress: { processed: 10, inserted: 0, errorCount: 0 },
    });
    expect(await importOn(b.url, planner.tokenB, id)).toMatchObject({ status: 'running', processed: 10 });
    expect(await t.app.jobs.recover()).toBe(1);
    const queued = await importOn(b.url, planner.tokenB, id);
    expect(queued.status).toBe('running');
    expect(queued.message).toMatch(/queued to run again/);
    await t.app.jobs.poll();
    await t.app.jobs.idle();
    expect(await importOn(b.url, planner.tokenB, id)).toMatchObject({ status: 'done', inserted: 30, errorCount: 0 });
    expect(await responses(id)).toBe(30);
    expect(await jobRow(id)).toMatchObject({ state: 'done', attempts: 2, holder: null, inputDropped: true });
    await t.app.jobs.recover();
    await t.app.jobs.poll();
    expect(await responses(id)).toBe(30);
  });

  it('is left alone while its holder still beats', async () => {
    const id = await abandonedImport(csv(5, '2031-02'), { attempts: 1, heartbeatAgo: '1 second' });
    expect(await t.app.jobs.recover()).toBe(0);
    expect(await jobRow(id)).toMatchObject({ state: 'running', holder: 'dead-node' });
    await t.db.query(`UPDATE jobs SET state = 'failed', holder = NULL WHERE id = $1`, [id]); // out of the way of the next tests
  });

  it('is failed with the reason, writing nothing, once its attempts are spent', async () => {
    const id = await abandonedImport(csv(20, '2031-03'), { attempts: 2, heartbeatAgo: '1 hour' });
    expect(await b.app.jobs.recover()).toBe(1);
    const job = await importOn(t.url, planner.token, id);
    expect(job).toMatchObject({ status: 'failed', inserted: 0 });
    expect(job.message).toMatch(/nothing was written.*dead-node stopped.*2 attempt/);
    expect(job.finishedAt).not.toBeNull();
    expect(await responses(id)).toBe(0);
    expect(await jobRow(id)).toMatchObject({ state: 'failed', inputDropped: true });
  });

  it('is taken back at once, fresh heartbeat or not, when no other process can hold it (PGlite at start)', async () => {
    const id = await abandonedImport(csv(7, '2031-04'), { attempts: 1, heartbeatAgo: '0 seconds' });
    const c = createApp({
      db: t.db,
      config: loadConfig({
        GRIDWALL_LOG: 'silent',
        GRIDWALL_WEB_DIR: '/nonexistent',
        GRIDWALL_DEMO_PASSWORD: TEST_PASSWORD,
        GRIDWALL_ESCALATION_INTERVAL_MS: '0',
        ...ENV,
      }),
      soleProcess: true,
    });
    try {
      await until(
        async () => (await jobRow(id)).state === 'done',
        30_000,
        () => 'the restarted node to finish the import',
      );
      await c.jobs.idle();
      expect(await responses(id)).toBe(7);
    } finally {
      await c.close();
    }
  });
});

describe('a second node', () => {
  it('reads the progress of an import another node is running, and its outcome', async () => {
    const id = await abandonedImport(csv(3, '2031-05'), {
      attempts: 1,
      heartbeatAgo: '0 seconds',
      progress: { processed: 2, inserted: 0, errorCount: 1 },
    });
    expect(await importOn(b.url, planner.tokenB, id)).toMatchObject({
      status: 'running',
      rows: 3,
      processed: 2,
      errorCount: 1,
    });
    await t.db.query(`UPDATE jobs SET state = 'failed', holder = NULL WHERE id = $1`, [id]);

    const form = new FormData();
    form.append('file', new Blob([Buffer.from(csv(12_000, '2031-06'))]), 'big.csv');
    const r = await fetch(`${t.url}/api/needs/import`, {
      method: 'POST',
      headers: { authorization: `Bearer ${planner.token}` },
      body: form,
    });
    expect(r.status).toBe(202);
    const started = (await r.json()) as Json;
    await until(
      async () => (await importOn(b.url, planner.tokenB, started.id)).status !== 'running',
      60_000,
      () => 'the import to end',
    );
    expect(await importOn(b.url, planner.tokenB, started.id)).toMatchObject({
      status: 'done',
      processed: 12_000,
      inserted: 12_000,
    });
  });
});

describe('periodic jobs', () => {
  const runners: JobRunner[] = [];
  afterAll(async () => {
    for (const r of runners) await r.stop();
  });
  const node = () => {
    const r = createJobRunner({ db: t.db, pollMs: 0, staleMs: 60_000, concurrency: 1 });
    runners.push(r);
    return r;
  };

  it('run once per period across two nodes, and again when the period is over', async () => {
    const name = `test-periodic-${crypto.randomBytes(3).toString('hex')}`;
    let runs = 0;
    const [a, c] = [node(), node()];
    for (const n of [a, c]) n.periodic(name, 3_600_000, async () => void runs++);
    const pollBoth = async (times: number) => {
      for (let i = 0; i < times; i++) {
        await Promise.all([a.poll(), c.poll()]);
        await Promise.all([a.idle(), c.idle()]);
      }
    };
    await pollBoth(2);
    expect(runs).toBe(0); // the first period has not passed
    await t.db.query(`UPDATE jobs SET run_after = now() WHERE id = $1`, [name]); // now it has
    await pollBoth(3);
    expect(runs).toBe(1);
    await t.db.query(`UPDATE jobs SET run_after = now() WHERE id = $1`, [name]);
    await pollBoth(3);
    expect(runs).toBe(2);
  });

  it('run by hand on one node only while no other node is at it', async () => {
    const name = `test-periodic-${crypto.randomBytes(3).toString('hex')}`;
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const [a, c] = [node(), node()];
    const onC = c.periodic(name, 0, async () => 'c');
    const onA = a.periodic(name, 0, async () => {
      await gate;
      return 'a';
    });
    const first = onA.runNow();
    await until(
      async () => (await jobRow(name))?.state === 'running',
      10_000,
      () => 'node A to start the pass',
    );
    expect(await onC.runNow()).toBeNull();
    release();
    expect(await first).toBe('a');
    expect(await onC.runNow()).toBe('c');
  });

  it('the escalation pass runs on one of two app nodes per period', async () => {
    const config = loadConfig({
      GRIDWALL_LOG: 'silent',
      GRIDWALL_WEB_DIR: '/nonexistent',
      GRIDWALL_DEMO_PASSWORD: TEST_PASSWORD,
      GRIDWALL_ESCALATION_INTERVAL_MS: '3600000',
      ...ENV,
    });
    const nodes = [createApp({ db: t.db, config }), createApp({ db: t.db, config })];
    try {
      const finished = async () =>
        (
          await t.db.query<{ f: string | null }>(`SELECT finished_at::text AS f FROM jobs WHERE id = $1`, [
            ESCALATION_JOB,
          ])
        ).rows[0]?.f ?? null;
      const pollEach = async () => {
        for (const n of nodes) {
          await n.jobs.poll();
          await n.jobs.idle();
        }
      };
      await pollEach();
      expect(await finished()).toBeNull(); // created, due an hour on
      await t.db.query(`UPDATE jobs SET run_after = now() WHERE id = $1`, [ESCALATION_JOB]);
      await pollEach();
      const once = await finished();
      expect(once).not.toBeNull();
      await pollEach();
      expect(await finished()).toBe(once);
      const next = (
        await t.db.query<{ later: boolean }>(
          `SELECT run_after > now() + interval '59 minutes' AS later FROM jobs WHERE id = $1`,
          [ESCALATION_JOB],
        )
      ).rows[0];
      expect(next.later).toBe(true);
    } finally {
      for (const n of nodes) await n.close();
    }
  });
});

describe('a job that throws', () => {
  it('is retried after a wait, and done on the next attempt', async () => {
    const r = createJobRunner({ db: t.db, pollMs: 0, staleMs: 60_000, concurrency: 1 });
    const kind = `test-flaky-${crypto.randomBytes(3).toString('hex')}`;
    let calls = 0;
    r.define(kind, {
      resumable: true,
      maxAttempts: 3,
      async run(ctx) {
        calls++;
        if (ctx.attempt === 1) throw new Error('database away');
        return { ok: ctx.attempt };
      },
    });
    try {
      const id = crypto.randomBytes(12).toString('hex');
      await r.enqueue(t.db, { id, kind, payload: {}, maxAttempts: 3 });
      await r.poll();
      await r.idle();
      expect(await jobRow(id)).toMatchObject({ state: 'queued', attempts: 1, error: 'database away' });
      await r.poll(); // not yet due: the retry waits
      await r.idle();
      expect(calls).toBe(1);
      await t.db.query(`UPDATE jobs SET run_after = now() WHERE id = $1`, [id]);
      await r.poll();
      await r.idle();
      expect(calls).toBe(2);
      expect((await t.db.query<Json>(`SELECT state, result FROM jobs WHERE id = $1`, [id])).rows[0]).toEqual({
        state: 'done',
        result: { ok: 2 },
      });
    } finally {
      await r.stop();
    }
  });
});

// The server is a process of its own. On PostgreSQL node B (this process) watches it on the same database; on
// PGlite no second process may open the data folder, so the server is watched through its own API, before the
// kill and after the restart.
describe('a server killed with SIGKILL during an import', () => {
  let child: ChildProcess | undefined;
  let childLog = '';
  let dataDir: string | undefined;
  afterAll(() => {
    child?.kill('SIGKILL');
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });
  const serve = async (port: number) => {
    childLog = '';
    // On PostgreSQL, this file's copy of the template (TestApp.url is the HTTP address).
    const current = async () => (await t.db.query<{ name: string }>(`SELECT current_database() AS name`)).rows[0].name;
    const where = process.env.DATABASE_URL
      ? { DATABASE_URL: withDatabase(process.env.DATABASE_URL, await current()) }
      : { DATABASE_URL: '', GRIDWALL_DATA_DIR: dataDir! };
    child = spawn(process.execPath, ['--import', 'tsx', 'api/server.ts'], {
      env: {
        ...process.env,
        GRIDWALL_LOG: 'info',
        GRIDWALL_WEB_DIR: '/nonexistent',
        GRIDWALL_DEMO_PASSWORD: TEST_PASSWORD,
        GRIDWALL_ESCALATION_INTERVAL_MS: '0',
        GRIDWALL_JOB_POLL_MS: '200',
        GRIDWALL_JOB_STALE_MS: '3000',
        PORT: String(port),
        HOST: '127.0.0.1',
        ...where,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (d) => (childLog += d));
    child.stderr!.on('data', (d) => (childLog += d));
    const url = `http://127.0.0.1:${port}`;
    await until(
      async () => (await fetch(`${url}/api/health`).catch(() => null))?.status === 200,
      120_000,
      () => `the server to start (${childLog.slice(-400)})`,
    );
    return url;
  };

  it('leaves a job that the restarted server runs again and finishes', async () => {
    const onPostgres = !!process.env.DATABASE_URL;
    if (!onPostgres) {
      dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gridwall-kill-'));
      fs.cpSync(inject('templateDir'), pgliteDir(dataDir), { recursive: true });
    }
    const rows = 200_000;
    const form = new FormData();
    form.append('file', new Blob([Buffer.from(csv(rows, '2032-01'))]), 'huge.csv');
    const port = 20_000 + Math.floor(Math.random() * 20_000);
    let url = await serve(port);
    let token = await login(url, 'planner');
    // On PostgreSQL the second node reads the job; on PGlite the server itself.
    const watch = (id: string) =>
      retryStale(() => (onPostgres ? importOn(b.url, planner.tokenB, id) : importOn(url, token, id)));
    const r = await retryStale(() =>
      fetch(`${url}/api/needs/import`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form }),
    );
    expect(r.status, await r.clone().text()).toBe(202);
    const { id } = (await r.json()) as Json;
    // Killed once it has started the job: at its first progress where a second node can watch (PostgreSQL); on
    // PGlite, where the import's transaction holds the one connection, as soon as it says it started.
    if (onPostgres)
      await until(
        async () => (await watch(id)).processed > 0,
        60_000,
        () => `progress (${childLog.slice(-400)})`,
      );
    else
      await until(
        () => childLog.includes(`job needs-import ${id} started`),
        60_000,
        () => `the job to start (${childLog.slice(-400)})`,
      );
    child!.kill('SIGKILL');
    await new Promise((res) => child!.once('exit', res));
    if (onPostgres) {
      expect((await watch(id)).status).toBe('running');
      expect(await jobRow(id)).toMatchObject({ state: 'running', attempts: 1, inputDropped: false });
    }

    url = await serve(port);
    token = await login(url, 'planner');
    await until(
      async () => (await watch(id)).status !== 'running',
      180_000,
      () => `the restarted server to finish (${childLog.slice(-600)})`,
    );
    expect(await watch(id)).toMatchObject({ status: 'done', processed: rows, inserted: rows });
    expect(childLog).toMatch(new RegExp(`job needs-import ${id} held by .*: requeued`));
    // The import's outcome commits first, then its job is marked done: stop the server only after both.
    await until(
      () => childLog.includes(`job needs-import ${id} done`),
      60_000,
      () => `the job to be marked done (${childLog.slice(-400)})`,
    );
    child!.kill('SIGKILL');
    await new Promise((res) => child!.once('exit', res));
    const db = onPostgres ? t.db : await openDb({ dataDir: pgliteDir(dataDir!) });
    try {
      expect(
        (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM survey_responses WHERE import_id = $1`, [id]))
          .rows[0].n,
      ).toBe(rows);
      expect(
        (await db.query<Json>(`SELECT state, attempts, input IS NULL AS "inputDropped" FROM jobs WHERE id = $1`, [id]))
          .rows[0],
      ).toEqual({ state: 'done', attempts: 2, inputDropped: true });
    } finally {
      if (!onPostgres) await db.close();
    }
  }, 500_000);
});
