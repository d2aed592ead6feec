// The work-order state machine: transition(order, action, actor, now) → the next state and the event
// that records it, or a Conflict saying what is allowed instead. Pure and total: it never throws.
// 核查 review: the center verifies the fix; 回访 callback: it asks the reporter for a rating.
import { ORDER_ACTIONS, type OrderAction, type OrderActionName, type OrderStatus } from '../../contract/orders.js';
import { m, named, type Message } from '../../contract/messages/index.js';
import {
  type Actor,
  type ActorRole,
  type Conflict,
  type NewOrderEvent,
  type OrderState,
  type Transition,
  eventActor,
} from './state.js';
import type { Party } from '../../contract/parties.js';
import {
  actingParty,
  departmentHolder,
  ladderParty,
  partyActionRefusal,
  partyRefusal,
  returnHolder,
} from './parties.js';
import { partyMove } from './party-moves.js';
import {
  ACTION_ROLES,
  REASON_REQUIRED,
  STATUS_LABELS,
  TRANSITIONS,
  allowedActions,
  roleRefusal,
} from './transitions.js';

const HOUR_MS = 3_600_000;
/** A resident who was unsatisfied is called back within a day. */
export const CALLBACK_AFTER_MS = 24 * HOUR_MS;

const actionName = (a: OrderActionName): Message => m(`orders.action.${a}`);
const roleName = (r: ActorRole): Message => m(`orders.role.${r}`);

function conflict(order: OrderState, reason: Message): Conflict {
  const allowed = TRANSITIONS[order.status] ? allowedActions(order.status) : [];
  return {
    conflict: true,
    message: m('orders.conflict', {
      reason,
      allowed: allowed.length ? allowed.map(actionName) : m('orders.nothingAllowed'),
    }),
    allowed,
  };
}

/** Fields a caller may have sent without passing the schema; read them without trusting their types. */
type Loose = Partial<Record<string, unknown>>;
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);

/** Checks that need the order, the actor or the action's data; a message is the reason to refuse. */
function guard(order: OrderState, name: OrderActionName, a: Loose, actor: Actor): Message | null {
  const roles = ACTION_ROLES[name];
  const refusal = roleRefusal(order.status, name, actor.role);
  if (refusal === 'role') {
    return m('orders.refuse.role', {
      role: roleName(actor.role),
      action: actionName(name),
      roles: roles.map(roleName),
    });
  }
  if (actor.role === 'grid_worker' && !(actor.gridIds ?? []).includes(order.gridId)) {
    return m('orders.refuse.gridWorkerOwnGrids');
  }
  if (refusal === 'start_unaccepted') {
    return m('orders.refuse.startNeedsAccept');
  }
  const party = partyRefusal(order, name, actor);
  if (party) return party;
  if (REASON_REQUIRED.has(name) && !str(a.reason)) {
    return m('orders.refuse.reasonRequired', { action: actionName(name) });
  }
  const partyAction = partyActionRefusal(order, name, a, actor);
  if (partyAction) return partyAction;
  switch (name) {
    case 'dispatch':
    case 'reroute':
      if (!str(a.leadDept)) return m('orders.refuse.leadDeptRequired');
      return null;
    case 'resolve':
      if (!str(a.note)) return m('orders.refuse.noteRequired');
      return null;
    case 'review_pass':
    case 'review_fail':
      if (order.dispatchedBy !== null && order.dispatchedBy === actor.id) {
        return m('orders.refuse.reviewerDispatched');
      }
      if (name === 'review_pass' && order.reviewedBy !== null) return m('orders.refuse.reviewPassed');
      return null;
    case 'rate':
      if (!order.hasReporter) return m('orders.refuse.noReporter');
      if (order.reviewedBy === null) return m('orders.refuse.reviewBeforeRating');
      if (order.rating !== null) return m('orders.refuse.alreadyRated');
      if (a.rating !== 'satisfied' && a.rating !== 'basic' && a.rating !== 'unsatisfied') {
        return m('orders.refuse.ratingValues');
      }
      return null;
    case 'close':
      if (order.reviewedBy === null) return m('orders.refuse.reviewBeforeClose');
      if (order.hasReporter && order.rating === null) {
        if (a.unreachable !== true) {
          return m('orders.refuse.closeNeedsRating');
        }
        if (!str(a.reason)) return m('orders.refuse.unreachableReason');
      }
      return null;
    case 'mark_duplicate':
      if (typeof a.duplicateOf !== 'number' || !Number.isInteger(a.duplicateOf) || a.duplicateOf <= 0) {
        return m('orders.refuse.duplicateOfRequired');
      }
      if (a.duplicateOf === order.id) return m('orders.refuse.duplicateOfItself');
      return null;
    default:
      return null;
  }
}

/** A fresh SLA cycle for a reopened order: new clock, no cards; the escalation level it reached stays. */
function reopened(order: OrderState, at: string): Partial<OrderState> {
  const by = order.dispatchedParty ?? ladderParty(order, 'centre');
  return {
    status: order.leadDept ? 'dispatched' : 'accepted',
    holder: order.leadDept ? departmentHolder(order, by, order.leadDept) : by,
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
    return conflict(order, m('orders.refuse.unknownAction', { action: String(name) }));
  }
  if (!(now instanceof Date) || Number.isNaN(now.getTime())) return conflict(order, m('orders.refuse.invalidTime'));
  const row = TRANSITIONS[order.status];
  const target = row?.[name];
  if (target === undefined) {
    const st = STATUS_LABELS[order.status] ?? { zh: String(order.status), en: String(order.status) };
    return conflict(order, m('orders.refuse.wrongStatus', { status: named(st), action: actionName(name) }));
  }
  const refused = guard(order, name, a, actor);
  if (refused) return conflict(order, refused);

  const at = now.toISOString();
  const reason = str(a.reason);
  const data: Record<string, unknown> = {};
  const status = target === 'held_from' ? (order.heldFrom ?? 'accepted') : target === 'same' ? order.status : target;
  let next: OrderState = { ...order, status };
  const me = actingParty(actor, order);

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
      const assistDepts = Array.isArray(a.assistDepts)
        ? a.assistDepts.filter((d): d is string => typeof d === 'string' && d !== leadDept)
        : [];
      const by: Party = me && me.kind !== 'department' ? me : ladderParty(order, 'centre');
      next = {
        ...next,
        leadDept,
        assistDepts,
        dispatchedBy: actor.id,
        dispatchedParty: by,
        holder: departmentHolder(order, by, leadDept),
      };
      Object.assign(data, { leadDept, assistDepts });
      break;
    }
    case 'hand_up':
    case 'hand_down':
    case 'sign':
    case 'request_extension':
    case 'decide_extension':
    case 'request_assist':
    case 'assist_update':
    case 'note':
      next = partyMove(order, next, name, a, me, data);
      break;
    case 'start':
      if (Array.isArray(a.photos) && a.photos.length) data.photos = a.photos;
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
      // The order goes back to the party that dispatched it, without an owner; the event keeps who returned it.
      Object.assign(data, { returnedBy: order.leadDept });
      next = { ...next, leadDept: null, assistDepts: [], holder: returnHolder(order) };
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
      next = {
        ...next,
        duplicateOf: a.duplicateOf as number,
        clockStoppedAt: order.clockStoppedAt ?? at,
        closedAt: at,
      };
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

  // Every move says who acted for which party, and who holds the order after it (and before).
  Object.assign(data, { by: me ?? undefined, holder: next.holder, fromHolder: order.holder });
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
