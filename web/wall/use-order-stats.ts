// The wall's slower aggregates: the three rates by the level below the drill, the root-cause list and the orders each
// party holds. Refreshed when the
// scope changes and, at most every REFRESH_MS, after orders change; kept as they were when a refresh fails.
import { onBeforeUnmount, shallowRef, watch } from 'vue';
import type { PartyStatsRow, RateRow, RootCause, StatsGroupBy } from '@contract/order-stats';
import { getPartyStats, getRates, getRootCauses } from '../api/orders';
import { useOrdersStore } from '../stores/orders';

const REFRESH_MS = 30_000;
const RETRY_MS = 15_000;

/** `from`: start of the rates' window (default the last 30 days); `days`: the root causes' window. */
export function useOrderStats(
  scope: () => { area?: number; groupBy: StatsGroupBy; from?: string; to?: string; days?: number },
) {
  const store = useOrdersStore();
  const rates = shallowRef<RateRow[] | null>(null);
  const rootCauses = shallowRef<RootCause[] | null>(null);
  const parties = shallowRef<PartyStatsRow[] | null>(null);
  const failed = shallowRef(false);
  let timer: ReturnType<typeof setTimeout> | undefined;
  let last = 0;

  async function refresh(): Promise<void> {
    clearTimeout(timer);
    timer = undefined;
    last = Date.now();
    const { area, groupBy, from, to, days } = scope();
    const [r, c, p] = await Promise.allSettled([
      getRates({ groupBy, area, from, to }),
      getRootCauses({ area, days: days ?? 30 }),
      getPartyStats({ area }),
    ]);
    if (r.status === 'fulfilled') rates.value = r.value;
    if (c.status === 'fulfilled') rootCauses.value = c.value;
    if (p.status === 'fulfilled') parties.value = p.value;
    failed.value = r.status === 'rejected' && c.status === 'rejected';
    // The aggregates may not be deployed yet, or the server is restarting: ask again a little later.
    if (r.status === 'rejected' || c.status === 'rejected' || p.status === 'rejected')
      timer = setTimeout(() => void refresh(), RETRY_MS);
  }

  function soon(): void {
    if (timer) return;
    timer = setTimeout(() => void refresh(), Math.max(1000, last + REFRESH_MS - Date.now()));
  }

  watch(
    () => JSON.stringify(scope()),
    () => void refresh(),
    { immediate: true },
  );
  watch(() => store.version, soon);
  onBeforeUnmount(() => clearTimeout(timer));

  return { rates, rootCauses, parties, failed };
}
