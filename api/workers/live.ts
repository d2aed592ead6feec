// The live feed: the latest accepted position of each worker, pushed as `worker:position` to the rooms
// of their grids at most once per interval per worker (positions are high-rate; a wall that reconnects
// reads GET /api/workers/live instead of a replay).
import type { WorkerPositionPush } from '../../contract/workers.js';
import { roomsFor } from '../realtime/hub.js';
import type { WorkerInfo } from './directory.js';

export interface Emitter {
  to(rooms: string[]): { emit(event: string, payload: unknown): unknown };
}

export class LiveFeed {
  private readonly pending = new Map<number, { push: WorkerPositionPush; rooms: string[] }>();
  private readonly lastT = new Map<number, number>();
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly io: Emitter, private readonly intervalMs: number) {
    if (intervalMs > 0) {
      this.timer = setInterval(() => this.flush(), intervalMs);
      this.timer.unref();
    }
  }

  /** Offers a worker's newest accepted point; older than what was already pushed is ignored. */
  offer(worker: WorkerInfo, p: { t: number; lon: number; lat: number; flags: number }): void {
    const grid = worker.grids[0];
    if (!grid || p.t <= (this.lastT.get(worker.id) ?? -Infinity)) return;
    this.lastT.set(worker.id, p.t);
    const rooms = [...new Set(worker.grids.flatMap((g) => roomsFor(g.path)))];
    const push: WorkerPositionPush = { workerId: worker.id, name: worker.name, gridId: grid.id, gridName: grid.name, lon: p.lon, lat: p.lat, t: new Date(p.t).toISOString(), flags: p.flags };
    this.pending.set(worker.id, { push, rooms });
    if (this.intervalMs === 0) this.flush();
  }

  flush(): void {
    for (const { push, rooms } of this.pending.values()) this.io.to(rooms).emit('worker:position', push);
    this.pending.clear();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.flush();
  }
}
