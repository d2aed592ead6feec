// Rate limits: intake per account (a runaway phone or script cannot flood the queue). With Redis (REDIS_URL)
// the counts live there, so every node draws on one budget; without it, and while Redis cannot be reached, in
// this node's memory. The counting is rate-limiter-flexible's (fixed windows of a minute, counted atomically in
// Redis). Failed logins have their own throttle (auth/login-throttle.ts).
import { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { m } from '../../contract/messages/index.js';
import { TooMany } from './errors.js';

export interface LimitRule {
  /** What is limited, naming its keys (`gridwall:rate:<name>:…`). */
  name: string;
  /** Actions per key per minute; 0 turns the limit off. */
  perMinute: number;
}

export interface LimiterOptions {
  redisUrl?: string;
  log?: (msg: string) => void;
}

export class RateLimiter {
  private readonly limiter: RateLimiterAbstract | null;
  private readonly redis: Redis | null = null;
  /** Settles once the limiter counts where it is meant to (Redis connected, or at once in memory). */
  readonly ready: Promise<void>;

  constructor(rule: LimitRule, { redisUrl, log = () => undefined }: LimiterOptions = {}) {
    const opts = { keyPrefix: `gridwall:rate:${rule.name}`, points: rule.perMinute, duration: 60 };
    if (rule.perMinute <= 0) {
      this.limiter = null;
      this.ready = Promise.resolve();
    } else if (redisUrl) {
      // A request never waits long on Redis: while it is not connected, this node counts on its own.
      this.redis = new Redis(redisUrl, { maxRetriesPerRequest: 1, commandTimeout: 1000, enableOfflineQueue: false });
      this.redis.on('error', (err: Error) => log(`redis rate limit ${rule.name}: ${err.message}`));
      const redis = this.redis;
      this.ready = new Promise((resolve) =>
        redis.status === 'ready' ? resolve() : redis.once('ready', () => resolve()),
      );
      this.limiter = new RateLimiterRedis({
        ...opts,
        storeClient: this.redis,
        rejectIfRedisNotReady: true,
        insuranceLimiter: new RateLimiterMemory(opts),
      });
    } else {
      this.limiter = new RateLimiterMemory(opts);
      this.ready = Promise.resolve();
    }
  }

  /** Seconds until `key` may act again, or 0 when it may act now (and the action is counted). */
  async take(key: string): Promise<number> {
    if (!this.limiter) return 0;
    try {
      await this.limiter.consume(key);
      return 0;
    } catch (res) {
      if (res instanceof RateLimiterRes) return Math.max(1, Math.ceil(res.msBeforeNext / 1000));
      throw res;
    }
  }

  async close(): Promise<void> {
    await this.redis?.quit().catch(() => this.redis?.disconnect());
  }
}

/** 429 with the seconds to wait, in the words of what was refused (reports, failed logins). */
export function refuse(retryAfterS: number, what: 'orders.tooManyReports' | 'auth.tooManyFailedLogins'): never {
  throw new TooMany(m(what, { seconds: retryAfterS }), retryAfterS);
}
