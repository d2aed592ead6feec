// The work-order state machine: transition(order, action, actor, now) → the next state and the event
// that records it, or a Conflict saying what is allowed instead. Pure and total: it never throws.
// 核查 review: the center verifies the fix; 回访 callback: it asks the reporter for a rating.
import { ORDER_ACTIONS, type OrderAction, type OrderActionName, type OrderStatus } from '../../contract/orders.js';
import { type Actor, type Conflict, type NewOrderEvent, type OrderState, type Transition, eventActor } from './state.js';
import {
  ACTION_LABELS, ACTION_ROLES, REASON_REQUIRED, ROLE_LABELS, STATUS_LABELS, TRANSITIONS, allowedActions, roleRefusal,
} from './transitions.js';

const HOUR_MS = 3_600_000;
/** A resident who was unsatisfied is called back within a day. */
export const CALLBACK_AFTER_MS = 24 * HOUR_MS;

function conflict(order: OrderState, zh: string, en: string): Conflict {
  const allowed = TRANSITIONS[order.status] ? allowedActions(order.status) : [];
  const zhList = allowed.length ? allowed.map((a) => ACTION_LABELS[a]).join('、') : '无';
  const enList = allowed.length ? allowed.join(', ') : 'none';
  return {
    conflict: true,
    message: `${zh}。当前可执行: ${zhList} / ${en}. Allowed now: ${enList}`,
    allowed,
  };
}

/** Fields a caller may have sent without passing the schema; read them without trusting their types. */
type Loose = Partial<Record<string, unknown>>;
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);

/** Checks that need the order, the actor or the action's data; a string pair is the reason to refuse. */
function guard(order: OrderState, name: OrderActionName, a: Loose, actor: Actor): [zh: string, en: string] | null {
  const roles = ACTION_ROLES[name];
  const refusal = roleRefusal(order.status, name, actor.role);
  if (refusal === 'role') {
    return [`${ROLE_LABELS[actor.role] ?? actor.role}无权${ACTION_LABELS[name]}，须由${roles.map((r) => ROLE_LABELS[r]).join('或')}操作`,
      `role ${actor.role} may not ${name}; ${roles.join(' or ')} may`];
  }
  if (actor.role === 'grid_worker' && !(actor.gridIds ?? []).includes(order.gridId)) {
    return ['网格员只能处理本网格的工单', 'a grid worker may act only on orders in their own grids'];
  }
  if (refusal === 'start_unaccepted') {
    return ['指挥中心须先受理再派遣; 只有网格员可就地处置未受理的工单',
      'the center accepts and dispatches; only a grid worker may start an unaccepted order on the spot'];
  }
  if (REASON_REQUIRED.has(name) && !str(a.reason)) {
    return [`${ACTION_LABELS[name]}须填写原因`, `${name} needs a reason`];
  }
  switch (name) {
    case 'dispatch':
    case 'reroute':
      if (!str(a.leadDept)) return ['须指定主办部门', 'choose a lead department'];
      return null;
    case 'resolve':
      if (!str(a.note)) return ['须填写处置情况', 'describe what was done'];
      return null;
    case 'review_pass':
    case 'review_fail':
      if (order.dispatchedBy !== null && order.dispatchedBy === actor.id) {
        return ['派单人不能核查自己派出的工单，请由其他调度员核查',
          'whoever dispatched the order may not review it; ask another dispatcher'];
      }
      if (name === 'review_pass' && order.reviewedBy !== null) return ['已核查通过', 'review has already passed'];
      return null;
    case 'rate':
      if (!order.hasReporter) return ['该工单没有报告人，无需评价', 'the order has no reporter to rate it'];
      if (order.reviewedBy === null) return ['须先核查通过，再回访评价', 'review must pass before the reporter rates'];
      if (order.rating !== null) return ['已评价', 'the order is already rated'];
      if (a.rating !== 'satisfied' && a.rating !== 'basic' && a.rating !== 'unsatisfied') {
        return ['评价须为满意、基本满意或不满意', 'rating must be satisfied, basic or unsatisfied'];
      }
      return null;
    case 'close':
      if (order.reviewedBy === null) return ['须先核查通过才能销号', 'review must pass before close-out'];
      if (order.hasReporter && order.rating === null) {
        if (a.unreachable !== true) {
          return ['销号前须回访报告人取得评价，或注明联系不上',
            'close-out needs the reporter\'s rating, or unreachable: true with a reason'];
        }
        if (!str(a.reason)) return ['联系不上报告人时须说明原因', 'say why the reporter could not be reached'];
      }
      return null;
    case 'mark_duplicate':
      if (typeof a.duplicateOf !== 'number' || !Number.isInteger(a.duplicateOf) || a.duplicateOf <= 0) {
        return ['须指定原工单编号', 'name the order this one duplicates'];
      }
      if (a.duplicateOf === order.id) return ['工单不能与自身重复', 'an order cannot duplicate itself'];
      return null;
    default:
      return null;
  }
}

/** A fresh SLA cycle for a reopened order: new clock, no cards; the escalation level it reached stays. */
function reopened(order: OrderState, at: string): Partial<OrderState> {
  return {
    status: order.leadDept ? 'dispatched' : 'accepted',
    reopenCount: order.reopenCount + 1,
    rating: null,
    reviewedBy: null,
    clockStart: at,
    clockStoppedAt: null,
    pausedMs: 0,
    cardsIssued: 0,
    closedAt: null,
  };
}

export function transition(order: OrderState, action: OrderAction, actor: Actor, now: Date): Transition {
  const a = (action ?? {}) as Loose;
  const name = a.action as OrderActionName;
  if (typeof name !== 'string' || !(ORDER_ACTIONS as readonly string[]).includes(name)) {
    return conflict(order, `未知操作 ${String(name)}`, `unknown action ${String(name)}`);
  }
  if (!(now instanceof Date) || Number.isNaN(now.getTime())) return conflict(order, '时间无效', 'invalid time');
  const row = TRANSITIONS[order.status];
  const target = row?.[name];
  if (target === undefined) {
    const st = STATUS_LABELS[order.status] ?? { zh: String(order.status), en: String(order.status) };
    return conflict(order, `「${st.zh}」状态的工单不能${ACTION_LABELS[name]}`, `cannot ${name} an order that is ${st.en}`);
  }
  const refused = guard(order, name, a, actor);
  if (refused) return conflict(order, refused[0], refused[1]);

  const at = now.toISOString();
  const reason = str(a.reason);
  const data: Record<string, unknown> = {};
  let next: OrderState = { ...order, status: target === 'held_from' ? (order.heldFrom ?? 'accepted') : target };

  // Leaving 挂起 by any action folds the held time into pausedMs, so the SLA clock skips it.
  if (order.status === 'on_hold' && order.heldSince) {
    const heldMs = Math.max(0, now.getTime() - Date.parse(order.heldSince));
    next = { ...next, pausedMs: order.pausedMs + heldMs, heldSince: null, heldFrom: null };
    data.heldMs = heldMs;
  }

  switch (name) {
    case 'dispatch':
    case 'reroute': {
      const leadDept = str(a.leadDept)!;
      const assistDepts = Array.isArray(a.assistDepts) ? a.assistDepts.filter((d): d is string => typeof d === 'string' && d !== leadDept) : [];
      next = { ...next, leadDept, assistDepts, dispatchedBy: actor.id };
      Object.assign(data, { leadDept, assistDepts });
      break;
    }
    case 'start':
      break;
    case 'resolve':
      next = { ...next, clockStoppedAt: at, reviewedBy: null };
      Object.assign(data, { note: str(a.note), photos: Array.isArray(a.photos) ? a.photos : [] });
      break;
    case 'review_pass':
      next = { ...next, reviewedBy: actor.id };
      if (str(a.note)) data.note = str(a.note);
      break;
    case 'review_fail':
      next = { ...next, reviewedBy: null, clockStoppedAt: null };
      break;
    case 'return':
      // The order goes back to the center without an owner; the event keeps who returned it.
      Object.assign(data, { returnedBy: order.leadDept });
      next = { ...next, leadDept: null, assistDepts: [] };
      break;
    case 'hold':
      next = { ...next, heldSince: at, heldFrom: order.status };
      break;
    case 'resume':
      break;
    case 'rate': {
      const rating = a.rating as 'satisfied' | 'basic' | 'unsatisfied';
      Object.assign(data, { rating, comment: str(a.comment) });
      if (rating === 'unsatisfied') {
        const callbackDue = new Date(now.getTime() + CALLBACK_AFTER_MS).toISOString();
        next = { ...next, ...reopened(order, at), callbackDue };
        data.callbackDue = callbackDue;
      } else {
        next = { ...next, rating, callbackDue: null };
      }
      break;
    }
    case 'close':
      next = { ...next, closedAt: at };
      Object.assign(data, { rating: order.rating, unreachable: a.unreachable === true });
      break;
    case 'cancel':
      next = { ...next, clockStoppedAt: order.clockStoppedAt ?? at, closedAt: at };
      break;
    case 'mark_duplicate':
      next = { ...next, duplicateOf: a.duplicateOf as number, clockStoppedAt: order.clockStoppedAt ?? at, closedAt: at };
      data.duplicateOf = a.duplicateOf;
      break;
    case 'reopen':
      next = { ...next, ...reopened(order, at) };
      break;
    case 'accept':
      break;
  }
  if (name === 'accept' || name === 'start' || name === 'resume') {
    if (str(a.note)) data.note = str(a.note);
  }

  for (const k of Object.keys(data)) if (data[k] === undefined) delete data[k];
  const event: NewOrderEvent = {
    orderId: order.id,
    at,
    actor: eventActor(actor),
    action: name,
    from: order.status,
    to: next.status as OrderStatus,
    ...(reason ? { reason } : {}),
    ...(Object.keys(data).length ? { data } : {}),
  };
  return { order: next, event };
}
