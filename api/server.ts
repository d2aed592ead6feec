// Starts Gridwall: reads the configuration, prepares the database and listens. No logic lives here.
import { createApp } from './app.js';
import { attachRedis } from './realtime/redis.js';
import { prepare } from './bootstrap.js';
import { loadConfig } from './config.js';
import { openBasemapFile } from './basemap/files.js';
import { announceUrl, DataLocked } from './db/lock.js';
import { progressBar } from './progress-bar.js';

const started = Date.now();
const config = loadConfig();
const log = (msg: string) => {
  if (config.log !== 'silent') console.log(`[gridwall] ${msg}`);
};
// A base-map file (MBTiles, PMTiles) is opened and checked before anything else starts.
const basemapFile = await openBasemapFile(config.basemap).catch((e: unknown) => {
  console.error(`[gridwall] 配置错误 / invalid configuration:\n  ${(e as Error).message}`);
  process.exit(1);
});
if (basemapFile) log(`base map: ${config.basemap.file?.path} (${basemapFile.basemap.type} tiles)`);
const bar = progressBar();
let prepared: Awaited<ReturnType<typeof prepare>>;
try {
  prepared = await prepare({ ...config, progress: bar, log });
} catch (e) {
  // Another live process (npm run import, a second server) holds the embedded data folder: say who, and stop.
  if (!(e instanceof DataLocked)) throw e;
  bar.done();
  console.error(`[gridwall] ${e.message}`);
  process.exit(1);
}
const { db, seeded, accounts } = prepared;
bar.done();
const app = createApp({ db, config, log, soleProcess: db.kind === 'pglite', basemapFile });
const { http } = app;
const redis = config.redisUrl ? await attachRedis(app.hub, config.redisUrl, log) : null;
if (redis) log('Socket.IO fan-out through Redis');

http.listen(config.port, config.host, () => {
  const addr = http.address();
  const port = typeof addr === 'object' && addr ? addr.port : config.port;
  // The embedded database's lock says where this server answers, so that `npm run import` goes through it.
  const host = ['0.0.0.0', '::', ''].includes(config.host) ? '127.0.0.1' : config.host;
  if (db.kind === 'pglite') announceUrl(`http://${host.includes(':') ? `[${host}]` : host}:${port}`);
  const dbLabel =
    db.kind === 'pglite'
      ? `embedded PGlite + PostGIS ${db.capabilities.postgis} in ${config.dataDir}`
      : `PostgreSQL + PostGIS ${db.capabilities.postgis}`;
  log(`database: ${dbLabel}${db.capabilities.asMvt ? '' : ' (vector tiles encoded in Node: no ST_AsMVT)'}`);
  log(`${seeded ? 'seeded the demo city and started' : 'started'} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  log(`open http://localhost:${port}/`);
  if (config.log !== 'silent' && accounts.length) {
    const pw = config.production ? '(GRIDWALL_DEMO_PASSWORD)' : config.demoPassword;
    console.log(`\n  演示账号 demo accounts — password: ${pw}`);
    for (const a of accounts) console.log(`    ${a.username.padEnd(11)} ${a.role.padEnd(11)} ${a.scope}`);
    console.log('');
  }
});

let closing = false;
const shutdown = async () => {
  if (closing) return;
  closing = true;
  await app.close().catch(() => undefined);
  await redis?.close();
  await db.close().catch(() => undefined);
  process.exit(0);
};
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
