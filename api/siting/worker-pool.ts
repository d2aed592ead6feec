// A small pool of worker threads that run blocking jobs (the exact siting solver) off the event loop: a few
// workers started on first use and reused, a bounded queue that refuses with 503 when full, and no fallback
// to the event loop — a worker that cannot start or dies fails its job with 503 and is replaced on the next.
import { Worker } from 'node:worker_threads';
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
  label?: { zh: string; en: string };
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
  private readonly label: { zh: string; en: string };
  private readonly log: (msg: string) => void;

  constructor(private readonly options: PoolOptions) {
    if (!(options.size >= 1)) throw new Error('a worker pool needs at least one worker');
    this.label = options.label ?? { zh: '后台计算', en: 'background work' };
    this.log = options.log ?? (() => undefined);
  }

  /** Runs `job` on a free worker, or queues it; refuses at once (503) when the queue is full or the pool closed. */
  run(job: J): Promise<R> {
    if (this.closed) return Promise.reject(this.unavailable('已停止', 'is shutting down'));
    const free = this.slots.find((s) => !s.task);
    if (!free && this.slots.length >= this.options.size && this.waiting.length >= this.options.queue) {
      const n = this.slots.length;
      return Promise.reject(
        new Unavailable(
          `${this.label.zh}繁忙（${n} 个进行中，${this.waiting.length} 个排队），请稍后重试 / ${this.label.en} is busy (${n} running, ${this.waiting.length} waiting): retry shortly`,
        ),
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
    return { workers: this.slots.length, busy: this.slots.filter((s) => s.task).length, queued: this.waiting.length, started: this.started };
  }

  /** Ends every worker; running and queued jobs fail with 503. */
  async close(): Promise<void> {
    this.closed = true;
    for (const t of this.waiting.splice(0)) t.reject(this.unavailable('已停止', 'is shutting down'));
    const slots = this.slots.splice(0);
    for (const s of slots) this.fail(s, this.unavailable('已停止', 'is shutting down'));
    await Promise.all(slots.map((s) => s.worker.terminate()));
  }

  private spawn(task: Task<J, R>): void {
    let worker: Worker;
    try {
      worker = new Worker(this.options.url);
    } catch (e) {
      task.reject(this.unavailable('无法启动', `could not start: ${(e as Error).message}`));
      return;
    }
    this.started++;
    const slot: Slot<J, R> = { worker, task: null, timer: null };
    this.slots.push(slot);
    worker.on('message', (m: { id: number; result?: R; error?: string }) => {
      const t = slot.task;
      if (!t || m.id !== t.id) return;
      this.settle(slot);
      if (m.error !== undefined) {
        // The thread may be left in a bad state (a WebAssembly abort, memory it cannot give back): replace it.
        this.drop(slot);
        t.reject(this.unavailable('出错', `failed: ${m.error}`));
      } else t.resolve(m.result as R);
      this.next();
    });
    worker.on('error', (e: Error) => {
      this.log(`${this.options.url.pathname.split('/').pop()} worker failed: ${e.message}`);
      this.drop(slot);
      this.fail(slot, this.unavailable('无法运行', `could not run: ${e.message}`));
      this.next();
    });
    worker.on('exit', (code) => {
      if (!this.slots.includes(slot)) return;
      this.drop(slot);
      this.fail(slot, this.unavailable('意外退出', `stopped unexpectedly (exit code ${code})`));
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
        this.fail(slot, this.unavailable('超时', `ran past ${Math.round(deadline / 1000)} s and was stopped`));
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

  private unavailable(zh: string, en: string): Unavailable {
    return new Unavailable(`${this.label.zh}${zh} / ${this.label.en} ${en}`);
  }
}
