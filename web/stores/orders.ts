// Live work orders in the user's scope: the open ones by id, applied by seq (an event older than what
// the store holds for that order is ignored, so a replay is harmless), the alarm list, and the KPI
// counters, refreshed (debounced) when events arrive. Listeners hear each change, for the map layer.
import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import type { AlarmPush, OrderSummary } from '@contract/orders';
import type { Kpis } from '@contract/order-stats';
import { getKpis, listAlarms, listOrders } from '../api/orders';
import { OPEN_STATUSES, isOpen } from '../orders/order-status';

export type OrderListener = (order: OrderSummary, removed: boolean) => void;

const MAX_ALARMS = 100;
const PAGE = 1000;
const MAX_PAGES = 10;
const KPI_DEBOUNCE_MS = 1500;
const KPI_MAX_WAIT_MS = 5000;

export const useOrdersStore = defineStore('orders', () => {
  const byId = new Map<number, OrderSummary>();
  /** seq last applied per order, kept after an order leaves the open set so a replay cannot bring it back. */
  const seenSeq = new Map<number, number>();
  const version = ref(0);
  const lastSeq = ref(0);
  const alarms = ref<AlarmPush[]>([]);
  const kpis = shallowRef<Kpis | null>(null);
  const loaded = ref(false);
  const area = ref<number | undefined>(undefined);
  const listeners = new Set<OrderListener>();
  let kpiTimer: ReturnType<typeof setTimeout> | undefined;
  let kpiFirstAsk = 0;

  const count = computed(() => (version.value, byId.size));
  const orders = computed(() => (version.value, [...byId.values()]));

  /**
   * Applies one order state at `seq`; returns false when the store already holds that state or a newer one.
   * Pushes advance lastSeq (the replay start); the initial load does not, so nothing between the KPI
   * snapshot and the list is skipped.
   */
  function apply(seq: number, order: OrderSummary, advance = true): boolean {
    if (advance && seq > lastSeq.value) lastSeq.value = seq;
    const at = Math.max(seq, order.updatedSeq);
    if ((seenSeq.get(order.id) ?? 0) >= at) return false;
    seenSeq.set(order.id, at);
    const open = isOpen(order.status);
    if (open) byId.set(order.id, order);
    else if (!byId.delete(order.id)) return false;
    version.value++;
    for (const l of listeners) l(order, !open);
    return true;
  }

  function push(seq: number, order: OrderSummary): void {
    if (apply(seq, order)) scheduleKpis();
  }

  /**
   * An order left the scope at `seq` (re-gridded onto a grid outside it): dropped, and remembered, so a replay
   * of its older events cannot bring it back; a later event (it came back) still applies.
   */
  function leave(seq: number, orderId: number): void {
    if (seq > lastSeq.value) lastSeq.value = seq;
    if ((seenSeq.get(orderId) ?? 0) >= seq) return;
    seenSeq.set(orderId, seq);
    const order = byId.get(orderId);
    if (!order || !byId.delete(orderId)) return;
    version.value++;
    for (const l of listeners) l(order, true);
    scheduleKpis();
  }

  function pushAlarm(a: AlarmPush, advance = true): void {
    if (advance && a.seq > lastSeq.value) lastSeq.value = a.seq;
    if (alarms.value.some((x) => x.seq === a.seq)) return;
    alarms.value = [a, ...alarms.value].sort((x, y) => y.seq - x.seq).slice(0, MAX_ALARMS);
  }

  /** Marks an alarm acknowledged (it leaves the ticker; the alarm center's history keeps it). */
  function ackAlarm(
    p: { seq: number; alarmSeq: number; ackedBy: string; ackedAt: string; note: string | null },
    advance = true,
  ): void {
    if (advance && p.seq > lastSeq.value) lastSeq.value = p.seq;
    const i = alarms.value.findIndex((a) => a.seq === p.alarmSeq);
    if (i < 0 || alarms.value[i].ack) return;
    const next = [...alarms.value];
    next[i] = { ...next[i], ack: { by: p.ackedBy, at: p.ackedAt, note: p.note } };
    alarms.value = next;
  }

  /** KPIs first: their lastSeq, taken before the list, is a safe replay start (nothing in between is lost). */
  async function load(areaId?: number): Promise<void> {
    area.value = areaId;
    const k = await getKpis(areaId).catch(() => null);
    kpis.value = k;
    let before: number | undefined;
    for (let page = 0; page < MAX_PAGES; page++) {
      const rows = await listOrders({ status: OPEN_STATUSES, area: areaId, limit: PAGE, before });
      for (const o of rows) apply(o.updatedSeq, o, false);
      if (rows.length < PAGE) break;
      before = Math.min(...rows.map((o) => o.id));
    }
    for (const a of (await listAlarms().catch(() => [])).reverse()) pushAlarm(a, false);
    // The replay starts at the KPI snapshot: events after it come again, and the store ignores those it has.
    lastSeq.value = k?.lastSeq ?? 0;
    loaded.value = true;
  }

  async function refreshKpis(): Promise<void> {
    kpiFirstAsk = 0;
    try {
      kpis.value = await getKpis(area.value);
    } catch (e) {
      console.warn('kpis unavailable', e);
    }
  }

  /** Debounced, with a ceiling: a burst of events refreshes the counters at most every few seconds. */
  function scheduleKpis(): void {
    const now = Date.now();
    kpiFirstAsk ||= now;
    clearTimeout(kpiTimer);
    kpiTimer = setTimeout(
      () => void refreshKpis(),
      Math.max(0, Math.min(KPI_DEBOUNCE_MS, kpiFirstAsk + KPI_MAX_WAIT_MS - now)),
    );
  }

  function subscribe(listener: OrderListener): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  }

  const get = (id: number) => byId.get(id);

  function reset(): void {
    clearTimeout(kpiTimer);
    byId.clear();
    seenSeq.clear();
    alarms.value = [];
    kpis.value = null;
    lastSeq.value = 0;
    loaded.value = false;
    version.value++;
  }

  return {
    version,
    lastSeq,
    alarms,
    kpis,
    loaded,
    area,
    count,
    orders,
    get,
    apply,
    push,
    leave,
    pushAlarm,
    ackAlarm,
    load,
    refreshKpis,
    scheduleKpis,
    subscribe,
    reset,
  };
});
