import { describe, expect, it } from 'vitest';
import type { Queryable } from '../db/index.js';
import { leaveOf, viewFor, watermark } from './log.js';

const moved = {
  topic: 'order:moved' as const,
  areaPath: '/1/2/3/40/',
  fromPath: '/1/2/3/30/',
  payload: { seq: 9, order: { id: 5, gridId: 40 }, fromGridId: 30 },
};

describe('viewFor', () => {
  it('gives a scope that holds where the order went the whole move', () => {
    expect(viewFor(moved, '/1/2/3/')).toEqual({ topic: 'order:moved', payload: moved.payload });
    expect(viewFor(moved, '/1/2/3/40/')).toEqual({ topic: 'order:moved', payload: moved.payload });
  });

  it('tells a scope that held it only where it was that it left, with nothing of what it became', () => {
    expect(viewFor(moved, '/1/2/3/30/')).toEqual({ topic: 'order:left', payload: { seq: 9, orderId: 5 } });
    expect(leaveOf(moved).payload).not.toHaveProperty('order');
  });

  it('passes an event with no earlier place through as it is', () => {
    const e = { topic: 'alarm' as const, areaPath: '/1/2/', payload: { seq: 3, kind: 'system' } };
    expect(viewFor(e, '/1/')).toEqual({ topic: 'alarm', payload: e.payload });
  });
});

describe('watermark', () => {
  const fake = (answers: (number | Error)[]): Queryable => ({
    async query<T>() {
      const a = answers.shift();
      if (a instanceof Error) throw a;
      return { rows: [{ seq: a ?? null }] as T[], rowCount: 1 };
    },
    async exec() {},
  });

  it('answers the newest seq of the interval before, never the one just read', async () => {
    const w = watermark(fake([0, 4, 7, 7]));
    expect(await w.next()).toBeNull();
    expect(await w.next()).toBeNull(); // the log was empty an interval ago
    expect(await w.next()).toBe(4);
    expect(await w.next()).toBe(7);
  });

  it('starts over after the database was away', async () => {
    const w = watermark(fake([4, new Error('gone'), 9, 12]));
    expect(await w.next()).toBeNull();
    await expect(w.next()).rejects.toThrow('gone');
    w.reset();
    expect(await w.next()).toBeNull();
    expect(await w.next()).toBe(9);
  });
});
