// The script of one order's life: who takes which action when. Most orders are accepted, dispatched,
// fixed on time, reviewed, rated and closed; some run late and collect cards, some are fixed on the
// spot by the grid worker (能自行处理的自行处理), returned (退单) and rerouted, held (挂起), cancelled,
// failed at review, rated unsatisfied and reopened, or merged as duplicates. The parties act as in 五级联动: a grid
// worker hands some up to the community and on to the street, which dispatch them themselves; departments sign for
// their orders, return some, ask for more time or for other departments to assist, and hand in the fix.
import { bilingual, m } from '../../contract/messages/index.js';
import { categoryByCode } from '../../contract/order-categories.js';
import type { OrderAction } from '../../contract/orders.js';
import type { ResponsibilityRule } from '../../core/orders/departments.js';
import type { EscalationPolicy } from '../../core/orders/escalation.js';
import { routeOrder } from '../../core/orders/routing.js';
import { deadlineFor } from '../../core/orders/sla.js';
import { type Actor, SYSTEM_ACTOR } from '../../core/orders/state.js';
import { DEPARTMENTS } from '../../contract/order-categories.js';
import type { Party } from '../../contract/parties.js';
import type { Rng } from '../city/rng.js';
import {
  CANCEL_REASONS,
  HOLD_REASONS,
  REOPEN_REASONS,
  RETURN_REASONS,
  REVIEW_FAIL_REASONS,
  resolutionNote,
} from './content.js';
import type { Life } from './life.js';
import { localHour } from './mix.js';

/** Placeholder district staff; the loader maps them to the accounts 'dispatcher' and 'admin'. */
export const HISTORY_DISPATCHER: Actor = { id: 2, role: 'dispatcher', name: '派单调度员' };
export const HISTORY_REVIEWER: Actor = { id: 3, role: 'admin', name: '系统管理员' };
/**
 * Placeholder staff of the order's community and street, by area (negative, like grid workers without an account):
 * the loader maps those of the demo accounts' line to community_staff and street_staff.
 */
export const historyCommunityId = (communityId: number) => -(1_000_000 + communityId);
export const historyStreetId = (streetId: number) => -(2_000_000 + streetId);
/** Placeholder department staff: this plus the department's index in DEPARTMENTS (the loader maps dept_<code>). */
export const HISTORY_DEPT_BASE_ID = 100;

const communityActor = (line: readonly number[]): Actor => ({
  id: historyCommunityId(line[line.length - 2]),
  role: 'dispatcher',
  name: '社区工作人员',
  party: { kind: 'community', areaId: line[line.length - 2] },
});
const streetActor = (line: readonly number[]): Actor => ({
  id: historyStreetId(line[line.length - 3]),
  role: 'dispatcher',
  name: '街道工作人员',
  party: { kind: 'street', areaId: line[line.length - 3] },
});
/** The account of the department that holds the order (the community's own staff for 社区居委会). */
function holderActor(holder: Party, line: readonly number[]): Actor {
  if (holder.kind !== 'department') return holder.kind === 'street' ? streetActor(line) : communityActor(line);
  const i = (DEPARTMENTS as readonly string[]).indexOf(holder.dept ?? '');
  return { id: HISTORY_DEPT_BASE_ID + Math.max(0, i), role: 'department', name: '部门工作人员', party: holder };
}

const M = 60_000;
const H = 60 * M;
const D = 24 * H;

export interface ScriptPlan {
  family: string;
  areaLine: number[];
  /** The grid worker who reported it, or who patrols its grid. */
  worker: Actor;
  duplicateOf: number | null;
  /** Hot-spot orders: always go the ordinary way, so they stay on record. */
  plain: boolean;
}

export interface ScriptContext {
  rules: readonly ResponsibilityRule[];
  policy: EscalationPolicy;
  rng: Rng;
}

const SPOT_FAMILIES = new Set(['sanitation', 'city_appearance', 'facility', 'parking', 'other']);

/** Share of the time allowed at which the fix is handed in: most on time, ~7% late, a few very late. */
function resolveShare(rng: Rng, family: string): number {
  const r = rng.next();
  if (r < 0.012) return rng.range(1.55, 2.7);
  if (r < 0.07) return rng.range(1.02, 1.5);
  if (r < 0.13) return rng.range(0.76, 0.99);
  return family === 'convenience' ? rng.range(0.3, 0.72) : 0.04 + 0.66 * rng.next() ** 1.6;
}

export function runScript(life: Life, plan: ScriptPlan, ctx: ScriptContext): void {
  const { rng, policy } = ctx;
  const o = () => life.order;
  const after = (lo: number, hi: number) => life.t + rng.int(Math.round(lo), Math.round(Math.max(lo, hi)));
  const act = (a: OrderAction, actor: Actor, ms: number) => life.act(a, actor, ms);
  const dispatcher = HISTORY_DISPATCHER;
  const line = plan.areaLine;
  const reviewerOf = () =>
    o().holder.kind === 'grid'
      ? communityActor(line) // handled on the spot: its community reviews it
      : o().dispatchedBy === dispatcher.id
        ? HISTORY_REVIEWER
        : dispatcher;
  /** Who dispatched it last: a return goes back there, and it dispatches again. */
  const dispatcherOf = () =>
    o().dispatchedParty?.kind === 'street'
      ? streetActor(line)
      : o().dispatchedParty?.kind === 'community'
        ? communityActor(line)
        : dispatcher;
  /** The party handling the fix, and how it takes the order on (签收, or start for a community). */
  const doer = () => holderActor(o().holder, line);
  const takeOn = (note?: string): OrderAction =>
    o().holder.kind === 'department' ? { action: 'sign', note } : { action: 'start', note };
  const rater = o().source === 'app' || o().source === 'open311' ? SYSTEM_ACTOR : dispatcher;
  const allowed = () => deadlineFor(o().clockStart, o().hazardLevel, policy.sla).getTime() - Date.parse(o().clockStart);
  const route = routeOrder(ctx.rules, {
    categoryCode: o().categoryCode,
    hazardLevel: o().hazardLevel,
    areaLine: plan.areaLine,
  });
  const lead = route?.leadDept ?? categoryByCode(o().categoryCode)?.defaultDept ?? 'community';
  const dispatch = { action: 'dispatch', leadDept: lead, assistDepts: route?.assistDepts ?? [] } as const;

  if (plan.duplicateOf !== null) {
    act(
      { action: 'mark_duplicate', duplicateOf: plan.duplicateOf, reason: '与已有工单反映同一问题，合并办理' },
      dispatcher,
      after(5 * M, 90 * M),
    );
    return life.finish();
  }
  const plain = plan.plain;
  const fate = rng.next();
  let onSpot = false;
  if (plan.family === 'safety') {
    // Dispatched on discovery by the responsibility list (seed 003), as the service does.
    act({ action: 'accept' }, SYSTEM_ACTOR, life.t);
    act({ ...dispatch, note: bilingual(m('orders.autoDispatchNote')) }, SYSTEM_ACTOR, life.t);
  } else if (o().source === 'grid_worker' && SPOT_FAMILIES.has(plan.family) && rng.chance(0.4)) {
    onSpot = true;
    act({ action: 'start', note: '网格员现场处置' }, plan.worker, after(1 * M, 20 * M));
    act({ action: 'resolve', note: resolutionNote(plan.family, rng), photos: [] }, plan.worker, after(10 * M, 90 * M));
  } else {
    const night = localHour(life.t) < 8 || localHour(life.t) >= 20;
    // 上报: a grid worker hands some up to the community, and the community some on to the street; whoever holds
    // it then accepts and dispatches it.
    let by = dispatcher;
    if (!plain && o().holder.kind === 'grid' && rng.chance(0.3)) {
      act({ action: 'hand_up', reason: '超出网格处置能力，上报社区' }, plan.worker, after(5 * M, 40 * M));
      by = communityActor(line);
      if (rng.chance(0.4)) {
        act({ action: 'hand_up', reason: '需街道协调相关部门' }, by, after(10 * M, 2 * H));
        by = streetActor(line);
      }
    }
    act({ action: 'accept' }, by, night ? after(20 * M, 150 * M) : after(2 * M, 30 * M));
    if (!plain && fate < 0.015) {
      act({ action: 'cancel', reason: rng.pick(CANCEL_REASONS) }, dispatcher, after(10 * M, 4 * H));
      return life.finish();
    }
    act(dispatch, by, after(2 * M, 30 * M));
  }

  if (!onSpot) {
    let resolveAt = Date.parse(o().clockStart) + resolveShare(rng, plan.family) * allowed();
    if (!plain && fate >= 0.015 && fate < 0.055) {
      // 退单: the department says it is not theirs; it goes back to whoever dispatched it, who reroutes it.
      act(
        { action: 'return', reason: rng.pick(RETURN_REASONS) },
        doer(),
        after(30 * M, Math.min(8 * H, allowed() / 3)),
      );
      const alt = [...(route?.assistDepts ?? []), 'community', 'urban_mgmt'].find((d) => d !== lead)!;
      act(
        { action: 'reroute', leadDept: alt, assistDepts: [], note: '按退单原因改派' },
        dispatcherOf(),
        after(20 * M, 3 * H),
      );
      resolveAt = Math.max(resolveAt, life.t + allowed() * 0.1);
    }
    if (!plain && fate >= 0.055 && fate < 0.08) {
      act(
        { action: 'hold', reason: rng.pick(HOLD_REASONS) },
        dispatcher,
        after(1 * H, Math.max(1 * H, (resolveAt - life.t) / 2)),
      );
      const before = life.t;
      act({ action: 'resume', note: '条件具备，恢复办理' }, dispatcher, after(1 * D, 5 * D));
      resolveAt += life.t - before;
    }
    if (o().status === 'dispatched') {
      act(takeOn(), doer(), life.t + Math.max(5 * M, (resolveAt - life.t) * rng.range(0.15, 0.6)));
    } else {
      act({ action: 'start' }, dispatcher, life.t + Math.max(5 * M, (resolveAt - life.t) * rng.range(0.15, 0.6)));
    }
    if (!plain && o().holder.kind === 'department' && rng.chance(0.06)) {
      // 申请延期: the department asks for more time; the dispatching party mostly grants it.
      const hours = rng.pick([24, 48, 72]);
      act({ action: 'request_extension', hours, reason: '需协调施工队伍及材料' }, doer(), after(1 * H, 8 * H));
      const approve = rng.chance(0.8);
      act(
        { action: 'decide_extension', approve, note: approve ? '同意延期' : '请按原时限办结' },
        dispatcherOf(),
        after(20 * M, 4 * H),
      );
      if (approve) resolveAt += hours * H * rng.range(0.3, 0.9);
    }
    if (!plain && o().holder.kind === 'department' && rng.chance(0.06)) {
      // 协办: another department helps with its part.
      const helper = ['housing', 'urban_mgmt', 'market', 'public_security'].find((d) => d !== o().holder.dept)!;
      act({ action: 'request_assist', depts: [helper], note: '请协助处置相关事项' }, doer(), after(30 * M, 6 * H));
      const party: Party = { kind: 'department', areaId: o().holder.areaId, dept: helper };
      act({ action: 'assist_update', dept: helper, status: 'signed' }, holderActor(party, line), after(10 * M, 3 * H));
      act({ action: 'note', text: '已配合完成现场处置', photos: [] }, holderActor(party, line), after(1 * H, 12 * H));
      act({ action: 'assist_update', dept: helper, status: 'done' }, holderActor(party, line), after(5 * M, 2 * H));
    }
    act(
      { action: 'resolve', note: resolutionNote(plan.family, rng), photos: [] },
      o().holder.kind === 'centre' ? dispatcher : doer(),
      Math.max(resolveAt, life.t + 10 * M),
    );
  }

  /** A reopened order (fresh clock): dispatched again if it never had a department, then fixed. */
  const redo = (note: string) => {
    if (o().status === 'accepted') act(dispatch, dispatcher, after(10 * M, 2 * H));
    act(takeOn(note), doer(), after(2 * H, 12 * H));
    act(
      { action: 'resolve', note: resolutionNote(plan.family, rng), photos: [] },
      doer(),
      life.t + allowed() * rng.range(0.1, 0.6),
    );
  };
  const reviewAndClose = (mayFail: boolean, mayBeUnhappy: boolean): void => {
    if (mayFail && !plain && rng.chance(0.03)) {
      act({ action: 'review_fail', reason: rng.pick(REVIEW_FAIL_REASONS) }, reviewerOf(), after(1 * H, 6 * H));
      act(
        { action: 'resolve', note: '已按核查意见重新整改', photos: [] },
        onSpot ? plan.worker : o().holder.kind === 'centre' ? dispatcher : doer(),
        after(2 * H, 24 * H),
      );
    }
    act({ action: 'review_pass', note: '现场核查通过' }, reviewerOf(), after(10 * M, 8 * H));
    if (!o().hasReporter) {
      act({ action: 'close', unreachable: false }, dispatcher, after(5 * M, 2 * H));
      return;
    }
    const r = rng.next();
    if (r < 0.03) {
      act({ action: 'close', unreachable: true, reason: '三次回访均未接通' }, dispatcher, after(1 * D, 2 * D));
      return;
    }
    const unhappy = mayBeUnhappy && !plain && r < 0.08;
    const rating = unhappy ? 'unsatisfied' : r < 0.27 ? 'basic' : 'satisfied';
    act({ action: 'rate', rating, comment: unhappy ? '问题没有真正解决' : undefined }, rater, after(2 * H, 24 * H));
    if (unhappy) {
      // Rated unsatisfied: reopened to the same department with a fresh clock, then fixed again.
      redo('回访不满意，重新处置');
      reviewAndClose(false, false);
      return;
    }
    act({ action: 'close', unreachable: false }, dispatcher, after(5 * M, 4 * H));
  };
  reviewAndClose(true, true);

  if (!plain && rng.chance(0.004) && o().status === 'closed') {
    act({ action: 'reopen', reason: rng.pick(REOPEN_REASONS) }, HISTORY_REVIEWER, after(1 * D, 10 * D));
    redo('重启后重新处置');
    reviewAndClose(false, false);
  }
  life.finish();
}
