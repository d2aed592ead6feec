// The one database interface every feature uses; two drivers implement it (pg, PGlite).

export interface QueryResult<T> {
  rows: T[];
  rowCount: number;
}

export interface Queryable {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<QueryResult<T>>;
  /** Runs a script of several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
}

export interface Capabilities {
  postgis: string;
  /** ST_AsMVT works (PostGIS built with protobuf-c); PGlite's build lacks it. */
  asMvt: boolean;
}

export interface Db extends Queryable {
  kind: 'pglite' | 'postgres';
  /** Runs fn in one transaction: committed if it resolves, rolled back if it throws. */
  tx<T>(fn: (q: Queryable) => Promise<T>): Promise<T>;
  /**
   * Runs fn while holding a database-wide lock named by `key`, so that of several nodes starting on one database
   * only one migrates and seeds at a time (an advisory lock on PostgreSQL; PGlite has one process anyway).
   */
  exclusive<T>(key: number, fn: () => Promise<T>): Promise<T>;
  capabilities: Capabilities;
  close(): Promise<void>;
}
