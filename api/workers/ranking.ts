// Grid assessment ranking (网格考核) per grid or per worker for a month: information collection (orders
// the grid's workers reported), patrol coverage (mean daily coverage), visit compliance and orders
// handled on time, each scaled 0–100 within the list and weighted (weights configurable).
import { m } from '../../contract/messages/index.js';
import type { Ranking, RankingRow, RankingWeights } from '../../contract/workers.js';
import { areaInScope } from '../areas/queries.js';
import type { AuthUser } from '../auth/session.js';
import { NotFound } from '../http/errors.js';
import { DAY_MS, cstDay, cstMonth, monthRange } from './cst.js';
import * as sql from './queries.js';
import { type WorkerDeps, dailyCoverage } from './service.js';
import { MIN_PUBLISHED, discloseRate } from '../population/disclosure.js';
import { PERSON_READERS, compliance } from './visits.js';

export interface Criteria {
  id: number;
  name: string;
  gridName: string;
  reports: number;
  coverage: number;
  visitRate: number | null;
  onTimeRate: number | null;
}

/** Pure: scales each criterion 0–100 within the list (reports against the list's most; rates as they are; a missing rate takes the list's mean), weights and ranks. */
export function rank(rows: readonly Criteria[], w: RankingWeights): RankingRow[] {
  const maxReports = Math.max(0, ...rows.map((r) => r.reports));
  const mean = (xs: (number | null)[]) => {
    const v = xs.filter((x): x is number => x !== null);
    return v.length ? v.reduce((s, x) => s + x, 0) / v.length : 0;
  };
  const visitMean = mean(rows.map((r) => r.visitRate));
  const onTimeMean = mean(rows.map((r) => r.onTimeRate));
  const r1 = (x: number) => Math.round(x * 10) / 10;
  const scored = rows.map((r) => {
    const scores = {
      info: r1(maxReports > 0 ? (100 * r.reports) / maxReports : 0),
      coverage: r1(100 * r.coverage),
      visits: r1(100 * (r.visitRate ?? visitMean)),
      onTime: r1(100 * (r.onTimeRate ?? onTimeMean)),
    };
    const score = r1(
      w.info * scores.info + w.coverage * scores.coverage + w.visits * scores.visits + w.onTime * scores.onTime,
    );
    return { ...r, scores, score, rank: 0 };
  });
  scored.sort((a, b) => b.score - a.score || a.id - b.id);
  scored.forEach((r, i) => (r.rank = i > 0 && r.score === scored[i - 1].score ? scored[i - 1].rank : i + 1));
  return scored;
}

export async function ranking(
  deps: WorkerDeps,
  user: AuthUser,
  q: { month?: string; area?: number; by: 'grid' | 'worker'; weights: RankingWeights },
): Promise<Ranking> {
  const now = deps.now().getTime();
  const month = q.month ?? cstMonth(now);
  let path = user.areaPath;
  if (q.area !== undefined) {
    const a = await areaInScope(deps.db, user.areaPath, q.area);
    if (!a) throw new NotFound(m('workers.areaNotInScope', { id: q.area }));
    path = a.path;
  }
  const [from, to] = monthRange(month);
  const end = Math.min(to, now);
  const grids = await sql.gridsUnder(deps.db, path);
  const gridIds = grids.map((g) => g.id);

  // Coverage: the mean over the month's days so far (today included only when it is the only one).
  const days: string[] = [];
  for (let t = from; t < end; t += DAY_MS) if (cstDay(t) < cstDay(now) || days.length === 0) days.push(cstDay(t));
  const cov = days.length ? await dailyCoverage(deps, grids, days) : [];
  const coverage = new Map<number, number>();
  for (const c of cov) coverage.set(c.gridId, (coverage.get(c.gridId) ?? 0) + c.coverage / days.length);

  const comp = await compliance(
    deps,
    user.role === 'grid_worker' ? user : { ...user, areaPath: path },
    { period: 'month', month },
    '',
    true,
  );
  const visitRate = new Map(comp.grids.map((g) => [g.gridId, g]));

  const iso = (t: number) => new Date(t).toISOString();
  const orders = await deps.db.query<{
    gridId: number;
    reportedBy: number;
    reports: number;
    due: number;
    onTime: number;
  }>(
    /* sql */ `SELECT o.grid_id AS "gridId", o.reported_by AS "reportedBy",
        count(*) FILTER (WHERE o.source = 'grid_worker' AND o.reported_at >= $2)::int AS reports,
        count(*) FILTER (WHERE (o.clock_stopped_at IS NOT NULL OR o.deadline < $3) AND o.status NOT IN ('cancelled', 'duplicate') AND o.deadline >= $2 AND o.deadline < $3)::int AS due,
        count(*) FILTER (WHERE o.clock_stopped_at IS NOT NULL AND o.clock_stopped_at <= o.deadline AND o.status NOT IN ('cancelled', 'duplicate') AND o.deadline >= $2 AND o.deadline < $3)::int AS "onTime"
      FROM orders o WHERE o.area_path LIKE $1 || '%' AND o.reported_at < $3 AND (o.reported_at >= $2 OR o.deadline >= $2)
      GROUP BY 1, 2`,
    [path, iso(from), iso(end)],
  );
  const perGrid = new Map<number, { reports: number; due: number; onTime: number }>();
  const reportsBy = new Map<number, number>();
  for (const o of orders.rows) {
    const g = perGrid.get(o.gridId) ?? { reports: 0, due: 0, onTime: 0 };
    g.reports += o.reports;
    g.due += o.due;
    g.onTime += o.onTime;
    perGrid.set(o.gridId, g);
    reportsBy.set(o.reportedBy, (reportsBy.get(o.reportedBy) ?? 0) + o.reports);
  }
  const ratio = (n: number, d: number) => (d > 0 ? n / d : null);
  const gridName = new Map(grids.map((g) => [g.id, g.name]));

  let rows: Criteria[];
  if (q.by === 'grid') {
    rows = grids.map((g) => {
      const o = perGrid.get(g.id);
      const v = visitRate.get(g.id);
      return {
        id: g.id,
        name: g.name,
        gridName: g.name,
        reports: o?.reports ?? 0,
        coverage: coverage.get(g.id) ?? 0,
        visitRate: v ? ratio(v.met ?? 0, v.due ?? 0) : null,
        onTimeRate: o ? ratio(o.onTime, o.due) : null,
      };
    });
  } else {
    // A worker's own reports: history writes them as -(worker id); live ones carry the linked account's id.
    const acc = await deps.db.query<{ id: number; workerId: number }>(
      /* sql */ `SELECT id, worker_id AS "workerId" FROM accounts WHERE worker_id IS NOT NULL`,
    );
    const accountsOf = new Map<number, number[]>();
    for (const a of acc.rows) accountsOf.set(a.workerId, [...(accountsOf.get(a.workerId) ?? []), a.id]);
    const inGrids = new Set(gridIds);
    const workers = (await deps.directory.all()).filter((w) => w.grids.some((g) => inGrids.has(g.id)));
    rows = workers.map((w) => {
      const own = w.grids.filter((g) => inGrids.has(g.id));
      let due = 0,
        onTime = 0,
        visitsDue = 0,
        visitsMet = 0,
        cv = 0;
      for (const g of own) {
        const o = perGrid.get(g.id);
        due += o?.due ?? 0;
        onTime += o?.onTime ?? 0;
        visitsDue += visitRate.get(g.id)?.due ?? 0;
        visitsMet += visitRate.get(g.id)?.met ?? 0;
        cv += coverage.get(g.id) ?? 0;
      }
      const reports =
        (reportsBy.get(-w.id) ?? 0) + (accountsOf.get(w.id) ?? []).reduce((s, id) => s + (reportsBy.get(id) ?? 0), 0);
      return {
        id: w.id,
        name: w.name,
        gridName: own.map((g) => gridName.get(g.id)).join('、'),
        reports,
        coverage: own.length ? cv / own.length : 0,
        visitRate: ratio(visitsMet, visitsDue),
        onTimeRate: ratio(onTime, due),
      };
    });
  }
  const round = (x: number | null) => (x === null ? null : Math.round(x * 10000) / 10000);
  // The visit rate is a share of special-group residents: roles without person-level access see it as the other
  // shares of people are published (whole percents, none for fewer than 10 persons); ranks use the exact rates.
  const personReader = (PERSON_READERS as readonly string[]).includes(user.role);
  const personsOf = new Map<number, number>();
  if (q.by === 'grid') for (const g of grids) personsOf.set(g.id, visitRate.get(g.id)?.persons ?? 0);
  else
    for (const w of await deps.directory.all())
      personsOf.set(
        w.id,
        w.grids.reduce((s, g) => s + (gridIds.includes(g.id) ? (visitRate.get(g.id)?.persons ?? 0) : 0), 0),
      );
  const visitShown = (id: number, x: number | null) =>
    personReader ? round(x) : x === null || (personsOf.get(id) ?? 0) < MIN_PUBLISHED ? null : discloseRate(x);
  const ranked = rank(rows, q.weights).map((r) => ({
    ...r,
    coverage: round(r.coverage) ?? 0,
    visitRate: visitShown(r.id, r.visitRate),
    onTimeRate: round(r.onTimeRate),
  }));
  return { month, by: q.by, weights: q.weights, rows: ranked };
}
