// SQL for account administration and the audit log. Every query takes the admin's scope path: accounts
// whose area lies outside it do not exist for them.
import type { Role } from '../../contract/auth.js';
import type { Account, AuditEntry, AuditQuery } from '../../contract/accounts.js';
import type { Queryable } from '../db/index.js';

const ACCOUNT_COLUMNS = /* sql */ `
  a.id, a.username, a.display_name AS "displayName", a.role, a.area_id AS "areaId", ar.name AS "areaName",
  ar.level AS "areaLevel", a.worker_id AS "workerId", a.department_code AS "departmentCode", a.active, a.created_at AS "createdAt",
  (SELECT max(l.at) FROM audit_log l WHERE l.account_id = a.id AND l.action = 'login') AS "lastLoginAt",
  (SELECT count(*)::int FROM sessions s WHERE s.account_id = a.id AND s.expires_at > now()) AS sessions`;

type AccountDbRow = Omit<Account, 'createdAt' | 'lastLoginAt'> & {
  createdAt: Date | string;
  lastLoginAt: Date | string | null;
  areaPath?: string;
};

const iso = (v: Date | string | null) => (v === null ? null : new Date(v).toISOString());
const toAccount = ({ areaPath: _p, ...r }: AccountDbRow): Account => ({
  ...r,
  createdAt: iso(r.createdAt)!,
  lastLoginAt: iso(r.lastLoginAt),
});

export async function accountsInScope(q: Queryable, scopePath: string): Promise<Account[]> {
  const r = await q.query<AccountDbRow>(
    /* sql */ `SELECT ${ACCOUNT_COLUMNS} FROM accounts a JOIN areas ar ON ar.id = a.area_id
      WHERE ar.path LIKE $1 || '%' ORDER BY a.role, a.username`,
    [scopePath],
  );
  return r.rows.map(toAccount);
}

/** The account, locked for the change, when its area is in scope. */
export async function accountInScopeForUpdate(
  q: Queryable,
  scopePath: string,
  id: number,
): Promise<(Account & { areaPath: string }) | null> {
  const r = await q.query<AccountDbRow & { areaPath: string }>(
    /* sql */ `SELECT ${ACCOUNT_COLUMNS}, ar.path AS "areaPath" FROM accounts a JOIN areas ar ON ar.id = a.area_id
      WHERE a.id = $1 AND ar.path LIKE $2 || '%' FOR UPDATE OF a`,
    [id, scopePath],
  );
  const row = r.rows[0];
  return row ? { ...toAccount(row), areaPath: row.areaPath } : null;
}

export async function accountInScope(q: Queryable, scopePath: string, id: number): Promise<Account | null> {
  const r = await q.query<AccountDbRow>(
    /* sql */ `SELECT ${ACCOUNT_COLUMNS} FROM accounts a JOIN areas ar ON ar.id = a.area_id WHERE a.id = $1 AND ar.path LIKE $2 || '%'`,
    [id, scopePath],
  );
  return r.rows[0] ? toAccount(r.rows[0]) : null;
}

export async function usernameTaken(q: Queryable, username: string): Promise<boolean> {
  return (await q.query(/* sql */ `SELECT 1 FROM accounts WHERE username = $1`, [username])).rowCount > 0;
}

/** A grid worker who patrols at least one grid under the path. */
export async function workerUnder(q: Queryable, workerId: number, path: string): Promise<boolean> {
  const r = await q.query(
    /* sql */ `SELECT 1 FROM grid_workers w JOIN worker_grids wg ON wg.worker_id = w.id JOIN areas g ON g.id = wg.grid_id
      WHERE w.id = $1 AND w.active AND g.path LIKE $2 || '%' LIMIT 1`,
    [workerId, path],
  );
  return r.rowCount > 0;
}

export async function insertAccount(
  q: Queryable,
  a: {
    username: string;
    displayName: string;
    passwordHash: string;
    role: Role;
    areaId: number;
    workerId: number | null;
    departmentCode: string | null;
  },
): Promise<number> {
  const r = await q.query<{ id: number }>(
    /* sql */ `INSERT INTO accounts (username, display_name, password_hash, role, area_id, worker_id, department_code)
      VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
    [a.username, a.displayName, a.passwordHash, a.role, a.areaId, a.workerId, a.departmentCode],
  );
  return r.rows[0].id;
}

export async function updateAccount(
  q: Queryable,
  id: number,
  v: {
    displayName: string;
    role: Role;
    areaId: number;
    workerId: number | null;
    departmentCode: string | null;
    active: boolean;
  },
): Promise<void> {
  await q.query(
    /* sql */ `UPDATE accounts SET display_name = $2, role = $3, area_id = $4, worker_id = $5, active = $6,
        department_code = $7 WHERE id = $1`,
    [id, v.displayName, v.role, v.areaId, v.workerId, v.active, v.departmentCode],
  );
}

export async function setPasswordHash(q: Queryable, id: number, passwordHash: string): Promise<void> {
  await q.query(/* sql */ `UPDATE accounts SET password_hash = $2 WHERE id = $1`, [id, passwordHash]);
}

/** Ends every session of the account; returns how many there were. */
export async function deleteSessionsOf(q: Queryable, accountId: number): Promise<number> {
  return (await q.query(/* sql */ `DELETE FROM sessions WHERE account_id = $1`, [accountId])).rowCount;
}

/**
 * Audit entries by accounts in scope, newest first, a page at a time. Entries of no account (failed logins
 * under unknown names) are shown to admins of the whole district only.
 */
export async function auditEntries(
  q: Queryable,
  scopePath: string,
  wholeDistrict: boolean,
  f: AuditQuery,
): Promise<AuditEntry[]> {
  const r = await q.query<Omit<AuditEntry, 'at'> & { at: Date | string }>(
    /* sql */ `SELECT l.id::int AS id, l.at, l.account_id AS "accountId", a.username, l.action, l.target, l.detail, l.ip
      FROM audit_log l
      LEFT JOIN accounts a ON a.id = l.account_id
      LEFT JOIN areas ar ON ar.id = a.area_id
      WHERE (ar.path LIKE $1 || '%' OR (l.account_id IS NULL AND $2::boolean))
        AND ($3::text IS NULL OR l.action = $3 OR l.action LIKE $3 || '.%')
        AND ($4::int IS NULL OR l.account_id = $4)
        AND ($5::bigint IS NULL OR l.id < $5)
      ORDER BY l.id DESC LIMIT $6`,
    [scopePath, wholeDistrict, f.action ?? null, f.accountId ?? null, f.before ?? null, f.limit],
  );
  return r.rows.map((e) => ({ ...e, at: new Date(e.at).toISOString() }));
}
