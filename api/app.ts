// createApp({ db, config }) wires every feature into one Express app and Socket.IO server, ready to listen.
import { m } from '../contract/messages/index.js';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import cookieParser from 'cookie-parser';
import express from 'express';
import type { Server } from 'socket.io';
import { accountRoutes } from './accounts/routes.js';
import { areaRoutes } from './areas/routes.js';
import { LoginThrottle, MemoryThrottleStore, RedisThrottleStore } from './auth/login-throttle.js';
import { authRoutes } from './auth/routes.js';
import { forgetAccount, forgetAllSessions, forgetSession, sessionMiddleware } from './auth/session.js';
import type { Config } from './config.js';
import type { Db } from './db/index.js';
import { errorHandler } from './http/error-handler.js';
import { type OriginPolicy, originGuard, protocolOf } from './http/origin.js';
import { exportRoutes } from './export/routes.js';
import { importRoutes } from './import/routes.js';
import { onboardingRoutes } from './onboarding/routes.js';
import { layerRoutes } from './layers/routes.js';
import { evaluationRoutes } from './evaluation/routes.js';
import { NotFound } from './http/errors.js';
import { createJobRunner, type JobRunner } from './jobs/runner.js';
import { RateLimiter } from './http/rate-limit.js';
import { securityHeaders, strictTransport } from './http/security-headers.js';
import { setZipLimits } from './http/zip.js';
import { exactPool } from './siting/exact-off-thread.js';
import { sitingRoutes } from './siting/routes.js';
import { mediationRoutes } from './mediation/routes.js';
import { metaRoutes } from './meta/routes.js';
import { needRoutes } from './needs/routes.js';
import type { EscalationPolicy } from '../core/orders/escalation.js';
import { open311Routes } from './orders/open311/routes.js';
import { orderRoutes } from './orders/routes.js';
import { orderStatsRoutes } from './orders/stats-routes.js';
import { responsibilityRoutes } from './orders/responsibility-routes.js';
import { routingImportRoutes } from './orders/routing-import-routes.js';
import { photoRoutes } from './photos/routes.js';
import { populationRoutes } from './population/routes.js';
import { rosterRoutes } from './workers/roster-routes.js';
import { type Scheduler, startScheduler } from './orders/scheduler.js';
import type { OrderDeps } from './orders/service.js';
import { accountRoom, createHub, type Hub } from './realtime/hub.js';
import { inboxRoutes } from './inbox/routes.js';
import { inboxNotifier } from './inbox/push.js';
import { webhookModule, type WebhookModule } from './webhooks/delivery.js';
import { webhookRoutes } from './webhooks/routes.js';
import { resourceRoutes } from './resources/routes.js';
import { TileCache } from './tiles/cache.js';
import { wallRoutes } from './wall/routes.js';
import { type WorkerModule, workerModule } from './workers/routes.js';
import { tileRoutes } from './tiles/routes.js';
import type { OpenedBasemap } from './basemap/files.js';
import { basemapFileRoutes } from './basemap/routes.js';

export const VERSION = '0.1.0';

export interface App {
  http: http.Server;
  io: Server;
  hub: Hub;
  express: express.Express;
  tileCache: TileCache;
  orders: OrderDeps;
  scheduler: Scheduler;
  workers: WorkerModule;
  /** This node's job runner (imports, the escalation pass, the workers' upkeep). */
  jobs: JobRunner;
  /** Outbound webhooks: one delivery pass now (tests; the period runs it otherwise). */
  webhooks: WebhookModule;
  close(): Promise<void>;
}

export interface AppOptions {
  db: Db;
  config: Config;
  log?: (msg: string) => void;
  /** The clock every rule reads; tests pass a fake one. */
  now?: () => Date;
  policy?: EscalationPolicy;
  /**
   * No other process can open this database (PGlite in its data folder): every job marked running was left by an
   * earlier run of this one and is taken back at once rather than after its heartbeat lapses.
   */
  soleProcess?: boolean;
  /** The MBTiles or PMTiles base map, opened before the app (openBasemapFile) when GRIDWALL_BASEMAP names one. */
  basemapFile?: OpenedBasemap | null;
}

export function createApp({
  db,
  config,
  log = () => undefined,
  now = () => new Date(),
  policy = config.policy,
  soleProcess = false,
  basemapFile = null,
}: AppOptions): App {
  if (config.basemap.file && !basemapFile) throw new Error(`the base-map file ${config.basemap.file.path} is not open`);
  const basemap = basemapFile?.basemap ?? config.basemap.basemap;
  const app = express();
  app.disable('x-powered-by');
  app.locals.checkResponses = config.checkResponses; // read by route(): responses held to their spec (tests)
  setZipLimits(config.unzip); // uploaded zips (Shapefiles, workbooks): what they may unpack to
  app.set('trust proxy', config.trustProxy); // behind a reverse proxy, the client address of rate limits and the audit log
  app.use(securityHeaders(config.basemap.origins)); // the CSP lets the browser fetch an external base map's origins
  // Which browser pages may write with the session cookie and open sockets (the port is known once listening).
  const origins: OriginPolicy = {
    configured: config.publicOrigins,
    host: config.host,
    port: () => {
      const a = server.address();
      return typeof a === 'object' && a ? a.port : config.port;
    },
  };
  app.use(['/api', '/tiles'], originGuard(origins)); // before any body is read or any route runs
  app.use(strictTransport(config.production));
  app.use(express.json({ limit: '1mb' }));
  app.use(cookieParser());
  app.use(['/api', '/tiles'], sessionMiddleware(db));

  const orders: OrderDeps = {
    db,
    policy,
    now,
    intake: new RateLimiter({ name: 'intake', perMinute: config.intakePerMinute }, { redisUrl: config.redisUrl, log }),
  };
  const server = http.createServer(app);
  const hub = createHub(server, db, {
    log,
    syncMs: config.syncMs,
    origins: {
      policy: origins,
      protocolOf: protocolOf(app.get('trust proxy fn') as (addr: string, i: number) => boolean),
    },
  });
  const tileCache = new TileCache(config.tileCacheEntries, () => hub.bus.announce({ cache: 'areas' }));
  const jobs = createJobRunner({ db, log, ...config.jobs });
  const workers = workerModule({ db, hub, jobs, now, log, settings: config.workers });
  // An order event addressed to a party reaches the sockets of that party's accounts as `inbox:new`.
  hub.afterPublish(inboxNotifier(db, (id, push) => hub.io.to(accountRoom(id)).emit('inbox:new', push), log));
  const webhooks = webhookModule({ db, jobs, now, settings: config.webhooks });
  // What each node empties when any node announces a change (see realtime/invalidation.ts).
  hub.bus.on((m) => {
    if (m.cache === 'areas' || m.cache === 'all') {
      tileCache.clear();
      workers.deps.directory.invalidate();
    }
    if (m.cache === 'session') forgetSession(db, m.tokenHash);
    if (m.cache === 'account') forgetAccount(db, m.accountId);
    if (m.cache === 'all') forgetAllSessions(db);
  });
  // Removing the demo city changes areas and accounts at once: every node drops its tiles and cached sessions.
  app.use(metaRoutes(db, VERSION, () => hub.bus.announce({ cache: 'all' }), basemap));
  const nowMs = () => now().getTime();
  const loginThrottle = new LoginThrottle(
    config.redisUrl ? new RedisThrottleStore(config.redisUrl, log, nowMs) : new MemoryThrottleStore(nowMs),
    config.loginFailures,
  );
  app.use(authRoutes(db, config, hub.bus, loginThrottle));
  app.use(accountRoutes(db, hub));
  app.use(areaRoutes(db));
  app.use(tileRoutes(db, tileCache));
  app.use(basemapFileRoutes(basemapFile?.file ?? null));
  app.use(orderStatsRoutes(orders)); // before /api/orders/:id, which would take 'kpis' for an id
  app.use(mediationRoutes(orders, hub.publish));
  app.use(orderRoutes(orders, hub.publish));
  app.use(open311Routes(orders, hub.publish, { precision: config.publicPrecision }));
  app.use(responsibilityRoutes(db));
  app.use(routingImportRoutes(db));
  app.use(photoRoutes(db, config.photos));
  app.use(wallRoutes(db, hub.publish));
  const exact = exactPool({ ...config.sitingPool, log });
  app.use(sitingRoutes(db, { ...config.siting, exact }));
  app.use(rosterRoutes(db, () => workers.deps.directory.invalidate()));
  app.use(workers.router);
  app.use(populationRoutes(db, () => tileCache.invalidate()));
  app.use(needRoutes(orders, hub.publish, jobs));
  app.use(resourceRoutes(db, () => tileCache.invalidate()));
  app.use(importRoutes(db, tileCache, orders, hub.publish));
  app.use(onboardingRoutes(db));
  app.use(layerRoutes(db, tileCache, jobs));
  app.use(exportRoutes(db));
  app.use(evaluationRoutes(orders, hub.publish));
  app.use(inboxRoutes(db));
  app.use(webhookRoutes({ db, settings: config.webhooks }));
  app.use(['/api', '/tiles'], () => {
    throw new NotFound(m('http.noSuchEndpoint'));
  });

  // The built web app; every other path is a client-side route and gets index.html.
  const index = path.join(config.webDir, 'index.html');
  if (fs.existsSync(index)) {
    app.use(express.static(config.webDir, { index: false, maxAge: '1h' }));
    app.get('/{*path}', (_req, res) => res.sendFile(index));
  }
  app.use(errorHandler(log));

  const scheduler = startScheduler(orders, hub.publish, {
    jobs,
    intervalMs: config.escalationIntervalMs,
    log,
    photoHours: config.photos.unattachedHours,
  });
  jobs.start({ abandonedAtStart: soleProcess });
  const close = async () => {
    await jobs.stop(); // jobs under way end first: the database closes after this
    void hub.io.close(); // it closes the HTTP server too, which the next line waits for
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await loginThrottle.close();
    await orders.intake?.close();
    await exact.close();
    await basemapFile?.file.close();
  };
  return {
    http: server,
    io: hub.io as unknown as Server,
    hub,
    express: app,
    tileCache,
    orders,
    scheduler,
    workers,
    jobs,
    webhooks,
    close,
  };
}
