// What the use cases of evaluation share: the active indicator system, a period by its code (with the one before),
// and one period evaluated over the areas of a level under a path.
import type { EvalLevel } from '../../contract/evaluation.js';
import type { Queryable } from '../db/index.js';
import { NotFound } from '../http/errors.js';
import { type EvalOutput, evaluate } from './engine.js';
import * as sql from './queries.js';
import { m } from '../../contract/messages/index.js';

const DAY_MS = 86_400_000;

export async function systemOrFail(q: Queryable) {
  const s = await sql.activeSystem(q);
  if (!s) throw new NotFound(m('evaluation.noSystem'));
  return s;
}

export async function periodByCode(q: Queryable, code?: string) {
  const all = await sql.periods(q);
  if (!all.length) throw new NotFound(m('evaluation.noPeriods'));
  const i = code ? all.findIndex((p) => p.code === code) : all.length - 1;
  if (i < 0) throw new NotFound(m('evaluation.periodNotFound', { code: code ?? '' }));
  return { period: all[i], previous: i > 0 ? all[i - 1] : null, all };
}

export async function evaluatePeriod(
  q: Queryable,
  nodes: sql.NodeRow[],
  p: sql.PeriodRow,
  level: EvalLevel,
  path: string,
  bands = true,
): Promise<{ areas: sql.AreaBrief[]; out: EvalOutput }> {
  const [areas, responses, orders, covered, specials] = await Promise.all([
    sql.areasAt(q, level, path),
    sql.responseAggregates(q, p.id, level, path),
    sql.orderAggregates(q, p.starts, p.ends, level, path),
    sql.orderCoverageDays(q, p.starts, p.ends),
    sql.specialsIn(q, p.id, path),
  ]);
  const days = (Date.parse(p.ends) - Date.parse(p.starts)) / DAY_MS;
  // A period the order records cover for less than a week has no reverse values rather than a wild extrapolation.
  const orderScale = covered >= 7 ? days / covered : null;
  const points = new Map<number, number>();
  for (const s of specials) points.set(s.areaId, (points.get(s.areaId) ?? 0) + s.points);
  return {
    areas,
    out: evaluate({ nodes, areas, responses, orders, orderScale, specials: points, bands: bands ? undefined : null }),
  };
}
