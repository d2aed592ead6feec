// Embedded driver: PGlite with PostGIS, persisted in a data folder (or in memory for a throwaway database).
// A data folder is held by one process at a time (lock.ts): opening one that a live process holds throws DataLocked.
import fs from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { postgis } from '@electric-sql/pglite-postgis';
import { detectCapabilities } from './capabilities.js';
import { acquireLock, releaseLock, type LockRole } from './lock.js';
import type { Db, Queryable, QueryResult } from './types.js';

export interface PgliteOptions {
  /** Who holds the folder's lock: a server (writes its URL there once listening) or the CLI. */
  role?: LockRole;
  log?: (msg: string) => void;
}

export async function openPglite(dataDir: string | null, options: PgliteOptions = {}): Promise<Db> {
  if (dataDir) {
    fs.mkdirSync(dataDir, { recursive: true });
    acquireLock(dataDir, options.role ?? 'server', options.log);
  }
  let pg: PGlite;
  try {
    pg = await PGlite.create({ ...(dataDir ? { dataDir } : {}), extensions: { postgis } });
    await pg.exec('CREATE EXTENSION IF NOT EXISTS postgis');
  } catch (e) {
    if (dataDir) releaseLock(dataDir);
    throw e;
  }
  const wrap = (target: Pick<PGlite, 'query' | 'exec'>): Queryable => ({
    async query<T>(sql: string, params: unknown[] = []): Promise<QueryResult<T>> {
      const r = await target.query<T>(sql, params);
      // PGlite reports affectedRows 0 for a SELECT: count returned rows when there are columns.
      return { rows: r.rows, rowCount: r.fields.length > 0 ? r.rows.length : (r.affectedRows ?? 0) };
    },
    async exec(sql: string) {
      await target.exec(sql);
    },
  });
  const base = wrap(pg);
  const capabilities = await detectCapabilities(base);
  return {
    kind: 'pglite',
    capabilities,
    query: base.query,
    exec: base.exec,
    tx: (fn) => pg.transaction((t) => fn(wrap(t))),
    exclusive: (_key, fn) => fn(),
    async close() {
      try {
        await pg.close();
      } finally {
        if (dataDir) releaseLock(dataDir);
      }
    },
  };
}
