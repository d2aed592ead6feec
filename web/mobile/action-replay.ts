// Sending an action from the outbox so that a replay is harmless: the server keeps no key for actions, so when it
// refuses a replayed one (409) the order's own trail says whether this account already took it since the action
// was queued (the first send reached the server, its answer was lost). Then the action is done, not refused.
import type { OrderActionInput, OrderDetail, OrderEvent, OrderSummary } from '@contract/orders';
import { ApiError } from '../api/client';
import type { ActionItem } from './outbox-db';

export interface ActionIo {
  act(id: number, body: OrderActionInput): Promise<{ order: OrderSummary }>;
  getOrder(id: number): Promise<OrderDetail>;
}

/** The action with its uploaded photo added (start: before, resolve: after, note: the progress). */
export function withPhoto(body: OrderActionInput, photoId: string | undefined): OrderActionInput {
  if (!photoId) return body;
  if (body.action === 'start' || body.action === 'resolve' || body.action === 'note')
    return { ...body, photos: [...(body.photos ?? []), photoId] };
  return body;
}

/** Whether the trail holds this action by this account after the order was as the phone saw it when queueing. */
export const appliedAlready = (events: readonly OrderEvent[], item: ActionItem, accountId: number): boolean =>
  events.some((e) => e.seq > item.seenSeq && e.action === item.body.action && e.actor.id === accountId);

/** Sends it; `already`: the server had applied it before (a replay). Other refusals are thrown as they came. */
export async function sendAction(
  item: ActionItem,
  io: ActionIo,
  accountId: number,
): Promise<{ already: boolean; order: OrderSummary | null }> {
  try {
    const r = await io.act(item.orderId, withPhoto(item.body, item.photoId));
    return { already: false, order: r.order };
  } catch (e) {
    if (!(e instanceof ApiError) || e.status !== 409) throw e;
    const detail = await io.getOrder(item.orderId).catch(() => null);
    if (detail && appliedAlready(detail.events, item, accountId)) return { already: true, order: detail };
    throw e;
  }
}
