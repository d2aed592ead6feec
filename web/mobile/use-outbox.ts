// Sends queued reports in the order they were made, one at a time, each exactly once: every report
// is queued first under a client-generated Idempotency-Key, so a retry after a lost answer returns the
// same order instead of a second one. Sending starts on load, after each report and when back online.
import { onBeforeUnmount, onMounted, ref } from 'vue';
import type { OrderCreate } from '@contract/orders';
import { ApiError } from '../api/client';
import { createOrder, uploadPhoto, type CreateOrderResponse } from '../api/orders';
import { deleteOutbox, listOutbox, putOutbox, type OutboxItem } from './outbox-db';

export function useOutbox(onSent: (r: CreateOrderResponse, item: OutboxItem) => void) {
  const items = ref<OutboxItem[]>([]);
  const online = ref(navigator.onLine);
  const sending = ref(false);
  let flushing: Promise<void> | null = null;

  const refresh = async () => {
    items.value = await listOutbox();
  };

  async function enqueue(body: OrderCreate, photo?: Blob): Promise<OutboxItem> {
    const item: OutboxItem = { key: crypto.randomUUID(), createdAt: new Date().toISOString(), body, photo };
    await putOutbox(item);
    await refresh();
    void flush();
    return item;
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
            if (item.photo && !item.photoId) {
              item.photoId = (await uploadPhoto(item.photo)).id;
              await putOutbox(item);
            }
            const body = item.photoId
              ? { ...item.body, photos: [...(item.body.photos ?? []), item.photoId] }
              : item.body;
            const r = await createOrder(body, item.key);
            await deleteOutbox(item.key);
            onSent(r, item);
          } catch (e) {
            if (
              e instanceof ApiError &&
              e.status >= 400 &&
              e.status < 500 &&
              e.status !== 401 &&
              e.status !== 408 &&
              e.status !== 429
            ) {
              await putOutbox({ ...item, error: e.message });
              continue;
            }
            break; // offline or server trouble: try again later, in the same order
          }
        }
      } finally {
        await refresh();
        sending.value = false;
        flushing = null;
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

  return { items, online, sending, enqueue, flush, discard };
}
