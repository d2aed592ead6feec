import { describe, expect, it } from 'vitest';
import { coalescedReplays, serialQueue } from './one-at-a-time.js';

const deferred = () => {
  let resolve!: (n: number) => void;
  const p = new Promise<number>((r) => (resolve = r));
  return { p, resolve };
};

describe('coalescedReplays', () => {
  it('runs one replay at a time and folds the requests sent meanwhile into one from the earliest since', async () => {
    const runs: number[] = [];
    const gates: ReturnType<typeof deferred>[] = [];
    const c = coalescedReplays((since) => {
      runs.push(since);
      const d = deferred();
      gates.push(d);
      return d.p;
    });
    const acks: number[] = [];
    c.request(40, (n) => acks.push(n));
    for (let i = 0; i < 1000; i++) c.request(30 + (i % 7), (n) => acks.push(n));
    c.request(12);
    expect(runs).toEqual([40]);
    gates[0].resolve(3);
    await new Promise((r) => setTimeout(r, 0));
    expect(runs).toEqual([40, 12]);
    gates[1].resolve(5);
    await new Promise((r) => setTimeout(r, 0));
    expect(runs).toEqual([40, 12]);
    expect(acks).toHaveLength(1001);
    expect(acks[0]).toBe(3);
    expect(new Set(acks.slice(1))).toEqual(new Set([5]));
  });

  it('goes on after a failed run, leaving that run unanswered', async () => {
    const runs: number[] = [];
    let fail = true;
    const c = coalescedReplays(async (since) => {
      runs.push(since);
      if (fail) {
        fail = false;
        throw new Error('database away');
      }
      return 1;
    });
    const acks: number[] = [];
    c.request(1, (n) => acks.push(n));
    c.request(2, (n) => acks.push(n));
    await new Promise((r) => setTimeout(r, 0));
    await new Promise((r) => setTimeout(r, 0));
    expect(runs).toEqual([1, 2]);
    expect(acks).toEqual([1]);
  });
});

describe('serialQueue', () => {
  it('runs jobs one after another and refuses those past the queue', async () => {
    const enqueue = serialQueue(2);
    const order: string[] = [];
    let active = 0;
    let most = 0;
    const job = (name: string) => async () => {
      active++;
      most = Math.max(most, active);
      await new Promise((r) => setTimeout(r, 1));
      order.push(name);
      active--;
    };
    const accepted = ['a', 'b', 'c', 'd', 'e'].map((n) => enqueue(job(n)));
    expect(accepted).toEqual([true, true, true, false, false]);
    // A job queued after the others ends after them: the sentinel that they all ran.
    await new Promise<void>((resolve) => {
      const tryLater = () => (enqueue(async () => resolve()) ? undefined : setTimeout(tryLater, 1));
      tryLater();
    });
    expect(order).toEqual(['a', 'b', 'c']);
    expect(most).toBe(1);
    expect(enqueue(job('f'))).toBe(true);
  });
});
