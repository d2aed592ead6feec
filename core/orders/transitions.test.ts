// Every (status, action) pair, allowed or forbidden, against a matrix written out by hand here, so a
// change to the table in transitions.ts must be made twice, on purpose.
import { bilingual, m, renderMessage } from '../../contract/messages/index.js';
import type { Party } from '../../contract/parties.js';
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
import {
  admin,
  at,
  CENTRE,
  COMMUNITY,
  deptFire,
  DISTRICT,
  dispatcherB,
  GRID,
  gridWorker,
  H,
  makeOrder,
} from './test-fixtures.js';
import { TRANSITIONS, actionsFor, allowedActions } from './transitions.js';

/** action>target, by hand. */
const EXPECTED: Record<OrderStatus, string> = {
  reported:
    'accept>accepted start>in_progress hold>on_hold cancel>cancelled mark_duplicate>duplicate hand_up>reported hand_down>reported note>reported',
  accepted:
    'dispatch>dispatched hold>on_hold cancel>cancelled mark_duplicate>duplicate hand_up>accepted hand_down>accepted note>accepted',
  dispatched:
    'start>in_progress sign>in_progress return>returned hold>on_hold cancel>cancelled mark_duplicate>duplicate request_extension>dispatched decide_extension>dispatched request_assist>dispatched assist_update>dispatched note>dispatched',
  in_progress:
    'resolve>resolved return>returned hold>on_hold cancel>cancelled request_extension>in_progress decide_extension>in_progress request_assist>in_progress assist_update>in_progress note>in_progress',
  resolved:
    'review_pass>resolved review_fail>in_progress rate>resolved close>closed assist_update>resolved note>resolved',
  returned:
    'reroute>dispatched cancel>cancelled mark_duplicate>duplicate hand_up>returned hand_down>returned note>returned',
  on_hold: 'resume>dispatched cancel>cancelled mark_duplicate>duplicate note>on_hold',
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
  hand_down: { action: 'hand_down', to: { kind: 'community', areaId: COMMUNITY } },
  sign: { action: 'sign' },
  request_extension: { action: 'request_extension', hours: 48, reason: '需采购配件' },
  decide_extension: { action: 'decide_extension', approve: true },
  request_assist: { action: 'request_assist', depts: ['housing'] },
  assist_update: { action: 'assist_update', dept: 'fire', status: 'signed' },
  note: { action: 'note', text: '已联系物业', photos: [] },
};

const DEPARTMENT_ONLY: readonly OrderActionName[] = ['sign', 'request_extension', 'request_assist', 'assist_update'];
const defaultRole = (a: OrderActionName): ActorRole =>
  a === 'start' || a === 'resolve' ? 'grid_worker' : DEPARTMENT_ONLY.includes(a) ? 'department' : 'admin';

/** The party of each role in these tests: the order's grid, the fire department, else the centre. */
const actorFor = (role: ActorRole): Actor =>
  role === 'grid_worker'
    ? gridWorker
    : role === 'department'
      ? deptFire
      : {
          id: 50,
          role,
          name: role,
          ...(role === 'admin' || role === 'dispatcher' || role === 'system' ? {} : { party: null }),
        };

/**
 * The order in `status` with the guards of `action` satisfied, held by the party of `role` (or, to hand up, by a
 * community; to hand down, by the centre), and that actor.
 */
function setup(status: OrderStatus, action: OrderActionName, role: ActorRole = defaultRole(action)) {
  const reviewed = status === 'resolved' && action !== 'review_pass' && action !== 'review_fail';
  const holder: Party | undefined =
    role === 'grid_worker'
      ? { kind: 'grid', areaId: GRID }
      : role === 'department'
        ? { kind: 'department', areaId: DISTRICT, dept: 'fire' }
        : action === 'hand_up'
          ? { kind: 'community', areaId: COMMUNITY }
          : action === 'hand_down'
            ? CENTRE
            : undefined;
  const order = makeOrder({
    status,
    ...(reviewed ? { reviewedBy: dispatcherB.id } : {}),
    ...(status === 'resolved' && action === 'close' ? { rating: 'basic' as const } : {}),
    ...(holder ? { holder } : {}),
    pendingExtensionHours: action === 'request_extension' ? null : 48,
    assists: [{ dept: 'fire', status: 'requested' }],
  });
  return { order, actor: actorFor(role) };
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
    expect(r.allowed).toEqual([
      'start',
      'sign',
      'return',
      'hold',
      'cancel',
      'mark_duplicate',
      'request_extension',
      'decide_extension',
      'request_assist',
      'assist_update',
      'note',
    ]);
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
    // Held by the actor's party, and not dispatched by it, so only the role decides.
    const accepted = ORDER_ACTIONS.filter((a) => {
      const { order, actor } = setup(status, a, role);
      return !isConflict(transition(order, SAMPLE[a], actor, at(8 * H)));
    });
    expect(actionsFor(status, role).sort()).toEqual(accepted.sort());
  });

  it('leaves starting a new report to a grid worker, and reopening to an admin', () => {
    expect(actionsFor('reported', 'dispatcher')).toEqual([
      'accept',
      'hold',
      'cancel',
      'mark_duplicate',
      'hand_up',
      'hand_down',
      'note',
    ]);
    expect(actionsFor('reported', 'grid_worker')).toEqual(['start', 'hand_up', 'note']);
    expect(actionsFor('closed', 'dispatcher')).toEqual([]);
    expect(actionsFor('closed', 'admin')).toEqual(['reopen']);
  });
});
