// One Socket.IO connection for the page that calls this: cookie-authenticated, reconnecting with
// jittered backoff, and asking for a replay from the last seq seen on every (re)connect, so a dropped
// connection never loses an event (the store ignores what it has already applied); and checking its count
// of pushes against the server's at every watermark, so one lost between two nodes is sent again.
import { onBeforeUnmount, readonly, ref } from 'vue';
import type { AlarmPush, OrderEscalatedPush, OrderLeftPush, OrderMovedPush, OrderPush } from '@contract/orders';
import { PushCheck, Watermark } from '@contract/push-check';
import { type AlarmAckPush, WallCommand } from '@contract/wall';
import { acquirePageSocket, listen, type PageSocket, releasePageSocket } from './page-socket';

export type ConnectionState = 'connecting' | 'live' | 'offline';

export interface SocketHandlers {
  /** An order as it is now: reported, acted on, escalated, or moved to another grid of this scope. */
  order?(
    push: OrderPush | OrderEscalatedPush | OrderMovedPush,
    kind: 'created' | 'updated' | 'escalated' | 'moved',
  ): void;
  /** An order left this scope (a re-gridding put it on a grid outside it). */
  orderLeft?(push: OrderLeftPush): void;
  alarm?(push: AlarmPush): void;
  /** Someone acknowledged an alarm (pushed and replayed like the alarm). */
  alarmAck?(push: AlarmAckPush): void;
  /** A command from a remote page signed in with this account (validated here). */
  command?(command: WallCommand): void;
  /** The highest seq applied so far; the replay asks for everything after it. A page without it (the
   * remote) keeps no events and asks for no replay. */
  lastSeq?(): number;
}

/** The server answers a replay with at most this many events (api/realtime/hub.ts REPLAY_PAGE). */
const REPLAY_PAGE = 5000;
/** A refused handshake (expired session, server restarting) is not retried by socket.io itself. */
const RETRY_AFTER_REFUSAL_MS = 10_000;
/** A verify left unanswered this long is asked again at the next watermark. */
const VERIFY_TIMEOUT_MS = 10_000;

/**
 * Call once per page. `connect` is left to the caller, who first loads the current state (so the first
 * replay starts from a known seq instead of the beginning of history).
 */
export function useSocket(handlers: SocketHandlers) {
  const state = ref<ConnectionState>('connecting');
  let socket: PageSocket | null = null;
  let stops: (() => void)[] = [];
  let sinceReplay = 0;
  let retry: ReturnType<typeof setTimeout> | undefined;
  /** Started from the state the page loaded, at the first connect; pages that keep no events have none. */
  let check: PushCheck | null = null;

  function askReplay(): void {
    sinceReplay = 0;
    if (handlers.lastSeq) socket?.emit('replay', { since: handlers.lastSeq() });
  }

  /** A full replay page means there may be more: ask again from where it stopped. */
  function counted(seq: number): void {
    check?.received(seq);
    if (++sinceReplay >= REPLAY_PAGE) askReplay();
  }

  function verify(w: Watermark): void {
    const request = check?.request(w.seq);
    if (!request || !socket) return;
    socket
      .timeout(VERIFY_TIMEOUT_MS)
      .emit('verify', request, (err: Error | null) => (err ? check?.abandoned() : check?.confirmed()));
  }

  /**
   * The browser knows before the socket does: a dead link is otherwise noticed only when a heartbeat is missed
   * (up to ~45 s). Closing the transport now shows 离线 at once and starts the reconnect-with-backoff, whose
   * first success replays what was missed.
   */
  function wentOffline(): void {
    state.value = 'offline';
    socket?.io.engine?.close();
  }

  function connect(): void {
    if (socket) return;
    window.addEventListener('offline', wentOffline);
    const s = acquirePageSocket();
    socket = s;
    const on: typeof listen = (s2, ev, fn) => {
      const stop = listen(s2, ev, fn);
      stops.push(stop);
      return stop;
    };
    on(s, 'connect', () => {
      state.value = 'live';
      if (!check && handlers.lastSeq) check = new PushCheck(handlers.lastSeq());
      askReplay();
    });
    on(s, 'disconnect', () => {
      state.value = 'offline';
    });
    on(s, 'connect_error', () => {
      state.value = 'offline';
      if (!s.active) retry = setTimeout(() => s.connect(), RETRY_AFTER_REFUSAL_MS);
    });
    on(s, 'order:created', (p) => {
      counted(p.seq);
      handlers.order?.(p, 'created');
    });
    on(s, 'order:updated', (p) => {
      counted(p.seq);
      handlers.order?.(p, 'updated');
    });
    on(s, 'order:escalated', (p) => {
      counted(p.seq);
      handlers.order?.(p, 'escalated');
    });
    on(s, 'order:moved', (p) => {
      counted(p.seq);
      handlers.order?.(p, 'moved');
    });
    on(s, 'order:left', (p) => {
      counted(p.seq);
      handlers.orderLeft?.(p);
    });
    on(s, 'alarm', (p) => {
      counted(p.seq);
      handlers.alarm?.(p);
    });
    on(s, 'alarm:ack', (p) => {
      counted(p.seq);
      handlers.alarmAck?.(p);
    });
    on(s, 'watermark', (w) => {
      const parsed = Watermark.safeParse(w);
      if (parsed.success) verify(parsed.data);
    });
    on(s, 'wall:command', (c) => {
      const parsed = WallCommand.safeParse(c);
      if (parsed.success) handlers.command?.(parsed.data);
    });
  }

  /** Sends a command to this account's other pages (the walls a remote steers). */
  function send(command: WallCommand): void {
    socket?.emit('wall:command', command);
  }

  onBeforeUnmount(() => {
    window.removeEventListener('offline', wentOffline);
    clearTimeout(retry);
    for (const stop of stops) stop();
    stops = [];
    if (socket) releasePageSocket();
    socket = null;
  });

  return { state: readonly(state), connect, send };
}
