// The dispatcher's queue: orders matching the filters, newest first, a page at a time ("more" fetches the
// next page below the last id), reloaded when the filters change and (debounced) when a push says
// something moved — a reload keeps as many rows as were shown.
import { reactive, ref, shallowRef, watch } from 'vue';
import type { OrderStatus, OrderSummary } from '@contract/orders';
import { listOrders } from '../api/orders';
import { useLatest } from '../api/use-latest';
import { OPEN_STATUSES } from '../orders/order-status';

export interface QueueFilters {
  /** 'open' = every open status; '' = all statuses. */
  status: OrderStatus | 'open' | '';
  category: string;
  area: number | undefined;
  overdue: boolean;
}

const PUSH_DEBOUNCE_MS = 800;
export const QUEUE_PAGE = 100;
/** The API's own cap on one request. */
const MAX_ROWS = 1000;

export function useQueue() {
  const filters = reactive<QueueFilters>({ status: 'open', category: '', area: undefined, overdue: false });
  const rows = shallowRef<OrderSummary[]>([]);
  const latest = useLatest();
  const loading = latest.pending;
  const error = ref('');
  /** The last page came back full: there may be older orders. */
  const hasMore = ref(false);
  let timer: ReturnType<typeof setTimeout> | undefined;

  const query = () => ({
    status: filters.status === 'open' ? OPEN_STATUSES : filters.status ? [filters.status] : undefined,
    category: filters.category,
    area: filters.area,
    overdue: filters.overdue,
  });

  /** Fetches the first `limit` rows, or the page below the last row shown; one request at a time. */
  async function fetchRows(mode: 'reload' | 'more', limit = QUEUE_PAGE): Promise<void> {
    try {
      const before = mode === 'more' ? rows.value.at(-1)?.id : undefined;
      const page = await latest.run((signal) => listOrders({ ...query(), limit, before }, signal));
      if (!page) return;
      rows.value = mode === 'more' ? [...rows.value, ...page] : page;
      hasMore.value = page.length === limit;
      error.value = '';
    } catch (e) {
      error.value = (e as Error).message;
    }
  }

  const reload = (keep = false) => {
    const shown = Math.ceil(rows.value.length / QUEUE_PAGE) * QUEUE_PAGE;
    return fetchRows('reload', keep ? Math.min(MAX_ROWS, Math.max(QUEUE_PAGE, shown)) : QUEUE_PAGE);
  };
  const more = () => fetchRows('more');

  function soon(): void {
    clearTimeout(timer);
    timer = setTimeout(() => void reload(true), PUSH_DEBOUNCE_MS);
  }

  watch(filters, () => void reload(), { deep: true, immediate: true });

  return { filters, rows, loading, error, hasMore, reload, more, soon };
}
