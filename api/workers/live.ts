// The live feed: the latest accepted position of each worker, pushed as `worker:position` at most once per
// interval per worker (positions are high-rate; a wall that reconnects reads GET /api/workers/live instead
// of a replay). A push reaches exactly the sockets that GET /api/workers/live would show it to, with the
// grid that route would name: supervising staff whose scope holds one of the worker's grids, and the
// worker themself — never a colleague, a planner or a wall of another area.
import type { WorkerPositionPush } from '../../contract/workers.js';
import type { WorkerInfo } from './directory.js';

/** The sockets of supervising staff whose scope is this area path. */
export const watchRoom = (scopePath: string) => `positions:${scopePath}`;
/**
 * The sockets of the grid worker `workerId` themself: by the scope of their account (the push then names
 * their first grid inside it), or `*` for every such socket (one whose scope holds none of their grids).
 */
export const ownRoom = (workerId: number, scopePath: string) => `position-of:${workerId}:${scopePath}`;

/** The path and each of its ancestors: '/1/3/17/' → ['/1/', '/1/3/', '/1/3/17/']. */
export function scopesHolding(path: string): string[] {
  const ids = path.split('/').filter(Boolean);
  return ids.map((_, i) => `/${ids.slice(0, i + 1).join('/')}/`);
}

export interface Delivery {
  push: WorkerPositionPush;
  rooms: string[];
  except: string[];
}

/**
 * One push per grid of the worker: to the viewers whose scope holds that grid and none of the worker's
 * earlier grids (GET /api/workers/live shows each viewer the first of the worker's grids in its scope);
 * the worker's own sockets whose scope holds none of their grids get the first grid, as that route does.
 */
export function deliveries(worker: WorkerInfo, p: { t: number; lon: number; lat: number; flags: number }): Delivery[] {
  const out: Delivery[] = [];
  const earlier: string[] = [];
  const at = { lon: p.lon, lat: p.lat, t: new Date(p.t).toISOString(), flags: p.flags };
  for (const grid of worker.grids) {
    const scopes = scopesHolding(grid.path);
    const rooms = [...scopes.map(watchRoom), ...scopes.map((s) => ownRoom(worker.id, s))];
    out.push({
      push: { workerId: worker.id, name: worker.name, gridId: grid.id, gridName: grid.name, ...at },
      rooms,
      except: [...earlier],
    });
    earlier.push(...rooms);
  }
  const first = worker.grids[0];
  if (first)
    out.push({
      push: { workerId: worker.id, name: worker.name, gridId: first.id, gridName: first.name, ...at },
      rooms: [ownRoom(worker.id, '*')],
      except: earlier,
    });
  return out;
}

export interface Emitter {
  to(rooms: string[]): { except(rooms: string[]): { emit(event: string, payload: unknown): unknown } };
}

export class LiveFeed {
  private readonly pending = new Map<number, Delivery[]>();
  private readonly lastT = new Map<number, number>();
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly io: Emitter,
    private readonly intervalMs: number,
  ) {
    if (intervalMs > 0) {
      this.timer = setInterval(() => this.flush(), intervalMs);
      this.timer.unref();
    }
  }

  /** Offers a worker's newest accepted point; older than what was already pushed is ignored. */
  offer(worker: WorkerInfo, p: { t: number; lon: number; lat: number; flags: number }): void {
    if (!worker.grids[0] || p.t <= (this.lastT.get(worker.id) ?? -Infinity)) return;
    this.lastT.set(worker.id, p.t);
    this.pending.set(worker.id, deliveries(worker, p));
    if (this.intervalMs === 0) this.flush();
  }

  flush(): void {
    for (const list of this.pending.values()) {
      for (const { push, rooms, except } of list) this.io.to(rooms).except(except).emit('worker:position', push);
    }
    this.pending.clear();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.flush();
  }
}
