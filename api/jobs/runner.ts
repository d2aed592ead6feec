// The job runner of one node: claims due jobs from the jobs table, runs them with a heartbeat, records progress
// any node can read, retries what failed, and takes back jobs whose holder stopped. Periodic singletons (one run
// per period across all nodes) are jobs too. Domains define their kinds here; app.ts starts and stops it.
import crypto from 'node:crypto';
import type { Db, Queryable } from '../db/index.js';
import * as sql from './queries.js';
import { afterError, afterHolderLost, type Outcome, type Reason } from './recovery.js';
import { bilingual, m } from '../../contract/messages/index.js';

export interface JobContext {
  id: string;
  payload: Record<string, unknown>;
  /** 1 on the first run, 2 on the first retry or resume, … */
  attempt: number;
  /** The file the job was given (kept in the table until the job ends). */
  input(): Promise<Buffer | null>;
  /** Records progress for every node to read; throws JobLost once the job is no longer this node's. */
  progress(p: Record<string, unknown>): Promise<void>;
}

export interface JobKind {
  run(ctx: JobContext): Promise<unknown>;
  /** Safe to run again from the start after its holder stopped part-way (it wrote nothing, or checks first). */
  resumable: boolean;
  maxAttempts: number;
  /** Called in the transaction that fails the job, so the domain's own record says so too. */
  onFailed?(q: Queryable, job: { id: string; payload: Record<string, unknown> }, reason: Reason): Promise<void>;
}

/** Thrown by a handler for an error that a retry would only repeat (a bad file): the job fails at once. */
export class FinalJobError extends Error {}
/** The job was taken back from this node (its heartbeat lapsed): whatever it does next is not recorded. */
export class JobLost extends Error {}

export interface Periodic<T> {
  /** One run now on this node, due or not; null when another node is running it. */
  runNow(): Promise<T | null>;
}

export interface JobRunnerOptions {
  db: Db;
  log?: (m: string) => void;
  /** How often this node looks for due jobs and for jobs whose holder stopped (0: only when poked or polled). */
  pollMs: number;
  /** A running job not heartbeaten for this long is taken back; this node heartbeats 4 times as often. */
  staleMs: number;
  /** Queued (not periodic) jobs this node runs at once. */
  concurrency: number;
  holder?: string;
}

export interface JobRunner {
  holder: string;
  define(kind: string, def: JobKind): void;
  /** A job run once per `intervalMs` across all nodes (0: only when asked with runNow). */
  periodic<T>(name: string, intervalMs: number, run: () => Promise<T>): Periodic<T>;
  /** Queues a job inside the caller's transaction; poke() afterwards to start it here without waiting a poll. */
  enqueue(q: Queryable, job: sql.NewJob): Promise<void>;
  poke(): void;
  /** One pass: take back abandoned jobs, then claim and start due ones. */
  poll(): Promise<void>;
  /** Requeues or fails jobs whose holder stopped; `all` when no other process can hold any (PGlite at start). */
  recover(opts?: { all?: boolean }): Promise<number>;
  /** Resolves once no job runs on this node. */
  idle(): Promise<void>;
  start(opts?: { abandonedAtStart?: boolean }): void;
  stop(): Promise<void>;
}

export function createJobRunner(o: JobRunnerOptions): JobRunner {
  const { db } = o;
  const log = o.log ?? (() => undefined);
  const holder = o.holder ?? `${process.pid}-${crypto.randomBytes(4).toString('hex')}`;
  const kinds = new Map<string, JobKind>();
  const periodics = new Map<
    string,
    { intervalMs: number; run: () => Promise<unknown>; ensured: Promise<void> | null }
  >();
  const inFlight = new Set<Promise<unknown>>();
  let queuedRunning = 0;
  let stopped = false;
  let polling: Promise<void> | null = null;
  let pokeTimer: NodeJS.Immediate | null = null;
  const timers: NodeJS.Timeout[] = [];

  const track = <T>(p: Promise<T>): Promise<T> => {
    inFlight.add(p);
    void p.finally(() => inFlight.delete(p)).catch(() => undefined);
    return p;
  };

  const ensurePeriodic = (name: string) => {
    const p = periodics.get(name)!;
    p.ensured ??= sql.ensurePeriodicJob(db, name, p.intervalMs).catch((err) => {
      p.ensured = null;
      throw err;
    });
    return p.ensured;
  };

  async function runPeriodic(name: string, force: boolean): Promise<{ ran: boolean; value: unknown }> {
    const p = periodics.get(name)!;
    await ensurePeriodic(name);
    const job = await sql.claimJob(db, name, holder, force);
    if (!job) return { ran: false, value: null };
    let value: unknown = null;
    let error: string | null = null;
    try {
      value = await p.run();
    } catch (err) {
      error = (err as Error).message;
      log(`${name} failed: ${error}`);
    }
    // The next period starts when this run ends, whichever node runs it.
    await sql.requeueJob(db, name, holder, p.intervalMs, error, true);
    return { ran: true, value };
  }

  /** Requeues or fails a job in transaction q: one this node ran (lostHolder null) or one whose holder stopped. */
  async function settle(
    q: Queryable,
    job: sql.JobRow,
    outcome: Outcome,
    kind: JobKind | undefined,
    lostHolder: string | null,
  ): Promise<void> {
    if (outcome.action === 'requeue') {
      if (lostHolder === null) await sql.requeueJob(q, job.id, holder, outcome.delayMs, job.error, false);
      else await sql.releaseAbandoned(q, job.id, lostHolder, 'queued', job.error ?? '');
      return;
    }
    // The job row keeps its reason in both languages, as the audit trail does.
    const text = typeof outcome.reason === 'string' ? outcome.reason : bilingual(outcome.reason);
    if (lostHolder === null) await sql.finishJob(q, job.id, holder, 'failed', null, text);
    else await sql.releaseAbandoned(q, job.id, lostHolder, 'failed', text);
    await kind?.onFailed?.(q, job, outcome.reason);
  }

  async function runQueued(job: sql.JobRow): Promise<void> {
    const kind = kinds.get(job.kind)!;
    const ctx: JobContext = {
      id: job.id,
      payload: job.payload,
      attempt: job.attempts,
      input: () => sql.jobInput(db, job.id),
      async progress(p) {
        if (!(await sql.setProgress(db, job.id, holder, p)))
          throw new JobLost(`job ${job.id} was taken back from ${holder}`);
      },
    };
    log(`job ${job.kind} ${job.id} started on ${holder} (attempt ${job.attempts} of ${job.maxAttempts})`);
    try {
      const result = await kind.run(ctx);
      await sql.finishJob(db, job.id, holder, 'done', result, null);
      log(`job ${job.kind} ${job.id} done on ${holder}`);
    } catch (err) {
      if (err instanceof JobLost) return log(err.message);
      const message = (err as Error).message;
      const outcome = afterError(job, message, err instanceof FinalJobError);
      log(
        `job ${job.kind} ${job.id} attempt ${job.attempts}: ${message}${outcome.action === 'requeue' ? ' (will retry)' : ''}`,
      );
      await db.tx((q) => settle(q, { ...job, error: message }, outcome, kind, null));
    }
  }

  async function recover(opts: { all?: boolean } = {}): Promise<number> {
    // Locked, decided and settled in one transaction, so two nodes never both take back the same job.
    return db.tx(async (q) => {
      const rows = opts.all ? await sql.lockRunningJobs(q) : await sql.lockAbandonedJobs(q, o.staleMs);
      const lost = rows.filter((r) => opts.all || r.holder !== holder); // this node's own are still running here
      for (const job of lost) {
        const kind = kinds.get(job.kind);
        const periodic = job.id === job.kind; // a periodic job's row is named after its kind
        const outcome = afterHolderLost(job, { resumable: kind?.resumable ?? false, periodic }, job.holder);
        const unknown = !kind && !periodic;
        const final: Outcome = unknown ? afterHolderLost(job, undefined, job.holder) : outcome;
        const note = bilingual(m('jobs.requeued', { holder: job.holder ?? '?' }));
        log(
          `job ${job.kind} ${job.id} held by ${job.holder}: ${final.action === 'requeue' ? 'requeued' : `failed (${typeof final.reason === 'string' ? final.reason : bilingual(final.reason)})`}`,
        );
        await settle(q, { ...job, error: final.action === 'requeue' ? note : job.error }, final, kind, job.holder!);
      }
      return lost.length;
    });
  }

  async function pollOnce(): Promise<void> {
    await recover();
    for (const [name, p] of periodics) {
      if (p.intervalMs > 0) track(runPeriodic(name, false)).catch((err) => log(`${name}: ${(err as Error).message}`));
    }
    const queuedKinds = [...kinds.keys()];
    while (!stopped && queuedKinds.length && queuedRunning < o.concurrency) {
      const job = await sql.claimDueJob(db, queuedKinds, holder);
      if (!job) break;
      queuedRunning++;
      track(runQueued(job))
        .catch((err) => log(`job ${job.id}: ${(err as Error).message}`))
        .finally(() => {
          queuedRunning--;
          runner.poke(); // more may be waiting
        });
    }
  }

  const runner: JobRunner = {
    holder,
    define(kind, def) {
      kinds.set(kind, def);
    },
    periodic<T>(name: string, intervalMs: number, run: () => Promise<T>): Periodic<T> {
      periodics.set(name, { intervalMs, run, ensured: null });
      return {
        runNow: async () => {
          const r = await track(runPeriodic(name, true));
          return r.ran ? (r.value as T) : null;
        },
      };
    },
    enqueue: (q, job) => sql.insertJob(q, job),
    poke() {
      if (stopped || pokeTimer) return;
      pokeTimer = setImmediate(() => {
        pokeTimer = null;
        void runner.poll().catch((err) => log(`job poll failed: ${(err as Error).message}`));
      });
    },
    poll() {
      // One pass at a time per node; a poll asked for meanwhile joins the one under way.
      polling ??= pollOnce().finally(() => (polling = null));
      return polling;
    },
    recover,
    async idle() {
      while (inFlight.size || polling) await Promise.allSettled([...inFlight, polling]);
    },
    start(opts = {}) {
      const first = opts.abandonedAtStart ? recover({ all: true }) : Promise.resolve(0);
      void first.then(() => runner.poll()).catch((err) => log(`job recovery failed: ${(err as Error).message}`));
      if (o.pollMs > 0) timers.push(setInterval(() => runner.poke(), o.pollMs));
      timers.push(
        setInterval(() => void sql.heartbeat(db, holder).catch(() => undefined), Math.max(250, o.staleMs / 4)),
      );
      for (const t of timers) t.unref();
    },
    async stop() {
      stopped = true;
      for (const t of timers) clearInterval(t);
      if (pokeTimer) clearImmediate(pokeTimer);
      await runner.idle();
    },
  };
  return runner;
}
