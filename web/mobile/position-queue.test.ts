import { describe, expect, it } from 'vitest';
import type { PositionPoint } from '@contract/workers';
import { drainPositions, refusedForGood } from './position-queue';

const fixes = (n: number, from = 0): PositionPoint[] =>
  Array.from({ length: n }, (_, i) => ({
    t: new Date(Date.UTC(2026, 2, 2, 0, 30) + (from + i) * 10_000).toISOString(),
    lon: 121.45,
    lat: 31.23,
  }));

/** A queue in memory, as use-duty keeps its buffer. */
function queueOf(points: PositionPoint[]) {
  const q = {
    points,
    read: () => q.points,
    write: (rest: PositionPoint[]) => {
      q.points = rest;
    },
  };
  return q;
}
class Refused extends Error {
  constructor(readonly status: number) {
    super(`HTTP ${status}`);
  }
}
const statusOf = (e: unknown) => (e instanceof Refused ? e.status : undefined);

describe('drainPositions', () => {
  it('sends a day of fixes oldest first in batches of at most 500, and empties the queue', async () => {
    const day = fixes(2520);
    const q = queueOf([...day]);
    const sent: PositionPoint[][] = [];
    const out = await drainPositions(
      q,
      async (b) => {
        sent.push(b);
      },
      statusOf,
    );
    expect(sent.map((b) => b.length)).toEqual([500, 500, 500, 500, 500, 20]);
    expect(sent.flat()).toEqual(day);
    expect(out).toEqual({ sent: 2520, refused: 0, error: null });
    expect(q.points).toEqual([]);
  });

  it('keeps what was not acknowledged, in order, and sends it again on the next round', async () => {
    const day = fixes(1200);
    const q = queueOf([...day]);
    const lost = new Error('network error');
    let calls = 0;
    const first = await drainPositions(
      q,
      async () => {
        if (++calls === 2) throw lost; // the second batch's answer never came
      },
      statusOf,
    );
    expect(first).toEqual({ sent: 500, refused: 0, error: lost });
    expect(q.points).toEqual(day.slice(500));
    const sent: PositionPoint[][] = [];
    await drainPositions(
      q,
      async (b) => {
        sent.push(b);
      },
      statusOf,
    );
    expect(sent.flat()).toEqual(day.slice(500)); // the unacknowledged batch again, then the rest
    expect(q.points).toEqual([]);
  });

  it('removes only the points it sent: fixes taken and old ones trimmed meanwhile stay as they are', async () => {
    const q = queueOf(fixes(600));
    const later = fixes(3, 600);
    await drainPositions(
      q,
      async (b) => {
        if (b.length === 500)
          q.points = [...q.points.slice(10), ...later]; // a new fix arrives, the buffer trims its oldest 10
        else throw new Error('offline');
      },
      statusOf,
    );
    expect(q.points).toEqual([...fixes(100, 500), ...later]);
  });

  it('sets aside a batch the server refuses for good and sends the rest; a 401 or 429 stops and keeps it', async () => {
    const day = fixes(1100);
    const q = queueOf([...day]);
    const sent: PositionPoint[][] = [];
    const out = await drainPositions(
      q,
      async (b) => {
        if (b[0] === day[0]) throw new Refused(400); // a fix from a wrong device clock, in the future
        sent.push(b);
      },
      statusOf,
    );
    expect(out).toMatchObject({ sent: 600, refused: 500 });
    expect((out.error as Refused).status).toBe(400);
    expect(sent.flat()).toEqual(day.slice(500));
    expect(q.points).toEqual([]);
    for (const status of [401, 408, 429, 503]) {
      const kept = queueOf(fixes(10));
      const r = await drainPositions(
        kept,
        async () => {
          throw new Refused(status);
        },
        statusOf,
      );
      expect(r.refused).toBe(0);
      expect(kept.points).toHaveLength(10);
    }
    expect([400, 413, 422].every(refusedForGood)).toBe(true);
    expect([0, 401, 408, 429, 500, 503].some(refusedForGood)).toBe(false);
  });
});
