import { describe, expect, it } from 'vitest';
import { m } from '@contract/messages/index';
import type { OrderDetail, OrderEvent } from '@contract/orders';
import { dryRunOffers, innerReason, offeredActions, stateFromEvents } from './offered-actions';

const actor = (id: number, role: OrderEvent['actor']['role'] = 'dispatcher') => ({ id, role, name: `#${id}` });
let seq = 0;
const ev = (action: OrderEvent['action'], by: number, to: OrderEvent['to'], data?: OrderEvent['data']): OrderEvent => ({
  seq: ++seq,
  orderId: 1,
  at: new Date(Date.UTC(2026, 0, 1, 0, seq)).toISOString(),
  actor: actor(by, by === 1 ? 'admin' : 'dispatcher'),
  action,
  from: null,
  to,
  ...(data ? { data } : {}),
});

/** A resolved order that admin (#1) accepted, dispatched and resolved; no reporter. */
function resolved(overrides: Partial<OrderDetail> = {}): OrderDetail {
  return {
    id: 1,
    categoryCode: 'SAN-01',
    status: 'resolved',
    hazardLevel: 'general',
    lon: 121.4,
    lat: 31.2,
    gridId: 9,
    source: 'wall',
    reportedAt: '2026-01-01T00:00:00.000Z',
    deadline: '2026-01-04T00:00:00.000Z',
    sla: 'ok',
    escalationLevel: 0,
    cardsIssued: 0,
    leadDept: 'urban_mgmt',
    updatedSeq: 5,
    description: 'x',
    photos: [],
    fields: {},
    assistDepts: [],
    reporter: null,
    rating: null,
    reopenCount: 0,
    callbackDue: null,
    duplicateOf: null,
    publicText: null,
    events: [
      ev('report', 1, 'reported'),
      ev('accept', 1, 'accepted'),
      ev('dispatch', 1, 'dispatched', { leadDept: 'urban_mgmt' }),
      ev('start', 1, 'in_progress'),
      ev('resolve', 1, 'resolved', { note: '已清理' }),
    ],
    ...overrides,
  };
}

const dispatcher = { id: 7, role: 'dispatcher' as const };

describe('offered actions without the server’s list (the core’s rules as a dry run)', () => {
  it('offers review to a dispatcher who did not dispatch, and greys rating and close-out with their reasons', () => {
    const offers = offeredActions(resolved(), dispatcher);
    expect(offers.filter((o) => o.allowed).map((o) => o.action)).toEqual(['review_pass', 'review_fail']);
    const refused = Object.fromEntries(offers.filter((o) => !o.allowed).map((o) => [o.action, o.reason?.key]));
    expect(refused).toEqual({ rate: 'orders.refuse.noReporter', close: 'orders.refuse.reviewBeforeClose' });
  });

  it('offers the dispatcher who dispatched no review at all (someone else reviews), and says why', () => {
    const offers = offeredActions(resolved(), { id: 1, role: 'admin' });
    expect(offers.filter((o) => o.allowed)).toEqual([]);
    expect(offers.find((o) => o.action === 'review_pass')?.reason?.key).toBe('orders.refuse.reviewerDispatched');
  });

  it('offers close-out once review passed, and then not review again', () => {
    const o = resolved();
    o.events = [...o.events, ev('review_pass', 7, 'resolved')];
    const offers = offeredActions(o, { id: 8, role: 'dispatcher' });
    expect(offers.filter((x) => x.allowed).map((x) => x.action)).toEqual(['review_fail', 'close']);
    expect(offers.find((x) => x.action === 'review_pass')?.reason?.key).toBe('orders.refuse.reviewPassed');
  });

  it('shows a role nothing it could never take (no greyed buttons for other roles’ actions)', () => {
    expect(offeredActions(resolved(), { id: 3, role: 'operator' })).toEqual([]);
    expect(dryRunOffers(resolved(), { id: 21, role: 'grid_worker' })).toEqual([]);
  });

  it('reads who dispatched and who reviewed from the trail, a new fix clearing the review', () => {
    const o = resolved();
    const trail = [...o.events, ev('review_pass', 7, 'resolved'), ev('review_fail', 8, 'in_progress')];
    expect(stateFromEvents(trail)).toEqual({ dispatchedBy: 1, reviewedBy: null });
    expect(stateFromEvents([...o.events, ev('review_pass', 7, 'resolved')])).toEqual({
      dispatchedBy: 1,
      reviewedBy: 7,
    });
  });
});

describe('offered actions from the server’s list', () => {
  it('offers exactly the allowed ones, greys those refused for this order, hides role and status refusals', () => {
    const o = resolved({
      actions: [
        { action: 'review_pass', allowed: false, reason: m('orders.refuse.reviewerDispatched') },
        { action: 'note', allowed: true },
        {
          action: 'close',
          allowed: false,
          reason: m('orders.conflict', { reason: m('orders.refuse.reviewBeforeClose') }),
        },
        { action: 'accept', allowed: false, reason: m('orders.refuse.wrongStatus', { status: 'x', action: 'y' }) },
        { action: 'sign', allowed: false, reason: m('orders.refuse.role', { role: 'x', action: 'y', roles: [] }) },
      ],
    });
    const offers = offeredActions(o, dispatcher);
    expect(offers.map((x) => [x.action, x.allowed, x.reason?.key])).toEqual([
      ['review_pass', false, 'orders.refuse.reviewerDispatched'],
      ['note', true, undefined],
      ['close', false, 'orders.refuse.reviewBeforeClose'],
    ]);
  });

  it('offers a decision on more time only while a request waits', () => {
    const ext = { hours: 24, reason: '材料未到', requestedAt: '2026-01-01T00:00:00.000Z', decidedAt: null };
    const actions = [{ action: 'decide_extension' as const, allowed: true }];
    expect(offeredActions(resolved({ actions, extension: { ...ext, status: 'pending' } }), dispatcher)).toHaveLength(1);
    expect(offeredActions(resolved({ actions, extension: { ...ext, status: 'approved' } }), dispatcher)).toEqual([]);
    expect(offeredActions(resolved({ actions, extension: null }), dispatcher)).toEqual([]);
  });

  it('unwraps a conflict to its reason and leaves other messages alone', () => {
    const inner = m('orders.refuse.alreadyRated');
    expect(innerReason(m('orders.conflict', { reason: inner }))).toEqual(inner);
    expect(innerReason(inner)).toEqual(inner);
    expect(innerReason(undefined)).toBeUndefined();
  });
});
