// Socket.IO hub: authenticates each socket with its session and joins it to the room of its area scope.
// Events are published to the room of every ancestor path, so a district wall sees a grid's events.
import type { Server as HttpServer } from 'node:http';
import { Server } from 'socket.io';
import type { Db } from '../db/index.js';
import { tokenFrom, userForToken, type AuthUser } from '../auth/session.js';

export const roomOf = (areaPath: string) => `area:${areaPath}`;

/** Rooms that must receive an event about an area with this path: the path and each of its ancestors. */
export function roomsFor(areaPath: string): string[] {
  const ids = areaPath.split('/').filter(Boolean);
  return ids.map((_, i) => roomOf(`/${ids.slice(0, i + 1).join('/')}/`));
}

export function createHub(http: HttpServer, db: Db): Server {
  const io = new Server(http, { serveClient: false, maxHttpBufferSize: 1e6 });
  io.use(async (socket, next) => {
    try {
      const auth = socket.handshake.auth as { token?: string } | undefined;
      const token = auth?.token ?? tokenFrom(socket.handshake.headers as { authorization?: string; cookie?: string });
      const user = await userForToken(db, token);
      if (!user) return next(new Error('unauthorized'));
      (socket.data as { user?: AuthUser }).user = user;
      next();
    } catch {
      next(new Error('unavailable'));
    }
  });
  io.on('connection', (socket) => {
    const user = (socket.data as { user: AuthUser }).user;
    void socket.join(roomOf(user.areaPath));
  });
  return io;
}
