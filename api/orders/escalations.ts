// The escalation ladder run over the open orders (the scheduler's pass): cards, and a raised supervising level with a
// notice to the level that now watches the order; the holder stays who it was.
import { m } from '../../contract/messages/index.js';
import type { Published } from '../events/log.js';
import * as eventLog from '../events/log.js';
import { ESCALATING_STATUSES, applyEscalation, escalationsFor } from '../../core/orders/escalation.js';
import { supervisingParty } from '../../core/orders/parties.js';
import { isConflict } from '../../core/orders/state.js';
import * as sql from './queries.js';
import { type OrderDeps, alarm, record } from './service.js';

const areaIdOf = (path: string) => Number(path.split('/').filter(Boolean).pop());

/** One pass of the escalation ladder over every open order; each order in its own transaction. */
export async function runEscalations(deps: OrderDeps): Promise<Published[]> {
  const now = deps.now();
  const published: Published[] = [];
  const candidates = await sql.openOrders(deps.db, ESCALATING_STATUSES);
  for (const c of candidates) {
    if (escalationsFor(c, deps.policy, now).length === 0) continue;
    await deps.db.tx(async (q) => {
      await eventLog.lock(q);
      // Re-read under lock: another node or an action may have moved it since.
      let rec = await sql.orderInScope(q, '/', c.id, true);
      if (!rec) return;
      for (const step of escalationsFor(rec, deps.policy, now)) {
        const t = applyEscalation(rec, step, now);
        if (isConflict(t)) break;
        rec = await record(q, deps, rec, t.order, t.event, published, 'order:escalated', {
          orderId: rec.id,
          action: step.action,
          fromLevel: step.fromLevel,
          toLevel: step.toLevel,
        });
        if (step.action === 'red_card') {
          await alarm(
            q,
            rec.areaPath,
            {
              kind: 'red_card',
              severity: 'warning',
              message: m('orders.alarm.redCard', { id: rec.id }),
              orderId: rec.id,
              areaId: areaIdOf(rec.areaPath),
            },
            published,
          );
        } else if (step.action === 'escalate' && step.toLevel < 3) {
          // The community or street that now supervises it hears of it (its room hears the order's area).
          const level = supervisingParty(rec, step.toLevel);
          await alarm(
            q,
            rec.areaPath,
            {
              kind: 'system',
              severity: 'warning',
              message: m('parties.alarm.supervised', { id: rec.id, level: m(`parties.kind.${level.kind}`) }),
              orderId: rec.id,
              areaId: level.areaId,
            },
            published,
          );
        } else if (step.action === 'escalate' && step.toLevel === 3) {
          await alarm(
            q,
            rec.areaPath,
            {
              kind: 'district_escalation',
              severity: 'critical',
              message: m('orders.alarm.districtEscalation', { id: rec.id }),
              orderId: rec.id,
              areaId: areaIdOf(rec.areaPath),
            },
            published,
          );
        }
      }
    });
  }
  return published;
}
