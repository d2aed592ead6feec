// Worker thread entry: one exact solve (HiGHS blocks its thread for up to its time limit), so the server's
// event loop keeps serving walls and pushes meanwhile.
import { parentPort, workerData } from 'node:worker_threads';
import { exactMclp, exactPmedian, exactSetCover } from './exact.js';
import type { ExactJob } from './exact-off-thread.js';

const job = workerData as ExactJob;
const result =
  job.model === 'mclp' ? await exactMclp(job.input, job.options) : job.model === 'pmedian' ? await exactPmedian(job.input, job.options) : await exactSetCover(job.input, job.options);
parentPort!.postMessage(result);
