// Rate limits, per node and in memory: intake per account (a runaway phone or script cannot flood the queue).
// A token bucket: `perMinute` tokens a minute, up to `burst` saved. Failed logins have their own throttle,
// shared by the nodes through Redis (auth/login-throttle.ts).
import { m } from '../../contract/messages/index.js';
import { TooMany } from './errors.js';

export interface BucketRule {
  perMinute: number;
  burst: number;
}

export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(private readonly rule: BucketRule, private readonly now: () => number = Date.now, private readonly maxKeys = 100_000) {}

  /** Seconds until `key` may act again, or 0 when it may act now (and a token is taken). */
  take(key: string): number {
    if (this.rule.perMinute <= 0) return 0;
    const t = this.now();
    const rate = this.rule.perMinute / 60_000;
    const b = this.buckets.get(key) ?? { tokens: this.rule.burst, at: t };
    b.tokens = Math.min(this.rule.burst, b.tokens + (t - b.at) * rate);
    b.at = t;
    if (b.tokens < 1) {
      this.buckets.set(key, b);
      return Math.ceil((1 - b.tokens) / rate / 1000);
    }
    b.tokens -= 1;
    if (!this.buckets.has(key) && this.buckets.size >= this.maxKeys) this.sweep(t);
    this.buckets.set(key, b);
    return 0;
  }

  /** Seconds until `key` may act, without taking anything. */
  peek(key: string): number {
    if (this.rule.perMinute <= 0) return 0;
    const b = this.buckets.get(key);
    if (!b) return 0;
    const rate = this.rule.perMinute / 60_000;
    const tokens = Math.min(this.rule.burst, b.tokens + (this.now() - b.at) * rate);
    return tokens >= 1 ? 0 : Math.ceil((1 - tokens) / rate / 1000);
  }

  /** Forgets buckets that have refilled (and, if still too many, the oldest). */
  private sweep(t: number): void {
    const rate = this.rule.perMinute / 60_000;
    for (const [k, b] of this.buckets) if (b.tokens + (t - b.at) * rate >= this.rule.burst) this.buckets.delete(k);
    for (const k of this.buckets.keys()) {
      if (this.buckets.size < this.maxKeys) break;
      this.buckets.delete(k);
    }
  }
}

/** 429 with the seconds to wait, in the words of what was refused (reports, failed logins). */
export function refuse(retryAfterS: number, what: 'orders.tooManyReports' | 'auth.tooManyFailedLogins'): never {
  throw new TooMany(m(what, { seconds: retryAfterS }), retryAfterS);
}
