// The party rules of 五级联动: who may hand an order up or down, sign for it, return it, decide on more time, and
// assist — and availableActions saying the same as the transition.
import { describe, expect, it } from 'vitest';
import { bilingual } from '../../contract/messages/index.js';
import { ORDER_ACTIONS, type OrderAction } from '../../contract/orders.js';
import { availableActions } from './available.js';
import { transition } from './lifecycle.js';
import { supervisingParty } from './parties.js';
import { type Actor, type OrderState, type Transition, isConflict } from './state.js';
import {
  CENTRE,
  COMMUNITY,
  DISTRICT,
  GRID,
  H,
  STREET,
  at,
  communityStaff,
  deptFire,
  deptHousing,
  dispatcherA,
  gridWorker,
  makeOrder,
  otherCommunityStaff,
  otherGridWorker,
  streetStaff,
} from './test-fixtures.js';

function ok(r: Transition): OrderState {
  if (isConflict(r)) throw new Error(`unexpected conflict: ${bilingual(r.message)}`);
  return r.order;
}
const refusal = (r: Transition): string => {
  if (!isConflict(r)) throw new Error(`expected a refusal, got ${r.order.status}`);
  return (r.message.params?.reason as { key: string }).key;
};
const go = (o: OrderState, a: OrderAction, actor: Actor, h = 1) => transition(o, a, actor, at(h * H));

describe('hand up (上报)', () => {
  it('climbs grid → community → street → centre, each step by the party holding it, status unchanged', () => {
    let o = makeOrder();
    expect(o.holder).toEqual({ kind: 'grid', areaId: GRID });
    o = ok(go(o, { action: 'hand_up', reason: '需社区协调' }, gridWorker));
    expect(o.holder).toEqual({ kind: 'community', areaId: COMMUNITY });
    expect(refusal(go(o, { action: 'hand_up', reason: 'x' }, gridWorker))).toBe('parties.refuse.notHolder');
    expect(refusal(go(o, { action: 'hand_up', reason: 'x' }, otherCommunityStaff))).toBe('parties.refuse.notHolder');
    o = ok(go(o, { action: 'hand_up', reason: '需街道协调' }, communityStaff));
    expect(o.holder).toEqual({ kind: 'street', areaId: STREET });
    const r = go(o, { action: 'hand_up', reason: '需区级协调' }, streetStaff);
    expect(isConflict(r) ? null : r.event.data).toMatchObject({
      holder: CENTRE,
      fromHolder: { kind: 'street', areaId: STREET },
      by: { kind: 'street', areaId: STREET },
    });
    o = ok(r);
    expect(o.status).toBe('reported');
    expect(refusal(go(o, { action: 'hand_up', reason: 'x' }, dispatcherA))).toBe('parties.refuse.handUpTop');
  });

  it('needs a reason', () => {
    expect(refusal(go(makeOrder(), { action: 'hand_up' } as unknown as OrderAction, gridWorker))).toBe(
      'orders.refuse.reasonRequired',
    );
  });
});

describe('hand down (下派)', () => {
  const atCentre = makeOrder({ holder: CENTRE });

  it('lets the centre and a street hand down to the order’s own community or grid only', () => {
    const o = ok(go(atCentre, { action: 'hand_down', to: { kind: 'community', areaId: COMMUNITY } }, dispatcherA));
    expect(o.holder).toEqual({ kind: 'community', areaId: COMMUNITY });
    expect(refusal(go(atCentre, { action: 'hand_down', to: { kind: 'community', areaId: 999 } }, dispatcherA))).toBe(
      'parties.refuse.handDownTarget',
    );
    const atStreet = makeOrder({ holder: { kind: 'street', areaId: STREET } });
    expect(ok(go(atStreet, { action: 'hand_down', to: { kind: 'grid', areaId: GRID } }, streetStaff)).holder).toEqual({
      kind: 'grid',
      areaId: GRID,
    });
  });

  it('refuses a community and a grid worker', () => {
    const atCommunity = makeOrder({ holder: { kind: 'community', areaId: COMMUNITY } });
    expect(refusal(go(atCommunity, { action: 'hand_down', to: { kind: 'grid', areaId: GRID } }, communityStaff))).toBe(
      'parties.refuse.handDownLevel',
    );
    expect(refusal(go(makeOrder(), { action: 'hand_down', to: { kind: 'grid', areaId: GRID } }, gridWorker))).toBe(
      'orders.refuse.role',
    );
  });

  it('lets a street take a grid’s order of its area to hand it down, but not act on it otherwise', () => {
    const o = makeOrder();
    expect(
      ok(go(o, { action: 'hand_down', to: { kind: 'community', areaId: COMMUNITY } }, streetStaff)).holder.kind,
    ).toBe('community');
    expect(refusal(go(o, { action: 'hold', reason: 'x' }, streetStaff))).toBe('parties.refuse.notHolder');
  });
});

describe('dispatch, sign, return (派遣, 签收, 退回)', () => {
  const atStreet = makeOrder({ status: 'accepted', holder: { kind: 'street', areaId: STREET } });

  it('gives the order to the department under the dispatching party, which signs for it', () => {
    const d = ok(go(atStreet, { action: 'dispatch', leadDept: 'fire', assistDepts: [] }, streetStaff));
    expect(d.holder).toEqual({ kind: 'department', areaId: STREET, dept: 'fire' });
    expect(d.dispatchedParty).toEqual({ kind: 'street', areaId: STREET });
    expect(refusal(go(d, { action: 'sign' }, deptHousing))).toBe('parties.refuse.notHolder');
    expect(refusal(go(d, { action: 'sign' }, streetStaff))).toBe('orders.refuse.role');
    expect(ok(go(d, { action: 'sign' }, deptFire)).status).toBe('in_progress');
  });

  it('sends a return back to the dispatching party, which dispatches again', () => {
    const d = ok(go(atStreet, { action: 'dispatch', leadDept: 'fire', assistDepts: [] }, streetStaff));
    const r = ok(go(d, { action: 'return', reason: '非本部门职责' }, deptFire));
    expect(r).toMatchObject({ status: 'returned', holder: { kind: 'street', areaId: STREET }, leadDept: null });
    expect(refusal(go(r, { action: 'reroute', leadDept: 'housing', assistDepts: [] }, communityStaff))).toBe(
      'parties.refuse.notHolder',
    );
    expect(ok(go(r, { action: 'reroute', leadDept: 'housing', assistDepts: [] }, streetStaff)).holder).toEqual({
      kind: 'department',
      areaId: STREET,
      dept: 'housing',
    });
  });

  it('sends 社区居委会 to the community itself', () => {
    const d = ok(go(atStreet, { action: 'dispatch', leadDept: 'community', assistDepts: [] }, streetStaff));
    expect(d.holder).toEqual({ kind: 'community', areaId: COMMUNITY });
    expect(ok(go(d, { action: 'start' }, communityStaff)).status).toBe('in_progress');
  });
});

describe('more time (申请延期)', () => {
  const held = makeOrder({ status: 'in_progress', dispatchedParty: { kind: 'street', areaId: STREET } });

  it('is asked by the holding department, one request at a time, and moves the deadline when approved', () => {
    expect(refusal(go(held, { action: 'request_extension', hours: 48, reason: 'x' }, deptHousing))).toBe(
      'parties.refuse.notHolder',
    );
    const asked = ok(go(held, { action: 'request_extension', hours: 48, reason: '待材料' }, deptFire));
    expect(asked.pendingExtensionHours).toBe(48);
    expect(refusal(go(asked, { action: 'request_extension', hours: 2, reason: 'x' }, deptFire))).toBe(
      'parties.refuse.extensionPending',
    );
    expect(refusal(go(asked, { action: 'decide_extension', approve: true }, deptFire))).toBe('orders.refuse.role');
    expect(refusal(go(asked, { action: 'decide_extension', approve: true }, communityStaff))).toBe(
      'parties.refuse.notHolder',
    );
    const granted = ok(go(asked, { action: 'decide_extension', approve: true }, streetStaff));
    expect(granted).toMatchObject({ extensionMs: 48 * H, pendingExtensionHours: null });
    const declined = ok(go(asked, { action: 'decide_extension', approve: false }, dispatcherA));
    expect(declined).toMatchObject({ extensionMs: 0, pendingExtensionHours: null });
    expect(refusal(go(declined, { action: 'decide_extension', approve: true }, dispatcherA))).toBe(
      'parties.refuse.noExtensionPending',
    );
  });
});

describe('assist (协办)', () => {
  const held = makeOrder({ status: 'in_progress' });

  it('is asked of other departments by the holder, and answered by each for itself', () => {
    expect(refusal(go(held, { action: 'request_assist', depts: ['fire'] }, deptFire))).toBe(
      'parties.refuse.assistDepts',
    );
    const asked = ok(go(held, { action: 'request_assist', depts: ['housing'], note: '请协助' }, deptFire));
    expect(asked.assists).toEqual([{ dept: 'housing', status: 'requested' }]);
    expect(refusal(go(asked, { action: 'request_assist', depts: ['housing'] }, deptFire))).toBe(
      'parties.refuse.assistDepts',
    );
    expect(refusal(go(asked, { action: 'assist_update', dept: 'fire', status: 'signed' }, deptFire))).toBe(
      'parties.refuse.notAssisting',
    );
    expect(refusal(go(asked, { action: 'resolve', note: 'x', photos: [] }, deptHousing))).toBe(
      'parties.refuse.notHolder',
    );
    const signed = ok(go(asked, { action: 'assist_update', dept: 'housing', status: 'signed' }, deptHousing));
    expect(ok(go(signed, { action: 'note', text: '已到场', photos: [] }, deptHousing)).assists).toEqual(signed.assists);
    const done = ok(go(signed, { action: 'assist_update', dept: 'housing', status: 'done' }, deptHousing));
    expect(done.assists).toEqual([{ dept: 'housing', status: 'done' }]);
    expect(refusal(go(done, { action: 'assist_update', dept: 'housing', status: 'declined' }, deptHousing))).toBe(
      'parties.refuse.assistClosed',
    );
  });
});

describe('review of an order the grid handled itself', () => {
  it('is its community’s, not another community’s', () => {
    const fixed = makeOrder({
      status: 'resolved',
      leadDept: null,
      dispatchedBy: null,
      dispatchedParty: null,
      holder: { kind: 'grid', areaId: GRID },
    });
    expect(ok(go(fixed, { action: 'review_pass' }, communityStaff)).reviewedBy).toBe(communityStaff.id);
    expect(refusal(go(fixed, { action: 'review_pass' }, otherCommunityStaff))).toBe('parties.refuse.notHolder');
    expect(refusal(go(makeOrder(), { action: 'start' }, otherGridWorker))).toBe('orders.refuse.gridWorkerOwnGrids');
  });
});

describe('availableActions', () => {
  const orders = [
    makeOrder(),
    makeOrder({ holder: CENTRE }),
    makeOrder({ status: 'accepted', holder: { kind: 'street', areaId: STREET } }),
    makeOrder({ status: 'dispatched' }),
    makeOrder({ status: 'in_progress', pendingExtensionHours: 24, assists: [{ dept: 'housing', status: 'signed' }] }),
    makeOrder({ status: 'resolved' }),
    makeOrder({ status: 'returned' }),
  ];
  const actors = [gridWorker, otherGridWorker, communityStaff, streetStaff, dispatcherA, deptFire, deptHousing];

  it('lists every action, with a reason wherever it is not allowed', () => {
    for (const o of orders)
      for (const a of actors) {
        const list = availableActions(o, a, at(H));
        expect(list.map((x) => x.action)).toEqual([...ORDER_ACTIONS]);
        for (const x of list) if (!x.allowed) expect(x.reason?.key, `${a.name} ${x.action}`).toBeTruthy();
      }
  });

  it('allows what the transition allows with a real payload', () => {
    const d = makeOrder({ status: 'dispatched', holder: { kind: 'department', areaId: DISTRICT, dept: 'fire' } });
    const allowed = (a: Actor) =>
      availableActions(d, a, at(H))
        .filter((x) => x.allowed)
        .map((x) => x.action);
    expect(allowed(deptFire).sort()).toEqual(['note', 'request_assist', 'request_extension', 'return', 'sign']);
    expect(allowed(deptHousing)).toEqual([]);
    expect(allowed(gridWorker)).toEqual([]);
    expect(ok(go(d, { action: 'sign' }, deptFire)).status).toBe('in_progress');
  });
});

describe('escalation', () => {
  it('names the party of each supervising level', () => {
    const o = makeOrder();
    expect([0, 1, 2, 3].map((l) => supervisingParty(o, l))).toEqual([
      { kind: 'grid', areaId: GRID },
      { kind: 'community', areaId: COMMUNITY },
      { kind: 'street', areaId: STREET },
      CENTRE,
    ]);
  });
});
