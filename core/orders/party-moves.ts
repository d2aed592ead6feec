// The parties' moves on an order's state (上报, 下派, 签收, 申请延期 and its decision, 协办, 进展记录), once lifecycle.ts
// has let the action through: the next state, and what the event records in its data.
import type { OrderActionName } from '../../contract/orders.js';
import type { Party } from '../../contract/parties.js';
import { HAND_UP_TARGET, ladderParty } from './parties.js';
import type { OrderState } from './state.js';

const HOUR_MS = 3_600_000;
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);

export function partyMove(
  order: OrderState,
  next: OrderState,
  name: OrderActionName,
  a: Partial<Record<string, unknown>>,
  me: Party | null,
  data: Record<string, unknown>,
): OrderState {
  switch (name) {
    case 'hand_up':
      return { ...next, holder: ladderParty(order, HAND_UP_TARGET(order.holder)) };
    case 'hand_down': {
      const to = a.to as { kind: 'community' | 'grid'; areaId: number };
      if (str(a.note)) data.note = str(a.note);
      return { ...next, holder: { kind: to.kind, areaId: to.areaId } };
    }
    case 'sign':
      if (str(a.note)) data.note = str(a.note);
      return next;
    case 'request_extension':
      data.hours = a.hours;
      return { ...next, pendingExtensionHours: a.hours as number };
    case 'decide_extension': {
      const hours = order.pendingExtensionHours!;
      const approve = a.approve === true;
      Object.assign(data, { approve, hours, note: str(a.note) });
      return {
        ...next,
        pendingExtensionHours: null,
        extensionMs: order.extensionMs + (approve ? hours * HOUR_MS : 0),
      };
    }
    case 'request_assist': {
      const depts = [...new Set((a.depts as string[]).filter((d) => typeof d === 'string'))];
      Object.assign(data, { depts, note: str(a.note) });
      return {
        ...next,
        assists: [
          ...order.assists.filter((x) => !depts.includes(x.dept)),
          ...depts.map((dept) => ({ dept, status: 'requested' as const })),
        ],
      };
    }
    case 'assist_update': {
      const dept = me?.kind === 'department' && me.dept ? me.dept : (a.dept as string);
      const st = a.status as 'signed' | 'done' | 'declined';
      Object.assign(data, { dept, status: st, note: str(a.note) });
      return { ...next, assists: order.assists.map((x) => (x.dept === dept ? { dept, status: st } : x)) };
    }
    case 'note':
      Object.assign(data, { text: str(a.text), photos: Array.isArray(a.photos) ? a.photos : [] });
      return next;
    default:
      return next;
  }
}
