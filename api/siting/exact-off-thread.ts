// Runs an exact solve in a worker thread (booted through tsx's loader); where a worker cannot load the
// module, it runs in-process instead, with the same result.
import { Worker } from 'node:worker_threads';
import { exactMclp, exactPmedian, exactSetCover, type ExactOptions, type ExactResult } from './exact.js';
import type { MclpInput } from './mclp.js';
import type { PmedianInput } from './pmedian.js';
import type { SetCoverInput } from './set-cover.js';

export type ExactJob =
  | { model: 'mclp'; input: MclpInput; options: ExactOptions }
  | { model: 'pmedian'; input: PmedianInput; options: ExactOptions }
  | { model: 'setcover'; input: SetCoverInput; options: ExactOptions };

const inProcess = (job: ExactJob): Promise<ExactResult> =>
  job.model === 'mclp' ? exactMclp(job.input, job.options) : job.model === 'pmedian' ? exactPmedian(job.input, job.options) : exactSetCover(job.input, job.options);

let workersWork = true;

export function solveExact(job: ExactJob): Promise<ExactResult> {
  if (!workersWork) return inProcess(job);
  return new Promise<ExactResult>((resolve, reject) => {
    let settled = false;
    const worker = new Worker(new URL('./exact-worker-boot.mjs', import.meta.url), { workerData: job });
    worker.once('message', (r: ExactResult) => {
      settled = true;
      resolve(r);
      void worker.terminate();
    });
    worker.once('error', (e: Error & { code?: string }) => {
      if (settled) return;
      settled = true;
      if (e.code === 'ERR_UNKNOWN_FILE_EXTENSION' || e.code === 'ERR_MODULE_NOT_FOUND') {
        workersWork = false;
        resolve(inProcess(job));
      } else reject(e);
    });
    worker.once('exit', (code) => {
      if (!settled) {
        settled = true;
        reject(new Error(`exact solver worker exited with code ${code}`));
      }
    });
  });
}
