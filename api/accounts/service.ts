// Account administration: create accounts, change their role, area scope or state, reset passwords. Each
// change is audited in the same transaction; one that alters what a session may do (role, scope, worker,
// deactivation, password) ends the account's sessions, so it takes effect at once on every node.
import { m } from '../../contract/messages/index.js';
import type {
  Account,
  AccountCreate,
  AccountUpdate,
  AuditEntry,
  AuditQuery,
  PasswordChange,
} from '../../contract/accounts.js';
import type { AuthUser } from '../auth/session.js';
import { hashPassword, verifyPassword } from '../auth/passwords.js';
import { passwordMessage, passwordProblem } from '../auth/password-policy.js';
import { accountByUsername, audit } from '../auth/queries.js';
import { areaInScope } from '../areas/queries.js';
import type { Db, Queryable } from '../db/index.js';
import { Conflict, Invalid, NotFound } from '../http/errors.js';
import * as sql from './queries.js';

export interface AccountChange {
  account: Account;
  /** The account's sessions were ended: its sockets must be closed. (Cached sessions are forgotten after any change.) */
  revoked: boolean;
}

/** The area must be in the admin's scope; a grid worker's account is scoped to a grid and reports as a worker of it. */
async function checkPlacement(
  q: Queryable,
  admin: AuthUser,
  role: string,
  areaId: number,
  workerId: number | null,
  departmentCode: string | null = null,
): Promise<void> {
  if (role === 'department') {
    if (!departmentCode) throw new Invalid(m('accounts.departmentRequired'));
    const known = await q.query(/* sql */ `SELECT 1 AS x FROM departments WHERE code = $1 AND active`, [
      departmentCode,
    ]);
    if (!known.rows.length) throw new Invalid(m('orders.unknownDepartments', { codes: [departmentCode] }));
  } else if (departmentCode) {
    throw new Invalid(m('accounts.departmentOnlyForDepartments'));
  }
  const area = await areaInScope(q, admin.areaPath, areaId);
  if (!area) throw new Invalid(m('accounts.areaNotInScope', { id: areaId }));
  if (role === 'grid_worker') {
    if (area.level !== 'grid' && area.level !== 'special') throw new Invalid(m('accounts.workerScopedToGrid'));
    if (workerId === null) throw new Invalid(m('accounts.workerIdRequired'));
  }
  if (workerId !== null) {
    if (role !== 'grid_worker') throw new Invalid(m('accounts.workerIdOnlyForWorkers'));
    if (!(await sql.workerUnder(q, workerId, area.path)))
      throw new Invalid(m('accounts.workerNotInArea', { worker: workerId, area: areaId }));
  }
}

export function listAccounts(db: Db, admin: AuthUser): Promise<Account[]> {
  return sql.accountsInScope(db, admin.areaPath);
}

/** Refuses (400) a common password, a simple pattern or one that holds the username. */
function checkNewPassword(password: string, username: string): void {
  const problem = passwordProblem(password, username);
  if (problem) throw new Invalid(passwordMessage(problem), [{ path: 'password', message: problem }]);
}

export async function createAccount(db: Db, admin: AuthUser, input: AccountCreate, ip?: string): Promise<Account> {
  checkNewPassword(input.password, input.username);
  const passwordHash = await hashPassword(input.password);
  return db.tx(async (q) => {
    const workerId = input.workerId ?? null;
    const departmentCode = input.departmentCode ?? null;
    await checkPlacement(q, admin, input.role, input.areaId, workerId, departmentCode);
    if (await sql.usernameTaken(q, input.username))
      throw new Conflict(m('accounts.usernameTaken', { username: input.username }));
    const id = await sql.insertAccount(q, {
      username: input.username,
      displayName: input.displayName,
      passwordHash,
      role: input.role,
      areaId: input.areaId,
      workerId,
      departmentCode,
    });
    await audit(q, {
      accountId: admin.id,
      action: 'account.create',
      target: `account:${id}`,
      detail: {
        username: input.username,
        role: input.role,
        areaId: input.areaId,
        ...(departmentCode ? { departmentCode } : {}),
      },
      ip,
    });
    return (await sql.accountInScope(q, admin.areaPath, id))!;
  });
}

export async function updateAccount(
  db: Db,
  admin: AuthUser,
  id: number,
  patch: AccountUpdate,
  ip?: string,
): Promise<AccountChange> {
  return db.tx(async (q) => {
    const before = await sql.accountInScopeForUpdate(q, admin.areaPath, id);
    if (!before) throw new NotFound(m('accounts.notFoundInScope', { id }));
    const next = {
      displayName: patch.displayName ?? before.displayName,
      role: patch.role ?? before.role,
      areaId: patch.areaId ?? before.areaId,
      workerId:
        patch.workerId === undefined
          ? patch.role && patch.role !== 'grid_worker'
            ? null
            : before.workerId
          : patch.workerId,
      departmentCode:
        patch.departmentCode === undefined
          ? patch.role && patch.role !== 'department'
            ? null
            : (before.departmentCode ?? null)
          : patch.departmentCode,
      active: patch.active ?? before.active,
    };
    const changed = {
      role: next.role !== before.role,
      area: next.areaId !== before.areaId,
      worker: next.workerId !== before.workerId,
      department: next.departmentCode !== (before.departmentCode ?? null),
      active: next.active !== before.active,
      name: next.displayName !== before.displayName,
    };
    // An admin cannot lock themselves out (and so the district always keeps the admin who made the change).
    if (id === admin.id && (changed.role || changed.area || (changed.active && !next.active))) {
      throw new Conflict(m('accounts.notYourself'));
    }
    if (changed.role || changed.area || changed.worker || changed.department)
      await checkPlacement(q, admin, next.role, next.areaId, next.workerId, next.departmentCode);
    await sql.updateAccount(q, id, next);
    const target = `account:${id}`;
    if (changed.role)
      await audit(q, {
        accountId: admin.id,
        action: 'account.role_change',
        target,
        detail: { from: before.role, to: next.role },
        ip,
      });
    if (changed.area)
      await audit(q, {
        accountId: admin.id,
        action: 'account.scope_change',
        target,
        detail: { from: before.areaId, to: next.areaId },
        ip,
      });
    if (changed.worker)
      await audit(q, {
        accountId: admin.id,
        action: 'account.worker_change',
        target,
        detail: { from: before.workerId, to: next.workerId },
        ip,
      });
    if (changed.department)
      await audit(q, {
        accountId: admin.id,
        action: 'account.department_change',
        target,
        detail: { from: before.departmentCode ?? null, to: next.departmentCode },
        ip,
      });
    if (changed.active)
      await audit(q, {
        accountId: admin.id,
        action: next.active ? 'account.activate' : 'account.deactivate',
        target,
        ip,
      });
    if (changed.name) await audit(q, { accountId: admin.id, action: 'account.rename', target, ip });
    const revoked =
      changed.role || changed.area || changed.worker || changed.department || (changed.active && !next.active);
    if (revoked) await sql.deleteSessionsOf(q, id);
    const account = await sql.accountInScope(q, admin.areaPath, id);
    // Moved out of the admin's own scope: they no longer see it, but the change stands.
    return { account: account ?? { ...before, ...next, sessions: 0 }, revoked };
  });
}

export async function resetPassword(
  db: Db,
  admin: AuthUser,
  id: number,
  password: string,
  ip?: string,
): Promise<AccountChange> {
  const target = await sql.accountInScope(db, admin.areaPath, id);
  if (!target) throw new NotFound(m('accounts.notFoundInScope', { id }));
  checkNewPassword(password, target.username);
  const passwordHash = await hashPassword(password);
  return db.tx(async (q) => {
    const before = await sql.accountInScopeForUpdate(q, admin.areaPath, id);
    if (!before) throw new NotFound(m('accounts.notFoundInScope', { id }));
    await sql.setPasswordHash(q, id, passwordHash);
    const ended = await sql.deleteSessionsOf(q, id);
    await audit(q, {
      accountId: admin.id,
      action: 'account.password_reset',
      target: `account:${id}`,
      detail: { sessionsEnded: ended },
      ip,
    });
    return { account: (await sql.accountInScope(q, admin.areaPath, id))!, revoked: true };
  });
}

export function auditLog(db: Db, admin: AuthUser, query: AuditQuery): Promise<AuditEntry[]> {
  return sql.auditEntries(db, admin.areaPath, admin.areaLevel === 'district', query);
}

/**
 * One's own password: the current one must match; the new one passes the same policy as an admin's reset. Clears
 * the must-change mark of a one-time password and ends the account's other sessions (answers their hashes).
 */
export async function changeOwnPassword(
  db: Db,
  user: AuthUser,
  input: PasswordChange,
  keepTokenHash: string | null,
  ip?: string,
): Promise<string[]> {
  const account = await accountByUsername(db, user.username);
  if (!account || !(await verifyPassword(account.passwordHash, input.current)))
    throw new Invalid(m('auth.wrongCurrentPassword'));
  checkNewPassword(input.password, account.username);
  const passwordHash = await hashPassword(input.password);
  return db.tx(async (q) => {
    await q.query(/* sql */ `UPDATE accounts SET password_hash = $2, must_change_password = false WHERE id = $1`, [
      account.id,
      passwordHash,
    ]);
    const ended = await q.query<{ h: string }>(
      /* sql */ `DELETE FROM sessions WHERE account_id = $1 AND token_hash IS DISTINCT FROM $2 RETURNING token_hash AS h`,
      [account.id, keepTokenHash],
    );
    await audit(q, { accountId: account.id, action: 'account.password_changed', target: `account:${account.id}`, ip });
    return ended.rows.map((r) => r.h);
  });
}
