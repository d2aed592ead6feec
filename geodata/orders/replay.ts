// Replays an order's recorded events through the pure core (reportOrder, transition, applyEscalation)
// and returns the state they lead to: the check that a stored history obeys the state machine.
import { bilingual } from '../../contract/messages/index.js';
import type { OrderAction, OrderCreate } from '../../contract/orders.js';
import { type EscalationAction, applyEscalation } from '../../core/orders/escalation.js';
import { transition } from '../../core/orders/lifecycle.js';
import type { Party } from '../../contract/parties.js';
import { type Actor, type NewOrderEvent, type OrderState, isConflict, reportOrder } from '../../core/orders/state.js';

type Loose = Record<string, unknown>;

/** The action an event records, rebuilt from its reason and data. */
export function actionOf(e: Pick<NewOrderEvent, 'action' | 'reason' | 'data'>): OrderAction {
  const d = (e.data ?? {}) as Loose;
  const a: Loose = { action: e.action };
  if (e.reason) a.reason = e.reason;
  const keys = ['note', 'leadDept', 'assistDepts', 'photos', 'rating', 'comment', 'unreachable', 'duplicateOf'];
  keys.push('hours', 'approve', 'depts', 'dept', 'status', 'text');
  for (const k of keys) if (d[k] !== undefined) a[k] = d[k];
  if (e.action === 'hand_down') a.to = d.holder;
  return a as unknown as OrderAction;
}

const ESCALATIONS = new Set(['yellow_card', 'red_card', 'escalate']);

/**
 * The state after `events` (the report first, then in seq order). Grid workers act on their own
 * grid, so their gridIds are taken to include the order's grid. Throws on any step the rules refuse.
 */
export function replayOrder(events: readonly NewOrderEvent[], hasReporter: boolean, areaPath = ''): OrderState {
  const [report, ...rest] = events;
  if (!report || report.action !== 'report') throw new Error('the first event must be the report');
  const d = (report.data ?? {}) as Loose;
  const input = {
    categoryCode: d.categoryCode,
    hazardLevel: d.hazardLevel,
    source: d.source,
    description: '',
    lon: 0,
    lat: 0,
    ...(hasReporter ? { reporter: { name: '-', phone: '13900000000' } } : {}),
  } as OrderCreate;
  // The party each step was taken for is kept in its data (by); a department acts only through it.
  const actorOf = (e: NewOrderEvent, gridId: number): Actor => ({
    ...e.actor,
    gridIds: e.actor.role === 'grid_worker' ? [gridId] : [],
    ...((e.data as Loose | undefined)?.by ? { party: (e.data as Loose).by as Party } : {}),
  });
  let order = reportOrder(input, {
    id: report.orderId,
    gridId: d.gridId as number,
    areaPath,
    actor: actorOf(report, d.gridId as number),
    now: new Date(report.at),
  }).order;
  for (const e of rest) {
    const now = new Date(e.at);
    const r = ESCALATIONS.has(e.action)
      ? applyEscalation(
          order,
          {
            orderId: e.orderId,
            action: e.action as EscalationAction,
            fromLevel: (e.data as Loose).fromLevel as number,
            toLevel: (e.data as Loose).toLevel as number,
            event: e,
          },
          now,
        )
      : transition(order, actionOf(e), actorOf(e, order.gridId), now);
    if (isConflict(r))
      throw new Error(`order ${e.orderId}: ${e.action} at ${e.at} refused on replay: ${bilingual(r.message)}`);
    if (r.event.to !== e.to || r.event.from !== e.from)
      throw new Error(`order ${e.orderId}: ${e.action} led to ${r.event.to}, recorded ${e.to}`);
    order = r.order;
  }
  return order;
}
