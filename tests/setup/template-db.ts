// Builds one migrated, seeded (small city) template database per test run; each test file copies it.
// PGlite: a data folder copied per file. PostgreSQL: a template database cloned with CREATE DATABASE … TEMPLATE.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { seedCity } from '../../api/bootstrap.js';
import { openDb } from '../../api/db/index.js';
import { migrate } from '../../api/db/migrate.js';

export const TEST_PASSWORD = 'test-password-123';
export const TEST_SEED = 7;

declare module 'vitest' {
  export interface ProvidedContext {
    templateDir: string;
    templateDbUrl: string;
  }
}

export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

export default async function setup(project: TestProject) {
  const started = Date.now();
  const url = process.env.DATABASE_URL;
  let teardown: () => Promise<void>;
  if (url) {
    const name = `gridwall_tpl_${process.pid}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${name}`);
    await admin.query(`CREATE DATABASE ${name}`);
    const tplUrl = withDatabase(url, name);
    const db = await openDb({ databaseUrl: tplUrl });
    await migrate(db);
    await seedCity(db, 'small', TEST_SEED, TEST_PASSWORD);
    await db.close();
    project.provide('templateDbUrl', tplUrl);
    project.provide('templateDir', '');
    teardown = async () => {
      const left = await admin.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE $1`, [
        `gridwall_t${process.pid}_%`,
      ]);
      for (const r of left.rows) await admin.query(`DROP DATABASE IF EXISTS ${r.datname} WITH (FORCE)`);
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    };
  } else {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gridwall-tpl-'));
    const db = await openDb({ dataDir: dir });
    await migrate(db);
    await seedCity(db, 'small', TEST_SEED, TEST_PASSWORD);
    await db.close();
    project.provide('templateDir', dir);
    project.provide('templateDbUrl', '');
    teardown = async () => fs.rmSync(dir, { recursive: true, force: true });
  }
  console.log(
    `[tests] template database (${url ? 'PostgreSQL' : 'PGlite'}) ready in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  return teardown;
}
