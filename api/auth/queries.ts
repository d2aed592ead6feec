// SQL for accounts, sessions and the audit log.
import type { Queryable } from '../db/index.js';
import type { Role } from '../../contract/auth.js';

export interface AccountRow {
  id: number;
  username: string;
  displayName: string;
  passwordHash: string;
  role: Role;
  /** null: an administrator of the whole installation (scope path '/'). */
  areaId: number | null;
  areaPath: string;
  areaName: string;
  areaLevel: string;
  /** The department a 'department' account acts for; null for other roles. */
  departmentCode: string | null;
  active: boolean;
  mustChangePassword: boolean;
}

const ACCOUNT_COLUMNS = /* sql */ `
  a.id, a.username, a.display_name AS "displayName", a.password_hash AS "passwordHash", a.role,
  a.area_id AS "areaId", COALESCE(ar.path, '/') AS "areaPath",
  COALESCE(ar.name, (SELECT value->>'name' FROM city_meta WHERE key = 'city'), '') AS "areaName",
  COALESCE(ar.level, 'city') AS "areaLevel", a.department_code AS "departmentCode", a.active,
  a.must_change_password AS "mustChangePassword"`;

export async function accountByUsername(q: Queryable, username: string): Promise<AccountRow | null> {
  const r = await q.query<AccountRow>(
    /* sql */ `SELECT ${ACCOUNT_COLUMNS} FROM accounts a LEFT JOIN areas ar ON ar.id = a.area_id WHERE a.username = $1`,
    [username],
  );
  return r.rows[0] ?? null;
}

export async function accountBySession(
  q: Queryable,
  tokenHash: string,
): Promise<(AccountRow & { expiresAt: string | Date }) | null> {
  const r = await q.query<AccountRow & { expiresAt: string | Date }>(
    /* sql */ `SELECT ${ACCOUNT_COLUMNS}, s.expires_at AS "expiresAt"
      FROM sessions s JOIN accounts a ON a.id = s.account_id LEFT JOIN areas ar ON ar.id = a.area_id
      WHERE s.token_hash = $1 AND s.expires_at > now() AND a.active`,
    [tokenHash],
  );
  return r.rows[0] ?? null;
}

/** Of these session hashes, the ones still valid (not expired, not ended, account active). */
export async function liveSessions(q: Queryable, tokenHashes: string[]): Promise<Set<string>> {
  const r = await q.query<{ h: string }>(
    /* sql */ `SELECT s.token_hash AS h FROM sessions s JOIN accounts a ON a.id = s.account_id
      WHERE s.token_hash = ANY($1::text[]) AND s.expires_at > now() AND a.active`,
    [tokenHashes],
  );
  return new Set(r.rows.map((x) => x.h));
}

export async function insertSession(
  q: Queryable,
  tokenHash: string,
  accountId: number,
  expiresAt: Date,
): Promise<void> {
  await q.query(/* sql */ `INSERT INTO sessions (token_hash, account_id, expires_at) VALUES ($1, $2, $3)`, [
    tokenHash,
    accountId,
    expiresAt.toISOString(),
  ]);
}

/** When a live session ends by itself; null when it has ended already (logged out, expired, account inactive). */
export async function sessionExpiry(q: Queryable, tokenHash: string): Promise<Date | null> {
  const r = await q.query<{ expiresAt: string | Date }>(
    /* sql */ `SELECT s.expires_at AS "expiresAt" FROM sessions s JOIN accounts a ON a.id = s.account_id
      WHERE s.token_hash = $1 AND s.expires_at > now() AND a.active`,
    [tokenHash],
  );
  const v = r.rows[0]?.expiresAt;
  return v === undefined ? null : new Date(v);
}

export async function deleteSession(q: Queryable, tokenHash: string): Promise<void> {
  await q.query(/* sql */ `DELETE FROM sessions WHERE token_hash = $1`, [tokenHash]);
}

export async function deleteExpiredSessions(q: Queryable): Promise<number> {
  const r = await q.query(/* sql */ `DELETE FROM sessions WHERE expires_at <= now()`);
  return r.rowCount;
}

export interface NewAccount {
  username: string;
  displayName: string;
  passwordHash: string;
  role: Role;
  areaId: number | null;
  workerId?: number | null;
  departmentCode?: string | null;
}

/** Creates the account, or leaves an existing one with that username untouched. */
export async function insertAccountIfMissing(q: Queryable, a: NewAccount): Promise<boolean> {
  const r = await q.query(
    /* sql */ `INSERT INTO accounts (username, display_name, password_hash, role, area_id, worker_id, department_code)
      VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (username) DO NOTHING`,
    [a.username, a.displayName, a.passwordHash, a.role, a.areaId, a.workerId ?? null, a.departmentCode ?? null],
  );
  return r.rowCount > 0;
}

export async function audit(
  q: Queryable,
  entry: { accountId: number | null; action: string; target?: string; detail?: Record<string, unknown>; ip?: string },
): Promise<void> {
  await q.query(
    /* sql */ `INSERT INTO audit_log (account_id, action, target, detail, ip) VALUES ($1, $2, $3, $4, $5)`,
    [entry.accountId, entry.action, entry.target ?? null, JSON.stringify(entry.detail ?? {}), entry.ip ?? null],
  );
}

/**
 * Whether an account has logged in before from this device (the SHA-256 of its device cookie, kept in the
 * login's audit entry) and from this address.
 */
export async function knownLoginPlace(
  q: Queryable,
  username: string,
  ip: string,
  deviceHash: string | null,
): Promise<{ device: boolean; address: boolean }> {
  const r = await q.query<{ device: boolean; address: boolean }>(
    /* sql */ `SELECT
        coalesce(bool_or($3::text IS NOT NULL AND l.detail->>'device' = $3), false) AS device,
        coalesce(bool_or(l.ip = $2), false) AS address
      FROM accounts a JOIN audit_log l ON l.account_id = a.id AND l.action = 'login'
      WHERE a.username = $1 AND (l.ip = $2 OR ($3::text IS NOT NULL AND l.detail->>'device' = $3))`,
    [username, ip, deviceHash],
  );
  return r.rows[0] ?? { device: false, address: false };
}
