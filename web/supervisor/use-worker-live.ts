// Live worker positions for a page: loads GET /api/workers/live, then applies `worker:position` pushes
// from the page's one Socket.IO connection (realtime/page-socket.ts), and re-marks positions stale as time passes.
import { onBeforeUnmount, ref, shallowRef } from 'vue';
import type { LivePosition, WorkerPositionPush } from '@contract/workers';
import { livePositions } from '../api/workers';
import { acquirePageSocket, listen, releasePageSocket } from '../realtime/page-socket';

export const STALE_MS = 10 * 60_000;

/** Merges a push into the list (newer position of the same worker replaces the old one). */
export function applyPush(list: readonly LivePosition[], p: WorkerPositionPush, now: number): LivePosition[] {
  const i = list.findIndex((x) => x.workerId === p.workerId);
  if (i >= 0 && Date.parse(list[i].t) >= Date.parse(p.t)) return list as LivePosition[];
  const next = { ...p, stale: now - Date.parse(p.t) > STALE_MS };
  return i >= 0 ? list.map((x, k) => (k === i ? next : x)) : [...list, next];
}

export function useWorkerLive() {
  const positions = shallowRef<LivePosition[]>([]);
  const error = ref<string | null>(null);
  let stops: (() => void)[] = [];
  let holding = false;
  let timer: ReturnType<typeof setInterval> | undefined;

  async function load(): Promise<void> {
    try {
      positions.value = await livePositions();
      error.value = null;
    } catch (e) {
      error.value = (e as Error).message;
    }
  }

  function start(): void {
    void load();
    const socket = acquirePageSocket();
    holding = true;
    stops = [
      listen(socket, 'connect', () => void load()), // a reconnect fetches the state instead of replaying
      listen(socket, 'worker:position', (p: WorkerPositionPush) => {
        positions.value = applyPush(positions.value, p, Date.now());
      }),
    ];
    timer = setInterval(() => {
      const now = Date.now();
      if (positions.value.some((p) => p.stale !== now - Date.parse(p.t) > STALE_MS)) {
        positions.value = positions.value.map((p) => ({ ...p, stale: now - Date.parse(p.t) > STALE_MS }));
      }
    }, 30_000);
  }

  onBeforeUnmount(() => {
    clearInterval(timer);
    for (const stop of stops) stop();
    stops = [];
    if (holding) releasePageSocket();
    holding = false;
  });

  return { positions, error, start, reload: load };
}
