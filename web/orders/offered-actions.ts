// Which actions a page offers on an order, and why the others that matter are unavailable. The server's own answer
// (OrderDetail.actions, computed by the guard it refuses by) when it sends one; otherwise the core's transition run
// as a dry run over the order as the detail shows it, so a button is offered only when the server would take it.
import type { Role } from '@contract/auth';
import type { Message } from '@contract/messages/index';
import type { AvailableAction, OrderAction, OrderActionName, OrderDetail, OrderEvent } from '@contract/orders';
import { transition } from '@core/orders/lifecycle';
import { isConflict, type OrderState } from '@core/orders/state';
import { ACTION_ROLES, allowedActions } from '@core/orders/transitions';

export interface Offer {
  action: OrderActionName;
  allowed: boolean;
  /** Why not, as a message code the page renders in its language. */
  reason?: Message;
}

export interface Viewer {
  id: number;
  role: Role;
  displayName?: string;
}

/** Refusals that only say "not your role" or "not from this status": such actions are not shown at all. */
const NOT_SHOWN_REASONS = new Set([
  'orders.refuse.role',
  'orders.refuse.wrongStatus',
  'orders.refuse.unknownAction',
  // Another party holds it: nothing this account could do about it, so nothing to grey.
  'parties.refuse.notHolder',
  'parties.refuse.noParty',
  'parties.refuse.notAssisting',
]);

/** The reason inside a conflict's wrapper message (orders.conflict carries it as its `reason`). */
export function innerReason(msg: Message | undefined): Message | undefined {
  if (msg?.key === 'orders.conflict') {
    const r = msg.params?.reason;
    if (r && typeof r === 'object' && 'key' in r) return r as Message;
  }
  return msg;
}

/** Who last dispatched (may not review), and who passed review of the current fix, read from the event trail. */
export function stateFromEvents(events: readonly OrderEvent[]): {
  dispatchedBy: number | null;
  reviewedBy: number | null;
} {
  let dispatchedBy: number | null = null;
  let reviewedBy: number | null = null;
  for (const e of events) {
    if (e.action === 'dispatch' || e.action === 'reroute') dispatchedBy = e.actor.id;
    else if (e.action === 'review_pass') reviewedBy = e.actor.id;
    else if (e.action === 'resolve' || e.action === 'review_fail' || e.action === 'reopen') reviewedBy = null;
    else if (e.action === 'rate' && e.data?.rating === 'unsatisfied') reviewedBy = null;
  }
  return { dispatchedBy, reviewedBy };
}

/** The order as the core's rules read it, rebuilt from what the detail shows. */
export function orderState(o: OrderDetail): OrderState {
  const trail = stateFromEvents(o.events);
  return {
    id: o.id,
    status: o.status,
    categoryCode: o.categoryCode,
    hazardLevel: o.hazardLevel,
    source: o.source,
    gridId: o.gridId,
    reportedAt: o.reportedAt,
    reportedBy: o.events[0]?.actor.id ?? 0,
    hasReporter: o.reporter !== null,
    leadDept: o.leadDept,
    assistDepts: o.assistDepts,
    dispatchedBy: trail.dispatchedBy,
    reviewedBy: trail.reviewedBy,
    clockStart: o.reportedAt,
    clockStoppedAt: null,
    heldSince: null,
    heldFrom: null,
    pausedMs: 0,
    rating: o.rating,
    reopenCount: o.reopenCount,
    callbackDue: o.callbackDue,
    escalationLevel: o.escalationLevel,
    cardsIssued: o.cardsIssued,
    duplicateOf: o.duplicateOf,
    closedAt: null,
    areaPath: '',
    holder: o.holder ?? { kind: 'centre', areaId: 0 },
    dispatchedParty: null,
    extensionMs: 0,
    pendingExtensionHours: o.extension?.status === 'pending' ? o.extension.hours : null,
    assists: (o.assists ?? []).map((a) => ({ dept: a.dept, status: a.status })),
  };
}

/** The fullest input a form could send for an action, so the dry run judges the order, not an empty form. */
function sampleInput(action: OrderActionName, o: OrderDetail): OrderAction {
  const reason = '—';
  switch (action) {
    case 'dispatch':
    case 'reroute':
      return { action, leadDept: o.leadDept ?? '—', assistDepts: [] };
    case 'resolve':
      return { action, note: reason, photos: [] };
    case 'rate':
      return { action, rating: 'satisfied' };
    case 'close':
      return { action, unreachable: true, reason };
    case 'mark_duplicate':
      return { action, duplicateOf: o.id + 1 };
    case 'note':
      return { action, text: reason, photos: [] };
    default:
      return { action, reason, note: reason } as unknown as OrderAction;
  }
}

/** The parties' moves: who may take them depends on the account's party, which only the server knows. */
const PARTY_ACTIONS: ReadonlySet<OrderActionName> = new Set([
  'hand_up',
  'hand_down',
  'sign',
  'request_extension',
  'decide_extension',
  'request_assist',
  'assist_update',
  'note',
]);

/** What the core's rules say of every action this role takes from the order's status (older servers). */
export function dryRunOffers(o: OrderDetail, viewer: Viewer, now = new Date()): Offer[] {
  const state = orderState(o);
  const actor = { id: viewer.id, role: viewer.role, name: viewer.displayName ?? '', gridIds: [o.gridId] };
  return allowedActions(o.status)
    .filter((a) => ACTION_ROLES[a].includes(viewer.role) && !PARTY_ACTIONS.has(a))
    .map((action) => {
      const t = transition(state, sampleInput(action, o), actor, now);
      return isConflict(t) ? { action, allowed: false, reason: innerReason(t.message) } : { action, allowed: true };
    });
}

/** An action's reason as a message code: the server speaks it as text with `messageKey` and `params` beside it. */
function said(a: AvailableAction): Message | undefined {
  if (a.messageKey) return { key: a.messageKey, params: a.params } as Message;
  return a.reason && typeof a.reason === 'object' ? (a.reason as Message) : undefined;
}

/**
 * The offers a page shows: every allowed action, and the refused ones that matter to this account (its role takes
 * them, and the refusal is about this order rather than about its role or status), each with its reason.
 */
export function offeredActions(o: OrderDetail, viewer: Viewer, now = new Date()): Offer[] {
  const all = o.actions
    ? o.actions.map((a) => ({ action: a.action, allowed: a.allowed, reason: innerReason(said(a)) }))
    : dryRunOffers(o, viewer, now);
  return all.filter(
    (a) =>
      // A decision on more time is asked for only while a request waits for one.
      (a.action !== 'decide_extension' || o.extension?.status === 'pending') &&
      (a.allowed ||
        (ACTION_ROLES[a.action]?.includes(viewer.role) && !(a.reason && NOT_SHOWN_REASONS.has(a.reason.key)))),
  );
}
