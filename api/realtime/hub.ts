// Socket.IO hub: authenticates each socket with its session and joins it to the room of its area scope.
// Events go to the room of every ancestor path of where they happened, so a district wall hears a grid.
// A client that reconnects sends `replay` with the last seq it saw and gets what it missed, in order, from the
// event log (api/events/log.ts). An event whose subject moved out of a scope reaches that scope only as its leaving.
// An operator's remote page sends `wall:command`, relayed to the other sockets of the same account.
// A handshake from a foreign browser page is refused (http/origin.ts). A socket lives no longer than its
// session: a logout closes that session's sockets, and a role, scope, password or deactivation change
// closes the account's, on every node (through the adapter), before anything published after it.
import type { IncomingMessage, Server as HttpServer } from 'node:http';
import { Server } from 'socket.io';
import { ReplayRequest } from '../../contract/orders.js';
import type { ClientToServerEvents, ServerToClientEvents } from '../../contract/sockets.js';
import { WallCommand } from '../../contract/wall.js';
import { liveSessions, sessionExpiry } from '../auth/queries.js';
import { type AuthUser, hashToken, tokenFrom, userForToken } from '../auth/session.js';
import type { Db } from '../db/index.js';
import { allowedOrigins, normalizeOrigin, type OriginPolicy, socketOriginCheck } from '../http/origin.js';
import { VERIFY_MAX_RANGE, VerifyRequest } from '../../contract/push-check.js';
import { coalescedReplays, serialQueue } from './one-at-a-time.js';
import * as eventLog from '../events/log.js';
import type { Published } from '../events/log.js';
import { createInvalidationBus, type InvalidationBus } from './invalidation.js';

export const roomOf = (areaPath: string) => `area:${areaPath}`;
/** The room of a department's accounts scoped to an area. */
export const deptRoom = (dept: string, areaPath: string) => `dept:${dept}|${areaPath}`;
/** Every socket of one account: where an operator's remote page reaches that account's walls. */
export const accountRoom = (accountId: number) => `account:${accountId}`;
/** Every socket of one session (by its token's hash): what its logout closes. */
export const sessionRoom = (tokenHash: string) => `session:${tokenHash}`;
const STEERING_ROLES = new Set(['admin', 'operator', 'dispatcher', 'supervisor']);

/** Rooms that must receive an event about an area with this path: the path and each of its ancestors. */
export function roomsFor(areaPath: string): string[] {
  const ids = areaPath.split('/').filter(Boolean);
  return ids.map((_, i) => roomOf(`/${ids.slice(0, i + 1).join('/')}/`));
}

/** At most this many missed events per replay request; the client asks again from the last one. */
export const REPLAY_PAGE = 5000;
/** Verify requests of one socket that may wait while one runs; more are dropped (the client asks again). */
const VERIFY_QUEUE = 4;

/** What the handshake learnt about a socket, kept on it (a grid worker's id is added by api/workers). */
export interface SocketData {
  user: AuthUser;
  tokenHash: string;
  /** When its session ends; null: it ended meanwhile; undefined: unknown (database away at the handshake). */
  expiresAt: Date | null | undefined;
  workerId?: number;
}
export type HubServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

export interface Hub {
  io: HubServer;
  publish(events: Published[]): void;
  /** Empties per-node caches here and on the other nodes. */
  bus: InvalidationBus;
  /** Ends every socket of an account, on every node (its sessions were revoked). */
  disconnectAccount(accountId: number): void;
  /** Runs `fn` with what each publish sent, after it is sent (the inbox finds who an event is addressed to). */
  afterPublish(fn: (events: Published[]) => void | Promise<void>): void;
}

export interface HubOptions {
  log?: (msg: string) => void;
  /** How often the watermark goes to this node's sockets (contract/push-check.ts); 0 = never. */
  syncMs?: number;
  /** Which browser pages may open a socket; unchecked without it. */
  origins?: { policy: OriginPolicy; protocolOf: (req: IncomingMessage) => string };
}

/** A timer can wait at most this long (about 24.8 days); a longer session is checked again when it fires. */
const MAX_TIMER_MS = 2 ** 31 - 1;

export function createHub(
  http: HttpServer,
  db: Db,
  { log = () => undefined, syncMs = 0, origins }: HubOptions = {},
): Hub {
  const io: HubServer = new Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>(
    http,
    {
      serveClient: false,
      maxHttpBufferSize: 1e6,
      ...(origins && {
        allowRequest: socketOriginCheck(origins.policy, origins.protocolOf),
        // Cross-origin polling is answered only to the configured (or listening) origins.
        cors: {
          origin: (origin: string | undefined, cb: (err: Error | null, allow?: boolean) => void) => {
            const o = origin === undefined ? null : normalizeOrigin(origin);
            cb(null, o !== null && allowedOrigins(origins.policy, null).has(o));
          },
          credentials: true,
        },
      }),
    },
  );
  const bus = createInvalidationBus(io as unknown as Parameters<typeof createInvalidationBus>[0], log);
  // A session ended on any node (the bus brings the message here): its sockets on this node close now.
  bus.on((m) => {
    if (m.cache === 'session') io.local.in(sessionRoom(m.tokenHash)).disconnectSockets(true);
  });
  io.use(async (socket, next) => {
    try {
      const auth = socket.handshake.auth as { token?: string } | undefined;
      const token = auth?.token ?? tokenFrom(socket.handshake.headers as { authorization?: string; cookie?: string });
      const user = await userForToken(db, token);
      if (!user) return next(new Error('unauthorized'));
      const tokenHash = hashToken(token!);
      // Its end (null: it ended meanwhile); unknown while the database is away, when the watermark tick decides.
      const expiresAt = await sessionExpiry(db, tokenHash).catch(() => undefined);
      Object.assign(socket.data, { user, tokenHash, expiresAt });
      next();
    } catch {
      next(new Error('unavailable'));
    }
  });
  io.on('connection', (socket) => {
    const { user, tokenHash, expiresAt } = socket.data;
    // A department account hears only the orders of its department (the pushes that name it), not its whole area.
    const dept = user.role === 'department' ? (user.departmentCode ?? '') : null;
    void socket.join([
      dept === null ? roomOf(user.areaPath) : deptRoom(dept, user.areaPath),
      accountRoom(user.id),
      sessionRoom(tokenHash),
    ]);
    // The session's end by expiry closes the socket then, watermark or not.
    let expiry: NodeJS.Timeout | null = null;
    const closeAtExpiry = () => {
      if (expiresAt === undefined) return;
      const left = (expiresAt?.getTime() ?? 0) - Date.now();
      if (left <= 0) return void socket.disconnect(true);
      expiry = setTimeout(closeAtExpiry, Math.min(left, MAX_TIMER_MS));
      expiry.unref();
    };
    closeAtExpiry();
    socket.on('disconnect', () => expiry && clearTimeout(expiry));
    socket.on('wall:command', (command) => {
      const c = WallCommand.safeParse(command);
      if (!c.success || !STEERING_ROLES.has(user.role)) return;
      // To this account's other sockets, on every node (through the adapter when there are several).
      socket.to(accountRoom(user.id)).emit('wall:command', c.data);
    });
    // One verify and one replay at a time per socket (realtime/one-at-a-time.ts): a client that sends thousands
    // at once gets the work of a few, not thousands of pages of events.
    const verifyInTurn = serialQueue(VERIFY_QUEUE);
    const send = (v: { topic: string; payload: unknown }) =>
      (socket.emit as (ev: string, payload: unknown) => void)(v.topic, v.payload);
    socket.on('verify', (request, ack) => {
      const v = VerifyRequest.safeParse(request);
      if (!v.success || typeof ack !== 'function') return;
      const { after, upTo, count } = v.data;
      if (upTo - after > VERIFY_MAX_RANGE) return; // a client keeps its ranges narrower (contract/push-check.ts)
      verifyInTurn(async () => {
        try {
          if ((await eventLog.countBetween(db, user.areaPath, after, upTo, dept)) === count) return ack({ resent: 0 });
          const missed = await eventLog.between(db, user.areaPath, after, upTo, dept);
          for (const e of missed) send(eventLog.viewFor(e, user.areaPath));
          ack({ resent: missed.length });
        } catch {
          /* database unavailable: no answer, the client asks again */
        }
      });
    });
    const replays = coalescedReplays(async (since) => {
      const missed = await eventLog.since(db, user.areaPath, since, REPLAY_PAGE, dept);
      for (const e of missed) send(eventLog.viewFor(e, user.areaPath));
      return missed.length;
    });
    socket.on('replay', (request, ack) => {
      const r = ReplayRequest.safeParse(request);
      if (!r.success) return;
      replays.request(r.data.since, typeof ack === 'function' ? (sent) => ack({ sent }) : undefined);
    });
  });
  // The watermark (events/log.ts) goes to this node's sockets each tick. The same tick closes sockets whose
  // session ended or expired (ended on another node while Redis was away).
  const watermark = eventLog.watermark(db);
  const tick = async () => {
    try {
      const seq = await watermark.next();
      if (seq !== null) io.local.emit('watermark', { seq });
      await closeEndedSessions();
    } catch {
      watermark.reset(); // database away: start over when it is back
    }
  };
  const closeEndedSessions = async () => {
    const sockets = [...io.of('/').sockets.values()];
    if (!sockets.length) return;
    const live = await liveSessions(db, [...new Set(sockets.map((s) => (s.data as { tokenHash: string }).tokenHash))]);
    for (const s of sockets) if (!live.has((s.data as { tokenHash: string }).tokenHash)) s.disconnect(true);
  };
  const timer = syncMs > 0 ? setInterval(() => void tick(), syncMs) : null;
  timer?.unref();
  http.on('close', () => timer && clearInterval(timer));
  const listeners: ((events: Published[]) => void | Promise<void>)[] = [];
  return {
    io,
    bus,
    disconnectAccount(accountId) {
      io.in(accountRoom(accountId)).disconnectSockets(true);
    },
    afterPublish(fn) {
      listeners.push(fn);
    },
    publish(events) {
      const emit = (to: { emit: unknown }, v: { topic: string; payload: unknown }) =>
        (to.emit as (ev: string, payload: unknown) => void)(v.topic, v.payload);
      for (const e of events) {
        const rooms = roomsFor(e.areaPath);
        emit(io.to(rooms), e);
        const depts = (e.depts ?? []).flatMap((d) => rooms.map((r) => deptRoom(d, r.slice('area:'.length))));
        if (depts.length) emit(io.to(depts), e);
        // Scopes that held the subject where it was, and do not hold where it went, hear only that it left.
        if (e.fromPath !== undefined) emit(io.to(roomsFor(e.fromPath)).except(rooms), eventLog.leaveOf(e));
      }
      if (events.length) for (const fn of listeners) void Promise.resolve(fn(events)).catch(() => undefined);
    },
  };
}
