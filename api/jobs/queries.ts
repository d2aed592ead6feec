// SQL of durable jobs (table jobs, migration 0028). Every change to a running job names its holder, so a node
// whose job was taken from it (its heartbeat lapsed) can no longer write to it. Times are the database's clock,
// the one all nodes share.
import type { Queryable } from '../db/index.js';

export type JobState = 'queued' | 'running' | 'done' | 'failed';

export interface JobRow {
  id: string;
  kind: string;
  state: JobState;
  payload: Record<string, unknown>;
  progress: Record<string, unknown> | null;
  attempts: number;
  maxAttempts: number;
  holder: string | null;
  heartbeatAt: Date | null;
  error: string | null;
}

const COLUMNS = /* sql */ `id, kind, state, payload, progress, attempts, max_attempts AS "maxAttempts", holder,
  heartbeat_at AS "heartbeatAt", error`;

export interface NewJob {
  id: string;
  kind: string;
  payload: Record<string, unknown>;
  input?: Buffer | null;
  maxAttempts: number;
  createdBy?: number | null;
}

// The file travels as base64 text: PGlite encodes a bytea parameter byte by byte (47 s for 18 MB, where
// decode() takes 6 s), and PostgreSQL decodes either as fast.
export async function insertJob(q: Queryable, j: NewJob): Promise<void> {
  await q.query(
    /* sql */ `INSERT INTO jobs (id, kind, payload, input, max_attempts, created_by)
      VALUES ($1, $2, $3::jsonb, decode($4, 'base64'), $5, $6)`,
    [
      j.id,
      j.kind,
      JSON.stringify(j.payload),
      j.input ? j.input.toString('base64') : null,
      j.maxAttempts,
      j.createdBy ?? null,
    ],
  );
}

/**
 * The row of a periodic job, created once by whichever node first runs it, due one period later (as a timer
 * would first fire). Its run_after outlives restarts: a period missed while every node was down runs at once.
 */
export async function ensurePeriodicJob(q: Queryable, id: string, intervalMs: number): Promise<void> {
  await q.query(
    /* sql */ `INSERT INTO jobs (id, kind, run_after) VALUES ($1, $1, now() + $2::double precision * interval '1 millisecond')
      ON CONFLICT (id) DO NOTHING`,
    [id, intervalMs],
  );
}

/** Takes the oldest due queued job of these kinds for this holder; null when there is none free. */
export async function claimDueJob(q: Queryable, kinds: string[], holder: string): Promise<JobRow | null> {
  const r = await q.query<JobRow>(
    /* sql */ `UPDATE jobs SET state = 'running', holder = $2, heartbeat_at = now(), attempts = attempts + 1,
        started_at = coalesce(started_at, now())
      WHERE id = (SELECT id FROM jobs WHERE state = 'queued' AND run_after <= now() AND kind = ANY($1::text[])
        ORDER BY run_after, created_at LIMIT 1 FOR UPDATE SKIP LOCKED)
      RETURNING ${COLUMNS}`,
    [kinds, holder],
  );
  return r.rows[0] ?? null;
}

/**
 * Takes one queued job by id: when due, or at once with `force` (a pass asked for by hand). Null when another
 * node is running it, or (without force) it is not yet due. A plain UPDATE: of two nodes asking at once, the
 * second waits on the row lock and then finds it running.
 */
export async function claimJob(q: Queryable, id: string, holder: string, force: boolean): Promise<JobRow | null> {
  const r = await q.query<JobRow>(
    /* sql */ `UPDATE jobs SET state = 'running', holder = $2, heartbeat_at = now(), attempts = attempts + 1, started_at = now()
      WHERE id = $1 AND state = 'queued' AND ($3 OR run_after <= now())
      RETURNING ${COLUMNS}`,
    [id, holder, force],
  );
  return r.rows[0] ?? null;
}

export async function jobInput(q: Queryable, id: string): Promise<Buffer | null> {
  const r = await q.query<{ input: string | null }>(
    /* sql */ `SELECT encode(input, 'base64') AS input FROM jobs WHERE id = $1`,
    [id],
  );
  const b = r.rows[0]?.input;
  return b == null ? null : Buffer.from(b, 'base64');
}

/** Every job this holder runs is still alive; returns how many it holds. */
export async function heartbeat(q: Queryable, holder: string): Promise<number> {
  const r = await q.query(/* sql */ `UPDATE jobs SET heartbeat_at = now() WHERE holder = $1 AND state = 'running'`, [
    holder,
  ]);
  return r.rowCount;
}

/** Progress (and a heartbeat); false when the job is no longer this holder's. */
export async function setProgress(
  q: Queryable,
  id: string,
  holder: string,
  progress: Record<string, unknown>,
): Promise<boolean> {
  const r = await q.query(
    /* sql */ `UPDATE jobs SET progress = $3::jsonb, heartbeat_at = now() WHERE id = $1 AND holder = $2 AND state = 'running'`,
    [id, holder, JSON.stringify(progress)],
  );
  return r.rowCount > 0;
}

/** The job ended: done with its result, or failed with a reason. Its input is dropped. */
export async function finishJob(
  q: Queryable,
  id: string,
  holder: string,
  state: 'done' | 'failed',
  result: unknown,
  error: string | null,
): Promise<boolean> {
  const r = await q.query(
    /* sql */ `UPDATE jobs SET state = $3, result = $4::jsonb, error = $5, input = NULL, holder = NULL, heartbeat_at = NULL,
        finished_at = now()
      WHERE id = $1 AND holder = $2 AND state = 'running'`,
    [id, holder, state, JSON.stringify(result ?? null), error],
  );
  return r.rowCount > 0;
}

/** Back to the queue, due after `delayMs`: a retry, or a periodic job's next period (its attempts start again). */
export async function requeueJob(
  q: Queryable,
  id: string,
  holder: string,
  delayMs: number,
  error: string | null,
  resetAttempts: boolean,
): Promise<boolean> {
  const r = await q.query(
    /* sql */ `UPDATE jobs SET state = 'queued', holder = NULL, heartbeat_at = NULL, error = $4,
        run_after = now() + $3::double precision * interval '1 millisecond', attempts = CASE WHEN $5 THEN 0 ELSE attempts END,
        finished_at = CASE WHEN $5 THEN now() ELSE finished_at END
      WHERE id = $1 AND holder = $2 AND state = 'running'`,
    [id, holder, delayMs, error, resetAttempts],
  );
  return r.rowCount > 0;
}

/** Running jobs whose holder has not been heard of for `staleMs`, locked for this transaction. */
export async function lockAbandonedJobs(q: Queryable, staleMs: number): Promise<JobRow[]> {
  const r = await q.query<JobRow>(
    /* sql */ `SELECT ${COLUMNS} FROM jobs WHERE state = 'running' AND heartbeat_at < now() - $1::double precision * interval '1 millisecond'
      ORDER BY heartbeat_at FOR UPDATE SKIP LOCKED`,
    [staleMs],
  );
  return r.rows;
}

/** Every running job: at the start of the only process that can open the database (PGlite), all are abandoned. */
export async function lockRunningJobs(q: Queryable): Promise<JobRow[]> {
  const r = await q.query<JobRow>(/* sql */ `SELECT ${COLUMNS} FROM jobs WHERE state = 'running' FOR UPDATE`);
  return r.rows;
}

/** An abandoned job requeued (due now) or failed, whoever held it. */
export async function releaseAbandoned(
  q: Queryable,
  id: string,
  lostHolder: string,
  state: 'queued' | 'failed',
  error: string,
): Promise<void> {
  await q.query(
    /* sql */ `UPDATE jobs SET state = $2, error = $3, holder = NULL, heartbeat_at = NULL, run_after = now(),
        input = CASE WHEN $2::text = 'failed' THEN NULL ELSE input END,
        finished_at = CASE WHEN $2::text = 'failed' THEN now() ELSE finished_at END
      WHERE id = $1 AND holder = $4 AND state = 'running'`,
    [id, state, error, lostHolder],
  );
}

export async function jobById(q: Queryable, id: string): Promise<(JobRow & { result: unknown }) | null> {
  const r = await q.query<JobRow & { result: unknown }>(/* sql */ `SELECT ${COLUMNS}, result FROM jobs WHERE id = $1`, [
    id,
  ]);
  return r.rows[0] ?? null;
}
