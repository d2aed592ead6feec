// Worker threads for the benchmarks' clients (walls, reporters, phones are other machines): started with the
// TypeScript loader, and awaited message by message.
import { Worker } from 'node:worker_threads';

/** Starts `file` (a .ts module) in a worker thread with `data` as its workerData. */
export function startWorker(file: URL, data: unknown): Worker {
  // Node 20 workers do not inherit the TypeScript loader: the worker registers it before importing the file.
  const boot = `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then((t) => { t.register(); return import(${JSON.stringify(file.href)}); })`;
  return new Worker(boot, { eval: true, workerData: data });
}

/** The next message of this type from the worker (rejects if the worker fails first). */
export function nextMessage<M extends { type: string }, T extends M['type']>(
  w: Worker,
  type: T,
): Promise<Extract<M, { type: T }>> {
  return new Promise((resolve, reject) => {
    const on = (m: M) => {
      if (m.type !== type) return;
      w.off('message', on);
      w.off('error', reject);
      resolve(m as Extract<M, { type: T }>);
    };
    w.on('message', on);
    w.once('error', reject);
  });
}
