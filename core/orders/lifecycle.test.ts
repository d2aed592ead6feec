// Guards, clocks and the callback loop of the work-order state machine.
import { describe, expect, it } from 'vitest';
import { bilingual, renderMessage } from '../../contract/messages/index.js';
import type { OrderAction, OrderCreate } from '../../contract/orders.js';
import { transition } from './lifecycle.js';
import { type Actor, type OrderState, type Transition, isConflict, reportOrder } from './state.js';
import {
  AREA_PATH,
  DISTRICT,
  GRID,
  H,
  deptFire,
  T0,
  admin,
  at,
  dispatcherA,
  dispatcherB,
  gridWorker,
  makeOrder,
  operator,
  otherGridWorker,
} from './test-fixtures.js';

function ok(r: Transition) {
  if (isConflict(r)) throw new Error(`unexpected conflict: ${bilingual(r.message)}`);
  return r;
}
/** The refusal in both languages, so a test can look for either half. */
function refused(r: Transition): string {
  if (!isConflict(r)) throw new Error(`expected a conflict, got ${r.order.status}`);
  return bilingual(r.message);
}
const step = (o: OrderState, a: OrderAction, actor: Actor, hours: number) =>
  ok(transition(o, a, actor, at(hours * H))).order;

describe('the whole loop', () => {
  it('runs report → accept → dispatch → start → resolve → review → rate → close (销号)', () => {
    const input: OrderCreate = {
      categoryCode: 'SAF-01',
      description: '3 号楼消防通道堆放自行车',
      lon: 121.45,
      lat: 31.23,
      source: 'grid_worker',
      reporter: { name: '张三', phone: '13812345678' },
    };
    const r = reportOrder(input, { id: 5, gridId: GRID, areaPath: AREA_PATH, actor: gridWorker, now: T0 });
    expect(r.order).toMatchObject({
      status: 'reported',
      hazardLevel: 'major',
      hasReporter: true,
      clockStart: T0.toISOString(),
    });
    expect(r.event).toMatchObject({ action: 'report', from: null, to: 'reported' });
    let o = step(r.order, { action: 'accept' }, dispatcherA, 0.1);
    o = step(o, { action: 'dispatch', leadDept: 'fire', assistDepts: ['community'] }, dispatcherA, 0.2);
    expect(o).toMatchObject({
      status: 'dispatched',
      leadDept: 'fire',
      assistDepts: ['community'],
      dispatchedBy: dispatcherA.id,
    });
    expect(o.holder).toEqual({ kind: 'department', areaId: DISTRICT, dept: 'fire' });
    o = step(o, { action: 'sign' }, deptFire, 1);
    o = step(o, { action: 'resolve', note: '已清理', photos: [] }, deptFire, 4);
    expect(o.clockStoppedAt).toBe(at(4 * H).toISOString());
    o = step(o, { action: 'review_pass' }, dispatcherB, 5);
    o = step(o, { action: 'rate', rating: 'satisfied' }, dispatcherB, 6);
    const closed = ok(transition(o, { action: 'close', unreachable: false }, dispatcherB, at(6 * H)));
    expect(closed.order).toMatchObject({ status: 'closed', rating: 'satisfied', closedAt: at(6 * H).toISOString() });
    expect(closed.event).toMatchObject({
      action: 'close',
      from: 'resolved',
      to: 'closed',
      at: at(6 * H).toISOString(),
      actor: { id: dispatcherB.id, role: 'dispatcher', name: dispatcherB.name },
    });
  });

  it('takes the category default hazard level when the report gives none', () => {
    const r = reportOrder(
      { categoryCode: 'SAN-01', description: '垃圾', lon: 121, lat: 31, source: 'app' },
      { id: 6, gridId: GRID, areaPath: AREA_PATH, actor: gridWorker, now: T0 },
    );
    expect(r.order).toMatchObject({ hazardLevel: 'general', hasReporter: false });
  });
});

describe('review (核查)', () => {
  const resolved = makeOrder({ status: 'resolved', dispatchedBy: dispatcherA.id });

  it('refuses a review by the dispatcher who dispatched the order', () => {
    expect(refused(transition(resolved, { action: 'review_pass' }, dispatcherA, at(H)))).toContain('派单人不能核查');
    expect(refused(transition(resolved, { action: 'review_fail', reason: '未整改' }, dispatcherA, at(H)))).toContain(
      'may not review',
    );
  });

  it('lets another dispatcher pass the review', () => {
    expect(step(resolved, { action: 'review_pass' }, dispatcherB, 1).reviewedBy).toBe(dispatcherB.id);
  });

  it('sends a failed fix back to in_progress with the same lead department, clock running again', () => {
    const r = ok(transition(resolved, { action: 'review_fail', reason: '通道仍堵' }, dispatcherB, at(6 * H)));
    expect(r.order).toMatchObject({ status: 'in_progress', leadDept: 'fire', clockStoppedAt: null });
    expect(r.event.reason).toBe('通道仍堵');
  });

  it('refuses to pass the same review twice', () => {
    const reviewed = makeOrder({ status: 'resolved', reviewedBy: dispatcherB.id });
    expect(refused(transition(reviewed, { action: 'review_pass' }, dispatcherB, at(H)))).toContain('已核查通过');
  });
});

describe('rating and close-out (评价与销号)', () => {
  const reviewed = makeOrder({ status: 'resolved', reviewedBy: dispatcherB.id });

  it('refuses to close an order with a reporter and no rating', () => {
    expect(refused(transition(reviewed, { action: 'close', unreachable: false }, dispatcherB, at(H)))).toContain(
      '销号前须回访',
    );
  });

  it('closes without a rating when the reporter could not be reached, keeping the reason', () => {
    const r = ok(
      transition(reviewed, { action: 'close', unreachable: true, reason: '三次致电无人接听' }, dispatcherB, at(H)),
    );
    expect(r.order.status).toBe('closed');
    expect(r.event).toMatchObject({ reason: '三次致电无人接听', data: { unreachable: true, rating: null } });
  });

  it('refuses unreachable without a reason even if the schema was bypassed', () => {
    expect(refused(transition(reviewed, { action: 'close', unreachable: true }, dispatcherB, at(H)))).toContain(
      '须说明原因',
    );
  });

  it('closes an order that has no reporter without any rating', () => {
    expect(
      step({ ...reviewed, hasReporter: false }, { action: 'close', unreachable: false }, dispatcherB, 1).status,
    ).toBe('closed');
  });

  it('refuses close-out and rating before review has passed', () => {
    const unreviewed = makeOrder({ status: 'resolved', rating: 'satisfied' });
    expect(refused(transition(unreviewed, { action: 'close', unreachable: false }, dispatcherB, at(H)))).toContain(
      '须先核查通过',
    );
    expect(
      refused(transition(makeOrder({ status: 'resolved' }), { action: 'rate', rating: 'basic' }, dispatcherB, at(H))),
    ).toContain('须先核查通过');
  });

  it('reopens on 不满意: back to dispatched, same lead department, callback (回访) due in 24 h', () => {
    const o = { ...reviewed, cardsIssued: 2, pausedMs: 5 * H };
    const r = ok(
      transition(
        o,
        { action: 'rate', rating: 'unsatisfied', comment: '没修好' },
        { id: 0, role: 'system', name: 'app' },
        at(30 * H),
      ),
    );
    expect(r.order).toMatchObject({
      status: 'dispatched',
      leadDept: 'fire',
      reopenCount: 1,
      rating: null,
      reviewedBy: null,
      callbackDue: at(54 * H).toISOString(),
      clockStart: at(30 * H).toISOString(),
      clockStoppedAt: null,
      pausedMs: 0,
      cardsIssued: 0,
    });
    expect(r.event).toMatchObject({
      from: 'resolved',
      to: 'dispatched',
      data: { rating: 'unsatisfied', comment: '没修好' },
    });
  });

  it('refuses a second rating', () => {
    expect(
      refused(
        transition({ ...reviewed, rating: 'basic' }, { action: 'rate', rating: 'satisfied' }, dispatcherB, at(H)),
      ),
    ).toContain('已评价');
  });
});

describe('roles', () => {
  it('lets a grid worker start and resolve orders in their own grid only, while the grid holds them', () => {
    const d = makeOrder();
    const started = step(d, { action: 'start' }, gridWorker, 1);
    expect(step(started, { action: 'resolve', note: '已处置', photos: [] }, gridWorker, 2).status).toBe('resolved');
    expect(refused(transition(d, { action: 'start' }, otherGridWorker, at(H)))).toContain('本网格');
    const held = makeOrder({ status: 'dispatched' });
    expect(refused(transition(held, { action: 'start' }, gridWorker, at(H)))).toContain('部门');
  });

  it('lets a grid worker handle an unaccepted order on the spot, but not the center', () => {
    expect(step(makeOrder(), { action: 'start' }, gridWorker, 1).status).toBe('in_progress');
    expect(refused(transition(makeOrder(), { action: 'start' }, dispatcherA, at(H)))).toContain('须先受理');
  });

  it('refuses accept, dispatch and cancel to a grid worker', () => {
    expect(refused(transition(makeOrder(), { action: 'accept' }, gridWorker, at(H)))).toContain('网格员无权受理');
    expect(
      refused(
        transition(
          makeOrder({ status: 'accepted' }),
          { action: 'dispatch', leadDept: 'fire', assistDepts: [] },
          gridWorker,
          at(H),
        ),
      ),
    ).toContain('role grid worker may not dispatch');
    expect(refused(transition(makeOrder(), { action: 'cancel', reason: 'x' }, gridWorker, at(H)))).toContain(
      '无权撤销',
    );
  });

  it('gives a refusal as a code whose reason reads in either language, without a list of action codes', () => {
    const r = transition(
      makeOrder({ status: 'accepted' }),
      { action: 'dispatch', leadDept: 'fire', assistDepts: [] },
      gridWorker,
      at(H),
    );
    if (!isConflict(r)) throw new Error('expected a conflict');
    expect(r.message.key).toBe('orders.conflict');
    expect(r.message.params?.reason).toMatchObject({ key: 'orders.refuse.role' });
    expect(renderMessage(r.message, 'zh-CN')).toBe('网格员无权派遣，须由调度员、管理员、系统操作');
    expect(renderMessage(r.message, 'en')).toBe('role grid worker may not dispatch; dispatcher, admin, system may');
  });

  it('refuses every action to an operator at the wall', () => {
    expect(refused(transition(makeOrder(), { action: 'accept' }, operator, at(H)))).toContain('值守员无权受理');
  });

  it('lets only an admin reopen a closed order, and only with a reason', () => {
    const closed = makeOrder({ status: 'closed' });
    expect(refused(transition(closed, { action: 'reopen', reason: '再次反映' }, dispatcherA, at(H)))).toContain(
      '须由管理员操作',
    );
    expect(refused(transition(closed, { action: 'reopen', reason: ' ' }, admin, at(H)))).toContain('须填写原因');
    const r = ok(transition(closed, { action: 'reopen', reason: '再次反映' }, admin, at(48 * H)));
    expect(r.order).toMatchObject({
      status: 'dispatched',
      reopenCount: 1,
      closedAt: null,
      rating: null,
      clockStart: at(48 * H).toISOString(),
    });
  });

  it('reopens an order that never had a lead department to accepted, for the center to dispatch', () => {
    expect(
      step(makeOrder({ status: 'closed', leadDept: null }), { action: 'reopen', reason: 'x' }, admin, 1).status,
    ).toBe('accepted');
  });
});

describe('hold (挂起) and the clock', () => {
  it('adds the held time to pausedMs on resume and returns to the status it left', () => {
    const held = step(
      makeOrder({ status: 'in_progress', pausedMs: 0 }),
      { action: 'hold', reason: '等待配件' },
      dispatcherA,
      2,
    );
    expect(held).toMatchObject({ status: 'on_hold', heldSince: at(2 * H).toISOString(), heldFrom: 'in_progress' });
    const r = ok(transition(held, { action: 'resume' }, dispatcherA, at(5 * H)));
    expect(r.order).toMatchObject({ status: 'in_progress', pausedMs: 3 * H, heldSince: null, heldFrom: null });
    expect(r.event.data).toMatchObject({ heldMs: 3 * H });
  });

  it('accumulates several holds', () => {
    let o = makeOrder({ status: 'dispatched' });
    o = step(o, { action: 'hold', reason: 'a' }, dispatcherA, 1);
    o = step(o, { action: 'resume' }, dispatcherA, 2);
    o = step(o, { action: 'hold', reason: 'b' }, dispatcherA, 10);
    o = step(o, { action: 'resume' }, dispatcherA, 10.5);
    expect(o.pausedMs).toBe(1.5 * H);
  });

  it('folds the held time in when a held order is cancelled', () => {
    const o = makeOrder({ status: 'on_hold', heldSince: at(1 * H).toISOString(), pausedMs: H });
    const r = ok(transition(o, { action: 'cancel', reason: '撤回' }, dispatcherA, at(4 * H)));
    expect(r.order).toMatchObject({
      status: 'cancelled',
      pausedMs: 4 * H,
      heldSince: null,
      clockStoppedAt: at(4 * H).toISOString(),
    });
  });
});

describe('return (退单) and reroute (改派)', () => {
  it('sends the order back without an owner and records who returned it', () => {
    const r = ok(
      transition(makeOrder({ status: 'dispatched' }), { action: 'return', reason: '非本部门职责' }, dispatcherB, at(H)),
    );
    expect(r.order).toMatchObject({ status: 'returned', leadDept: null, assistDepts: [] });
    expect(r.event).toMatchObject({ reason: '非本部门职责', data: { returnedBy: 'fire' } });
  });

  it('reroutes to a new lead department and makes the rerouter the dispatcher of record', () => {
    const o = step(
      makeOrder({ status: 'returned' }),
      { action: 'reroute', leadDept: 'housing', assistDepts: ['housing', 'community'] },
      dispatcherB,
      1,
    );
    expect(o).toMatchObject({
      status: 'dispatched',
      leadDept: 'housing',
      assistDepts: ['community'],
      dispatchedBy: dispatcherB.id,
    });
  });
});

describe('totality', () => {
  it('returns a conflict, never throws, for an unknown or missing action', () => {
    expect(refused(transition(makeOrder(), { action: 'explode' } as unknown as OrderAction, admin, at(H)))).toContain(
      'unknown action explode',
    );
    expect(refused(transition(makeOrder(), null as unknown as OrderAction, admin, at(H)))).toContain('未知操作');
  });

  it('returns a conflict for an invalid clock or a missing reason', () => {
    expect(refused(transition(makeOrder(), { action: 'accept' }, admin, new Date(Number.NaN)))).toContain(
      'invalid time',
    );
    expect(refused(transition(makeOrder(), { action: 'cancel' } as OrderAction, admin, at(H)))).toContain(
      'cancel needs a reason',
    );
  });

  it('refuses to mark an order a duplicate of itself', () => {
    expect(refused(transition(makeOrder(), { action: 'mark_duplicate', duplicateOf: 1001 }, admin, at(H)))).toContain(
      'duplicate itself',
    );
  });

  it('does not mutate the order it is given', () => {
    const o = makeOrder({ status: 'on_hold', heldSince: at(1 * H).toISOString() });
    const copy = structuredClone(o);
    transition(o, { action: 'resume' }, admin, at(3 * H));
    expect(o).toEqual(copy);
  });
});
