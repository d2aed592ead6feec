// One order with its full history, loaded when the id changes and reloaded when `seq` says the order
// moved on (a push), so an open drawer or console pane grows its timeline live. Stale answers are dropped.
// A wall asks for the wall view: its free text comes masked, whoever is signed in on the wall.
import { ref, shallowRef, watch } from 'vue';
import type { OrderDetail } from '@contract/orders';
import { getOrder } from '../api/orders';

export function useOrderDetail(id: () => number | null, seq: () => number | undefined = () => undefined, view: 'console' | 'wall' = 'console') {
  const detail = shallowRef<OrderDetail | null>(null);
  const error = ref('');
  const loading = ref(false);
  let inflight: AbortController | null = null;

  async function reload(): Promise<void> {
    const current = id();
    inflight?.abort();
    if (current === null) {
      detail.value = null;
      return;
    }
    const controller = new AbortController();
    inflight = controller;
    loading.value = true;
    try {
      const d = await getOrder(current, controller.signal, view);
      if (inflight === controller) {
        detail.value = d;
        error.value = '';
      }
    } catch (e) {
      if ((e as Error).name !== 'AbortError') error.value = (e as Error).message;
    } finally {
      if (inflight === controller) {
        inflight = null;
        loading.value = false;
      }
    }
  }

  watch(id, (next, previous) => {
    if (next !== previous) detail.value = null;
    void reload();
  }, { immediate: true });
  watch(seq, (next) => {
    if (next !== undefined && detail.value && next > detail.value.updatedSeq) void reload();
  });

  return { detail, error, loading, reload };
}
