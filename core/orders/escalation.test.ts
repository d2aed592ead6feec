// The escalation ladder with a fake clock: cards, levels, the district ceiling, and idempotence.
import { describe, expect, it } from 'vitest';
import { bilingual, renderMessage } from '../../contract/messages/index.js';
import {
  DEFAULT_ESCALATION_POLICY as POLICY,
  applyEscalation,
  dueEscalations,
  type EscalationStep,
} from './escalation.js';
import { type OrderState, isConflict } from './state.js';
import { COMMUNITY, H, at, makeOrder } from './test-fixtures.js';

/** Applies every step in order, as the scheduler does inside one transaction. */
function applyAll(orders: OrderState[], steps: EscalationStep[], now: Date): OrderState[] {
  const byId = new Map(orders.map((o) => [o.id, o]));
  for (const s of steps) {
    const r = applyEscalation(byId.get(s.orderId)!, s, now);
    if (isConflict(r)) throw new Error(bilingual(r.message));
    byId.set(s.orderId, r.order);
  }
  return [...byId.values()];
}
const actions = (steps: EscalationStep[]) => steps.map((s) => `${s.action}:${s.fromLevel}>${s.toLevel}`);
/** The order after the scheduler has run at each of the given hours. */
function runAt(order: OrderState, ...hours: number[]): OrderState {
  let orders = [order];
  for (const h of hours) orders = applyAll(orders, dueEscalations(orders, POLICY, at(h * H)), at(h * H));
  return orders[0];
}

const major = makeOrder({ status: 'dispatched', hazardLevel: 'major' }); // 较大: 1 day
const general = makeOrder({ status: 'dispatched', hazardLevel: 'general' }); // 一般: 3 days

describe('dueEscalations', () => {
  it('issues nothing before the yellow-card share', () => {
    expect(dueEscalations([major], POLICY, at(17 * H))).toEqual([]);
  });

  it('shows a yellow card (黄牌) at 75 % of a 较大 day, 18 h', () => {
    expect(actions(dueEscalations([major], POLICY, at(18 * H)))).toEqual(['yellow_card:0>0']);
  });

  it('shows a red card (红牌) once the 较大 deadline has passed', () => {
    const warned = { ...major, cardsIssued: 1 };
    expect(dueEscalations([warned], POLICY, at(24 * H))).toEqual([]);
    expect(actions(dueEscalations([warned], POLICY, at(24 * H + 1)))).toEqual(['red_card:0>0']);
  });

  it('escalates a 较大 hazard to the community at 36 h and to the street after 48 h', () => {
    expect(runAt(major, 18, 25, 36)).toMatchObject({ escalationLevel: 1, cardsIssued: 2 });
    expect(runAt(major, 18, 25, 36, 47.9).escalationLevel).toBe(1);
    expect(runAt(major, 18, 25, 36, 48).escalationLevel).toBe(2);
  });

  it('escalates a 一般 hazard to the community only after 4.5 days', () => {
    expect(runAt(general, 107).escalationLevel).toBe(0);
    expect(runAt(general, 108).escalationLevel).toBe(1);
  });

  it('records every rung it skipped when the scheduler was down, in order', () => {
    expect(actions(dueEscalations([major], POLICY, at(49 * H)))).toEqual([
      'yellow_card:0>0',
      'red_card:0>0',
      'escalate:0>1',
      'escalate:1>2',
    ]);
  });

  it('never escalates past the district', () => {
    const steps = dueEscalations([major], POLICY, at(1000 * H));
    expect(Math.max(...steps.map((s) => s.toLevel))).toBe(3);
    const atDistrict = applyAll([major], steps, at(1000 * H));
    expect(atDistrict[0].escalationLevel).toBe(3);
    expect(dueEscalations(atDistrict, POLICY, at(10_000 * H))).toEqual([]);
  });

  it('is idempotent: running it on the applied result issues nothing new', () => {
    const orders = [major, general, makeOrder({ id: 1002, status: 'returned', hazardLevel: 'critical' })];
    const now = at(40 * H);
    const first = dueEscalations(orders, POLICY, now);
    expect(first.length).toBeGreaterThan(0);
    const after = applyAll(orders, first, now);
    expect(dueEscalations(after, POLICY, now)).toEqual([]);
    expect(dueEscalations(after, POLICY, at(40 * H + 1))).toEqual([]);
  });

  it('leaves held, resolved and finished orders alone', () => {
    const statuses = ['on_hold', 'resolved', 'closed', 'cancelled', 'duplicate'] as const;
    const orders = statuses.map((status, i) => makeOrder({ id: 2000 + i, status, hazardLevel: 'critical' }));
    expect(dueEscalations(orders, POLICY, at(500 * H))).toEqual([]);
  });

  it('does not count held time: an order paused for a day is not overdue a day late', () => {
    expect(dueEscalations([{ ...major, pausedMs: 24 * H, cardsIssued: 1 }], POLICY, at(47 * H))).toEqual([]);
  });

  it('carries the event to record, acted by the system, status unchanged', () => {
    const [step] = dueEscalations([major], POLICY, at(60 * H)).filter(
      (s) => s.action === 'escalate' && s.toLevel === 3,
    );
    expect(step.event).toMatchObject({
      orderId: major.id,
      action: 'escalate',
      from: 'dispatched',
      to: 'dispatched',
      at: at(60 * H).toISOString(),
      actor: { id: 0, role: 'system' },
      data: { fromLevel: 2, toLevel: 3, fromArea: 'street', toArea: 'district', elapsedShare: 2.5 },
    });
  });

  it('names the party that now supervises it, and leaves the holder as it was', () => {
    const [up] = dueEscalations([major], POLICY, at(37 * H)).filter((s) => s.action === 'escalate');
    expect(up.event.data).toMatchObject({
      supervisor: { kind: 'community', areaId: COMMUNITY },
      holder: major.holder,
    });
    const r = applyEscalation(major, up, at(37 * H));
    if (isConflict(r)) throw new Error(bilingual(r.message));
    expect(r.order.holder).toEqual(major.holder);
    expect(r.event.data?.supervisor).toEqual({ kind: 'community', areaId: COMMUNITY });
  });
});

describe('applyEscalation', () => {
  it('records a card once and refuses the same step a second time', () => {
    const [yellow] = dueEscalations([major], POLICY, at(20 * H));
    const r = applyEscalation(major, yellow, at(20 * H));
    if (isConflict(r)) throw new Error(bilingual(r.message));
    expect(r.order.cardsIssued).toBe(1);
    expect(r.event.action).toBe('yellow_card');
    expect(isConflict(applyEscalation(r.order, yellow, at(20 * H)))).toBe(true);
  });

  it('refuses a step for a level the order has already left', () => {
    const steps = dueEscalations([major], POLICY, at(37 * H));
    const up = steps.find((s) => s.action === 'escalate')!;
    const r = applyEscalation({ ...major, escalationLevel: 1 }, up, at(37 * H));
    expect(isConflict(r) && renderMessage(r.message, 'en')).toContain('no longer matches');
  });

  it('refuses to escalate an order resolved since the step was computed', () => {
    const [step] = dueEscalations([major], POLICY, at(30 * H));
    expect(isConflict(applyEscalation({ ...major, status: 'resolved' }, step, at(30 * H)))).toBe(true);
  });
});
