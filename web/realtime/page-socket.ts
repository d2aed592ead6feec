// The page's one Socket.IO connection, shared by every composable that listens (orders and alarms, live worker
// positions): the first to ask opens it, the last to let go closes it. Each holder removes only its own
// listeners, so one panel leaving does not deafen another.
import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '@contract/sockets';

export type PageSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

let shared: PageSocket | null = null;
let holders = 0;

/** The shared connection (opened now if none is open); give it back with `releasePageSocket`. */
export function acquirePageSocket(): PageSocket {
  holders += 1;
  shared ??= io({
    path: '/socket.io',
    withCredentials: true,
    reconnectionDelay: 1000,
    reconnectionDelayMax: 15_000,
    randomizationFactor: 0.5,
  });
  return shared;
}

export function releasePageSocket(): void {
  holders = Math.max(0, holders - 1);
  if (holders > 0 || !shared) return;
  shared.removeAllListeners();
  shared.disconnect();
  shared = null;
}

/**
 * Listens on the shared socket and returns how to stop: `on(s, 'alarm', fn)`. A listener of `connect` is called
 * at once when the socket is already connected (another holder opened it first).
 */
export function listen<E extends keyof ServerToClientEvents | 'connect' | 'disconnect' | 'connect_error'>(
  s: PageSocket,
  event: E,
  fn: E extends keyof ServerToClientEvents ? ServerToClientEvents[E] : (...args: unknown[]) => void,
): () => void {
  const on = s.on as (ev: string, f: (...args: unknown[]) => void) => void;
  const off = s.off as (ev: string, f: (...args: unknown[]) => void) => void;
  on.call(s, event, fn as (...args: unknown[]) => void);
  if (event === 'connect' && s.connected) queueMicrotask(() => (fn as () => void)());
  return () => off.call(s, event, fn as (...args: unknown[]) => void);
}
