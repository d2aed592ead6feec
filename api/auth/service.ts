// Login and logout: one place that checks the password, creates the session and writes the audit entry.
import { m } from '../../contract/messages/index.js';
import type { Config } from '../config.js';
import { DEFAULT_DEMO_PASSWORD } from '../config.js';
import type { Db } from '../db/index.js';
import { Unauthorized } from '../http/errors.js';
import { decoyHash, verifyPassword } from './passwords.js';
import { accountByUsername, audit, deleteSession, insertSession } from './queries.js';
import { hashToken, newToken } from './session.js';
import type { SessionUser } from '../../contract/auth.js';

export interface LoginOutcome {
  token: string;
  expiresAt: Date;
  user: SessionUser;
  mustChangePassword: boolean;
}

/** `deviceHash`: the SHA-256 of the browser's device cookie, kept in the login's audit entry (a known device next time). */
export async function login(
  db: Db,
  config: Pick<Config, 'production' | 'sessionHours'>,
  username: string,
  password: string,
  ip: string,
  now = new Date(),
  deviceHash?: string,
): Promise<LoginOutcome> {
  const account = await accountByUsername(db, username.toLowerCase());
  const ok = await verifyPassword(account?.passwordHash ?? (await decoyHash()), password);
  // In production the well-known demo password never opens a session, whatever the stored hash says.
  const refusedDemo = config.production && password === DEFAULT_DEMO_PASSWORD;
  if (!account || !ok || !account.active || refusedDemo) {
    await audit(db, { accountId: account?.id ?? null, action: 'login.failed', target: username.slice(0, 64), ip });
    throw new Unauthorized(m('auth.wrongCredentials'));
  }
  const token = newToken();
  const expiresAt = new Date(now.getTime() + config.sessionHours * 3600_000);
  await db.tx(async (q) => {
    await insertSession(q, hashToken(token), account.id, expiresAt);
    await audit(q, {
      accountId: account.id,
      action: 'login',
      ip,
      detail: deviceHash ? { device: deviceHash } : undefined,
    });
  });
  return {
    token,
    expiresAt,
    user: {
      id: account.id,
      username: account.username,
      displayName: account.displayName,
      role: account.role,
      areaId: account.areaId,
      areaName: account.areaName,
      areaLevel: account.areaLevel,
      departmentCode: account.departmentCode ?? null,
    },
    mustChangePassword: account.mustChangePassword,
  };
}

export async function logout(db: Db, token: string, accountId: number, ip: string): Promise<void> {
  await db.tx(async (q) => {
    await deleteSession(q, hashToken(token));
    await audit(q, { accountId, action: 'logout', ip });
  });
}
