import { describe, expect, it } from 'vitest';
import { LoginThrottle, MemoryThrottleStore, RedisThrottleStore, delayAfter } from './login-throttle.js';

const rule = { free: 5, baseMs: 30_000, maxMs: 15 * 60_000, windowMs: 15 * 60_000 };

describe('delayAfter', () => {
  it('is free before the allowance, then doubles up to the cap', () => {
    expect([1, 4, 5, 6, 7, 8].map((n) => delayAfter(n, rule))).toEqual([0, 0, 30_000, 60_000, 120_000, 240_000]);
    expect(delayAfter(40, rule)).toBe(15 * 60_000);
  });
});

describe('LoginThrottle over memory', () => {
  it('holds the pair and, for unknown places, the account; a known device is held only by its own pair', async () => {
    let now = 0;
    const th = new LoginThrottle(new MemoryThrottleStore(() => now), 5);
    const stranger = { name: 'op', ip: '198.51.100.1', knownDevice: null, knownAddress: false };
    for (let i = 0; i < 5; i++) await th.failed(stranger);
    expect(await th.check(stranger)).toBe(30);
    expect(await th.check({ ...stranger, ip: '10.0.0.1', knownAddress: true })).toBe(0);
    expect(await th.check({ ...stranger, knownDevice: 'd1' })).toBe(0);
    now += 31_000;
    expect(await th.check(stranger)).toBe(0);
  });

  it('0 failures turns it off', async () => {
    const th = new LoginThrottle(new MemoryThrottleStore(), 0);
    const a = { name: 'op', ip: '1', knownDevice: null, knownAddress: false };
    for (let i = 0; i < 50; i++) await th.failed(a);
    expect(await th.check(a)).toBe(0);
  });
});

describe('RedisThrottleStore', () => {
  it('counts in memory while Redis cannot be reached', async () => {
    const store = new RedisThrottleStore('redis://127.0.0.1:1');
    try {
      const delays = [];
      for (let i = 0; i < 5; i++) delays.push(await store.fail('k', rule));
      expect(delays).toEqual([0, 0, 0, 0, 30_000]);
      expect((await store.wait(['k']))[0]).toBeGreaterThan(0);
    } finally {
      await store.close();
    }
  });
});
