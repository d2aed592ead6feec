// `npm run import` as a child process against its own copy of the test database: on PostgreSQL a database made from
// the template, embedded a copy of the template's data folder (closed while the CLI runs). Registers the hooks that
// make and remove it; `cli` runs the command, `withDb` opens the same database between runs.
import { execFile } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, inject } from 'vitest';
import { openDb, type Db } from '../../api/db/index.js';
import { withDatabase } from '../setup/template-db.js';

export interface CliDatabase {
  /** A folder of the test's own (the embedded database's data folder lives in it), removed afterwards. */
  work: string;
  cli(args: string[], locale?: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }>;
  withDb<T>(f: (db: Db) => Promise<T>): Promise<T>;
}

export function cliDatabase(): CliDatabase {
  let env: Record<string, string | undefined>;
  let open: () => Promise<Db>;
  let drop: () => Promise<void> = async () => undefined;
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'gridwall-cli-'));

  beforeAll(async () => {
    const tplUrl = inject('templateDbUrl');
    // The CLI speaks Chinese unless the locale is English: the test's own locale must not decide.
    const base = { ...process.env, GRIDWALL_LOG: 'silent', LC_ALL: undefined, LC_MESSAGES: undefined, LANG: 'C.UTF-8' };
    if (tplUrl) {
      const name = `gridwall_cli${process.pid}_${crypto.randomBytes(3).toString('hex')}`;
      const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
      await admin.connect();
      await admin.query(`CREATE DATABASE ${name} TEMPLATE ${new URL(tplUrl).pathname.slice(1)}`);
      const url = withDatabase(process.env.DATABASE_URL!, name);
      env = { ...base, DATABASE_URL: url };
      open = () => openDb({ databaseUrl: url });
      drop = async () => {
        await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await admin.end();
      };
    } else {
      fs.cpSync(inject('templateDir'), path.join(work, 'pgdata'), { recursive: true });
      env = { ...base, DATABASE_URL: undefined, GRIDWALL_DATA_DIR: work };
      open = () => openDb({ dataDir: path.join(work, 'pgdata') });
    }
  });
  afterAll(async () => {
    await drop();
    fs.rmSync(work, { recursive: true, force: true });
  });

  return {
    work,
    cli: (args, locale = {}) =>
      new Promise((resolve) => {
        execFile(
          process.execPath,
          ['--import', 'tsx', 'scripts/import.ts', ...args],
          { env: { ...env, ...locale } as NodeJS.ProcessEnv, timeout: 120_000 },
          (err, stdout, stderr) => resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
        );
      }),
    async withDb(f) {
      const db = await open();
      try {
        return await f(db);
      } finally {
        await db.close();
      }
    },
  };
}
