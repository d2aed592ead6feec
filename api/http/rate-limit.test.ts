import { describe, expect, it } from 'vitest';
import { RateLimiter } from './rate-limit';

describe('RateLimiter', () => {
  it('allows a burst, then one per refill interval, and says how long to wait', () => {
    let t = 0;
    const l = new RateLimiter({ perMinute: 6, burst: 3 }, () => t);
    expect([l.take('a'), l.take('a'), l.take('a')]).toEqual([0, 0, 0]);
    expect(l.take('a')).toBe(10); // one token every 10 s
    expect(l.take('b')).toBe(0); // keys are separate
    t += 10_000;
    expect(l.peek('a')).toBe(0);
    expect(l.take('a')).toBe(0);
    expect(l.take('a')).toBe(10);
  });
  it('does nothing when the rate is 0', () => {
    const l = new RateLimiter({ perMinute: 0, burst: 0 });
    for (let i = 0; i < 100; i++) expect(l.take('x')).toBe(0);
  });
  it('keeps at most maxKeys buckets', () => {
    let t = 0;
    const l = new RateLimiter({ perMinute: 60, burst: 1 }, () => t, 10);
    for (let i = 0; i < 50; i++) l.take(`k${i}`);
    t += 1000;
    expect(l.take('fresh')).toBe(0);
    expect((l as unknown as { buckets: Map<string, unknown> }).buckets.size).toBeLessThanOrEqual(10);
  });
});
