// The escalation scheduler: runs the ladder on a timer, on one node at a time, and raises new root-cause
// items as alarms. A lease row in the database (not a timer per node) decides who runs; a node that dies
// lets its lease expire. The same pass deletes photos that no report, fix or visit came to show.
import crypto from 'node:crypto';
import type { Db } from '../db/index.js';
import { deleteUnattached } from '../photos/retention.js';
import { raiseRootCauseAlarms } from './root-cause-alarms.js';
import type { Published } from '../events/log.js';
import { type OrderDeps, runEscalations } from './service.js';

export const LEASE_NAME = 'escalation';

/** Takes or renews the lease; true when this holder has it until now + ttl. */
export async function acquireLease(db: Db, holder: string, ttlMs: number, now: Date): Promise<boolean> {
  const r = await db.query(
    /* sql */ `INSERT INTO job_leases (name, holder, expires_at) VALUES ($1, $2, $3)
      ON CONFLICT (name) DO UPDATE SET holder = EXCLUDED.holder, expires_at = EXCLUDED.expires_at
        WHERE job_leases.holder = EXCLUDED.holder OR job_leases.expires_at < $4
      RETURNING holder`,
    [LEASE_NAME, holder, new Date(now.getTime() + ttlMs).toISOString(), now.toISOString()],
  );
  return r.rowCount > 0;
}

export interface Scheduler {
  /** One pass now (also what the timer calls); returns what it published. */
  tick(): Promise<Published[]>;
  stop(): void;
}

export function startScheduler(
  deps: OrderDeps,
  publish: (p: Published[]) => void,
  opts: { intervalMs: number; log?: (m: string) => void; holder?: string; /** Unattached photos older than this are deleted; unset = kept. */ photoHours?: number },
): Scheduler {
  const holder = opts.holder ?? `${process.pid}-${crypto.randomBytes(4).toString('hex')}`;
  let running = false;
  const tick = async (): Promise<Published[]> => {
    if (running) return [];
    running = true;
    try {
      if (!(await acquireLease(deps.db, holder, opts.intervalMs * 3, deps.now()))) return [];
      const out = await runEscalations(deps);
      publish(out);
      const causes = await raiseRootCauseAlarms(deps);
      publish(causes);
      if (opts.photoHours) {
        const gone = await deleteUnattached(deps.db, opts.photoHours);
        if (gone) opts.log?.(`deleted ${gone} photo(s) attached to nothing for ${opts.photoHours} h`);
      }
      return [...out, ...causes];
    } catch (err) {
      opts.log?.(`escalation pass failed: ${(err as Error).message}`);
      return [];
    } finally {
      running = false;
    }
  };
  const timer = opts.intervalMs > 0 ? setInterval(() => void tick(), opts.intervalMs) : null;
  timer?.unref();
  return { tick, stop: () => timer && clearInterval(timer) };
}
