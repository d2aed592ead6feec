// Which party may act on an order (五级联动): a grid on the orders its grid holds, a community or street on the orders
// it holds (and, to hand down or dispatch, on those below it in its area), the district centre on every order of its
// district, a department on the orders it holds or assists. lifecycle.ts refuses by these rules.
import { m, type Message } from '../../contract/messages/index.js';
import type { OrderActionName } from '../../contract/orders.js';
import { HAND_UP_NEXT, type Party, type PartyKind, sameParty } from '../../contract/parties.js';
import { type Actor, type OrderState, partyArea } from './state.js';

/** Height on the ladder grid → community → street → centre; a department stands beside it. */
export const PARTY_RANK: Readonly<Record<PartyKind, number>> = {
  grid: 0,
  community: 1,
  street: 2,
  centre: 3,
  department: -1,
};

/** The department code that stands for the community's own residents' committee (社区居委会). */
export const COMMUNITY_DEPT = 'community';

const lineOf = (areaPath: string) => areaPath.split('/').filter(Boolean).map(Number);

/** The party `actor` acts for on `order`: its own party, or the centre of the order's district. */
export function actingParty(actor: Actor, order: Pick<OrderState, 'areaPath' | 'gridId'>): Party | null {
  if (actor.party !== undefined) return actor.party;
  if (actor.role === 'grid_worker') return { kind: 'grid', areaId: order.gridId };
  if (actor.role === 'admin' || actor.role === 'dispatcher' || actor.role === 'system') {
    return { kind: 'centre', areaId: partyArea(order.areaPath, 'centre') ?? 0 };
  }
  return null;
}

/** The party of a ladder level (grid, community, street, centre) over the order's grid. */
export function ladderParty(order: Pick<OrderState, 'areaPath' | 'gridId'>, kind: PartyKind): Party {
  if (kind === 'department') throw new Error('a department is not on the ladder');
  return { kind, areaId: partyArea(order.areaPath, kind) ?? order.gridId };
}

/** The ladder level above a holder (hand_up); only asked where partyActionRefusal let it through. */
export const HAND_UP_TARGET = (p: Party): PartyKind => HAND_UP_NEXT[p.kind] ?? 'centre';

/** The holder a department code makes: the community itself for 社区居委会, else the department. */
export function departmentHolder(order: OrderState, by: Party, dept: string): Party {
  if (dept === COMMUNITY_DEPT) return ladderParty(order, 'community');
  return { kind: 'department', areaId: by.areaId, dept };
}

/** Where a return goes back to: the dispatching party, else the centre. */
export const returnHolder = (order: OrderState): Party => order.dispatchedParty ?? ladderParty(order, 'centre');

const inAreaOf = (order: OrderState, p: Party) => lineOf(order.areaPath).includes(p.areaId);

/** A ladder party below `me` within its area (a grid or community a street oversees). */
const below = (order: OrderState, me: Party, p: Party | null) =>
  !!p && p.kind !== 'department' && PARTY_RANK[p.kind] < PARTY_RANK[me.kind] && inAreaOf(order, me);

/** Actions a community or street takes on the orders below it, besides those it holds. */
const OVER_BELOW: ReadonlySet<OrderActionName> = new Set(['hand_down', 'dispatch']);
/** Actions it takes as the level that dispatched, or as the community over the grid that handled it itself. */
const AS_SUPERVISOR: ReadonlySet<OrderActionName> = new Set([
  'review_pass',
  'review_fail',
  'rate',
  'close',
  'decide_extension',
]);

const holderName = (p: Party): Message => m(`parties.kind.${p.kind}`);

/** Why the party of `actor` may not take `name` on `order`; null when it may. */
export function partyRefusal(order: OrderState, name: OrderActionName, actor: Actor): Message | null {
  if (actor.role === 'system') return null;
  const me = actingParty(actor, order);
  if (!me) return m('parties.refuse.noParty');
  const notHolder = () =>
    m('parties.refuse.notHolder', { holder: holderName(order.holder), action: m(`orders.action.${name}`) });
  const holds = sameParty(order.holder, me);
  switch (me.kind) {
    case 'centre':
      return null;
    case 'grid': {
      const mine = actor.gridIds ?? [me.areaId];
      return order.holder.kind === 'grid' && mine.includes(order.holder.areaId) ? null : notHolder();
    }
    case 'community':
    case 'street': {
      if (holds) return null;
      if (OVER_BELOW.has(name) && below(order, me, order.holder)) return null;
      if (AS_SUPERVISOR.has(name)) {
        if (sameParty(order.dispatchedParty, me)) return null;
        // An order its grid handled itself is its community's to review and close.
        if (me.kind === 'community' && order.holder.kind === 'grid' && inAreaOf(order, me)) return null;
        if (
          name === 'decide_extension' &&
          order.dispatchedParty &&
          inAreaOf(order, me) &&
          PARTY_RANK[order.dispatchedParty.kind] <= PARTY_RANK[me.kind]
        )
          return null;
      }
      return notHolder();
    }
    case 'department': {
      const dept = me.dept;
      const holdsDept = order.holder.kind === 'department' && order.holder.dept === dept;
      const assists = order.assists.some((x) => x.dept === dept);
      if (name === 'assist_update') return assists ? null : m('parties.refuse.notAssisting');
      if (name === 'note') return holdsDept || assists ? null : notHolder();
      return holdsDept ? null : notHolder();
    }
  }
}

/** The action's own party checks, once the actor may act on the order: which ladder step, target, extension, assist. */
export function partyActionRefusal(
  order: OrderState,
  name: OrderActionName,
  a: Partial<Record<string, unknown>>,
  actor: Actor,
): Message | null {
  const me = actingParty(actor, order);
  switch (name) {
    case 'hand_up':
      if (HAND_UP_NEXT[order.holder.kind] === null) {
        return m('parties.refuse.handUpTop', { holder: holderName(order.holder) });
      }
      return null;
    case 'hand_down': {
      if (!me || (me.kind !== 'street' && me.kind !== 'centre')) return m('parties.refuse.handDownLevel');
      const to = a.to as { kind?: unknown; areaId?: unknown } | undefined;
      if (!to || (to.kind !== 'community' && to.kind !== 'grid')) return m('parties.refuse.handDownTarget');
      const areaId = partyArea(order.areaPath, to.kind);
      if (to.areaId !== areaId || areaId === null) return m('parties.refuse.handDownTarget');
      if (sameParty(order.holder, { kind: to.kind, areaId })) return m('parties.refuse.handDownTarget');
      return null;
    }
    case 'request_extension': {
      const h = a.hours;
      if (typeof h !== 'number' || !Number.isInteger(h) || h < 1 || h > 1440) return m('parties.refuse.extensionHours');
      if (order.pendingExtensionHours !== null) return m('parties.refuse.extensionPending');
      return null;
    }
    case 'decide_extension':
      if (order.pendingExtensionHours === null) return m('parties.refuse.noExtensionPending');
      if (me && me.kind !== 'centre' && !order.dispatchedParty) return m('parties.refuse.extensionLevel');
      return null;
    case 'request_assist': {
      const depts = Array.isArray(a.depts) ? a.depts.filter((d): d is string => typeof d === 'string') : [];
      const open = new Set(order.assists.filter((x) => x.status !== 'declined').map((x) => x.dept));
      if (!depts.length || depts.some((d) => d === me?.dept || open.has(d))) return m('parties.refuse.assistDepts');
      return null;
    }
    case 'assist_update': {
      if (a.status !== 'signed' && a.status !== 'done' && a.status !== 'declined') {
        return m('parties.refuse.assistStatus');
      }
      const dept = me?.kind === 'department' ? me.dept : a.dept;
      const task = order.assists.find((x) => x.dept === dept);
      if (!task || (me?.kind === 'department' && a.dept !== undefined && a.dept !== me.dept)) {
        return m('parties.refuse.notAssisting');
      }
      if (task.status === 'done' || task.status === 'declined') return m('parties.refuse.assistClosed');
      return null;
    }
    case 'note':
      if (typeof a.text !== 'string' || a.text.trim() === '') return m('parties.refuse.noteText');
      return null;
    default:
      return null;
  }
}

/** The party that supervises an order at an escalation level (0 grid … 3 the district centre). */
export function supervisingParty(order: Pick<OrderState, 'areaPath' | 'gridId'>, level: number): Party {
  const kind = (['grid', 'community', 'street', 'centre'] as const)[Math.max(0, Math.min(3, level))];
  return ladderParty(order, kind);
}
