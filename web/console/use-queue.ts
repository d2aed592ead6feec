// The dispatcher's queue: orders matching the filters, newest first, reloaded when the filters change
// and (debounced) when a push says something moved.
import { reactive, ref, shallowRef, watch } from 'vue';
import type { OrderStatus, OrderSummary } from '@contract/orders';
import { listOrders } from '../api/orders';
import { OPEN_STATUSES } from '../orders/order-status';

export interface QueueFilters {
  /** 'open' = every open status; '' = all statuses. */
  status: OrderStatus | 'open' | '';
  category: string;
  area: number | undefined;
  overdue: boolean;
}

const PUSH_DEBOUNCE_MS = 800;

export function useQueue() {
  const filters = reactive<QueueFilters>({ status: 'open', category: '', area: undefined, overdue: false });
  const rows = shallowRef<OrderSummary[]>([]);
  const loading = ref(false);
  const error = ref('');
  let inflight: AbortController | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;

  async function reload(): Promise<void> {
    inflight?.abort();
    const controller = new AbortController();
    inflight = controller;
    loading.value = true;
    try {
      const status = filters.status === 'open' ? OPEN_STATUSES : filters.status ? [filters.status] : undefined;
      rows.value = await listOrders({ status, category: filters.category, area: filters.area, overdue: filters.overdue, limit: 200 }, controller.signal);
      error.value = '';
    } catch (e) {
      if ((e as Error).name !== 'AbortError') error.value = (e as Error).message;
    } finally {
      if (inflight === controller) {
        inflight = null;
        loading.value = false;
      }
    }
  }

  function soon(): void {
    clearTimeout(timer);
    timer = setTimeout(() => void reload(), PUSH_DEBOUNCE_MS);
  }

  watch(filters, () => void reload(), { deep: true, immediate: true });

  return { filters, rows, loading, error, reload, soon };
}
