// Caches each API node keeps in memory (encoded tiles, grid shapes, checked sessions) are emptied on every
// node when the data behind them changes: on this node at once, on the others through the Socket.IO
// adapter's server-side messages (Redis). A node that lost its Redis connection may have missed some, so
// it empties every cache when the connection comes back.
import type { Server } from 'socket.io';

export type Invalidation =
  /** Areas, roads or water changed: tiles and grid shapes. */
  | { cache: 'areas' }
  /** One session ended (by its token's hash: tokens themselves never leave the node that saw them). */
  | { cache: 'session'; tokenHash: string }
  /** Every session of an account: its role, scope or password changed, or it was deactivated. */
  | { cache: 'account'; accountId: number }
  /** Everything, after this node may have missed messages. */
  | { cache: 'all' };

const EVENT = 'gridwall:invalidate';

type Handler = (m: Invalidation) => void;

export interface InvalidationBus {
  /** Empties the caches named on this node now and on every other node. */
  announce(m: Invalidation): void;
  /** Registers what this node empties for a message, wherever it was announced. */
  on(handler: Handler): void;
  /** Runs the handlers on this node only (e.g. `all` after a reconnect). */
  applyLocally(m: Invalidation): void;
  /** Set once the adapter reaches other nodes; before that, messages stay on this node. */
  setClustered(clustered: boolean): void;
}

export function isInvalidation(m: unknown): m is Invalidation {
  if (!m || typeof m !== 'object') return false;
  const v = m as Record<string, unknown>;
  switch (v.cache) {
    case 'areas':
    case 'all':
      return true;
    case 'session':
      return typeof v.tokenHash === 'string' && /^[0-9a-f]{64}$/.test(v.tokenHash);
    case 'account':
      return Number.isInteger(v.accountId);
    default:
      return false;
  }
}

export function createInvalidationBus(io: Server, log: (msg: string) => void = () => undefined): InvalidationBus {
  const handlers: Handler[] = [];
  let clustered = false;
  const applyLocally = (m: Invalidation) => {
    for (const h of handlers) {
      try {
        h(m);
      } catch (e) {
        log(`cache invalidation ${m.cache} failed: ${(e as Error).message}`);
      }
    }
  };
  // Messages from the other nodes (the adapter never delivers a node's own message back to it).
  (io.on as (ev: string, fn: (m: unknown) => void) => void)(EVENT, (m) => {
    if (isInvalidation(m)) applyLocally(m);
  });
  return {
    announce(m) {
      applyLocally(m);
      if (clustered) (io.serverSideEmit as (ev: string, m: Invalidation) => void)(EVENT, m);
    },
    on(handler) {
      handlers.push(handler);
    },
    applyLocally,
    setClustered(c) {
      clustered = c;
    },
  };
}
