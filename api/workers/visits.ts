// Visits to special-group residents: logging one, monthly compliance per grid (and the persons behind,
// for roles that may see person-level rows), and reading a person's file — every read of a person's file or of
// a list of persons audited with the purpose the request states. Other roles get the counts as published
// (api/population/disclosure.ts). A visit's note is free text: masked for a supervisor, as written for the
// center's staff and the grid's workers (api/privacy/free-text.ts).
import { m } from '../../contract/messages/index.js';
import type { ComplianceReport, PersonFile, Visit, VisitCreate } from '../../contract/workers.js';
import { areaInScope } from '../areas/queries.js';
import { audit } from '../auth/queries.js';
import type { AuthUser } from '../auth/session.js';
import { Forbidden, Invalid, NotFound } from '../http/errors.js';
import { textFor } from '../privacy/free-text.js';
import { disclosureKey, discloseRate } from '../population/disclosure.js';
import { disclosureOf } from '../population/queries.js';
import { DAY_MS, cstMonth, monthRange } from './cst.js';
import { ownWorkerId } from './directory.js';
import type { WorkerDeps } from './service.js';

/** Roles that may see person-level rows (lagging persons, a person's file), within their scope. */
export const PERSON_READERS = ['admin', 'operator', 'supervisor', 'grid_worker'] as const;
/** A visit may be logged this long after it happened. */
export const VISIT_BACKDATE_DAYS = 62;

interface ResidentRow {
  id: number;
  gridId: number;
  gridName: string;
  path: string;
  flags: number;
}

/** The resident, if the user's scope (a grid worker: their own grids) holds them. */
async function residentInScope(deps: WorkerDeps, user: AuthUser, id: number): Promise<ResidentRow | null> {
  const r = await deps.db.query<ResidentRow>(
    /* sql */ `SELECT r.id::int AS id, r.grid_id AS "gridId", a.name AS "gridName", a.path, r.flags FROM residents r JOIN areas a ON a.id = r.grid_id
      WHERE r.id = $1 AND a.path LIKE $2 || '%'`,
    [id, user.areaPath],
  );
  const row = r.rows[0] ?? null;
  if (row && user.role === 'grid_worker') {
    const me = await deps.directory.get(await ownWorkerId(deps.db, user));
    if (!me?.grids.some((g) => g.id === row.gridId)) return null;
  }
  return row;
}

const VISIT_COLUMNS = /* sql */ `id, resident_id::int AS "residentId", grid_id AS "gridId", worker_id AS "workerId", visited_at AS "visitedAt", note, photo_id AS "photoId"`;
const toVisit = (v: Visit & { visitedAt: string | Date }): Visit => ({
  ...v,
  visitedAt: new Date(v.visitedAt).toISOString(),
});

export async function logVisit(deps: WorkerDeps, user: AuthUser, body: VisitCreate): Promise<Visit> {
  const now = deps.now().getTime();
  const res = await residentInScope(deps, user, body.residentId);
  if (!res) throw new NotFound(m('workers.residentNotInScope', { id: body.residentId }));
  if (res.flags === 0) throw new Invalid(m('workers.residentNotSpecial'));
  const at = body.visitedAt ? Date.parse(body.visitedAt) : now;
  if (at > now + 5 * 60_000) throw new Invalid(m('workers.visitInFuture'));
  if (at < now - VISIT_BACKDATE_DAYS * DAY_MS)
    throw new Invalid(m('workers.visitTooOld', { days: VISIT_BACKDATE_DAYS }));
  if (body.photoId) {
    const p = await deps.db.query(/* sql */ `SELECT 1 FROM photos WHERE id = $1`, [body.photoId]);
    if (!p.rowCount) throw new Invalid(m('workers.photoNotFound', { id: body.photoId }));
  }
  const workerId = user.role === 'grid_worker' ? await ownWorkerId(deps.db, user) : null;
  const r = await deps.db.query<Visit>(
    /* sql */ `INSERT INTO visits (resident_id, grid_id, area_path, worker_id, account_id, visited_at, note, photo_id)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING ${VISIT_COLUMNS}`,
    [
      res.id,
      res.gridId,
      res.path,
      workerId,
      user.id,
      new Date(at).toISOString(),
      body.note || null,
      body.photoId ?? null,
    ],
  );
  return toVisit(r.rows[0]);
}

/** Visits due by `now` in a month: the whole requirement for a past month, pro rata (whole visits only) for the current one. */
export function expectedVisits(required: number, month: string, now: number): number {
  const [a, b] = monthRange(month);
  if (now >= b) return required;
  if (now <= a) return 0;
  return Math.floor((required * (now - a)) / (b - a));
}

/** Compliance per grid; `counted` keeps the exact counts for the server's own use (the ranking's visit rate). */
export async function compliance(
  deps: WorkerDeps,
  user: AuthUser,
  q: { month?: string; area?: number; persons?: boolean; purpose?: string },
  ip = '',
  counted = false,
): Promise<ComplianceReport> {
  const now = deps.now().getTime();
  const month = q.month ?? cstMonth(now);
  let path = user.areaPath;
  if (q.area !== undefined) {
    const a = await areaInScope(deps.db, user.areaPath, q.area);
    if (!a) throw new NotFound(m('workers.areaNotInScope', { id: q.area }));
    path = a.path;
  }
  const personReader = (PERSON_READERS as readonly string[]).includes(user.role);
  if (q.persons && !personReader) throw new Forbidden(m('workers.personRowsForbidden'));
  if (q.persons && !q.purpose) throw new Invalid(m('workers.personRowsNeedPurpose'));
  const [from, to] = monthRange(month);
  const required = deps.settings.visitsPerMonth;
  const expected = expectedVisits(required, month, now);
  const params = [path, new Date(from).toISOString(), new Date(to).toISOString(), expected];
  const cte = /* sql */ `WITH p AS (
      SELECT r.id, r.grid_id, r.flags FROM residents r JOIN areas a ON a.id = r.grid_id
      WHERE a.level = 'grid' AND a.path LIKE $1 || '%' AND r.flags <> 0
    ), v AS (
      SELECT resident_id, count(*)::int AS n, max(visited_at) AS last FROM visits
      WHERE area_path LIKE $1 || '%' AND visited_at >= $2 AND visited_at < $3 GROUP BY resident_id
    )`;
  const grids = await deps.db.query<{
    gridId: number;
    name: string;
    persons: number;
    visits: number;
    compliant: number;
  }>(
    /* sql */ `${cte}
      SELECT p.grid_id AS "gridId", a.name, count(*)::int AS persons, coalesce(sum(v.n), 0)::int AS visits,
        count(*) FILTER (WHERE coalesce(v.n, 0) >= $4)::int AS compliant
      FROM p LEFT JOIN v ON v.resident_id = p.id JOIN areas a ON a.id = p.grid_id
      GROUP BY p.grid_id, a.name, a.code ORDER BY a.code`,
    params,
  );
  let gridRows = grids.rows;
  if (user.role === 'grid_worker') {
    const me = await deps.directory.get(await ownWorkerId(deps.db, user));
    gridRows = gridRows.filter((g) => me?.grids.some((x) => x.id === g.gridId));
  }
  const rate = (c: number, n: number) => (n > 0 ? Math.round((c / n) * 10000) / 10000 : null);
  const persons = gridRows.reduce((s, g) => s + g.persons, 0);
  const compliant = gridRows.reduce((s, g) => s + g.compliant, 0);
  let report: ComplianceReport = {
    month,
    required,
    expected,
    persons,
    compliant,
    rate: rate(compliant, persons),
    grids: gridRows
      .map((g) => ({ ...g, rate: rate(g.compliant, g.persons) }))
      .sort((a, b) => (a.rate ?? 1) - (b.rate ?? 1)),
  };
  if (!personReader && !counted) {
    // Counts of special-group residents as published: withheld under 10, rounded to base 10, the rate to whole percents.
    const d = await disclosureOf(deps.db);
    // keyed by the grids counted: the same grids asked for as a scope, an area or a row give the same figure
    const key = (what: string, ids: number[]) =>
      disclosureKey.of('visits', what, month, [...ids].sort((a, b) => a - b).join(','));
    const pub = (n: number, c: number, ids: number[]) => {
      const p = d.count(n, key('persons', ids));
      return {
        persons: p,
        compliant: p === null ? null : d.count(c, key('compliant', ids)),
        rate: p === null || n === 0 ? null : discloseRate(c / n),
      };
    };
    report = {
      ...report,
      ...pub(
        persons,
        compliant,
        gridRows.map((g) => g.gridId),
      ),
      grids: report.grids.map((g) => ({ ...g, ...pub(g.persons!, g.compliant!, [g.gridId]) })),
    };
  }
  if (q.persons) {
    const allowed = new Set(gridRows.map((g) => g.gridId));
    const lag = await deps.db.query<{
      residentId: number;
      gridId: number;
      gridName: string;
      flags: number;
      visits: number;
      lastVisit: string | null;
    }>(
      /* sql */ `${cte}
        SELECT p.id::int AS "residentId", p.grid_id AS "gridId", a.name AS "gridName", p.flags, coalesce(v.n, 0)::int AS visits, v.last AS "lastVisit"
        FROM p LEFT JOIN v ON v.resident_id = p.id JOIN areas a ON a.id = p.grid_id
        WHERE coalesce(v.n, 0) < $4 ORDER BY coalesce(v.n, 0), v.last NULLS FIRST, p.id LIMIT 500`,
      params,
    );
    report.lagging = lag.rows
      .filter((x) => allowed.has(x.gridId))
      .slice(0, 200)
      .map((x) => ({ ...x, lastVisit: x.lastVisit ? new Date(x.lastVisit).toISOString() : null }));
    // A list of persons is read like a person's file: who, when, why, and which persons.
    await audit(deps.db, {
      accountId: user.id,
      action: 'person_list.read',
      target: `visit_compliance:${month}:${q.area ?? 'scope'}`,
      detail: {
        purpose: q.purpose,
        month,
        area: q.area ?? null,
        listed: report.lagging.length,
        residents: report.lagging.map((x) => x.residentId),
      },
      ip,
    });
  }
  return report;
}

export async function personFile(
  deps: WorkerDeps,
  user: AuthUser,
  residentId: number,
  purpose: string,
  ip: string,
): Promise<PersonFile> {
  const res = await residentInScope(deps, user, residentId);
  if (!res) throw new NotFound(m('workers.residentNotInScope', { id: residentId }));
  return deps.db.tx(async (q) => {
    const r = await q.query<{ address: string; household: number; age: number; sex: number }>(
      /* sql */ `SELECT b.address, r.household, r.age, r.sex FROM residents r JOIN buildings b ON b.id = r.building_id WHERE r.id = $1`,
      [residentId],
    );
    const visits = await q.query<Visit & { authorId: number | null }>(
      /* sql */ `SELECT ${VISIT_COLUMNS}, account_id AS "authorId" FROM visits WHERE resident_id = $1 ORDER BY visited_at DESC LIMIT 100`,
      [residentId],
    );
    await audit(q, {
      accountId: user.id,
      action: 'person_file.read',
      target: `resident:${residentId}`,
      detail: { purpose, gridId: res.gridId },
      ip,
    });
    const p = r.rows[0];
    return {
      residentId,
      gridId: res.gridId,
      gridName: res.gridName,
      address: p.address,
      household: p.household,
      age: p.age,
      sex: p.sex,
      flags: res.flags,
      visits: visits.rows.map(({ authorId, ...v }) =>
        toVisit({
          ...v,
          note: v.note === null ? null : textFor(user, { authorId, handler: user.role === 'grid_worker' }, v.note),
        }),
      ),
    };
  });
}
