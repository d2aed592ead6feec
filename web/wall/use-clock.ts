// A ticking clock for the wall header (one timer per component, cleared on unmount).
import { onBeforeUnmount, ref } from 'vue';

export function useClock(intervalMs = 1000) {
  const now = ref(new Date());
  const timer = window.setInterval(() => (now.value = new Date()), intervalMs);
  onBeforeUnmount(() => window.clearInterval(timer));
  return now;
}
