// Every Socket.IO event, both ways, in one place: what the server pushes (ServerToClientEvents) and what a
// client sends (ClientToServerEvents), with their acks. api/realtime types its Server and web/realtime its
// Socket with these maps. Types are no validation: the server still parses what arrives.
import type { ErrorBody } from './auth.js';
import type {
  AlarmPush,
  OrderEscalatedPush,
  OrderLeftPush,
  OrderMovedPush,
  OrderPush,
  ReplayRequest,
} from './orders.js';
import type { InboxPush } from './inbox.js';
import type { VerifyReply, VerifyRequest, Watermark } from './push-check.js';
import type { AlarmAckPush, WallCommand } from './wall.js';
import type { IngestResult, PositionBatch, WorkerPositionPush } from './workers.js';

/** A refusal sent in an ack: the HTTP error body's `error` (code, message in the handshake's language, messageKey, params). */
export type AckError = ErrorBody['error'];

/** The `positions` ack: the result, or why nothing was written. */
export type PositionsAck = { ok: true; result: IngestResult } | { ok: false; error: AckError };

export interface ServerToClientEvents {
  'order:created': (payload: OrderPush) => void;
  'order:updated': (payload: OrderPush) => void;
  'order:escalated': (payload: OrderEscalatedPush) => void;
  /** An order moved to another area (a re-gridding): the whole order, with the area it left. */
  'order:moved': (payload: OrderMovedPush) => void;
  /** An order left this scope for one the client cannot see: only its id and seq. */
  'order:left': (payload: OrderLeftPush) => void;
  alarm: (payload: AlarmPush) => void;
  'alarm:ack': (payload: AlarmAckPush) => void;
  /** Relayed from a remote page signed in with the same account. */
  'wall:command': (payload: WallCommand) => void;
  /** Every push up to this seq is committed and was published (contract/push-check.ts). */
  watermark: (payload: Watermark) => void;
  /** A grid worker's latest position, to the staff whose scope holds it and to that worker (not replayed). */
  'worker:position': (payload: WorkerPositionPush) => void;
  /** An order event addressed to this account's party (contract/inbox.ts); only to that account's sockets. */
  'inbox:new': (payload: InboxPush) => void;
}

export interface ClientToServerEvents {
  /**
   * Ask for every event after `since`; the server answers with the events above, in seq order, then acks with how
   * many it sent. Requests sent while one runs are folded into one from the earliest `since`.
   */
  replay: (request: ReplayRequest, ack?: (reply: { sent: number }) => void) => void;
  /** An operator's remote page steering the walls of the same account. */
  'wall:command': (payload: WallCommand) => void;
  /** How many pushes the client received in a range; the server resends the range when its count differs. */
  verify: (request: VerifyRequest, ack: (reply: VerifyReply) => void) => void;
  /** A grid worker's own positions, as POST /api/positions takes them. */
  positions: (batch: PositionBatch, ack?: (reply: PositionsAck) => void) => void;
}

/** Event names the server pushes, for code that relays stored events by their topic. */
export type ServerEvent = keyof ServerToClientEvents;
