// Exact solves off the event loop: HiGHS blocks its thread for up to its time limit, so solves run in a small
// pool of reused worker threads (worker-pool.ts), never on the server's own thread. Under tsx (development,
// tests) a worker boots through tsx's loader; compiled (dist/server) it loads the JavaScript worker directly.
import { m } from '../../contract/messages/index.js';
import type { ExactOptions, ExactResult } from './exact.js';
import type { MclpInput } from './mclp.js';
import type { PmedianInput } from './pmedian.js';
import type { SetCoverInput } from './set-cover.js';
import { WorkerPool } from './worker-pool.js';

export type ExactJob =
  | { model: 'mclp'; input: MclpInput; options: ExactOptions }
  | { model: 'pmedian'; input: PmedianInput; options: ExactOptions }
  | { model: 'setcover'; input: SetCoverInput; options: ExactOptions };

export interface ExactPoolOptions {
  /** Solves at once (one worker thread each). */
  workers: number;
  /** Solves that may wait for a worker; one more is refused with 503. */
  queue: number;
  log?: (msg: string) => void;
}

export type ExactPool = WorkerPool<ExactJob, ExactResult>;

const compiled = !import.meta.url.endsWith('.ts');
export const EXACT_WORKER_URL = new URL(compiled ? './exact-worker.js' : './exact-worker-boot.mjs', import.meta.url);

export function exactPool({ workers, queue, log }: ExactPoolOptions): ExactPool {
  return new WorkerPool<ExactJob, ExactResult>({
    url: EXACT_WORKER_URL,
    size: workers,
    queue,
    // HiGHS stops itself at its time limit; a worker still busy well past it is stuck, and is ended.
    deadlineMs: (job) => {
      const s = (job as ExactJob).options.timeLimitS;
      return s === undefined ? 0 : s * 2000 + 30_000;
    },
    label: m('siting.pool.exactSolver'),
    log,
  });
}
