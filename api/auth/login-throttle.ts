// Failed logins slow guessing without letting a stranger lock the account's owner out. Three counters, each
// with a free allowance over a sliding window and then an exponential delay (Retry-After) before the next try:
//   - the pair (address + account name), or (known device + account name) for a browser the account has
//     logged in from: N failures, then 30 s, 1 min, 2 min … up to 15 min. A stranger's guesses delay only
//     the stranger's own pair; the owner's device has a pair of its own.
//   - the address, across account names: 5N failures (a spray over many names), then the same delays; a
//     request from a device known to the account tried is not held by it.
//   - the account name, across addresses: 4N failures, then 30 s … up to 5 min, imposed only on addresses
//     and devices the account has never logged in from (a guess spread over many addresses slows down; the
//     owner at a known place is never held by it).
// A throttled try is refused before the password is checked and counts as nothing. With Redis (REDIS_URL)
// the counters live there, incremented atomically by a Lua script, so every node shares one budget;
// otherwise, and while Redis is unreachable, in this node's memory.
import { Redis } from 'ioredis';

export interface Rule {
  /** Failures within the window before the first delay. */
  free: number;
  baseMs: number;
  maxMs: number;
  /** A counter is forgotten this long after its last failure. */
  windowMs: number;
}

/** The delay imposed after the n-th failure: none before `free`, then base, 2×base, 4×base … up to max. */
export function delayAfter(n: number, rule: Rule): number {
  if (n < rule.free) return 0;
  return Math.min(rule.maxMs, rule.baseMs * 2 ** Math.min(30, n - rule.free));
}

export interface ThrottleStore {
  /** Records a failure under `key`; returns the delay in ms now imposed on it. */
  fail(key: string, rule: Rule): Promise<number>;
  /** Milliseconds until each key may try again (0 = now). */
  wait(keys: string[]): Promise<number[]>;
  /** Forgets a key (its owner logged in). */
  clear(key: string): Promise<void>;
  close(): Promise<void>;
}

export class MemoryThrottleStore implements ThrottleStore {
  private readonly entries = new Map<string, { n: number; expires: number; until: number }>();

  constructor(
    private readonly now: () => number = Date.now,
    private readonly maxKeys = 100_000,
  ) {}

  async fail(key: string, rule: Rule): Promise<number> {
    const t = this.now();
    const cur = this.entries.get(key);
    const n = (cur && cur.expires > t ? cur.n : 0) + 1;
    const delay = delayAfter(n, rule);
    if (!cur && this.entries.size >= this.maxKeys) this.sweep(t);
    this.entries.set(key, { n, expires: t + Math.max(rule.windowMs, delay), until: t + delay });
    return delay;
  }

  async wait(keys: string[]): Promise<number[]> {
    const t = this.now();
    return keys.map((k) => Math.max(0, (this.entries.get(k)?.until ?? 0) - t));
  }

  async clear(key: string): Promise<void> {
    this.entries.delete(key);
  }

  async close(): Promise<void> {
    this.entries.clear();
  }

  private sweep(t: number): void {
    for (const [k, e] of this.entries) if (e.expires <= t) this.entries.delete(k);
    for (const k of this.entries.keys()) {
      if (this.entries.size < this.maxKeys) break;
      this.entries.delete(k);
    }
  }
}

// KEYS[1] the counter, KEYS[2] the delay; ARGV free, baseMs, maxMs, windowMs. The delay key lives as long as
// the delay, so its PTTL is the wait; the counter outlives the last failure by the window.
const FAIL_LUA = `
local n = redis.call('INCR', KEYS[1])
local free, base, max, window = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4])
local delay = 0
if n >= free then delay = math.min(max, base * 2 ^ math.min(30, n - free)) end
redis.call('PEXPIRE', KEYS[1], math.max(window, delay))
if delay > 0 then redis.call('SET', KEYS[2], n, 'PX', math.floor(delay)) end
return math.floor(delay)`;
const WAIT_LUA = `
local out = {}
for i, k in ipairs(KEYS) do local t = redis.call('PTTL', k); if t < 0 then t = 0 end; out[i] = t end
return out`;

type ThrottleRedis = Redis & {
  gwLoginFail(count: string, delay: string, free: number, base: number, max: number, window: number): Promise<number>;
  gwLoginWait(n: number, ...keys: string[]): Promise<number[]>;
};

/** Counters in Redis, shared by every node; falls back to memory while Redis cannot be reached. */
export class RedisThrottleStore implements ThrottleStore {
  private readonly redis: ThrottleRedis;
  private readonly fallback: MemoryThrottleStore;

  constructor(
    url: string,
    private readonly log: (m: string) => void = () => undefined,
    now: () => number = Date.now,
    private readonly prefix = 'gridwall:login:',
  ) {
    // A login never waits long on Redis: a command that cannot be answered within a second is counted in memory.
    this.redis = new Redis(url, { maxRetriesPerRequest: 1, commandTimeout: 1000 }) as ThrottleRedis;
    this.redis.on('error', (err: Error) => log(`redis login throttle: ${err.message}`));
    this.redis.defineCommand('gwLoginFail', { numberOfKeys: 2, lua: FAIL_LUA });
    this.redis.defineCommand('gwLoginWait', { lua: WAIT_LUA });
    this.fallback = new MemoryThrottleStore(now);
  }

  /** While the connection is lost, the node counts on its own rather than make each login wait (at start, commands wait for it). */
  private get up(): boolean {
    return !['reconnecting', 'close', 'end'].includes(this.redis.status);
  }

  async fail(key: string, rule: Rule): Promise<number> {
    if (!this.up) return this.fallback.fail(key, rule);
    try {
      return Number(
        await this.redis.gwLoginFail(
          `${this.prefix}n:${key}`,
          `${this.prefix}d:${key}`,
          rule.free,
          rule.baseMs,
          rule.maxMs,
          rule.windowMs,
        ),
      );
    } catch (e) {
      this.log(`redis login throttle: ${(e as Error).message}; counting in memory`);
      return this.fallback.fail(key, rule);
    }
  }

  async wait(keys: string[]): Promise<number[]> {
    if (!keys.length) return [];
    if (!this.up) return this.fallback.wait(keys);
    try {
      const out = await this.redis.gwLoginWait(keys.length, ...keys.map((k) => `${this.prefix}d:${k}`));
      const local = await this.fallback.wait(keys);
      return out.map((v, i) => Math.max(Number(v), local[i]));
    } catch (e) {
      this.log(`redis login throttle: ${(e as Error).message}; checking memory`);
      return this.fallback.wait(keys);
    }
  }

  async clear(key: string): Promise<void> {
    await this.fallback.clear(key);
    if (!this.up) return;
    try {
      await this.redis.del(`${this.prefix}n:${key}`, `${this.prefix}d:${key}`);
    } catch (e) {
      this.log(`redis login throttle: ${(e as Error).message}`);
    }
  }

  async close(): Promise<void> {
    await this.fallback.close();
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}

export interface Attempt {
  /** Account name as typed, lower-cased. */
  name: string;
  ip: string;
  /** SHA-256 of the device cookie, when the browser sent one the account has logged in with. */
  knownDevice: string | null;
  /** The account has logged in from this address before. */
  knownAddress: boolean;
}

const MINUTE = 60_000;

export class LoginThrottle {
  readonly pair: Rule;
  readonly address: Rule;
  readonly account: Rule;

  /** `failures` = N (GRIDWALL_LOGIN_FAILURES); 0 turns every limit off. */
  constructor(
    private readonly store: ThrottleStore,
    private readonly failures: number,
  ) {
    const window = 15 * MINUTE;
    this.pair = { free: failures, baseMs: 30_000, maxMs: 15 * MINUTE, windowMs: window };
    this.address = { free: 5 * failures, baseMs: 30_000, maxMs: 15 * MINUTE, windowMs: window };
    this.account = { free: 4 * failures, baseMs: 30_000, maxMs: 5 * MINUTE, windowMs: window };
  }

  private keys(a: Attempt) {
    const name = a.name.slice(0, 64);
    return {
      pair: a.knownDevice ? `pair:dev:${a.knownDevice}:${name}` : `pair:ip:${a.ip}:${name}`,
      address: `addr:${a.ip}`,
      account: `acct:${name}`,
    };
  }

  /** Seconds this attempt must wait before its password is checked (0 = go ahead). */
  async check(a: Attempt): Promise<number> {
    if (this.failures <= 0) return 0;
    const k = this.keys(a);
    const keys = [k.pair];
    if (!a.knownDevice) keys.push(k.address);
    if (!a.knownDevice && !a.knownAddress) keys.push(k.account);
    const waits = await this.store.wait(keys);
    return Math.ceil(Math.max(0, ...waits) / 1000);
  }

  async failed(a: Attempt): Promise<void> {
    if (this.failures <= 0) return;
    const k = this.keys(a);
    await Promise.all([
      this.store.fail(k.pair, this.pair),
      this.store.fail(k.address, this.address),
      this.store.fail(k.account, this.account),
    ]);
  }

  /** The pair starts afresh; the address and account counters run out on their own. */
  async succeeded(a: Attempt): Promise<void> {
    if (this.failures <= 0) return;
    await this.store.clear(this.keys(a).pair);
  }

  close(): Promise<void> {
    return this.store.close();
  }
}
