// The escalation scheduler: runs the ladder once per period across all nodes, and raises new root-cause items
// as alarms. A periodic job (api/jobs) decides who runs: a node that dies mid-pass has its run taken back when
// its heartbeat lapses. The same pass deletes photos that no report, fix or visit came to show.
import type { JobRunner } from '../jobs/runner.js';
import { deleteUnattached } from '../photos/retention.js';
import { raiseCauseAlarms } from '../mediation/stats.js';
import { raiseRootCauseAlarms } from './root-cause-alarms.js';
import type { Published } from '../events/log.js';
import type { OrderDeps } from './service.js';
import { runEscalations } from './escalations.js';

export const ESCALATION_JOB = 'escalation';

export interface Scheduler {
  /** One pass now on this node (what the period runs); returns what it published, nothing when another node is at it. */
  tick(): Promise<Published[]>;
}

export function startScheduler(
  deps: OrderDeps,
  publish: (p: Published[]) => void,
  opts: {
    jobs: JobRunner;
    intervalMs: number;
    log?: (m: string) => void;
    /** Unattached photos older than this are deleted; unset = kept. */ photoHours?: number;
  },
): Scheduler {
  const pass = async (): Promise<Published[]> => {
    const out = await runEscalations(deps);
    publish(out);
    const causes = await raiseRootCauseAlarms(deps);
    publish(causes);
    publish(await raiseCauseAlarms(deps));
    if (opts.photoHours) {
      const gone = await deleteUnattached(deps.db, opts.photoHours);
      if (gone) opts.log?.(`deleted ${gone} photo(s) attached to nothing for ${opts.photoHours} h`);
    }
    return [...out, ...causes];
  };
  const job = opts.jobs.periodic(ESCALATION_JOB, opts.intervalMs, pass);
  return { tick: async () => (await job.runNow()) ?? [] };
}
