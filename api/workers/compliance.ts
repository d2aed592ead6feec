// Visit compliance per ISO week or month (api/workers/care-weeks.ts): each special-group resident's due and met
// weeks under their grid's rule (visits a week, or a month for remote grids), summed per grid; who is behind, for
// roles that may see person-level rows (the list audited with its purpose, as a person's file is). Other roles get
// the counts as published (api/population/disclosure.ts).
import { m } from '../../contract/messages/index.js';
import type { VisitRule } from '../../contract/care.js';
import type { ComplianceReport, GridCompliance } from '../../contract/workers.js';
import { areaInScope } from '../areas/queries.js';
import { audit } from '../auth/queries.js';
import type { AuthUser } from '../auth/session.js';
import { Forbidden, Invalid, NotFound } from '../http/errors.js';
import { disclosureKey, discloseRate } from '../population/disclosure.js';
import { disclosureOf } from '../population/queries.js';
import type { Queryable } from '../db/index.js';
import { WEEK_MS, periodSpan, standing, type PeriodSpan } from './care-weeks.js';
import { ownWorkerId } from './directory.js';
import type { WorkerDeps } from './service.js';

/** Roles that may see person-level rows (lagging persons, a person's file), within their scope. */
export const PERSON_READERS = ['admin', 'operator', 'supervisor', 'grid_worker'] as const;

export interface GridRule {
  gridId: number;
  name: string;
  rule: VisitRule;
}

export interface PersonStanding {
  residentId: number;
  gridId: number;
  flags: number;
  rule: VisitRule;
  /** Visits counted: in the period's weeks, or in the month so far under a monthly rule. */
  visits: number;
  due: number;
  met: number;
}

/** Grids under `path` (only `only`, when given) with the rule each follows: the nearest area above with its own, else the default. */
export async function gridRules(
  q: Queryable,
  path: string,
  only: number[] | null,
  fallback: VisitRule,
): Promise<GridRule[]> {
  const r = await q.query<{ gridId: number; name: string; per: 'week' | 'month' | null; visits: number | null }>(
    /* sql */ `SELECT a.id AS "gridId", a.name, vr.per, vr.visits FROM areas a
      LEFT JOIN LATERAL (SELECT x.per, x.visits FROM visit_rules x JOIN areas ra ON ra.id = x.area_id
        WHERE a.path LIKE ra.path || '%' ORDER BY length(ra.path) DESC LIMIT 1) vr ON true
      WHERE a.level = 'grid' AND a.path LIKE $1 || '%' AND ($2::int[] IS NULL OR a.id = ANY($2)) ORDER BY a.code`,
    [path, only],
  );
  return r.rows.map((g) => ({
    gridId: g.gridId,
    name: g.name,
    rule: g.per && g.visits ? { per: g.per, visits: g.visits } : fallback,
  }));
}

/** Every special-group resident of the grids, with their standing in the period. */
export async function standings(
  q: Queryable,
  path: string,
  grids: GridRule[],
  span: PeriodSpan,
): Promise<PersonStanding[]> {
  const ids = grids.map((g) => g.gridId);
  const rules = new Map(grids.map((g) => [g.gridId, g.rule]));
  const [persons, weekly, monthly] = await Promise.all([
    q.query<{ id: number; gridId: number; flags: number }>(
      /* sql */ `SELECT id::int AS id, grid_id AS "gridId", flags FROM residents WHERE grid_id = ANY($1) AND flags <> 0 ORDER BY id`,
      [ids],
    ),
    q.query<{ id: number; i: number; n: number }>(
      /* sql */ `SELECT resident_id::int AS id, floor(extract(epoch FROM visited_at - $2::timestamptz) / $4)::int AS i, count(*)::int AS n
        FROM visits WHERE area_path LIKE $1 || '%' AND visited_at >= $2 AND visited_at < $3 GROUP BY 1, 2`,
      [path, new Date(span.from).toISOString(), new Date(span.to).toISOString(), WEEK_MS / 1000],
    ),
    q.query<{ id: number; n: number }>(
      /* sql */ `SELECT resident_id::int AS id, count(*)::int AS n FROM visits
        WHERE area_path LIKE $1 || '%' AND visited_at >= $2 AND visited_at < $3 GROUP BY 1`,
      [path, new Date(span.monthFrom).toISOString(), new Date(span.to).toISOString()],
    ),
  ]);
  const perWeek = new Map<number, number[]>();
  for (const v of weekly.rows) {
    const a = perWeek.get(v.id) ?? span.weeks.map(() => 0);
    a[v.i] = v.n;
    perWeek.set(v.id, a);
  }
  const inMonth = new Map(monthly.rows.map((v) => [v.id, v.n]));
  const none = span.weeks.map(() => 0);
  return persons.rows.map((p) => {
    const rule = rules.get(p.gridId)!;
    const weeks = perWeek.get(p.id) ?? none;
    const month = inMonth.get(p.id) ?? 0;
    return {
      residentId: p.id,
      gridId: p.gridId,
      flags: p.flags,
      rule,
      visits: rule.per === 'week' ? weeks.reduce((s, n) => s + n, 0) : month,
      ...standing(span, rule, weeks, month),
    };
  });
}

const rate = (c: number, n: number) => (n > 0 ? Math.round((c / n) * 10000) / 10000 : null);

/** Compliance per grid; `counted` keeps the exact counts for the server's own use (the ranking's visit rate). */
export async function compliance(
  deps: WorkerDeps,
  user: AuthUser,
  q: { period?: 'week' | 'month'; month?: string; week?: string; area?: number; persons?: boolean; purpose?: string },
  ip = '',
  counted = false,
): Promise<ComplianceReport> {
  const now = deps.now().getTime();
  const period = q.period ?? 'month';
  if (period === 'week' && q.month) throw new Invalid(m('care.weekOrMonth'));
  let span: PeriodSpan;
  try {
    span = periodSpan({ period, month: q.month, week: q.week }, now);
  } catch {
    throw new Invalid(m('care.noSuchWeek', { week: q.week ?? '' }));
  }
  let path = user.areaPath;
  if (q.area !== undefined) {
    const a = await areaInScope(deps.db, user.areaPath, q.area);
    if (!a) throw new NotFound(m('workers.areaNotInScope', { id: q.area }));
    path = a.path;
  }
  const personReader = (PERSON_READERS as readonly string[]).includes(user.role);
  if (q.persons && !personReader) throw new Forbidden(m('workers.personRowsForbidden'));
  if (q.persons && !q.purpose) throw new Invalid(m('workers.personRowsNeedPurpose'));
  const fallback: VisitRule = { per: 'week', visits: deps.settings.visitsPerWeek };
  const own =
    user.role === 'grid_worker'
      ? ((await deps.directory.get(await ownWorkerId(deps.db, user)))?.grids.map((g) => g.id) ?? [])
      : null;
  const grids = await gridRules(deps.db, path, own, fallback);
  const people = await standings(deps.db, path, grids, span);
  const workers = new Map<number, string[]>();
  for (const w of await deps.directory.inScope(path))
    for (const g of w.grids) workers.set(g.id, [...(workers.get(g.id) ?? []), w.name]);
  const byGrid = new Map<number, PersonStanding[]>();
  for (const p of people) byGrid.set(p.gridId, [...(byGrid.get(p.gridId) ?? []), p]);
  const gridRows: GridCompliance[] = grids
    .filter((g) => byGrid.has(g.gridId))
    .map((g) => {
      const ps = byGrid.get(g.gridId)!;
      const due = ps.reduce((s, p) => s + p.due, 0);
      const met = ps.reduce((s, p) => s + p.met, 0);
      return {
        gridId: g.gridId,
        name: g.name,
        rule: g.rule,
        workers: workers.get(g.gridId) ?? [],
        persons: ps.length,
        visits: ps.reduce((s, p) => s + p.visits, 0),
        compliant: ps.filter((p) => p.met >= p.due).length,
        behind: ps.filter((p) => p.met < p.due).length,
        due,
        met,
        rate: rate(met, due),
      };
    })
    .sort((a, b) => (a.rate ?? 1) - (b.rate ?? 1));
  const due = gridRows.reduce((s, g) => s + g.due!, 0);
  const met = gridRows.reduce((s, g) => s + g.met!, 0);
  const persons = people.length;
  const compliant = gridRows.reduce((s, g) => s + g.compliant!, 0);
  let report: ComplianceReport = {
    period,
    month: span.month,
    week: span.week,
    from: new Date(span.from).toISOString(),
    to: new Date(span.to).toISOString(),
    weeks: span.weeks.length,
    weeksOver: span.over.filter(Boolean).length,
    rule: fallback,
    persons,
    compliant,
    rate: rate(met, due),
    grids: gridRows,
  };
  if (!personReader && !counted) {
    // Counts of special-group residents as published: withheld under 10, rounded to base 10, the rate to whole percents.
    const d = await disclosureOf(deps.db);
    // keyed by the grids counted: the same grids asked for as a scope, an area or a row give the same figure
    const key = (what: string, ids: number[]) =>
      disclosureKey.of('visits', what, span.week ?? span.month, [...ids].sort((a, b) => a - b).join(','));
    const pub = (n: number, c: number, mt: number, du: number, ids: number[]) => {
      const p = d.count(n, key('persons', ids));
      return {
        persons: p,
        compliant: p === null ? null : d.count(c, key('compliant', ids)),
        rate: p === null || du === 0 ? null : discloseRate(mt / du),
      };
    };
    report = {
      ...report,
      ...pub(
        persons,
        compliant,
        met,
        due,
        gridRows.map((g) => g.gridId),
      ),
      grids: report.grids.map((g) => ({
        ...g,
        ...pub(g.persons!, g.compliant!, g.met!, g.due!, [g.gridId]),
        behind: null,
        due: null,
        met: null,
      })),
    };
  }
  if (q.persons) {
    const names = new Map(grids.map((g) => [g.gridId, g.name]));
    const behind = people
      .filter((p) => p.met < p.due)
      .sort((a, b) => b.due - b.met - (a.due - a.met) || a.visits - b.visits || a.residentId - b.residentId)
      .slice(0, 200);
    const last = await deps.db.query<{ id: number; last: string }>(
      /* sql */ `SELECT resident_id::int AS id, max(visited_at) AS last FROM visits WHERE resident_id = ANY($1) GROUP BY 1`,
      [behind.map((p) => p.residentId)],
    );
    const lastOf = new Map(last.rows.map((x) => [x.id, new Date(x.last).toISOString()]));
    report.lagging = behind.map((p) => ({
      residentId: p.residentId,
      gridId: p.gridId,
      gridName: names.get(p.gridId) ?? '',
      flags: p.flags,
      visits: p.visits,
      behind: p.due - p.met,
      lastVisit: lastOf.get(p.residentId) ?? null,
    }));
    // A list of persons is read like a person's file: who, when, why, and which persons.
    await audit(deps.db, {
      accountId: user.id,
      action: 'person_list.read',
      target: `visit_compliance:${span.week ?? span.month}:${q.area ?? 'scope'}`,
      detail: {
        purpose: q.purpose,
        period,
        month: span.month,
        week: span.week,
        area: q.area ?? null,
        listed: report.lagging.length,
        residents: report.lagging.map((x) => x.residentId),
      },
      ip,
    });
  }
  return report;
}
