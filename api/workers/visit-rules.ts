// Areas' own visit rules (visit_rules): a remote grid, or every grid of a street, visited so many times a month
// instead of weekly. Set and removed by the center's staff for areas inside their scope (audited); listed with
// the rules above the scope that apply to it.
import { m } from '../../contract/messages/index.js';
import type { VisitRule, VisitRuleRow } from '../../contract/care.js';
import { areaInScope } from '../areas/queries.js';
import { audit } from '../auth/queries.js';
import type { AuthUser } from '../auth/session.js';
import type { Db } from '../db/index.js';
import { NotFound } from '../http/errors.js';

export const RULE_EDITORS = ['admin', 'operator'] as const;

export async function listVisitRules(db: Db, user: AuthUser): Promise<VisitRuleRow[]> {
  const r = await db.query<VisitRuleRow>(
    /* sql */ `SELECT a.id AS "areaId", a.name, a.level, v.per, v.visits FROM visit_rules v JOIN areas a ON a.id = v.area_id
      WHERE a.path LIKE $1 || '%' OR $1 LIKE a.path || '%' ORDER BY a.path`,
    [user.areaPath],
  );
  return r.rows;
}

async function inScope(db: Db, user: AuthUser, areaId: number) {
  const a = await areaInScope(db, user.areaPath, areaId);
  if (!a) throw new NotFound(m('workers.areaNotInScope', { id: areaId }));
  return a;
}

export async function setVisitRule(
  db: Db,
  user: AuthUser,
  areaId: number,
  rule: VisitRule,
  ip: string,
): Promise<VisitRuleRow> {
  const a = await inScope(db, user, areaId);
  await db.tx(async (q) => {
    await q.query(
      /* sql */ `INSERT INTO visit_rules (area_id, per, visits) VALUES ($1, $2, $3)
        ON CONFLICT (area_id) DO UPDATE SET per = EXCLUDED.per, visits = EXCLUDED.visits, updated_at = now()`,
      [areaId, rule.per, rule.visits],
    );
    await audit(q, { accountId: user.id, action: 'visit_rule.set', target: `area:${areaId}`, detail: rule, ip });
  });
  return { areaId, name: a.name, level: a.level, ...rule };
}

export async function removeVisitRule(db: Db, user: AuthUser, areaId: number, ip: string): Promise<void> {
  await inScope(db, user, areaId);
  await db.tx(async (q) => {
    const r = await q.query(/* sql */ `DELETE FROM visit_rules WHERE area_id = $1`, [areaId]);
    if (r.rowCount) await audit(q, { accountId: user.id, action: 'visit_rule.remove', target: `area:${areaId}`, ip });
  });
}
