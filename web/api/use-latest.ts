// Only the latest request counts: each run aborts the one before it, an answer that arrives after a newer
// run began is dropped, and aborts are not errors. For fetches driven by input (filters, map moves, search
// boxes, a selected id); the run in flight is aborted too when the component or store that made it goes away.
import { type Ref, getCurrentScope, onScopeDispose, ref } from 'vue';

export interface Latest {
  /**
   * Aborts the run in flight and starts `task` with a fresh signal. Resolves to its result, or to undefined
   * when it was aborted or overtaken by a newer run; rejects only with the latest run's own errors.
   */
  run<T>(task: (signal: AbortSignal) => Promise<T>): Promise<T | undefined>;
  /** Aborts the run in flight, if any. */
  abort(): void;
  /** A run is in flight. */
  pending: Ref<boolean>;
}

export const isAbort = (e: unknown): boolean => (e as Error | null)?.name === 'AbortError';

export function useLatest(): Latest {
  let current: AbortController | null = null;
  const pending = ref(false);

  function abort(): void {
    current?.abort();
    current = null;
    pending.value = false;
  }

  async function run<T>(task: (signal: AbortSignal) => Promise<T>): Promise<T | undefined> {
    current?.abort();
    const mine = new AbortController();
    current = mine;
    pending.value = true;
    try {
      const value = await task(mine.signal);
      return current === mine ? value : undefined;
    } catch (e) {
      if (current !== mine || isAbort(e)) return undefined;
      throw e;
    } finally {
      if (current === mine) {
        current = null;
        pending.value = false;
      }
    }
  }

  if (getCurrentScope()) onScopeDispose(abort);
  return { run, abort, pending };
}
