import { m } from '../../contract/messages/index.js';
import { afterEach, describe, expect, it } from 'vitest';
import { HttpError } from '../http/errors.js';
import { tableFromEntries } from './distance-table.js';
import { EXACT_WORKER_URL, exactPool } from './exact-off-thread.js';
import { WorkerPool } from './worker-pool.js';

type Job = { echo?: string; hold?: number; counters?: SharedArrayBuffer; fail?: string; crash?: boolean };
type Result = { thread: number; echo?: string };

const FIXTURE = new URL('./fixtures/pool-worker.mjs', import.meta.url);
const pools: WorkerPool<unknown, unknown>[] = [];
const pool = (size: number, queue: number, url = FIXTURE) => {
  const p = new WorkerPool<Job, Result>({ url, size, queue, label: m('siting.pool.background') });
  pools.push(p as WorkerPool<unknown, unknown>);
  return p;
};
const status = async (p: Promise<unknown>) =>
  (
    (await p.then(
      () => null,
      (e: unknown) => e,
    )) as HttpError | null
  )?.status;

afterEach(async () => {
  await Promise.all(pools.splice(0).map((p) => p.close()));
});

describe('worker pool', () => {
  it('reuses one worker for jobs in turn instead of starting one per job', async () => {
    const p = pool(2, 4);
    const a = await p.run({ echo: 'a' });
    const b = await p.run({ echo: 'b' });
    expect([a.echo, b.echo]).toEqual(['a', 'b']);
    expect(b.thread).toBe(a.thread);
    expect(p.stats()).toMatchObject({ workers: 1, busy: 0, queued: 0, started: 1 });
  });

  it('runs at most its size at once and queues the rest', async () => {
    const p = pool(2, 4);
    const counters = new SharedArrayBuffer(8);
    const jobs = Array.from({ length: 5 }, (_, i) => p.run({ hold: 100, counters, echo: String(i) }));
    expect(p.stats()).toMatchObject({ workers: 2, busy: 2, queued: 3 });
    const done = await Promise.all(jobs);
    expect(done.map((r) => r.echo)).toEqual(['0', '1', '2', '3', '4']);
    expect(new Set(done.map((r) => r.thread)).size).toBe(2);
    expect(Atomics.load(new Int32Array(counters), 1)).toBe(2);
    expect(p.stats().started).toBe(2);
  });

  it('refuses with 503 when its queue is full, and takes work again once there is room', async () => {
    const p = pool(1, 1);
    const counters = new SharedArrayBuffer(8);
    const running = p.run({ hold: 100, counters });
    const waiting = p.run({ echo: 'queued' });
    expect(await status(p.run({ echo: 'one too many' }))).toBe(503);
    await running;
    expect((await waiting).echo).toBe('queued');
    expect((await p.run({ echo: 'later' })).echo).toBe('later');
  });

  it('fails a job with 503 when its worker cannot start, and never runs it on the event loop', async () => {
    const p = pool(1, 1, new URL('./fixtures/no-such-worker.mjs', import.meta.url));
    const e = (await p.run({ echo: 'x' }).catch((err: unknown) => err)) as HttpError;
    expect(e).toBeInstanceOf(HttpError);
    expect(e.status).toBe(503);
    expect(e.message).toContain('background work could not run');
    expect(p.stats().workers).toBe(0);
  });

  it('fails only the job whose worker died, and runs the next on a fresh worker', async () => {
    const p = pool(1, 2);
    const first = await p.run({ echo: 'first' });
    const crashed = p.run({ crash: true });
    const after = p.run({ echo: 'after' });
    expect(await status(crashed)).toBe(503);
    const r = await after;
    expect(r.echo).toBe('after');
    expect(r.thread).not.toBe(first.thread);
    expect(p.stats().started).toBe(2);
  });

  it('reports a job that failed inside its worker as 503 with the reason, and replaces that worker', async () => {
    const p = pool(1, 1);
    const before = await p.run({ echo: 'a' });
    const e = (await p.run({ fail: 'out of memory' }).catch((err: unknown) => err)) as HttpError;
    expect(e.status).toBe(503);
    expect(e.message).toContain('out of memory');
    expect((await p.run({ echo: 'b' })).thread).not.toBe(before.thread);
  });

  it('ends its workers on close: running and queued jobs fail, later ones are refused', async () => {
    const p = pool(1, 2);
    const counters = new SharedArrayBuffer(8);
    const running = status(p.run({ hold: 200, counters }));
    const queued = status(p.run({ echo: 'q' }));
    await p.close();
    expect(await running).toBe(503);
    expect(await queued).toBe(503);
    expect(await status(p.run({ echo: 'late' }))).toBe(503);
    expect(p.stats()).toMatchObject({ workers: 0, queued: 0 });
  });
});

describe('exact solver pool', () => {
  it('solves in a worker thread (under tsx, through its boot file) and reuses the thread', async () => {
    expect(EXACT_WORKER_URL.pathname.endsWith('/exact-worker-boot.mjs')).toBe(true);
    const p = exactPool({ workers: 1, queue: 1 });
    pools.push(p as WorkerPool<unknown, unknown>);
    // Two candidate sites covering one demand point each; the heavier is the optimum for p = 1.
    const input = {
      weight: [3, 5],
      table: tableFromEntries(2, 2, [
        [0, 0, 100],
        [1, 1, 100],
      ]),
      radius: 500,
      p: 1,
    };
    for (let i = 0; i < 2; i++) {
      const r = await p.run({ model: 'mclp', input, options: { timeLimitS: 10 } });
      expect(r).toMatchObject({ status: 'optimal', sites: [1], objective: 5 });
    }
    expect(p.stats()).toMatchObject({ workers: 1, started: 1 });
  });
});
