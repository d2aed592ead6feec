// Every (status, action) pair, allowed or forbidden, against a matrix written out by hand here, so a
// change to the table in transitions.ts must be made twice, on purpose.
import { bilingual, m, renderMessage } from '../../contract/messages/index.js';
import { describe, expect, it } from 'vitest';
import { ROLES } from '../../contract/auth.js';
import {
  ORDER_ACTIONS,
  ORDER_STATUSES,
  type OrderAction,
  type OrderActionName,
  type OrderStatus,
} from '../../contract/orders.js';
import { transition } from './lifecycle.js';
import { type Actor, type ActorRole, isConflict } from './state.js';
import { admin, at, dispatcherB, GRID, gridWorker, H, makeOrder } from './test-fixtures.js';
import { TRANSITIONS, actionsFor, allowedActions } from './transitions.js';

/** action>target, by hand. */
const EXPECTED: Record<OrderStatus, string> = {
  reported: 'accept>accepted start>in_progress hold>on_hold cancel>cancelled mark_duplicate>duplicate',
  accepted: 'dispatch>dispatched hold>on_hold cancel>cancelled mark_duplicate>duplicate',
  dispatched: 'start>in_progress return>returned hold>on_hold cancel>cancelled mark_duplicate>duplicate',
  in_progress: 'resolve>resolved return>returned hold>on_hold cancel>cancelled',
  resolved: 'review_pass>resolved review_fail>in_progress rate>resolved close>closed',
  returned: 'reroute>dispatched cancel>cancelled mark_duplicate>duplicate',
  on_hold: 'resume>dispatched cancel>cancelled mark_duplicate>duplicate',
  closed: 'reopen>dispatched',
  cancelled: '',
  duplicate: '',
};
const expected = (s: OrderStatus) =>
  new Map(
    EXPECTED[s]
      .split(' ')
      .filter(Boolean)
      .map((p) => p.split('>') as [OrderActionName, OrderStatus]),
  );

/** A valid action of each kind. */
const SAMPLE: Record<OrderActionName, OrderAction> = {
  accept: { action: 'accept' },
  dispatch: { action: 'dispatch', leadDept: 'fire', assistDepts: ['housing'] },
  start: { action: 'start' },
  resolve: { action: 'resolve', note: '已清理通道', photos: ['p1'] },
  review_pass: { action: 'review_pass' },
  review_fail: { action: 'review_fail', reason: '通道仍有杂物' },
  return: { action: 'return', reason: '不属本部门职责' },
  reroute: { action: 'reroute', leadDept: 'urban_mgmt', assistDepts: [] },
  hold: { action: 'hold', reason: '等待业主回国' },
  resume: { action: 'resume' },
  rate: { action: 'rate', rating: 'satisfied' },
  close: { action: 'close', unreachable: false },
  cancel: { action: 'cancel', reason: '报告人撤回' },
  mark_duplicate: { action: 'mark_duplicate', duplicateOf: 999 },
  reopen: { action: 'reopen', reason: '居民再次反映' },
  hand_up: { action: 'hand_up', reason: '需社区协调物业' },
  hand_down: { action: 'hand_down', to: { kind: 'community', areaId: 2 } },
  sign: { action: 'sign' },
  request_extension: { action: 'request_extension', hours: 48, reason: '需采购配件' },
  decide_extension: { action: 'decide_extension', approve: true },
  request_assist: { action: 'request_assist', depts: ['housing'] },
  assist_update: { action: 'assist_update', dept: 'housing', status: 'signed' },
  note: { action: 'note', text: '已联系物业', photos: [] },
};

/** The order in `status` with the guards of `action` satisfied, and an actor allowed to take it. */
function setup(status: OrderStatus, action: OrderActionName) {
  const reviewed = status === 'resolved' && action !== 'review_pass' && action !== 'review_fail';
  const order = makeOrder({
    status,
    ...(reviewed ? { reviewedBy: dispatcherB.id } : {}),
    ...(status === 'resolved' && action === 'close' ? { rating: 'basic' as const } : {}),
  });
  const actor = action === 'start' || action === 'resolve' ? gridWorker : admin;
  return { order, actor };
}

const pairs = ORDER_STATUSES.flatMap((s) => ORDER_ACTIONS.map((a) => [s, a] as const));

describe('transition table', () => {
  it('matches the hand-written matrix exactly', () => {
    for (const s of ORDER_STATUSES) {
      expect(allowedActions(s).sort(), s).toEqual([...expected(s).keys()].sort());
    }
  });

  it('has cancelled and duplicate as final, and only reopen leaving closed', () => {
    expect(TRANSITIONS.cancelled).toEqual({});
    expect(TRANSITIONS.duplicate).toEqual({});
    expect(Object.keys(TRANSITIONS.closed)).toEqual(['reopen']);
  });

  it.each(pairs)('from %s, %s is allowed or refused as the matrix says', (status, action) => {
    const { order, actor } = setup(status, action);
    const result = transition(order, SAMPLE[action], actor, at(8 * H));
    const target = expected(status).get(action);
    if (target === undefined) {
      expect(isConflict(result)).toBe(true);
      if (!isConflict(result)) return;
      expect(result.allowed.sort()).toEqual([...expected(status).keys()].sort());
      expect(result.message.key).toBe('orders.conflict');
      expect(renderMessage(result.message, 'zh-CN')).toMatch(/[\u4e00-\u9fff]/);
      expect(renderMessage(result.message, 'en')).toContain(
        `cannot ${renderMessage(m(`orders.action.${action}`), 'en')}`,
      );
    } else {
      if (isConflict(result)) throw new Error(`unexpected conflict: ${bilingual(result.message)}`);
      expect(result.order.status).toBe(target);
      expect(result.event).toMatchObject({ orderId: order.id, action, from: status, to: target });
    }
  });
});

describe('conflict messages', () => {
  it('say in Chinese and English why, and keep what the status allows beside the text', () => {
    const r = transition(makeOrder({ status: 'dispatched' }), { action: 'close', unreachable: false }, admin, at(H));
    if (!isConflict(r)) throw new Error('expected a conflict');
    expect(renderMessage(r.message, 'zh-CN')).toBe('「已派遣」状态的工单不能销号');
    expect(renderMessage(r.message, 'en')).toBe('cannot close an order that is dispatched');
    expect(r.allowed).toEqual(['start', 'return', 'hold', 'cancel', 'mark_duplicate']);
  });

  it('allow nothing on a cancelled order, and name no action codes in the text', () => {
    const r = transition(makeOrder({ status: 'cancelled' }), { action: 'reopen', reason: 'x' }, admin, at(H));
    expect(isConflict(r) && renderMessage(r.message, 'zh-CN')).not.toContain('当前可执行');
    expect(isConflict(r) && renderMessage(r.message, 'en')).not.toMatch(/Allowed now|[a-z]_[a-z]/);
    expect(isConflict(r) && r.allowed).toEqual([]);
  });
});

describe('actionsFor, the buttons a client offers', () => {
  const roles: ActorRole[] = [...ROLES, 'system'];
  const triples = ORDER_STATUSES.flatMap((s) => roles.map((r) => [s, r] as const));

  it.each(triples)('from %s, offers %s exactly the actions the lifecycle accepts from that role', (status, role) => {
    // In the order's grid, and not the dispatcher, so only the role decides.
    const actor: Actor = { id: 50, role, name: role, gridIds: [GRID] };
    const accepted = ORDER_ACTIONS.filter(
      (a) => !isConflict(transition(setup(status, a).order, SAMPLE[a], actor, at(8 * H))),
    );
    expect(actionsFor(status, role).sort()).toEqual(accepted.sort());
  });

  it('leaves starting a new report to a grid worker, and reopening to an admin', () => {
    expect(actionsFor('reported', 'dispatcher')).toEqual(['accept', 'hold', 'cancel', 'mark_duplicate']);
    expect(actionsFor('reported', 'grid_worker')).toEqual(['start']);
    expect(actionsFor('closed', 'dispatcher')).toEqual([]);
    expect(actionsFor('closed', 'admin')).toEqual(['reopen']);
  });
});
