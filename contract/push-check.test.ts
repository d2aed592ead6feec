import { describe, expect, it } from 'vitest';
import { PushCheck, VerifyRequest } from './push-check.js';

describe('PushCheck', () => {
  it('counts the pushes received up to the watermark, and only those', () => {
    const c = new PushCheck(10);
    for (const s of [12, 15, 19, 25]) c.received(s);
    expect(c.request(20)).toEqual({ after: 10, upTo: 20, count: 3 });
  });

  it('ignores pushes at or below what was already confirmed', () => {
    const c = new PushCheck(10);
    c.received(9);
    c.received(10);
    c.received(11);
    expect(c.request(11)).toEqual({ after: 10, upTo: 11, count: 1 });
  });

  it('moves on after a confirmation and forgets the seqs it covered', () => {
    const c = new PushCheck(0);
    c.received(3);
    c.received(8);
    expect(c.request(5)).toEqual({ after: 0, upTo: 5, count: 1 });
    c.confirmed();
    expect(c.checkedUpTo).toBe(5);
    expect(c.request(9)).toEqual({ after: 5, upTo: 9, count: 1 });
  });

  it('asks nothing while a check is under way or when the watermark has not moved', () => {
    const c = new PushCheck(4);
    expect(c.request(4)).toBeNull();
    expect(c.request(6)).not.toBeNull();
    expect(c.request(7)).toBeNull();
    c.abandoned();
    expect(c.request(7)).toEqual({ after: 4, upTo: 7, count: 0 });
  });

  it('refuses a verify request whose count cannot fit its range', () => {
    expect(VerifyRequest.safeParse({ after: 5, upTo: 7, count: 3 }).success).toBe(false);
    expect(VerifyRequest.safeParse({ after: 7, upTo: 7, count: 0 }).success).toBe(false);
    expect(VerifyRequest.safeParse({ after: 5, upTo: 7, count: 2 }).success).toBe(true);
  });
});
