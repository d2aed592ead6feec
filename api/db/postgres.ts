// Server driver: a pg Pool against PostgreSQL + PostGIS (DATABASE_URL).
import pg from 'pg';
import { detectCapabilities } from './capabilities.js';
import type { Db, Queryable, QueryResult } from './types.js';

// int8 (count(*), bigserial) as JS numbers: our counts and ids stay far below 2^53.
pg.types.setTypeParser(20, (v) => Number(v));
// numeric as number: used for shares and rates, never for money.
pg.types.setTypeParser(1700, (v) => Number(v));

export async function openPostgres(url: string): Promise<Db> {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  pool.on('error', () => {
    /* an idle client lost its connection; the next checkout reconnects */
  });
  await createPostgis(pool);
  const wrap = (c: pg.Pool | pg.PoolClient): Queryable => ({
    async query<T>(sql: string, params: unknown[] = []): Promise<QueryResult<T>> {
      const r = await c.query(sql, params as unknown[]);
      return { rows: r.rows as T[], rowCount: r.rowCount ?? r.rows.length };
    },
    async exec(sql: string) {
      await c.query(sql);
    },
  });
  const base = wrap(pool);
  const capabilities = await detectCapabilities(base);
  return {
    kind: 'postgres',
    capabilities,
    query: base.query,
    exec: base.exec,
    async tx(fn) {
      const client = await pool.connect();
      // A connection that cannot even roll back is broken (server restarting): it is dropped, not reused.
      let broken: Error | undefined;
      try {
        await client.query('BEGIN');
        const out = await fn(wrap(client));
        await client.query('COMMIT');
        return out;
      } catch (err) {
        await client.query('ROLLBACK').catch((e: Error) => {
          broken = e;
        });
        throw err;
      } finally {
        client.release(broken);
      }
    },
    async exclusive(key, fn) {
      // A session-level advisory lock lives on one connection: hold one aside while fn uses the pool.
      const client = await pool.connect();
      let broken: Error | undefined;
      try {
        await client.query('SELECT pg_advisory_lock($1)', [key]);
        return await fn();
      } finally {
        await client.query('SELECT pg_advisory_unlock($1)', [key]).catch((e: Error) => {
          broken = e;
        });
        client.release(broken);
      }
    },
    async close() {
      await pool.end();
    },
  };
}

/** Two nodes creating the extension at the same moment collide on its catalogue row: one waits for the other. */
async function createPostgis(pool: pg.Pool): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1)', [STARTUP_LOCK]);
    await client.query('CREATE EXTENSION IF NOT EXISTS postgis');
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}

/** The advisory lock key under which nodes create the extension, migrate and seed ('GRDW'). */
export const STARTUP_LOCK = 0x47524457;
