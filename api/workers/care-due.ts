// The phone's list of who is due a visit this week: the special-group residents of the worker's grids (or of the
// scope, for the center's staff), those whose rule is not met for this week yet first, with the address the worker
// goes to.
// The list names persons, so it is read with a purpose and audited like a person's file.
import type { DueList, VisitRule } from '../../contract/care.js';
import { audit } from '../auth/queries.js';
import type { AuthUser } from '../auth/session.js';
import { periodSpan } from './care-weeks.js';
import { gridRules, standings } from './compliance.js';
import { ownWorkerId } from './directory.js';
import type { WorkerDeps } from './service.js';

const MAX_LISTED = 300;

export async function dueThisWeek(deps: WorkerDeps, user: AuthUser, purpose: string, ip: string): Promise<DueList> {
  const span = periodSpan({ period: 'week' }, deps.now().getTime());
  const fallback: VisitRule = { per: 'week', visits: deps.settings.visitsPerWeek };
  const own =
    user.role === 'grid_worker'
      ? ((await deps.directory.get(await ownWorkerId(deps.db, user)))?.grids.map((g) => g.id) ?? [])
      : null;
  const grids = await gridRules(deps.db, user.areaPath, own, fallback);
  const people = await standings(deps.db, user.areaPath, grids, span);
  const isDue = (p: { met: number; due: number }) => p.met < p.due;
  const due = [...people.filter(isDue), ...people.filter((p) => !isDue(p))].slice(0, MAX_LISTED);
  const names = new Map(grids.map((g) => [g.gridId, g.name]));
  const details = await deps.db.query<{ id: number; address: string; age: number; sex: number; last: string | null }>(
    /* sql */ `SELECT r.id::int AS id, b.address, r.age, r.sex,
        (SELECT max(visited_at) FROM visits v WHERE v.resident_id = r.id) AS last
      FROM residents r JOIN buildings b ON b.id = r.building_id WHERE r.id = ANY($1)`,
    [due.map((p) => p.residentId)],
  );
  const by = new Map(details.rows.map((d) => [d.id, d]));
  const persons = due
    .map((p) => {
      const d = by.get(p.residentId)!;
      return {
        residentId: p.residentId,
        gridId: p.gridId,
        gridName: names.get(p.gridId) ?? '',
        address: d.address,
        flags: p.flags,
        age: d.age,
        sex: d.sex,
        rule: p.rule,
        visits: p.visits,
        lastVisit: d.last ? new Date(d.last).toISOString() : null,
        due: isDue(p),
      };
    })
    // due first; never visited first, then the longest since the last visit
    .sort(
      (a, b) =>
        Number(b.due) - Number(a.due) ||
        (a.lastVisit ?? '').localeCompare(b.lastVisit ?? '') ||
        a.residentId - b.residentId,
    );
  await audit(deps.db, {
    accountId: user.id,
    action: 'person_list.read',
    target: `visits_due:${span.week}`,
    detail: { purpose, week: span.week, listed: persons.length, residents: persons.map((p) => p.residentId) },
    ip,
  });
  return {
    week: span.week!,
    from: new Date(span.from).toISOString(),
    to: new Date(span.to).toISOString(),
    persons,
    done: people.length - people.filter(isDue).length,
  };
}
