// Referrals (转介) from a visit to a department (民政 / 残联 / 卫健 / 教育): raised with the visit or after it, listed
// in scope with those open past the deadline marked overdue, answered (the answer audited) and closed. For now a
// department's answer is entered by the center's staff in scope (admin, supervisor, dispatcher).
import { m } from '../../contract/messages/index.js';
import type { Referral, ReferralCreate, ReferralStatus } from '../../contract/care.js';
import { areaInScope } from '../areas/queries.js';
import { audit } from '../auth/queries.js';
import type { AuthUser } from '../auth/session.js';
import type { Queryable } from '../db/index.js';
import { Conflict, NotFound } from '../http/errors.js';
import { textFor } from '../privacy/free-text.js';
import { DAY_MS } from './cst.js';
import { ownWorkerId } from './directory.js';
import type { WorkerDeps } from './service.js';

export const REFERRAL_ANSWERERS = ['admin', 'supervisor', 'dispatcher'] as const;
export const REFERRAL_READERS = ['admin', 'operator', 'supervisor', 'dispatcher', 'grid_worker'] as const;

interface Row extends Omit<Referral, 'overdue' | 'createdAt' | 'answeredAt'> {
  createdAt: Date | string;
  answeredAt: Date | string | null;
  createdBy: number | null;
  answeredBy: number | null;
}

const COLUMNS = /* sql */ `c.id, c.resident_id::int AS "residentId", c.visit_id AS "visitId", c.grid_id AS "gridId",
  a.name AS "gridName", c.to_dept AS "toDept", c.reason, c.status, c.answer, c.answered_at AS "answeredAt",
  c.created_at AS "createdAt", c.created_by AS "createdBy", c.answered_by AS "answeredBy"`;

/** The grids a grid worker works (null for other roles: their scope path is the bound). */
async function ownGrids(deps: WorkerDeps, user: AuthUser): Promise<number[] | null> {
  if (user.role !== 'grid_worker') return null;
  return (await deps.directory.get(await ownWorkerId(deps.db, user)))?.grids.map((g) => g.id) ?? [];
}

function shown(deps: WorkerDeps, user: AuthUser, r: Row): Referral {
  const now = deps.now().getTime();
  const created = new Date(r.createdAt).getTime();
  const handler = user.role === 'grid_worker';
  return {
    id: r.id,
    residentId: r.residentId,
    visitId: r.visitId,
    gridId: r.gridId,
    gridName: r.gridName,
    toDept: r.toDept,
    reason: textFor(user, { authorId: r.createdBy, handler }, r.reason),
    status: r.status,
    answer: r.answer === null ? null : textFor(user, { authorId: r.answeredBy, handler }, r.answer),
    answeredAt: r.answeredAt ? new Date(r.answeredAt).toISOString() : null,
    createdAt: new Date(created).toISOString(),
    overdue: r.status === 'open' && now - created > deps.settings.referralOverdueDays * DAY_MS,
  };
}

/** Inserts the referrals of a visit, one per department (a replay adds none). */
export async function insertReferrals(
  q: Queryable,
  user: AuthUser,
  visit: { id: number; residentId: number; gridId: number; path: string },
  list: ReferralCreate[],
  at: Date,
): Promise<number[]> {
  const ids: number[] = [];
  for (const x of list) {
    const r = await q.query<{ id: number }>(
      /* sql */ `INSERT INTO care_referrals (resident_id, visit_id, grid_id, area_path, to_dept, reason, created_by, created_at)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (visit_id, to_dept) DO NOTHING RETURNING id`,
      [visit.residentId, visit.id, visit.gridId, visit.path, x.toDept, x.reason, user.id, at.toISOString()],
    );
    if (r.rows[0]) ids.push(r.rows[0].id);
  }
  return ids;
}

async function one(q: Queryable, user: AuthUser, grids: number[] | null, id: number): Promise<Row> {
  const r = await q.query<Row>(
    /* sql */ `SELECT ${COLUMNS} FROM care_referrals c JOIN areas a ON a.id = c.grid_id
      WHERE c.id = $1 AND c.area_path LIKE $2 || '%' AND ($3::int[] IS NULL OR c.grid_id = ANY($3))`,
    [id, user.areaPath, grids],
  );
  if (!r.rows[0]) throw new NotFound(m('care.referralNotInScope', { id }));
  return r.rows[0];
}

/** Referrals raised from a visit already logged. */
export async function referFromVisit(
  deps: WorkerDeps,
  user: AuthUser,
  visitId: number,
  list: ReferralCreate[],
): Promise<Referral[]> {
  const grids = await ownGrids(deps, user);
  const v = await deps.db.query<{ id: number; residentId: number; gridId: number; path: string }>(
    /* sql */ `SELECT id, resident_id::int AS "residentId", grid_id AS "gridId", area_path AS path FROM visits
      WHERE id = $1 AND area_path LIKE $2 || '%' AND ($3::int[] IS NULL OR grid_id = ANY($3))`,
    [visitId, user.areaPath, grids],
  );
  if (!v.rows[0]) throw new NotFound(m('care.visitNotInScope', { id: visitId }));
  await insertReferrals(deps.db, user, v.rows[0], list, deps.now());
  return listReferrals(deps, user, {}, visitId);
}

export async function listReferrals(
  deps: WorkerDeps,
  user: AuthUser,
  q: { status?: ReferralStatus; overdue?: boolean; area?: number },
  visitId?: number,
): Promise<Referral[]> {
  let path = user.areaPath;
  if (q.area !== undefined) {
    const a = await areaInScope(deps.db, user.areaPath, q.area);
    if (!a) throw new NotFound(m('workers.areaNotInScope', { id: q.area }));
    path = a.path;
  }
  const grids = await ownGrids(deps, user);
  const since = new Date(deps.now().getTime() - deps.settings.referralOverdueDays * DAY_MS).toISOString();
  const r = await deps.db.query<Row>(
    /* sql */ `SELECT ${COLUMNS} FROM care_referrals c JOIN areas a ON a.id = c.grid_id
      WHERE c.area_path LIKE $1 || '%' AND ($2::int[] IS NULL OR c.grid_id = ANY($2))
        AND ($3::text IS NULL OR c.status = $3) AND ($4::int IS NULL OR c.visit_id = $4)
        AND (NOT $5 OR (c.status = 'open' AND c.created_at < $6))
      ORDER BY c.created_at, c.id LIMIT 500`,
    [path, grids, q.status ?? null, visitId ?? null, q.overdue ?? false, since],
  );
  return r.rows.map((x) => shown(deps, user, x));
}

export async function answerReferral(
  deps: WorkerDeps,
  user: AuthUser,
  id: number,
  answer: string,
  ip: string,
): Promise<Referral> {
  const grids = await ownGrids(deps, user); // before the transaction: the embedded database has one connection
  return deps.db.tx(async (q) => {
    const cur = await one(q, user, grids, id);
    if (cur.status !== 'open') throw new Conflict(m('care.referralNotOpen', { id }));
    await q.query(
      /* sql */ `UPDATE care_referrals SET status = 'answered', answer = $2, answered_by = $3, answered_at = $4 WHERE id = $1`,
      [id, answer, user.id, deps.now().toISOString()],
    );
    await audit(q, {
      accountId: user.id,
      action: 'referral.answer',
      target: `referral:${id}`,
      detail: { toDept: cur.toDept, residentId: cur.residentId, gridId: cur.gridId },
      ip,
    });
    return shown(deps, user, await one(q, user, grids, id));
  });
}

export async function closeReferral(deps: WorkerDeps, user: AuthUser, id: number, ip: string): Promise<Referral> {
  const grids = await ownGrids(deps, user);
  return deps.db.tx(async (q) => {
    const cur = await one(q, user, grids, id);
    if (cur.status === 'closed') throw new Conflict(m('care.referralClosed', { id }));
    await q.query(/* sql */ `UPDATE care_referrals SET status = 'closed', closed_at = $2 WHERE id = $1`, [
      id,
      deps.now().toISOString(),
    ]);
    await audit(q, { accountId: user.id, action: 'referral.close', target: `referral:${id}`, ip });
    return shown(deps, user, await one(q, user, grids, id));
  });
}
