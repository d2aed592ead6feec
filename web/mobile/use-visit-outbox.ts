// Sends visits logged on the phone in the order they were made, one at a time: each is stored first under a
// client id the server keeps, so a retry after a lost answer returns the same visit instead of a second one.
// Sending starts on load, after each visit and when back online.
import { computed, onBeforeUnmount, onMounted, ref } from 'vue';
import type { VisitCreate } from '@contract/workers';
import { ApiError } from '../api/client';
import { logVisit } from '../api/care';
import { uploadPhoto } from '../api/orders';
import { listVisitOutbox, pruneSent, putVisit, deleteVisit, type VisitOutboxItem } from './visit-outbox-db';

/** A refusal the worker must read; anything else (offline, 401, 408, 429, 5xx) is tried again later. */
const refused = (e: unknown) =>
  e instanceof ApiError && e.status >= 400 && e.status < 500 && ![401, 408, 429].includes(e.status);

export function useVisitOutbox(onSent: () => void) {
  const items = ref<VisitOutboxItem[]>([]);
  const online = ref(navigator.onLine);
  const sending = ref(false);
  const pending = computed(() => items.value.filter((i) => !i.sentAt && !i.error).length);
  let flushing: Promise<void> | null = null;

  const refresh = async () => {
    items.value = (await listVisitOutbox()).reverse(); // newest first on screen
  };

  async function enqueue(body: Omit<VisitCreate, 'clientId'>, photo?: Blob): Promise<VisitOutboxItem> {
    const key = crypto.randomUUID();
    const item: VisitOutboxItem = {
      key,
      createdAt: new Date().toISOString(),
      body: { ...body, clientId: key, visitedAt: body.visitedAt ?? new Date().toISOString() },
      photo,
    };
    await putVisit(item);
    await refresh();
    void flush();
    return item;
  }

  function flush(): Promise<void> {
    flushing ??= (async () => {
      sending.value = true;
      let sent = false;
      try {
        for (const item of await listVisitOutbox()) {
          if (item.error || item.sentAt) continue;
          if (!navigator.onLine) break;
          try {
            if (item.photo && !item.photoId) {
              item.photoId = (await uploadPhoto(item.photo)).id;
              await putVisit(item);
            }
            const v = await logVisit(item.photoId ? { ...item.body, photoId: item.photoId } : item.body);
            await putVisit({ ...item, photo: undefined, sentAt: new Date().toISOString(), visitId: v.id });
            sent = true;
          } catch (e) {
            if (refused(e)) {
              await putVisit({ ...item, error: (e as Error).message });
              continue;
            }
            break; // offline or server trouble: try again later, in the same order
          }
        }
        await pruneSent();
      } finally {
        await refresh();
        sending.value = false;
        flushing = null;
        if (sent) onSent();
      }
    })();
    return flushing;
  }

  async function discard(key: string): Promise<void> {
    await deleteVisit(key);
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

  return { items, online, sending, pending, enqueue, flush, discard };
}
