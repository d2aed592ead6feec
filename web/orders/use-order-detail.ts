// One order with its full history, loaded when the id changes and reloaded when `seq` says the order
// moved on (a push), so an open drawer or console pane grows its timeline live. Stale answers are dropped.
// A wall asks for the wall view: its free text comes masked, whoever is signed in on the wall.
import { ref, shallowRef, watch } from 'vue';
import type { OrderDetail } from '@contract/orders';
import { getOrder } from '../api/orders';
import { useLatest } from '../api/use-latest';

export function useOrderDetail(
  id: () => number | null,
  seq: () => number | undefined = () => undefined,
  view: 'console' | 'wall' = 'console',
) {
  const detail = shallowRef<OrderDetail | null>(null);
  const error = ref('');
  const latest = useLatest();
  const loading = latest.pending;

  async function reload(): Promise<void> {
    const current = id();
    if (current === null) {
      latest.abort();
      detail.value = null;
      return;
    }
    try {
      const d = await latest.run((signal) => getOrder(current, signal, view));
      if (!d) return;
      detail.value = d;
      error.value = '';
    } catch (e) {
      error.value = (e as Error).message;
    }
  }

  watch(
    id,
    (next, previous) => {
      if (next !== previous) detail.value = null;
      void reload();
    },
    { immediate: true },
  );
  watch(seq, (next) => {
    if (next !== undefined && detail.value && next > detail.value.updatedSeq) void reload();
  });

  return { detail, error, loading, reload };
}
