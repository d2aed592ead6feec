// A small pool of worker threads that run blocking jobs (the exact siting solver) off the event loop: a few
// workers started on first use and reused, a bounded queue that refuses with 503 when full, and no fallback
// to the event loop — a worker that cannot start or dies fails its job with 503 and is replaced on the next.
import { Worker } from 'node:worker_threads';
import { m, type Message, type MessageKey, type MessageParam } from '../../contract/messages/index.js';
import { Unavailable } from '../http/errors.js';

export interface PoolOptions {
  /** The worker's module: it answers each `{ id, job }` message with `{ id, result }` or `{ id, error }`. */
  url: URL;
  /** Workers at most (started as jobs arrive, kept while the pool lives). */
  size: number;
  /** Jobs that may wait for a worker; one more is refused. */
  queue: number;
  /** Milliseconds a job may run before its worker is ended (the job's own limit plus some slack); 0 = none. */
  deadlineMs?: (job: unknown) => number;
  /** What the refusals call the work, in both languages. */
  label?: Message;
  log?: (msg: string) => void;
}

export interface PoolStats {
  workers: number;
  busy: number;
  queued: number;
  /** Workers started over the pool's life (a reused worker counts once). */
  started: number;
}

interface Task<J, R> {
  id: number;
  job: J;
  resolve: (r: R) => void;
  reject: (e: Error) => void;
}

interface Slot<J, R> {
  worker: Worker;
  task: Task<J, R> | null;
  timer: NodeJS.Timeout | null;
}

export class WorkerPool<J, R> {
  private readonly slots: Slot<J, R>[] = [];
  private readonly waiting: Task<J, R>[] = [];
  private nextId = 1;
  private started = 0;
  private closed = false;
  private readonly label: Message;
  private readonly log: (msg: string) => void;

  constructor(private readonly options: PoolOptions) {
    if (!(options.size >= 1)) throw new Error('a worker pool needs at least one worker');
    this.label = options.label ?? m('siting.pool.background');
    this.log = options.log ?? (() => undefined);
  }

  /** Runs `job` on a free worker, or queues it; refuses at once (503) when the queue is full or the pool closed. */
  run(job: J): Promise<R> {
    if (this.closed) return Promise.reject(this.unavailable('siting.pool.stopping'));
    const free = this.slots.find((s) => !s.task);
    if (!free && this.slots.length >= this.options.size && this.waiting.length >= this.options.queue) {
      const n = this.slots.length;
      return Promise.reject(
        new Unavailable(m('siting.pool.busy', { what: this.label, running: n, waiting: this.waiting.length })),
      );
    }
    return new Promise<R>((resolve, reject) => {
      const task: Task<J, R> = { id: this.nextId++, job, resolve, reject };
      if (free) this.assign(free, task);
      else if (this.slots.length < this.options.size) this.spawn(task);
      else this.waiting.push(task);
    });
  }

  stats(): PoolStats {
    return {
      workers: this.slots.length,
      busy: this.slots.filter((s) => s.task).length,
      queued: this.waiting.length,
      started: this.started,
    };
  }

  /** Ends every worker; running and queued jobs fail with 503. */
  async close(): Promise<void> {
    this.closed = true;
    for (const t of this.waiting.splice(0)) t.reject(this.unavailable('siting.pool.stopping'));
    const slots = this.slots.splice(0);
    for (const s of slots) this.fail(s, this.unavailable('siting.pool.stopping'));
    await Promise.all(slots.map((s) => s.worker.terminate()));
  }

  private spawn(task: Task<J, R>): void {
    let worker: Worker;
    try {
      worker = new Worker(this.options.url);
    } catch (e) {
      task.reject(this.unavailable('siting.pool.cannotStart', { reason: (e as Error).message }));
      return;
    }
    this.started++;
    const slot: Slot<J, R> = { worker, task: null, timer: null };
    this.slots.push(slot);
    worker.on('message', (reply: { id: number; result?: R; error?: string }) => {
      const t = slot.task;
      if (!t || reply.id !== t.id) return;
      this.settle(slot);
      if (reply.error !== undefined) {
        // The thread may be left in a bad state (a WebAssembly abort, memory it cannot give back): replace it.
        this.drop(slot);
        t.reject(this.unavailable('siting.pool.failed', { reason: reply.error }));
      } else t.resolve(reply.result as R);
      this.next();
    });
    worker.on('error', (e: Error) => {
      this.log(`${this.options.url.pathname.split('/').pop()} worker failed: ${e.message}`);
      this.drop(slot);
      this.fail(slot, this.unavailable('siting.pool.cannotRun', { reason: e.message }));
      this.next();
    });
    worker.on('exit', (code) => {
      if (!this.slots.includes(slot)) return;
      this.drop(slot);
      this.fail(slot, this.unavailable('siting.pool.exited', { code }));
      this.next();
    });
    this.assign(slot, task);
  }

  private assign(slot: Slot<J, R>, task: Task<J, R>): void {
    slot.task = task;
    slot.worker.ref();
    const deadline = this.options.deadlineMs?.(task.job) ?? 0;
    if (deadline > 0) {
      slot.timer = setTimeout(() => {
        this.drop(slot);
        this.fail(slot, this.unavailable('siting.pool.timeout', { seconds: Math.round(deadline / 1000) }));
        void slot.worker.terminate();
        this.next();
      }, deadline);
    }
    slot.worker.postMessage({ id: task.id, job: task.job });
  }

  /** A worker is free again: it takes the next queued job or, idle, stops holding the process open. */
  private settle(slot: Slot<J, R>): void {
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = null;
    slot.task = null;
    slot.worker.unref();
  }

  private next(): void {
    if (this.closed) return;
    while (this.waiting.length) {
      const free = this.slots.find((s) => !s.task);
      if (free) this.assign(free, this.waiting.shift()!);
      else if (this.slots.length < this.options.size) this.spawn(this.waiting.shift()!);
      else return;
    }
  }

  private drop(slot: Slot<J, R>): void {
    const i = this.slots.indexOf(slot);
    if (i >= 0) this.slots.splice(i, 1);
    void slot.worker.terminate();
  }

  private fail(slot: Slot<J, R>, err: Error): void {
    const t = slot.task;
    this.settle(slot);
    t?.reject(err);
  }

  private unavailable(key: MessageKey, params: Record<string, MessageParam> = {}): Unavailable {
    return new Unavailable(m(key, { what: this.label, ...params }));
  }
}
