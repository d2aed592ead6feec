// The actions an account may take on an order now, each with the reason when it may not: the transition itself
// judges each action, with a placeholder payload so only the status, the role and the party rules decide.
import type { Message } from '../../contract/messages/index.js';
import { ORDER_ACTIONS, type OrderAction, type OrderActionName } from '../../contract/orders.js';
import { transition } from './lifecycle.js';
import { actingParty } from './parties.js';
import { type Actor, type OrderState, isConflict, partyArea } from './state.js';

export interface AvailableAction {
  action: OrderActionName;
  allowed: boolean;
  reason?: Message;
}

const R = 'x';

/** Payloads that satisfy every check of the action's own data; several where the target varies. */
function placeholders(order: OrderState, actor: Actor, name: OrderActionName): Record<string, unknown>[] {
  const me = actingParty(actor, order);
  switch (name) {
    case 'dispatch':
    case 'reroute':
      return [{ leadDept: R, assistDepts: [] }];
    case 'resolve':
      return [{ note: R, photos: [] }];
    case 'review_fail':
    case 'return':
    case 'hold':
    case 'cancel':
    case 'reopen':
    case 'hand_up':
      return [{ reason: R }];
    case 'rate':
      return [{ rating: 'satisfied' }];
    case 'close':
      return [{ unreachable: true, reason: R }];
    case 'mark_duplicate':
      return [{ duplicateOf: order.id + 1 }];
    case 'hand_down':
      return (['community', 'grid'] as const).map((kind) => ({
        to: { kind, areaId: partyArea(order.areaPath, kind) },
      }));
    case 'request_extension':
      return [{ hours: 1, reason: R }];
    case 'decide_extension':
      return [{ approve: true }];
    case 'request_assist':
      return [{ depts: [`${me?.dept ?? ''}~other`] }];
    case 'assist_update':
      return [{ dept: me?.dept, status: 'done' }];
    case 'note':
      return [{ text: R, photos: [] }];
    default:
      return [{}];
  }
}

/** Every action, allowed or not (with why), for `actor` on `order` at `now`. */
export function availableActions(order: OrderState, actor: Actor, now: Date): AvailableAction[] {
  return ORDER_ACTIONS.map((action) => {
    let reason: Message | undefined;
    for (const p of placeholders(order, actor, action)) {
      const t = transition(order, { ...p, action } as OrderAction, actor, now);
      if (!isConflict(t)) return { action, allowed: true };
      reason ??= (t.message.params?.reason as Message | undefined) ?? t.message;
    }
    return { action, allowed: false, ...(reason ? { reason } : {}) };
  });
}
