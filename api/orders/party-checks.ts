// Checks of a party's move that need the database: a hand-down target inside the account's scope, and departments
// asked to assist that exist and are active.
import { m } from '../../contract/messages/index.js';
import type { OrderAction } from '../../contract/orders.js';
import type { AuthUser } from '../auth/session.js';
import type { Queryable } from '../db/index.js';
import { Invalid } from '../http/errors.js';
import { knownDepartments } from './queries.js';

export async function checkPartyAction(q: Queryable, user: AuthUser, action: OrderAction): Promise<void> {
  if (action.action === 'hand_down') {
    const r = await q.query<{ path: string }>(/* sql */ `SELECT path FROM areas WHERE id = $1 AND level = $2`, [
      action.to.areaId,
      action.to.kind,
    ]);
    const path = r.rows[0]?.path;
    if (!path || !path.startsWith(user.areaPath)) {
      throw new Invalid(m('parties.handDownOutside', { id: action.to.areaId }));
    }
  }
  if (action.action === 'request_assist') {
    const known = await knownDepartments(q, action.depts);
    const unknown = action.depts.filter((d) => !known.includes(d));
    if (unknown.length) throw new Invalid(m('orders.unknownDepartments', { codes: unknown }));
  }
}
