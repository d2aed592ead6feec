// The SLA clock of an order: time left to its deadline (negative once overdue), ticking every second,
// and its colour: red when overdue, yellow when the server says so or less than a quarter of the window is left.
import { computed } from 'vue';
import type { OrderSummary } from '@contract/orders';
import { useClock } from '../wall/use-clock';

export type SlaTone = 'ok' | 'yellow' | 'red';

export function slaTone(order: Pick<OrderSummary, 'reportedAt' | 'deadline' | 'sla'>, now: number): SlaTone {
  const deadline = Date.parse(order.deadline);
  const left = deadline - now;
  if (left < 0 || order.sla === 'red') return 'red';
  const window = deadline - Date.parse(order.reportedAt);
  return order.sla === 'yellow' || left < window / 4 ? 'yellow' : 'ok';
}

/** 2 天 3 小时 / 3 h 05 min / 12 min 30 s, in the current language. */
export function formatSpan(ms: number, en: boolean): string {
  const s = Math.floor(Math.abs(ms) / 1000);
  const d = Math.floor(s / 86400);
  const h = Math.floor((s % 86400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  if (d > 0) return en ? `${d} d ${h} h` : `${d} 天 ${h} 小时`;
  if (h > 0) return en ? `${h} h ${String(m).padStart(2, '0')} min` : `${h} 小时 ${String(m).padStart(2, '0')} 分`;
  return en ? `${m} min ${String(sec).padStart(2, '0')} s` : `${m} 分 ${String(sec).padStart(2, '0')} 秒`;
}

export function useSlaClock(order: () => Pick<OrderSummary, 'reportedAt' | 'deadline' | 'sla'> | null) {
  const now = useClock();
  const left = computed(() => {
    const o = order();
    return o ? Date.parse(o.deadline) - now.value.getTime() : null;
  });
  const tone = computed<SlaTone>(() => {
    const o = order();
    return o ? slaTone(o, now.value.getTime()) : 'ok';
  });
  return { left, tone };
}
