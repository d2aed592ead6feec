// The responsibility list (责任清单) as an admin edits it: validated against the catalogue, the departments
// and the admin's area scope; every change is audited. Routing reads the same rows (queries.ts responsibilityRules).
import { m } from '../../contract/messages/index.js';
import { categoryByCode } from '../../contract/order-categories.js';
import type { Responsibility, ResponsibilityInput } from '../../contract/responsibilities.js';
import { areaInScope } from '../areas/queries.js';
import { audit } from '../auth/queries.js';
import { holdsEveryArea } from '../auth/scope.js';
import type { AuthUser } from '../auth/session.js';
import type { Db, Queryable } from '../db/index.js';
import { Conflict, Invalid, NotFound } from '../http/errors.js';
import { knownDepartments } from './queries.js';

const COLUMNS = /* sql */ `id, category_code AS "categoryCode", area_id AS "areaId", hazard_level AS "hazardLevel",
  lead_dept AS "leadDept", assist_depts AS "assistDepts", updated_at AS "updatedAt"`;

const shape = (r: Responsibility): Responsibility => ({ ...r, updatedAt: new Date(r.updatedAt).toISOString() });

/** The rules that route orders in the user's scope: those for every area, for the scope's ancestors and for areas inside it. */
export async function listResponsibilities(q: Queryable, user: AuthUser): Promise<Responsibility[]> {
  const r = await q.query<Responsibility>(
    /* sql */ `SELECT ${COLUMNS} FROM responsibilities r
      WHERE r.area_id IS NULL OR EXISTS (SELECT 1 FROM areas a WHERE a.id = r.area_id AND (a.path LIKE $1 || '%' OR $1 LIKE a.path || '%'))
      ORDER BY category_code, area_id NULLS FIRST, hazard_level NULLS FIRST`,
    [user.areaPath],
  );
  return r.rows.map(shape);
}

/** A rule for every area (area null) is the district's to set; any other, the scope's that holds its area. */
const editable = (wholeDistrictParam: string, scopeParam: string) =>
  /* sql */ `CASE WHEN area_id IS NULL THEN ${wholeDistrictParam}::boolean ELSE EXISTS (SELECT 1 FROM areas a WHERE a.id = area_id AND a.path LIKE ${scopeParam} || '%') END`;

/** Refuses (400) a rule the user may not set: an unknown category or department, an area outside the scope, or a rule
 * for every area from an account whose scope does not hold every area. The editor and the list import both check by it. */
export async function validate(q: Queryable, user: AuthUser, input: ResponsibilityInput): Promise<void> {
  if (!categoryByCode(input.categoryCode)) throw new Invalid(m('orders.unknownCategory', { code: input.categoryCode }));
  const depts = [input.leadDept, ...input.assistDepts];
  const known = await knownDepartments(q, depts);
  const unknown = depts.filter((d) => !known.includes(d));
  if (unknown.length) throw new Invalid(m('orders.unknownDepartments', { codes: unknown }));
  if (input.areaId === null && !(await holdsEveryArea(q, user))) {
    throw new Invalid(m('orders.ruleForEveryAreaNeedsDistrict'));
  }
  if (input.areaId !== null && !(await areaInScope(q, user.areaPath, input.areaId))) {
    throw new Invalid(m('orders.areaNotInScope', { id: input.areaId }));
  }
}

const isUniqueViolation = (e: unknown) => (e as { code?: string }).code === '23505';
const DUPLICATE = m('orders.ruleExists');

export async function createResponsibility(
  db: Db,
  user: AuthUser,
  input: ResponsibilityInput,
): Promise<Responsibility> {
  return db.tx(async (q) => {
    await validate(q, user, input);
    try {
      const r = await q.query<Responsibility>(
        /* sql */ `INSERT INTO responsibilities (category_code, area_id, hazard_level, lead_dept, assist_depts, updated_by)
          VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${COLUMNS}`,
        [input.categoryCode, input.areaId, input.hazardLevel, input.leadDept, input.assistDepts, user.id],
      );
      await audit(q, {
        accountId: user.id,
        action: 'responsibility.create',
        target: String(r.rows[0].id),
        detail: { ...input },
      });
      return shape(r.rows[0]);
    } catch (e) {
      if (isUniqueViolation(e)) throw new Conflict(DUPLICATE);
      throw e;
    }
  });
}

export async function updateResponsibility(
  db: Db,
  user: AuthUser,
  id: number,
  input: ResponsibilityInput,
): Promise<Responsibility> {
  return db.tx(async (q) => {
    await validate(q, user, input);
    try {
      const r = await q.query<Responsibility>(
        /* sql */ `UPDATE responsibilities SET category_code = $2, area_id = $3, hazard_level = $4, lead_dept = $5,
            assist_depts = $6, updated_by = $7, updated_at = now()
          WHERE id = $1 AND ${editable('$8', '$9')} RETURNING ${COLUMNS}`,
        [
          id,
          input.categoryCode,
          input.areaId,
          input.hazardLevel,
          input.leadDept,
          input.assistDepts,
          user.id,
          await holdsEveryArea(q, user),
          user.areaPath,
        ],
      );
      if (!r.rows[0]) throw new NotFound(m('orders.ruleNotFoundInScope', { id }));
      await audit(q, { accountId: user.id, action: 'responsibility.update', target: String(id), detail: { ...input } });
      return shape(r.rows[0]);
    } catch (e) {
      if (isUniqueViolation(e)) throw new Conflict(DUPLICATE);
      throw e;
    }
  });
}

export async function deleteResponsibility(db: Db, user: AuthUser, id: number): Promise<void> {
  await db.tx(async (q) => {
    const r = await q.query(/* sql */ `DELETE FROM responsibilities WHERE id = $1 AND ${editable('$2', '$3')}`, [
      id,
      await holdsEveryArea(q, user),
      user.areaPath,
    ]);
    if (r.rowCount === 0) throw new NotFound(m('orders.ruleNotFoundInScope', { id }));
    await audit(q, { accountId: user.id, action: 'responsibility.delete', target: String(id) });
  });
}
