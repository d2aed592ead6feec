// Fans Socket.IO events out across API nodes through Redis pub/sub (REDIS_URL). Without it a node
// serves only its own sockets; with it an event published on any node reaches every wall.
import { createAdapter } from '@socket.io/redis-adapter';
import { Redis } from 'ioredis';
import type { Hub } from './hub.js';

export interface RedisFanout {
  close(): Promise<void>;
}

export async function attachRedis(hub: Hub, url: string, log: (m: string) => void = () => undefined): Promise<RedisFanout> {
  // ioredis restores its subscriptions after a reconnect, which the adapter relies on.
  const pub = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 2 });
  const sub = pub.duplicate();
  for (const [name, c] of [['pub', pub], ['sub', sub]] as const) {
    c.on('error', (err: Error) => log(`redis ${name}: ${err.message}`));
  }
  // The adapter publishes (and, when the server closes, unsubscribes) without waiting for the answer; with
  // Redis gone that is an unhandled rejection, which ends the process. A failure is logged instead: this
  // node's own sockets were already served, and clients of other nodes replay what they missed.
  logFailures(pub, 'publish', log);
  logFailures(sub, 'unsubscribe', log);
  logFailures(sub, 'punsubscribe', log);
  await Promise.all([pub.connect(), sub.connect()]);
  hub.io.adapter(createAdapter(pub, sub, { key: 'gridwall' }));
  return {
    async close() {
      await Promise.allSettled([pub.quit(), sub.quit()]);
    },
  };
}

function logFailures(client: Redis, method: 'publish' | 'unsubscribe' | 'punsubscribe', log: (m: string) => void): void {
  const original = (client[method] as (...a: unknown[]) => Promise<unknown>).bind(client);
  (client as unknown as Record<string, unknown>)[method] = (...args: unknown[]) =>
    original(...args).catch((err: Error) => {
      log(`redis ${method} failed: ${err.message}`);
      return 0;
    });
}
