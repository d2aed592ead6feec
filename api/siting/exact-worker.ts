// Worker thread of the exact-solver pool (exact-off-thread.ts): solves one job per message, one at a time, and
// answers `{ id, result }` or `{ id, error }`. HiGHS blocks this thread, not the server's event loop.
import { parentPort } from 'node:worker_threads';
import { exactMclp, exactPmedian, exactSetCover, type ExactResult } from './exact.js';
import type { ExactJob } from './exact-off-thread.js';

const solve = (job: ExactJob): Promise<ExactResult> =>
  job.model === 'mclp'
    ? exactMclp(job.input, job.options)
    : job.model === 'pmedian'
      ? exactPmedian(job.input, job.options)
      : exactSetCover(job.input, job.options);

parentPort!.on('message', async ({ id, job }: { id: number; job: ExactJob }) => {
  try {
    parentPort!.postMessage({ id, result: await solve(job) });
  } catch (e) {
    parentPort!.postMessage({ id, error: (e as Error).message ?? String(e) });
  }
});
