// Sessions: opaque random tokens (only their SHA-256 is stored), read from a Bearer header or the HttpOnly cookie.
import crypto from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import type { Role } from '../../contract/auth.js';
import type { Db } from '../db/index.js';
import { accountBySession } from './queries.js';

export const SESSION_COOKIE = 'gw_session';

export interface AuthUser {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  /** null: an administrator of the whole installation (areaPath '/'). */
  areaId: number | null;
  /** '/1/3/17/': every row this user may see has a path starting with it. */
  areaPath: string;
  areaName: string;
  areaLevel: string;
  /** The department a 'department' account acts for (部门工作人员); null for other roles. */
  departmentCode?: string | null;
  /** Signed in with a one-time password: only changing it (and signing out) is allowed until it is. */
  mustChangePassword?: boolean;
}

export const newToken = (): string => crypto.randomBytes(32).toString('base64url');
export const hashToken = (token: string): string => crypto.createHash('sha256').update(token).digest('hex');

export function tokenFrom(
  headers: { authorization?: string; cookie?: string },
  cookies?: Record<string, string>,
): string | null {
  const h = headers.authorization;
  if (h?.startsWith('Bearer ')) return h.slice(7).trim() || null;
  if (cookies?.[SESSION_COOKIE]) return cookies[SESSION_COOKIE];
  if (headers.cookie) {
    for (const part of headers.cookie.split(';')) {
      const [k, ...v] = part.trim().split('=');
      if (k === SESSION_COOKIE) return decodeURIComponent(v.join('='));
    }
  }
  return null;
}

/**
 * Sessions already checked, by token hash, for a few seconds: a wall or a busy client sends many requests
 * and each would otherwise cost a database round trip. A logout, or a change to an account, empties the
 * entries on every node at once (through the invalidation bus); should that message be lost, a session
 * ended elsewhere is honoured for at most this long.
 */
export const SESSION_CACHE_MS = 5_000;
const SESSION_CACHE_MAX = 10_000;
const checked = new WeakMap<Db, Map<string, { user: AuthUser; until: number }>>();

const cacheOf = (db: Db) => {
  let c = checked.get(db);
  if (!c) checked.set(db, (c = new Map()));
  return c;
};

export function forgetSession(db: Db, tokenHash: string): void {
  cacheOf(db).delete(tokenHash);
}

/** Every checked session of one account (its role, scope or password changed, or it was deactivated). */
export function forgetAccount(db: Db, accountId: number): void {
  const cache = cacheOf(db);
  for (const [hash, entry] of cache) if (entry.user.id === accountId) cache.delete(hash);
}

export function forgetAllSessions(db: Db): void {
  cacheOf(db).clear();
}

export async function userForToken(db: Db, token: string | null): Promise<AuthUser | null> {
  if (!token || token.length > 128) return null;
  const hash = hashToken(token);
  const cache = cacheOf(db);
  const hit = cache.get(hash);
  if (hit && hit.until > Date.now()) return hit.user;
  if (hit) cache.delete(hash);
  const a = await accountBySession(db, hash);
  if (!a) return null;
  const user: AuthUser = {
    id: a.id,
    username: a.username,
    displayName: a.displayName,
    role: a.role,
    areaId: a.areaId,
    areaPath: a.areaPath,
    areaName: a.areaName,
    areaLevel: a.areaLevel,
    departmentCode: a.departmentCode ?? null,
    ...(a.mustChangePassword ? { mustChangePassword: true } : {}),
  };
  if (cache.size >= SESSION_CACHE_MAX) cache.delete(cache.keys().next().value!);
  cache.set(hash, { user, until: Math.min(Date.now() + SESSION_CACHE_MS, new Date(a.expiresAt).getTime()) });
  return user;
}

/** Attaches req.user when a valid session is presented; routes decide whether one is required. */
export function sessionMiddleware(db: Db) {
  return async (req: Request, _res: Response, next: NextFunction): Promise<void> => {
    const token = tokenFrom(req.headers, req.cookies as Record<string, string> | undefined);
    (req as Request & { user?: AuthUser | null }).user = await userForToken(db, token);
    next();
  };
}
