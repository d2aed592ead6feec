// Which party's mail an account reads: a grid worker its grids', a dispatcher its level's (a community's or a
// street's staff, or the district centre), a department account its department's. Other accounts act for no party.
import type { PartyKind } from '../../contract/parties.js';
import type { AuthUser } from '../auth/session.js';
import type { Queryable } from '../db/index.js';

export interface InboxParty {
  kind: PartyKind;
  /** The party's areas (a grid worker may hold several grids); null: any area in the account's scope (a department). */
  areaIds: number[] | null;
  dept: string | null;
}

const DISPATCHER_LEVELS: Record<string, PartyKind> = { community: 'community', street: 'street', district: 'centre' };

export async function inboxPartyOf(q: Queryable, user: AuthUser): Promise<InboxParty | null> {
  if (user.role === 'grid_worker') {
    const r = await q.query<{ id: number }>(
      /* sql */ `SELECT id FROM areas WHERE level = 'grid' AND path LIKE $1 || '%' ORDER BY id`,
      [user.areaPath],
    );
    return { kind: 'grid', areaIds: r.rows.map((x) => x.id), dept: null };
  }
  if (user.role === 'dispatcher' && user.areaId !== null) {
    const kind = DISPATCHER_LEVELS[user.areaLevel];
    return kind ? { kind, areaIds: [user.areaId], dept: null } : null;
  }
  if (user.role === 'department') {
    const r = await q.query<{ dept: string | null }>(
      /* sql */ `SELECT department_code AS dept FROM accounts WHERE id = $1`,
      [user.id],
    );
    const dept = r.rows[0]?.dept ?? null;
    return dept ? { kind: 'department', areaIds: null, dept } : null;
  }
  return null;
}
