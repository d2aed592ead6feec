import crypto from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { RateLimiter } from './rate-limit.js';

const limiters: RateLimiter[] = [];
const limiter = (perMinute: number, redisUrl?: string) => {
  const l = new RateLimiter({ name: `test-${crypto.randomBytes(4).toString('hex')}`, perMinute }, { redisUrl });
  limiters.push(l);
  return l;
};

afterEach(async () => {
  vi.useRealTimers();
  await Promise.all(limiters.splice(0).map((l) => l.close()));
});

describe('RateLimiter in memory', () => {
  it('allows perMinute actions a minute per key, then says how long to wait, and allows again a minute on', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const l = limiter(3);
    expect([await l.take('a'), await l.take('a'), await l.take('a')]).toEqual([0, 0, 0]);
    const wait = await l.take('a');
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(60);
    expect(await l.take('b')).toBe(0); // keys are separate
    vi.setSystemTime(Date.now() + 60_001);
    expect(await l.take('a')).toBe(0);
  });

  it('does nothing when the rate is 0', async () => {
    const l = limiter(0);
    for (let i = 0; i < 100; i++) expect(await l.take('x')).toBe(0);
  });
});

describe.runIf(process.env.REDIS_URL)('RateLimiter on Redis', () => {
  it('two limiters on one Redis (two nodes) draw on one budget', async () => {
    const name = `test-${crypto.randomBytes(4).toString('hex')}`;
    const a = new RateLimiter({ name, perMinute: 4 }, { redisUrl: process.env.REDIS_URL });
    const b = new RateLimiter({ name, perMinute: 4 }, { redisUrl: process.env.REDIS_URL });
    limiters.push(a, b);
    await Promise.all([a.ready, b.ready]);
    const waits = [];
    for (let i = 0; i < 4; i++) waits.push(await (i % 2 ? b : a).take('account:1'));
    expect(waits).toEqual([0, 0, 0, 0]);
    expect(await a.take('account:1')).toBeGreaterThan(0);
    expect(await b.take('account:1')).toBeGreaterThan(0);
    expect(await b.take('account:2')).toBe(0);
  });

  it('counts in memory while Redis cannot be reached, rather than failing or letting everything through', async () => {
    const l = limiter(2, 'redis://127.0.0.1:1');
    expect([await l.take('k'), await l.take('k')]).toEqual([0, 0]);
    expect(await l.take('k')).toBeGreaterThan(0);
  });
});
