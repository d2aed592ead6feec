// The embedded data folder's lock: `npm run import` never opens a folder a running server holds (it goes through
// that server's API, or refuses saying how to proceed), the server refuses a folder a live command holds, and a
// lock left by a killed process is taken over. PostgreSQL is a server of its own and takes no lock.
import { execFile, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { openDb, pgliteDir } from '../../api/db/index.js';
import { acquireLock, DataLocked, lockPath, readLock, releaseLock } from '../../api/db/lock.js';
import { TEST_PASSWORD } from '../helpers/test-db.js';

const onPostgres = !!process.env.DATABASE_URL;
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'gridwall-lock-'));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

describe('the lock file', () => {
  it('is taken atomically, refused while its process lives, and taken over once it is gone', () => {
    const dir = path.join(work, 'unit');
    fs.mkdirSync(dir);
    acquireLock(dir, 'cli');
    expect(readLock(dir)).toMatchObject({ pid: process.pid, host: os.hostname(), role: 'cli', url: null });
    releaseLock(dir);
    expect(fs.existsSync(lockPath(dir))).toBe(false);

    // A live holder (the parent of this process, on this host): refused, naming its pid.
    fs.writeFileSync(
      lockPath(dir),
      JSON.stringify({ pid: process.ppid, host: os.hostname(), role: 'server', url: 'http://127.0.0.1:1', since: '' }),
    );
    let refused: unknown;
    try {
      acquireLock(dir, 'cli');
    } catch (e) {
      refused = e;
    }
    expect(refused).toBeInstanceOf(DataLocked);
    expect((refused as DataLocked).holder.pid).toBe(process.ppid);
    expect((refused as DataLocked).message).toContain(`pid ${process.ppid}`);

    // A dead holder: taken over, and said in the log.
    const dead = deadPid();
    fs.writeFileSync(
      lockPath(dir),
      JSON.stringify({ pid: dead, host: os.hostname(), role: 'server', url: null, since: '' }),
    );
    const said: string[] = [];
    acquireLock(dir, 'server', (msg) => said.push(msg));
    expect(readLock(dir)).toMatchObject({ pid: process.pid, role: 'server' });
    expect(said.join('\n')).toContain(`process ${dead}`);
    releaseLock(dir);
  });

  it.runIf(onPostgres)('is not taken on PostgreSQL', async () => {
    const db = await openDb({ databaseUrl: process.env.DATABASE_URL });
    try {
      expect(db.kind).toBe('postgres');
      expect(fs.readdirSync(work).filter((f) => f.endsWith('.lock'))).toEqual([]);
    } finally {
      await db.close();
    }
  });
});

/** The pid of a process that has exited (and been reaped). */
function deadPid(): number {
  const out = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(out.stdout);
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

async function until(check: () => Promise<boolean> | boolean, ms: number, what: () => string): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what()}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe.skipIf(onPostgres)('npm run import while a server runs on the embedded database', () => {
  const dataDir = path.join(work, 'data');
  const pgdata = pgliteDir(dataDir);
  let child: ChildProcess | undefined;
  let log = '';
  afterAll(() => {
    child?.kill('SIGKILL');
  });
  const env = (extra: Record<string, string | undefined> = {}) =>
    ({
      ...process.env,
      DATABASE_URL: undefined,
      GRIDWALL_DATA_DIR: dataDir,
      GRIDWALL_LOG: 'info',
      GRIDWALL_WEB_DIR: '/nonexistent',
      GRIDWALL_DEMO_PASSWORD: TEST_PASSWORD,
      GRIDWALL_ESCALATION_INTERVAL_MS: '0',
      GRIDWALL_WORKER_CHECK_INTERVAL_MS: '0',
      GRIDWALL_IMPORT_PASSWORD: undefined,
      LC_ALL: 'en_US.UTF-8',
      ...extra,
    }) as NodeJS.ProcessEnv;

  const start = async (): Promise<{ url: string; exited: Promise<number | null> }> => {
    log = '';
    const port = await freePort();
    const c = spawn(process.execPath, ['--import', 'tsx', 'api/server.ts'], {
      env: env({ PORT: String(port), HOST: '127.0.0.1' }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child = c;
    c.stdout!.on('data', (d) => (log += d));
    c.stderr!.on('data', (d) => (log += d));
    const exited = new Promise<number | null>((res) => c.once('exit', (code) => res(code)));
    return { url: `http://127.0.0.1:${port}`, exited };
  };
  const healthy = async (url: string) => (await fetch(`${url}/api/health`).catch(() => null))?.status === 200;
  const stop = async (signal: NodeJS.Signals, exited: Promise<number | null>) => {
    child!.kill(signal);
    await exited;
    child = undefined;
  };
  const cli = (args: string[], extra: Record<string, string | undefined> = {}) =>
    new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      execFile(
        process.execPath,
        ['--import', 'tsx', 'scripts/import.ts', ...args],
        { env: env(extra), timeout: 120_000 },
        (err, stdout, stderr) => resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
      );
    });

  it('goes through the server’s API or refuses, and the server keeps answering and restarts cleanly', async () => {
    fs.cpSync(inject('templateDir'), pgdata, { recursive: true });
    const a = await start();
    await until(
      () => healthy(a.url),
      120_000,
      () => `the server to start (${log.slice(-400)})`,
    );
    await until(
      () => readLock(pgdata)?.url === a.url,
      10_000,
      () => `the lock to name the server (${JSON.stringify(readLock(pgdata))})`,
    );
    expect(readLock(pgdata)).toMatchObject({ pid: child!.pid, role: 'server' });

    // A special grid beside the first grid's label point, as GeoJSON.
    const file = path.join(work, 'special.geojson');
    const token = (
      (await (
        await fetch(`${a.url}/api/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username: 'admin', password: TEST_PASSWORD }),
        })
      ).json()) as { token: string }
    ).token;
    const areas = (await (
      await fetch(`${a.url}/api/areas?level=grid`, { headers: { authorization: `Bearer ${token}` } })
    ).json()) as unknown;
    const first = pickGrid(areas);
    const d = 0.0004;
    const [x, y] = first;
    fs.writeFileSync(
      file,
      JSON.stringify({
        type: 'Feature',
        properties: { 名称: '锁测试养老院' },
        geometry: {
          type: 'Polygon',
          coordinates: [
            [
              [x, y],
              [x + d, y],
              [x + d, y + d],
              [x, y + d],
              [x, y],
            ],
          ],
        },
      }),
    );
    const args = [file, '--level', 'special', '--special-class', 'key', '--crs', 'wgs84'];

    // No password: refused, naming the server's pid and how to proceed; nothing opened.
    const refused = await cli(args);
    expect(refused.code, refused.stderr).toBe(3);
    expect(refused.stderr).toContain(`pid ${child!.pid}`);
    expect(refused.stderr).toContain('GRIDWALL_IMPORT_PASSWORD');
    expect(await healthy(a.url)).toBe(true);

    // A wrong password: the server refuses the login, and says so.
    const wrong = await cli(args, { GRIDWALL_IMPORT_PASSWORD: 'not-the-password' });
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('logging in to');

    // With the password: through the API, the same report, accepted with --yes.
    const pwFile = path.join(work, 'pw');
    fs.writeFileSync(pwFile, `${TEST_PASSWORD}\n`);
    const via = await cli([...args, '--password-file', pwFile, '--yes']);
    expect(via.code, via.stderr + via.stdout).toBe(0);
    expect(via.stderr).toContain(`through the running server’s API at ${a.url}`);
    expect(via.stdout).toMatch(/import #\d+ \(pending\) — special\.geojson: geojson/);
    expect(via.stdout).toMatch(/import #\d+ \(accepted\)/);
    expect(await healthy(a.url)).toBe(true);
    const named = (await (
      await fetch(`${a.url}/api/areas?level=special`, { headers: { authorization: `Bearer ${token}` } })
    ).text()) as string;
    expect(named).toContain('锁测试养老院');

    // Killed: the lock stays behind with a dead pid, and the next server takes it over and says so.
    await stop('SIGKILL', a.exited);
    expect(readLock(pgdata)).not.toBeNull();
    const b = await start();
    await until(
      () => healthy(b.url),
      120_000,
      () => `the server to restart (${log.slice(-400)})`,
    );
    expect(log).toContain('which is gone: taken over');
    expect(await healthy(b.url)).toBe(true);

    // Stopped cleanly: the lock is gone, and what was imported through the API is in the folder.
    await stop('SIGTERM', b.exited);
    expect(fs.existsSync(lockPath(pgdata))).toBe(false);
    const db = await openDb({ dataDir: pgdata, role: 'cli' });
    try {
      const n = (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM areas WHERE name = '锁测试养老院'`))
        .rows[0].n;
      expect(n).toBe(1);

      // The server refuses a folder a live command holds, naming it, and leaves the lock alone.
      const c = await start();
      expect(await c.exited).toBe(1);
      child = undefined;
      expect(log).toContain(`in use by a command`);
      expect(log).toContain(`pid ${process.pid}`);
      expect(readLock(pgdata)).toMatchObject({ pid: process.pid, role: 'cli' });
    } finally {
      await db.close();
    }
    expect(fs.existsSync(lockPath(pgdata))).toBe(false);
  }, 400_000);
});

/** The label point of the first grid in the API's GeoJSON answer: a point inside it. */
function pickGrid(areas: unknown): [number, number] {
  const f = (areas as { features?: Array<{ properties: { labelLon: number; labelLat: number } }> }).features?.[0];
  if (!f) throw new Error(`no grid in ${JSON.stringify(areas).slice(0, 300)}`);
  return [f.properties.labelLon, f.properties.labelLat];
}
