// The plain-data shape of a work order (工单) that the pure rules read and write, and the report
// that creates one. Times are ISO strings so a state round-trips through JSON and SQL unchanged.
import type { Role } from '../../contract/auth.js';
import type { Party } from '../../contract/parties.js';
import { bilingual, m, type Message } from '../../contract/messages/index.js';
import { categoryByCode } from '../../contract/order-categories.js';
import type {
  EventActor,
  HazardLevel,
  OrderCreate,
  OrderEvent,
  OrderSource,
  OrderStatus,
  Rating,
} from '../../contract/orders.js';

export interface OrderState {
  id: number;
  status: OrderStatus;
  categoryCode: string;
  hazardLevel: HazardLevel;
  source: OrderSource;
  gridId: number;
  reportedAt: string;
  reportedBy: number;
  /** A resident left contact details, so close-out (销号) needs their rating or a documented failed callback. */
  hasReporter: boolean;
  leadDept: string | null;
  assistDepts: string[];
  /** Who last dispatched or rerouted it; that person may not also review the fix. */
  dispatchedBy: number | null;
  /** Who passed review (核查) of the current fix; null until then. */
  reviewedBy: number | null;
  /** Start of the current SLA cycle: the report, or the latest reopen. */
  clockStart: string;
  /** Set when the fix is handed in, or on cancel/duplicate; the clock does not run past it. */
  clockStoppedAt: string | null;
  /** 挂起 hold: since when, and which status to resume to. */
  heldSince: string | null;
  heldFrom: OrderStatus | null;
  /** Held time already folded in, excluded from SLA elapsed time. */
  pausedMs: number;
  rating: Rating | null;
  reopenCount: number;
  /** 回访 callback due after an unsatisfied rating. */
  callbackDue: string | null;
  /** 0 grid, 1 community, 2 street, 3 district. */
  escalationLevel: number;
  /** 0 none, 1 yellow card (黄牌), 2 red card (红牌). */
  cardsIssued: number;
  duplicateOf: number | null;
  closedAt: string | null;
  /** '/district/street/community/grid/': the order's grid and the areas above it. */
  areaPath: string;
  /** The party that holds it now (contract/parties.ts). */
  holder: Party;
  /** The party that last dispatched it to a department; a return goes back there. */
  dispatchedParty: Party | null;
  /** Approved extra time (申请延期), added to the deadline. */
  extensionMs: number;
  /** Hours of the request for more time that waits for a decision; null when none does. */
  pendingExtensionHours: number | null;
  /** 协办 tasks of other departments. */
  assists: OrderAssistState[];
}

export interface OrderAssistState {
  dept: string;
  status: 'requested' | 'signed' | 'done' | 'declined';
}

/** Everything stored about an order beyond its rule state. */
export interface OrderRecord extends OrderState {
  description: string;
  lon: number;
  lat: number;
  fields: Record<string, string | number>;
  photos: string[];
  reporterName: string | null;
  reporterPhone: string | null;
  deadline: string;
  updatedSeq: number;
}

export type ActorRole = Role | 'system';

const LINE_FROM_END = { grid: 1, community: 2, street: 3, centre: 4 } as const;

/**
 * The id of the area of a level above (or at) an order's grid, read from its path '/district/street/community/grid/';
 * the centre's area is the district. null when the path is shorter.
 */
export function partyArea(areaPath: string, kind: keyof typeof LINE_FROM_END): number | null {
  const line = areaPath.split('/').filter(Boolean).map(Number);
  const i = line.length - LINE_FROM_END[kind];
  return i >= 0 ? line[i] : kind === 'centre' && line.length ? line[0] : null;
}

/** The acting account, with the grids a grid worker covers (empty for other roles). */
export interface Actor {
  id: number;
  role: ActorRole;
  name: string;
  gridIds?: readonly number[];
  /**
   * The party the account acts for. Absent: the district centre of the order (an admin, the system, a dispatcher
   * over the whole installation) or, for a grid worker, the grid. null: no party (roles that do not act).
   */
  party?: Party | null;
}

/** The actor of automatic steps; its name is kept in both languages, as the event trail keeps it. */
export const SYSTEM_ACTOR: Actor = { id: 0, role: 'system', name: bilingual(m('orders.systemActor')) };

/** An event before the database gives it its seq. */
export type NewOrderEvent = Omit<OrderEvent, 'seq'>;

export interface Conflict {
  conflict: true;
  /** Why, and what is allowed now. */
  message: Message;
  allowed: string[];
}

export type Transition = { order: OrderState; event: NewOrderEvent } | Conflict;

export const isConflict = (r: Transition): r is Conflict => 'conflict' in r;

export const eventActor = (a: Actor): EventActor => ({ id: a.id, role: a.role, name: a.name });

/** Statuses no action leaves, except 销号 closed → reopen by an admin. */
export const TERMINAL_STATUSES: readonly OrderStatus[] = ['closed', 'cancelled', 'duplicate'];

export interface ReportContext {
  id: number;
  /** The grid the point falls in, found by the caller (a spatial query). */
  gridId: number;
  /** The grid's path: '/district/street/community/grid/'. */
  areaPath: string;
  actor: Actor;
  now: Date;
}

/** A new order in status 'reported', with the category's default hazard level when none was given. */
export function reportOrder(input: OrderCreate, ctx: ReportContext): { order: OrderState; event: NewOrderEvent } {
  const at = ctx.now.toISOString();
  const hazardLevel = input.hazardLevel ?? categoryByCode(input.categoryCode)?.defaultHazard ?? 'general';
  const order: OrderState = {
    id: ctx.id,
    status: 'reported',
    categoryCode: input.categoryCode,
    hazardLevel,
    source: input.source,
    gridId: ctx.gridId,
    reportedAt: at,
    reportedBy: ctx.actor.id,
    hasReporter: input.reporter !== undefined,
    leadDept: null,
    assistDepts: [],
    dispatchedBy: null,
    reviewedBy: null,
    clockStart: at,
    clockStoppedAt: null,
    heldSince: null,
    heldFrom: null,
    pausedMs: 0,
    rating: null,
    reopenCount: 0,
    callbackDue: null,
    escalationLevel: 0,
    cardsIssued: 0,
    duplicateOf: null,
    closedAt: null,
    areaPath: ctx.areaPath,
    // Reported by a grid worker: the grid handles it first (能自行处理的自行处理); anything else goes to the centre.
    holder:
      ctx.actor.role === 'grid_worker'
        ? { kind: 'grid', areaId: ctx.gridId }
        : { kind: 'centre', areaId: partyArea(ctx.areaPath, 'centre') ?? ctx.gridId },
    dispatchedParty: null,
    extensionMs: 0,
    pendingExtensionHours: null,
    assists: [],
  };
  const event: NewOrderEvent = {
    orderId: ctx.id,
    at,
    actor: eventActor(ctx.actor),
    action: 'report',
    from: null,
    to: 'reported',
    data: {
      categoryCode: input.categoryCode,
      hazardLevel,
      source: input.source,
      gridId: ctx.gridId,
      holder: order.holder,
    },
  };
  return { order, event };
}
