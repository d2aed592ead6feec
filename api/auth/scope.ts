// Settings that cover an area are changed only by an account whose scope holds all of it. The indicator system,
// the wall layouts and rules for every area cover the whole city: only an account whose scope holds every area
// (the district's) may change them; a street or community account may read them but not change them.
import { m, named, type Message } from '../../contract/messages/index.js';
import type { Queryable } from '../db/index.js';
import { Forbidden } from '../http/errors.js';
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
