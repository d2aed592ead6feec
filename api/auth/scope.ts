// Settings that cover an area are changed only by an account whose scope holds all of it. The indicator system,
// the wall layouts and rules for every area cover the whole city: only an account whose scope holds every area
// (the district's) may change them; a street or community account may read them but not change them.
import { m, named, type Message } from '../../contract/messages/index.js';
import type { Queryable } from '../db/index.js';
import { Forbidden, Invalid } from '../http/errors.js';
import type { AuthUser } from './session.js';

/** True when every area lies inside the account's scope. */
export async function holdsEveryArea(q: Queryable, user: AuthUser): Promise<boolean> {
  const r = await q.query<{ outside: boolean }>(
    /* sql */ `SELECT EXISTS (SELECT 1 FROM areas WHERE path NOT LIKE $1 || '%') AS outside`,
    [user.areaPath],
  );
  return !r.rows[0].outside;
}

/** Refuses (403) an account whose scope does not hold every area; `what` names the setting (a message, or both languages). */
export async function requireEveryArea(
  q: Queryable,
  user: AuthUser,
  what: Message | { zh: string; en: string },
): Promise<void> {
  if (await holdsEveryArea(q, user)) return;
  throw new Forbidden(m('auth.wholeDistrictOnly', { what: 'key' in what ? what : named(what) }));
}

/**
 * The area a request means when it names none: the account's own, or for an administrator of the whole installation
 * the one district when there is exactly one; with several (or none) the request has to name one.
 */
export async function homeAreaId(q: Queryable, user: AuthUser): Promise<number> {
  if (user.areaId !== null) return user.areaId;
  const r = await q.query<{ id: number }>(/* sql */ `SELECT id FROM areas WHERE parent_id IS NULL ORDER BY id LIMIT 2`);
  if (r.rows.length === 1) return r.rows[0].id;
  throw new Invalid(m('areas.chooseArea', { districts: r.rows.length }));
}
