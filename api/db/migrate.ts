// Applies migrations/NNNN_name.sql in order, each in its own transaction, recorded in schema_migrations.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Db } from './types.js';

export const MIGRATIONS_DIR = fileURLToPath(new URL('../../migrations', import.meta.url));

export interface Migration {
  version: number;
  name: string;
  sql: string;
  checksum: string;
}

export function readMigrations(dir = MIGRATIONS_DIR): Migration[] {
  const files = fs.readdirSync(dir).filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f));
  const list = files.sort().map((file) => {
    const sql = fs.readFileSync(path.join(dir, file), 'utf8');
    return {
      version: Number(file.slice(0, 4)),
      name: file.replace(/\.sql$/, ''),
      sql,
      checksum: crypto.createHash('sha256').update(sql).digest('hex'),
    };
  });
  list.forEach((m, i) => {
    if (i > 0 && list[i - 1].version === m.version) throw new Error(`two migrations share version ${m.version}`);
  });
  return list;
}

/** Returns the names of the migrations it applied (none when the database is current). */
export async function migrate(db: Db, migrations = readMigrations()): Promise<string[]> {
  await db.exec(/* sql */ `
    CREATE TABLE IF NOT EXISTS schema_migrations (
      version integer PRIMARY KEY,
      name text NOT NULL,
      checksum text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
  const done = await db.query<{ version: number; name: string; checksum: string }>(
    /* sql */ `SELECT version, name, checksum FROM schema_migrations ORDER BY version`,
  );
  const applied = new Map(done.rows.map((r) => [r.version, r]));
  const ran: string[] = [];
  for (const m of migrations) {
    const prior = applied.get(m.version);
    if (prior) {
      if (prior.checksum !== m.checksum) {
        throw new Error(`migration ${m.name} was changed after it was applied; add a new migration instead`);
      }
      continue;
    }
    await db.tx(async (q) => {
      // Multi-statement scripts go through the simple protocol on both drivers.
      await q.exec(m.sql);
      await q.query(/* sql */ `INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)`, [
        m.version,
        m.name,
        m.checksum,
      ]);
    });
    ran.push(m.name);
  }
  return ran;
}
