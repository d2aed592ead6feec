// The mediation of one dispute order, as the panel shows it: loaded on open and after each step; a refusal is
// kept as the server's message in the language on screen.
import { ref, shallowRef, watch } from 'vue';
import type { MediationOfOrder } from '@contract/mediation';
import { getMediation } from '../api/mediation';

export function useMediation(orderId: () => number) {
  const state = shallowRef<MediationOfOrder | null>(null);
  const busy = ref(false);
  const error = ref('');

  async function load(): Promise<void> {
    try {
      state.value = await getMediation(orderId());
    } catch (e) {
      error.value = (e as Error).message;
    }
  }

  /** Sends one step; the answer is the mediation as it now stands. True when it went through. */
  async function run(send: (id: number) => Promise<MediationOfOrder>): Promise<boolean> {
    busy.value = true;
    error.value = '';
    try {
      state.value = await send(orderId());
      return true;
    } catch (e) {
      error.value = (e as Error).message;
      return false;
    } finally {
      busy.value = false;
    }
  }

  watch(
    orderId,
    () => {
      state.value = null;
      error.value = '';
      void load();
    },
    { immediate: true },
  );

  return { state, busy, error, run, load };
}
