// createApp({ db, config }) wires every feature into one Express app and Socket.IO server, ready to listen.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import cookieParser from 'cookie-parser';
import express from 'express';
import type { Server } from 'socket.io';
import { areaRoutes } from './areas/routes.js';
import { authRoutes } from './auth/routes.js';
import { sessionMiddleware } from './auth/session.js';
import type { Config } from './config.js';
import type { Db } from './db/index.js';
import { errorHandler } from './http/error-handler.js';
import { NotFound } from './http/errors.js';
import { securityHeaders } from './http/security-headers.js';
import { metaRoutes } from './meta/routes.js';
import { createHub } from './realtime/hub.js';
import { TileCache } from './tiles/cache.js';
import { tileRoutes } from './tiles/routes.js';

export const VERSION = '0.1.0';

export interface App {
  http: http.Server;
  io: Server;
  express: express.Express;
  tileCache: TileCache;
}

export function createApp({ db, config, log = () => undefined }: { db: Db; config: Config; log?: (msg: string) => void }): App {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  app.use(securityHeaders);
  app.use(express.json({ limit: '1mb' }));
  app.use(cookieParser());
  app.use(['/api', '/tiles'], sessionMiddleware(db));

  const tileCache = new TileCache(config.tileCacheEntries);
  app.use(metaRoutes(db, VERSION));
  app.use(authRoutes(db, config));
  app.use(areaRoutes(db));
  app.use(tileRoutes(db, tileCache));
  app.use(['/api', '/tiles'], () => {
    throw new NotFound('没有这个接口 / no such endpoint');
  });

  // The built web app; every other path is a client-side route and gets index.html.
  const index = path.join(config.webDir, 'index.html');
  if (fs.existsSync(index)) {
    app.use(express.static(config.webDir, { index: false, maxAge: '1h' }));
    app.get('/{*path}', (_req, res) => res.sendFile(index));
  }
  app.use(errorHandler(log));

  const server = http.createServer(app);
  const io = createHub(server, db);
  return { http: server, io, express: app, tileCache };
}
