// The phone's queue of positions waiting to be sent, drained oldest first in batches of at most 500. A batch
// leaves the queue only once the server has acknowledged it (a lost answer means it goes again; the server
// drops repeats), and what leaves is exactly the points sent, so fixes added or trimmed meanwhile are kept
// as they are. A batch the server refuses for good (a 4xx: a point in the future from a wrong device clock,
// or past the retention) is set aside, so that it cannot hold back everything queued behind it.
import type { PositionPoint } from '@contract/workers';

export const MAX_BATCH = 500;

/** A 4xx the phone should not retry: not 401 (signed out), 408 (timeout) or 429 (too many, retry later). */
export const refusedForGood = (status: number) =>
  status >= 400 && status < 500 && status !== 401 && status !== 408 && status !== 429;

export interface QueueStore {
  /** The queued points, oldest first; the same objects each time until written. */
  read(): PositionPoint[];
  write(points: PositionPoint[]): void;
}

export interface DrainOutcome {
  sent: number;
  /** Points in batches the server refused for good. */
  refused: number;
  /** Why the drain stopped before the queue was empty (offline, server trouble); the rest stays queued. */
  error: unknown;
}

/** Sends the queue; `send` resolves when the server acknowledged a batch and rejects otherwise. */
export async function drainPositions(
  store: QueueStore,
  send: (batch: PositionPoint[]) => Promise<void>,
  statusOf: (e: unknown) => number | undefined,
): Promise<DrainOutcome> {
  const out: DrainOutcome = { sent: 0, refused: 0, error: null };
  for (let batch = store.read().slice(0, MAX_BATCH); batch.length; batch = store.read().slice(0, MAX_BATCH)) {
    try {
      await send(batch);
      out.sent += batch.length;
    } catch (e) {
      const status = statusOf(e);
      if (status === undefined || !refusedForGood(status)) return { ...out, error: e };
      out.refused += batch.length;
      out.error = e;
    }
    const gone = new Set(batch);
    const before = store.read();
    const rest = before.filter((p) => !gone.has(p));
    if (rest.length === before.length)
      return { ...out, error: new Error('position queue: sent points are no longer in the queue') };
    store.write(rest);
  }
  return out;
}
