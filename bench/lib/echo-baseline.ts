// The baseline of the push benchmarks: the server broadcasts an order-sized payload to every client with
// a bare io.emit, at a given rate; each client times it against the absolute send time it carries.
import type { Server } from 'socket.io';

export const ECHO_EVENT = 'bench:echo';

/** The shape and size of an order:created push. */
const SAMPLE_PUSH = {
  seq: 1,
  order: {
    id: 0,
    categoryCode: 'SAN-01',
    status: 'reported',
    hazardLevel: 'general',
    lon: 121.45,
    lat: 31.23,
    gridId: 100,
    source: 'grid_worker',
    reportedAt: new Date().toISOString(),
    deadline: new Date().toISOString(),
    sla: 'ok',
    escalationLevel: 0,
    cardsIssued: 0,
    leadDept: null,
    updatedSeq: 1,
  },
};

export interface EchoPush {
  id: number;
  /** performance.timeOrigin + performance.now() when emitted: comparable across threads. */
  sentAt: number;
}

/** Emits `count` echoes at `rate` a second; resolves when the last has been emitted. */
export function broadcastEcho(io: Pick<Server, 'emit'>, rate: number, count: number): Promise<void> {
  return new Promise<void>((resolve) => {
    const t0 = performance.now();
    let sent = 0;
    const timer = setInterval(() => {
      const due = Math.min(count, Math.floor(((performance.now() - t0) / 1000) * rate));
      for (; sent < due; sent++)
        io.emit(ECHO_EVENT, { ...SAMPLE_PUSH, id: sent, sentAt: performance.timeOrigin + performance.now() });
      if (sent >= count) {
        clearInterval(timer);
        resolve();
      }
    }, 2);
  });
}
