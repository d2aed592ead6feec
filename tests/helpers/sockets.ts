// Socket.IO helpers for tests that end on a sentinel rather than a sleep.
import type { Socket } from 'socket.io-client';

type Json = Record<string, any>;

/** Resolves once every push the server sent this socket before now has arrived (its reply comes after them). */
export const sentinel = (s: Socket) =>
  new Promise<void>((resolve) => s.emit('positions', { points: [] }, () => resolve()));
export const connected = (s: Socket) =>
  new Promise<void>((resolve, reject) => {
    if (s.connected) return resolve();
    s.once('connect', () => resolve());
    s.once('connect_error', reject);
  });
/** Which comes first on this socket: its disconnect, or the push the test waits for. */
export const firstOf = (s: Socket, ev: string, match: (p: Json) => boolean) =>
  new Promise<string>((resolve) => {
    s.once('disconnect', (reason) => resolve(`disconnect: ${reason}`));
    s.on(ev, (p: Json) => match(p) && resolve(`${ev} arrived`));
  });
