// Sends queued reports and actions in the order they were made, one at a time, each exactly once: a report is
// queued first under a client-generated Idempotency-Key, so a retry after a lost answer returns the same order
// instead of a second one; an action that the server refuses on a replay because it was applied already counts
// as done (action-replay.ts). Sending starts on load, after each item and when back online.
import { onBeforeUnmount, onMounted, ref } from 'vue';
import type { OrderActionInput, OrderCreate, OrderSummary } from '@contract/orders';
import { ApiError } from '../api/client';
import { actOnOrder, createOrder, getOrder, uploadPhoto, type CreateOrderResponse } from '../api/orders';
import { deleteOutbox, isAction, listOutbox, putOutbox, type ActionItem, type OutboxItem } from './outbox-db';
import { sendAction } from './action-replay';

export type Sent =
  | { kind: 'report'; response: CreateOrderResponse; item: OutboxItem }
  | { kind: 'action'; item: ActionItem; already: boolean; order: OrderSummary | null };

/** A refusal to keep aside (not retried): a 4xx other than a lapsed session, a timeout or a rate limit. */
const refused = (e: unknown): e is ApiError =>
  e instanceof ApiError && e.status >= 400 && e.status < 500 && ![401, 408, 429].includes(e.status);

export function useOutbox(onSent: (sent: Sent) => void, accountId: () => number | null) {
  const items = ref<OutboxItem[]>([]);
  const online = ref(navigator.onLine);
  const sending = ref(false);
  let flushing: Promise<void> | null = null;
  /** Something was queued while a run was going: the run looks again when it ends. */
  let again = false;

  const refresh = async () => {
    items.value = await listOutbox();
  };

  async function put(item: OutboxItem): Promise<OutboxItem> {
    await putOutbox(item);
    await refresh();
    if (flushing) again = true;
    void flush();
    return item;
  }
  const enqueue = (body: OrderCreate, photo?: Blob) =>
    put({ kind: 'report', key: crypto.randomUUID(), createdAt: new Date().toISOString(), body, photo });

  /** An action on an order as the phone sees it now (its updatedSeq), with a photo to upload first. */
  const enqueueAction = (order: OrderSummary, body: OrderActionInput, photo?: Blob) =>
    put({
      kind: 'action',
      key: crypto.randomUUID(),
      createdAt: new Date().toISOString(),
      orderId: order.id,
      categoryCode: order.categoryCode,
      seenSeq: order.updatedSeq,
      body,
      photo,
    });

  async function send(item: OutboxItem): Promise<Sent> {
    if (item.photo && !item.photoId) {
      item.photoId = (await uploadPhoto(item.photo)).id;
      await putOutbox(item);
    }
    if (isAction(item)) {
      const r = await sendAction(item, { act: actOnOrder, getOrder: (id) => getOrder(id) }, accountId() ?? -1);
      return { kind: 'action', item, ...r };
    }
    const body = item.photoId ? { ...item.body, photos: [...(item.body.photos ?? []), item.photoId] } : item.body;
    return { kind: 'report', response: await createOrder(body, item.key), item };
  }

  /** One at a time; a network failure stops the run (the next 'online' resumes it), a refusal is kept aside. */
  function flush(): Promise<void> {
    flushing ??= (async () => {
      sending.value = true;
      try {
        for (const item of await listOutbox()) {
          if (item.error) continue;
          if (!navigator.onLine) break;
          try {
            const sent = await send(item);
            await deleteOutbox(item.key);
            onSent(sent);
          } catch (e) {
            if (refused(e)) {
              await putOutbox({ ...item, error: e.message, said: e.said });
              continue;
            }
            break; // offline or server trouble: try again later, in the same order
          }
        }
      } finally {
        await refresh();
        sending.value = false;
        flushing = null;
        if (again) {
          again = false;
          void flush();
        }
      }
    })();
    return flushing;
  }

  async function discard(key: string): Promise<void> {
    await deleteOutbox(key);
    await refresh();
  }

  const goOnline = () => {
    online.value = true;
    void flush();
  };
  const goOffline = () => {
    online.value = false;
  };
  onMounted(() => {
    window.addEventListener('online', goOnline);
    window.addEventListener('offline', goOffline);
    void refresh().then(flush);
  });
  onBeforeUnmount(() => {
    window.removeEventListener('online', goOnline);
    window.removeEventListener('offline', goOffline);
  });

  return { items, online, sending, enqueue, enqueueAction, flush, discard };
}
