// HTTP: POST /api/auth/login, POST /api/auth/logout, POST /api/auth/password, GET /api/auth/me.
import { Router } from 'express';
import { z } from 'zod';
import { PasswordChange } from '../../contract/accounts.js';
import { LoginRequest, LoginResponse, SessionUser } from '../../contract/auth.js';
import { changeOwnPassword } from '../accounts/service.js';
import type { Config } from '../config.js';
import type { Db } from '../db/index.js';
import { refuse } from '../http/rate-limit.js';
import type { InvalidationBus } from '../realtime/invalidation.js';
import { route } from '../http/route.js';
import { Unauthorized } from '../http/errors.js';
import type { LoginThrottle } from './login-throttle.js';
import { knownLoginPlace } from './queries.js';
import { login, logout } from './service.js';
import { SESSION_COOKIE, hashToken, newToken, tokenFrom } from './session.js';

/** A random id per browser, set after a successful login: the account's known device next time. */
export const DEVICE_COOKIE = 'gw_device';
const DEVICE_DAYS = 400;

export function authRoutes(
  db: Db,
  config: Config,
  bus: Pick<InvalidationBus, 'announce'>,
  throttle: LoginThrottle,
): Router {
  const r = Router();

  route(
    r,
    {
      method: 'post',
      path: '/api/auth/login',
      tag: 'auth',
      access: 'public',
      summary:
        'Log in; returns a bearer token and sets an HttpOnly session cookie (429 with Retry-After while failed logins are being slowed)',
      body: LoginRequest,
      response: LoginResponse,
      errors: {
        401: 'wrong username or password',
        429: 'failed logins are being slowed: retry after Retry-After seconds',
      },
    },
    async ({ body, req, res }) => {
      const name = body.username.toLowerCase();
      const ip = req.ip ?? '';
      const cookie = (req.cookies as Record<string, string> | undefined)?.[DEVICE_COOKIE];
      const device = cookie && /^[A-Za-z0-9_-]{43}$/.test(cookie) ? cookie : null;
      const known =
        config.loginFailures > 0
          ? await knownLoginPlace(db, name, ip, device ? hashToken(device) : null)
          : { device: false, address: false };
      const attempt = {
        name,
        ip,
        knownDevice: known.device && device ? hashToken(device) : null,
        knownAddress: known.address,
      };
      const wait = await throttle.check(attempt);
      if (wait > 0) refuse(wait, 'auth.tooManyFailedLogins');
      // A device id the account has not logged in with is replaced: a cookie planted by another site on the same
      // host cannot make the attacker's id a known device.
      const deviceId = attempt.knownDevice ? device! : newToken();
      let out;
      try {
        out = await login(db, config, body.username, body.password, ip, new Date(), hashToken(deviceId));
      } catch (e) {
        if (e instanceof Unauthorized) await throttle.failed(attempt);
        throw e;
      }
      await throttle.succeeded(attempt);
      res.cookie(SESSION_COOKIE, out.token, {
        httpOnly: true,
        sameSite: 'lax',
        secure: config.production,
        expires: out.expiresAt,
        path: '/',
      });
      res.cookie(DEVICE_COOKIE, deviceId, {
        httpOnly: true,
        sameSite: 'lax',
        secure: config.production,
        maxAge: DEVICE_DAYS * 86400_000,
        path: '/api/auth',
      });
      return {
        token: out.token,
        expiresAt: out.expiresAt.toISOString(),
        user: out.user,
        mustChangePassword: out.mustChangePassword,
      };
    },
  );

  route(
    r,
    {
      method: 'post',
      path: '/api/auth/logout',
      tag: 'auth',
      access: 'any',
      summary: 'End this session',
      status: 204,
    },
    async ({ req, res, user }) => {
      const token = tokenFrom(req.headers, req.cookies as Record<string, string> | undefined);
      if (token && user) {
        await logout(db, token, user.id, req.ip ?? '');
        bus.announce({ cache: 'session', tokenHash: hashToken(token) }); // every node forgets it at once
      }
      res.clearCookie(SESSION_COOKIE, { path: '/' });
      return undefined;
    },
  );

  route(
    r,
    {
      method: 'post',
      path: '/api/auth/password',
      tag: 'auth',
      access: 'any',
      summary:
        'Change one’s own password (the current one, then a new one of 12+ characters); clears a one-time password’s must-change mark; other sessions end',
      body: PasswordChange,
      status: 204,
    },
    async ({ body, user, req }) => {
      const token = tokenFrom(req.headers, req.cookies as Record<string, string> | undefined);
      const ended = await changeOwnPassword(db, user!, body, token ? hashToken(token) : null, req.ip);
      for (const h of ended) bus.announce({ cache: 'session', tokenHash: h });
      bus.announce({ cache: 'account', accountId: user!.id }); // its must-change mark is cleared: re-read it
      return undefined;
    },
  );

  route(
    r,
    {
      method: 'get',
      path: '/api/auth/me',
      tag: 'auth',
      access: 'any',
      summary: 'The logged-in account',
      response: z.object({ user: SessionUser }),
    },
    async ({ user }) => {
      const u = user!;
      return {
        user: {
          id: u.id,
          username: u.username,
          displayName: u.displayName,
          role: u.role,
          areaId: u.areaId,
          areaName: u.areaName,
          areaLevel: u.areaLevel,
          departmentCode: u.departmentCode ?? null,
        },
      };
    },
  );

  return r;
}
