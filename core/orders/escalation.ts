// The escalation ladder (逐级上报) for overdue work orders: a yellow card (黄牌, warning) at the
// policy's warnAt share, a red card (红牌) when overdue, then one level up the ladder
// grid → community → street → district for every further interval overdue. The steps due are a
// function of the order's recorded state and the clock, so a scheduler that runs twice issues nothing new.
import type { AreaLevel } from '../../contract/areas.js';
import type { OrderStatus } from '../../contract/orders.js';
import { supervisingParty } from './parties.js';
import { DEFAULT_SLA_POLICY, type SlaPolicy, type SlaState, slaState } from './sla.js';
import { m, type Message } from '../../contract/messages/index.js';
import {
  type Conflict,
  type NewOrderEvent,
  type OrderState,
  type Transition,
  SYSTEM_ACTOR,
  eventActor,
} from './state.js';

/** escalationLevel indexes this ladder: 0 grid … 3 district. */
export const ESCALATION_LADDER = ['grid', 'community', 'street', 'district'] as const satisfies readonly AreaLevel[];
export const MAX_ESCALATION_LEVEL = ESCALATION_LADDER.length - 1;

export interface EscalationPolicy {
  sla: SlaPolicy;
  /** After the red card, each further overdue share of the time allowed moves the order up one level. */
  escalateEvery: number;
}

/** 较大 (1 day): red after 24 h, community at 36 h, street at 48 h, district at 60 h. */
export const DEFAULT_ESCALATION_POLICY: EscalationPolicy = { sla: DEFAULT_SLA_POLICY, escalateEvery: 0.5 };

/**
 * Statuses whose clock is someone's responsibility. Not on_hold (clock paused), not resolved (the fix is
 * in; review is the center's own queue), not the terminal ones.
 */
export const ESCALATING_STATUSES: readonly OrderStatus[] = [
  'reported',
  'accepted',
  'dispatched',
  'in_progress',
  'returned',
];

export type EscalationAction = 'yellow_card' | 'red_card' | 'escalate';

export interface EscalationStep {
  orderId: number;
  action: EscalationAction;
  /** Ladder levels; equal for cards. */
  fromLevel: number;
  toLevel: number;
  /** The event to record when the step is applied now. */
  event: NewOrderEvent;
}

/** How many levels above grid the order should be at, given how far past its deadline it is. */
export function targetLevel(sla: Pick<SlaState, 'elapsedMs' | 'allowedMs'>, escalateEvery: number): number {
  if (sla.elapsedMs <= sla.allowedMs || escalateEvery <= 0) return 0;
  const intervals = Math.floor((sla.elapsedMs - sla.allowedMs) / (sla.allowedMs * escalateEvery));
  return Math.min(MAX_ESCALATION_LEVEL, intervals);
}

function escalationEvent(
  order: OrderState,
  action: EscalationAction,
  fromLevel: number,
  toLevel: number,
  now: Date,
  elapsedShare: number,
): NewOrderEvent {
  return {
    orderId: order.id,
    at: now.toISOString(),
    actor: eventActor(SYSTEM_ACTOR),
    action,
    from: order.status,
    to: order.status,
    data: {
      fromLevel,
      toLevel,
      fromArea: ESCALATION_LADDER[fromLevel],
      toArea: ESCALATION_LADDER[toLevel],
      elapsedShare: Math.round(elapsedShare * 1000) / 1000,
      // The level that now watches it; the holder stays who it was.
      ...(action === 'escalate' ? { supervisor: supervisingParty(order, toLevel) } : {}),
      holder: order.holder,
    },
  };
}

/** The steps one order is due, in the order they should be applied. */
export function escalationsFor(order: OrderState, policy: EscalationPolicy, now: Date): EscalationStep[] {
  if (!ESCALATING_STATUSES.includes(order.status)) return [];
  const sla = slaState(order, policy.sla, now);
  const level = order.escalationLevel;
  const steps: EscalationStep[] = [];
  const add = (action: EscalationAction, from: number, to: number) =>
    steps.push({
      orderId: order.id,
      action,
      fromLevel: from,
      toLevel: to,
      event: escalationEvent(order, action, from, to, now, sla.elapsedShare),
    });
  if (order.cardsIssued < 1 && sla.state !== 'ok') add('yellow_card', level, level);
  if (order.cardsIssued < 2 && sla.state === 'red') add('red_card', level, level);
  const target = targetLevel(sla, policy.escalateEvery);
  // One step per rung, so a scheduler that was down records each level it skipped.
  for (let l = level; l < target; l++) add('escalate', l, l + 1);
  return steps;
}

/** Every step due across a batch of orders; empty when run again on the applied result. */
export function dueEscalations(orders: readonly OrderState[], policy: EscalationPolicy, now: Date): EscalationStep[] {
  return orders.flatMap((o) => escalationsFor(o, policy, now));
}

function stale(message: Message): Conflict {
  return { conflict: true, message, allowed: [] };
}

/**
 * Records one step on the order. A step that no longer applies (already recorded, order moved on)
 * is a Conflict, so two schedulers racing on the same row cannot issue a card twice.
 */
export function applyEscalation(order: OrderState, step: EscalationStep, now: Date): Transition {
  if (step.orderId !== order.id) return stale(m('orders.escalation.otherOrder'));
  if (!ESCALATING_STATUSES.includes(order.status)) {
    return stale(m('orders.escalation.notEscalating', { status: order.status }));
  }
  const share = typeof step.event?.data?.elapsedShare === 'number' ? step.event.data.elapsedShare : 0;
  let next: OrderState;
  switch (step.action) {
    case 'yellow_card':
      if (order.cardsIssued >= 1) return stale(m('orders.escalation.yellowIssued'));
      next = { ...order, cardsIssued: 1 };
      break;
    case 'red_card':
      if (order.cardsIssued >= 2) return stale(m('orders.escalation.redIssued'));
      next = { ...order, cardsIssued: 2 };
      break;
    case 'escalate':
      if (
        step.fromLevel !== order.escalationLevel ||
        step.toLevel !== step.fromLevel + 1 ||
        step.toLevel > MAX_ESCALATION_LEVEL
      ) {
        return stale(m('orders.escalation.stepOutdated'));
      }
      next = { ...order, escalationLevel: step.toLevel };
      break;
    default:
      return stale(m('orders.escalation.unknownStep'));
  }
  return { order: next, event: escalationEvent(order, step.action, step.fromLevel, step.toLevel, now, share) };
}
