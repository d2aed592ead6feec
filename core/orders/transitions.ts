// The work-order state machine as data: which action is allowed from which status, where it leads,
// and which roles may take it. lifecycle.ts applies the table plus the guards that need the order.
import type { OrderActionName, OrderStatus } from '../../contract/orders.js';
import type { ActorRole } from './state.js';

/**
 * A target of 'held_from' means "back to the status the order had before 挂起 hold"; 'same' leaves the status as it is
 * (the parties' moves: hand up or down, extensions, assists, notes).
 * Two targets depend on the order and are overridden in lifecycle.ts:
 * - rate 'unsatisfied' reopens to 'dispatched' (same lead department; 'accepted' if it never had one);
 * - reopen goes to 'dispatched' likewise ('accepted' when there is no lead department).
 */
export type Target = OrderStatus | 'held_from' | 'same';

export const TRANSITIONS: Readonly<Record<OrderStatus, Readonly<Partial<Record<OrderActionName, Target>>>>> = {
  // 'start' from reported is a grid worker handling it on the spot (能自行处理的自行处理).
  reported: {
    accept: 'accepted',
    start: 'in_progress',
    hold: 'on_hold',
    cancel: 'cancelled',
    mark_duplicate: 'duplicate',
    hand_up: 'same',
    hand_down: 'same',
    note: 'same',
  },
  accepted: {
    dispatch: 'dispatched',
    hold: 'on_hold',
    cancel: 'cancelled',
    mark_duplicate: 'duplicate',
    hand_up: 'same',
    hand_down: 'same',
    note: 'same',
  },
  // 签收 sign: the department takes it on, as start does for the others.
  dispatched: {
    start: 'in_progress',
    sign: 'in_progress',
    return: 'returned',
    hold: 'on_hold',
    cancel: 'cancelled',
    mark_duplicate: 'duplicate',
    request_extension: 'same',
    decide_extension: 'same',
    request_assist: 'same',
    assist_update: 'same',
    note: 'same',
  },
  in_progress: {
    resolve: 'resolved',
    return: 'returned',
    hold: 'on_hold',
    cancel: 'cancelled',
    request_extension: 'same',
    decide_extension: 'same',
    request_assist: 'same',
    assist_update: 'same',
    note: 'same',
  },
  // 待核查 pending review: review_pass and rate stay here (recorded on the order) until close-out.
  // review_fail goes back to in_progress: the lead department keeps the order and redoes the fix.
  resolved: {
    review_pass: 'resolved',
    review_fail: 'in_progress',
    rate: 'resolved',
    close: 'closed',
    assist_update: 'same',
    note: 'same',
  },
  // Back with the party that dispatched it: it dispatches again (reroute), or hands it up or down.
  returned: {
    reroute: 'dispatched',
    cancel: 'cancelled',
    mark_duplicate: 'duplicate',
    hand_up: 'same',
    hand_down: 'same',
    note: 'same',
  },
  on_hold: { resume: 'held_from', cancel: 'cancelled', mark_duplicate: 'duplicate', note: 'same' },
  closed: { reopen: 'dispatched' },
  cancelled: {},
  duplicate: {},
};

/**
 * Roles first; then the party rules (parties.ts) decide which account of a role may act on which order. 'system' accepts and dispatches safety hazards on
 * discovery by the responsibility list (seed 003), and records a resident's rating from the app or Open311.
 */
export const ACTION_ROLES: Readonly<Record<OrderActionName, readonly ActorRole[]>> = {
  accept: ['dispatcher', 'admin', 'system'],
  dispatch: ['dispatcher', 'admin', 'system'],
  start: ['grid_worker', 'dispatcher', 'admin'],
  resolve: ['grid_worker', 'dispatcher', 'department', 'admin'],
  review_pass: ['dispatcher', 'admin'],
  review_fail: ['dispatcher', 'admin'],
  return: ['dispatcher', 'department', 'admin'],
  reroute: ['dispatcher', 'admin'],
  hold: ['dispatcher', 'admin'],
  resume: ['dispatcher', 'admin'],
  rate: ['dispatcher', 'admin', 'system'],
  close: ['dispatcher', 'admin'],
  cancel: ['dispatcher', 'admin'],
  mark_duplicate: ['dispatcher', 'admin'],
  reopen: ['admin'],
  hand_up: ['grid_worker', 'dispatcher', 'admin'],
  hand_down: ['dispatcher', 'admin'],
  sign: ['department'],
  request_extension: ['department'],
  decide_extension: ['dispatcher', 'admin'],
  request_assist: ['department'],
  assist_update: ['department'],
  note: ['grid_worker', 'dispatcher', 'department', 'admin'],
};

/** Actions whose reason string is mandatory (the schema says so too; the core does not trust callers). */
export const REASON_REQUIRED: ReadonlySet<OrderActionName> = new Set([
  'review_fail',
  'return',
  'hold',
  'cancel',
  'reopen',
  'hand_up',
  'request_extension',
]);

export function allowedActions(status: OrderStatus): OrderActionName[] {
  return Object.keys(TRANSITIONS[status] ?? {}) as OrderActionName[];
}

/**
 * Why a role may not take an action from a status, judged before the order's own data: the action's roles,
 * and 能自行处理的自行处理 (the center accepts and dispatches a new report; only a grid worker starts one on the
 * spot). lifecycle.ts refuses by it and the console offers buttons by it, so the two cannot disagree.
 */
export function roleRefusal(
  status: OrderStatus,
  action: OrderActionName,
  role: ActorRole,
): 'role' | 'start_unaccepted' | null {
  if (!ACTION_ROLES[action].includes(role)) return 'role';
  if (action === 'start' && status === 'reported' && role !== 'grid_worker') return 'start_unaccepted';
  return null;
}

/** The actions a role may take from a status, in the table's order: the buttons a client offers. */
export function actionsFor(status: OrderStatus, role: ActorRole): OrderActionName[] {
  return allowedActions(status).filter((a) => roleRefusal(status, a, role) === null);
}

export const STATUS_LABELS: Readonly<Record<OrderStatus, { zh: string; en: string }>> = {
  reported: { zh: '已上报', en: 'reported' },
  accepted: { zh: '已受理', en: 'accepted' },
  dispatched: { zh: '已派遣', en: 'dispatched' },
  in_progress: { zh: '处置中', en: 'in progress' },
  resolved: { zh: '待核查', en: 'resolved, pending review' },
  closed: { zh: '已销号', en: 'closed' },
  returned: { zh: '已退单', en: 'returned' },
  on_hold: { zh: '已挂起', en: 'on hold' },
  cancelled: { zh: '已撤销', en: 'cancelled' },
  duplicate: { zh: '重复工单', en: 'duplicate' },
};
