// Opens the configured database: PostgreSQL when DATABASE_URL is set, else embedded PGlite in the data folder.
import path from 'node:path';
import type { LockRole } from './lock.js';
import type { Db } from './types.js';

export type { Db, Queryable, Capabilities } from './types.js';

export interface DbTarget {
  databaseUrl?: string;
  /** PGlite data folder; null for an in-memory database. */
  dataDir?: string | null;
  /** Who takes the embedded data folder's lock (default a server); PostgreSQL needs none. */
  role?: LockRole;
  log?: (msg: string) => void;
}

export async function openDb(target: DbTarget): Promise<Db> {
  if (target.databaseUrl) {
    const { openPostgres } = await import('./postgres.js');
    return openPostgres(target.databaseUrl);
  }
  const { openPglite } = await import('./pglite.js');
  return openPglite(target.dataDir === undefined ? null : target.dataDir, { role: target.role, log: target.log });
}

/** Where the embedded database lives inside GRIDWALL_DATA_DIR. */
export function pgliteDir(dataDir: string): string {
  return path.join(dataDir, 'pgdata');
}
