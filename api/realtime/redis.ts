// Fans Socket.IO events out across API nodes through Redis pub/sub (REDIS_URL). Without it a node
// serves only its own sockets; with it an event published on any node reaches every wall.
import { createAdapter } from '@socket.io/redis-adapter';
import { Redis } from 'ioredis';
import type { Hub } from './hub.js';

export interface RedisFanout {
  close(): Promise<void>;
}

export async function attachRedis(
  hub: Hub,
  url: string,
  log: (m: string) => void = () => undefined,
): Promise<RedisFanout> {
  // ioredis restores its subscriptions after a reconnect, which the adapter relies on.
  const pub = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 2 });
  const sub = pub.duplicate();
  for (const [name, c] of [
    ['pub', pub],
    ['sub', sub],
  ] as const) {
    c.on('error', (err: Error) => log(`redis ${name}: ${err.message}`));
  }
  // The adapter leaves some commands unawaited (publish, and unsubscribe when the server closes); with Redis
  // gone each would be an unhandled rejection, which ends the process. Every command's failure is logged
  // instead — the promise is still returned as it is, so a caller that awaits one still sees it fail. This
  // node's own sockets were already served; clients of other nodes replay what they missed on reconnect.
  observeFailures(pub, 'pub', log);
  observeFailures(sub, 'sub', log);
  await Promise.all([pub.connect(), sub.connect()]);
  hub.io.adapter(createAdapter(pub, sub, { key: 'gridwall' }));
  hub.bus.setClustered(true);
  // Cache invalidations sent by other nodes while the subscriber was away are lost: start those caches afresh.
  let lost = false;
  sub.on('close', () => (lost = true));
  sub.on('ready', () => {
    if (!lost) return;
    lost = false;
    log("redis back: emptying this node's caches");
    hub.bus.applyLocally({ cache: 'all' });
  });
  return {
    async close() {
      hub.bus.setClustered(false);
      await Promise.allSettled([pub.quit(), sub.quit()]);
    },
  };
}

function observeFailures(client: Redis, name: string, log: (m: string) => void): void {
  const send = client.sendCommand.bind(client);
  client.sendCommand = ((command: { name: string }, stream?: unknown) => {
    const p = (send as (c: unknown, s?: unknown) => unknown)(command, stream);
    (p as Promise<unknown> | undefined)?.catch?.((err: Error) =>
      log(`redis ${name} ${command.name} failed: ${err.message}`),
    );
    return p;
  }) as unknown as typeof client.sendCommand;
}
