// A fresh database for one test, prepared by the server's own start-up (api/bootstrap.ts prepare): on PGlite a new
// data folder, on PostgreSQL a new database beside the template. Prepare it again to test a second start.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { prepare, type PrepareOptions, type Prepared } from '../../api/bootstrap.js';
import { withDatabase } from '../setup/template-db.js';
import type { TestDb } from './test-db.js';

export interface FreshPlace {
  /** Runs the server's start-up on this place; resolves to an open database (close it before the next start). */
  start(o: Partial<PrepareOptions>): Promise<Prepared & TestDb>;
  remove(): Promise<void>;
}

export async function freshPlace(): Promise<FreshPlace> {
  const base = process.env.DATABASE_URL;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gridwall-fresh-'));
  let url: string | undefined;
  let admin: pg.Client | undefined;
  if (base) {
    const name = `gridwall_t${process.ppid}_${crypto.randomBytes(4).toString('hex')}`;
    admin = new pg.Client({ connectionString: base });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    url = withDatabase(base, name);
  }
  return {
    async start(o) {
      const p = await prepare({ dataDir: dir, databaseUrl: url, seedSize: 'none', seed: 7, demoPassword: '', ...o });
      return { ...p, url, close: () => p.db.close() };
    },
    async remove() {
      fs.rmSync(dir, { recursive: true, force: true });
      if (admin && url) {
        await admin.query(`DROP DATABASE IF EXISTS ${new URL(url).pathname.slice(1)} WITH (FORCE)`);
        await admin.end();
      }
    },
  };
}
