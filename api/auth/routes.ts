// HTTP: POST /api/auth/login, POST /api/auth/logout, GET /api/auth/me.
import { Router } from 'express';
import { z } from 'zod';
import { LoginRequest, LoginResponse, SessionUser } from '../../contract/auth.js';
import type { Config } from '../config.js';
import type { Db } from '../db/index.js';
import { RateLimiter, refuse } from '../http/rate-limit.js';
import type { InvalidationBus } from '../realtime/invalidation.js';
import { route } from '../http/route.js';
import { Unauthorized } from '../http/errors.js';
import { login, logout } from './service.js';
import { SESSION_COOKIE, hashToken, tokenFrom } from './session.js';

export function authRoutes(db: Db, config: Config, bus: Pick<InvalidationBus, 'announce'>): Router {
  const r = Router();
  // Failed logins: n per account name and 5n per address over 15 minutes, then wait.
  const n = config.loginFailures;
  const byName = new RateLimiter({ perMinute: n / 15, burst: n });
  const byAddress = new RateLimiter({ perMinute: (5 * n) / 15, burst: 5 * n });

  route(r, { method: 'post', path: '/api/auth/login', tag: 'auth', access: 'public', summary: 'Log in; returns a bearer token and sets an HttpOnly session cookie', body: LoginRequest, response: LoginResponse }, async ({ body, req, res }) => {
    const name = body.username.toLowerCase();
    const ip = req.ip ?? '';
    const wait = Math.max(byName.peek(name), byAddress.peek(ip));
    if (wait > 0) refuse(wait, '登录失败');
    let out;
    try {
      out = await login(db, config, body.username, body.password, ip);
    } catch (e) {
      if (e instanceof Unauthorized) {
        byName.take(name);
        byAddress.take(ip);
      }
      throw e;
    }
    res.cookie(SESSION_COOKIE, out.token, {
      httpOnly: true,
      sameSite: 'lax',
      secure: config.production,
      expires: out.expiresAt,
      path: '/',
    });
    return { token: out.token, expiresAt: out.expiresAt.toISOString(), user: out.user };
  });

  route(r, { method: 'post', path: '/api/auth/logout', tag: 'auth', access: 'any', summary: 'End this session' }, async ({ req, res, user }) => {
    const token = tokenFrom(req.headers, req.cookies as Record<string, string> | undefined);
    if (token && user) {
      await logout(db, token, user.id, req.ip ?? '');
      bus.announce({ cache: 'session', tokenHash: hashToken(token) }); // every node forgets it at once
    }
    res.clearCookie(SESSION_COOKIE, { path: '/' });
    return undefined;
  });

  route(r, { method: 'get', path: '/api/auth/me', tag: 'auth', access: 'any', summary: 'The logged-in account', response: z.object({ user: SessionUser }) }, async ({ user }) => {
    const u = user!;
    return {
      user: { id: u.id, username: u.username, displayName: u.displayName, role: u.role, areaId: u.areaId, areaName: u.areaName, areaLevel: u.areaLevel },
    };
  });

  return r;
}
