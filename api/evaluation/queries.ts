// SQL for satisfaction evaluation. Area values are grouped by the ancestor at the level compared, read straight
// from the path ('/district/street/community/…'), and every query is limited to the caller's scope path.
import { COMPLAINT_SOURCES, type EvalLevel } from '../../contract/evaluation.js';
import type { Queryable } from '../db/index.js';

/** Position of a level's id in an area path: '/1/3/17/' → split_part(path, '/', 3) is the street. */
export const PATH_PART: Record<EvalLevel, number> = { street: 3, community: 4 };

export interface NodeRow {
  id: number;
  parentId: number | null;
  level: 'dimension' | 'focus' | 'indicator';
  code: string;
  name: string;
  nameEn: string;
  sort: number;
  weight: number;
  polarity: 'positive' | 'reverse' | null;
  source: 'questionnaire' | 'orders' | null;
  norm: 'score' | 'target' | 'minmax' | null;
  target: number | null;
  worst: number | null;
  orderMeasure: 'complaint_rate' | 'unsatisfied_share' | null;
  orderFamilies: string[];
}

export async function activeSystem(q: Queryable): Promise<{ id: number; name: string } | null> {
  const r = await q.query<{ id: number; name: string }>(/* sql */ `SELECT id, name FROM eval_systems WHERE active`);
  return r.rows[0] ?? null;
}

export async function systemNodes(q: Queryable, systemId: number): Promise<NodeRow[]> {
  const r = await q.query<NodeRow>(
    /* sql */ `SELECT id, parent_id AS "parentId", level, code, name, name_en AS "nameEn", sort, weight, polarity, source, norm, target, worst,
        order_measure AS "orderMeasure", order_families AS "orderFamilies"
      FROM eval_nodes WHERE system_id = $1 ORDER BY sort, id`,
    [systemId],
  );
  return r.rows;
}

export interface GroupRow {
  parentKey: number;
  method: 'direct' | 'ahp' | 'entropy';
  matrix: number[][] | null;
  lambdaMax: number | null;
  cr: number | null;
  basisPeriod: string | null;
  updatedAt: Date | string;
}

export async function weightGroups(q: Queryable, systemId: number): Promise<GroupRow[]> {
  const r = await q.query<GroupRow>(
    /* sql */ `SELECT parent_key AS "parentKey", method, matrix, lambda_max AS "lambdaMax", cr, basis_period AS "basisPeriod", updated_at AS "updatedAt"
      FROM eval_weight_groups WHERE system_id = $1 ORDER BY parent_key`,
    [systemId],
  );
  return r.rows;
}

export async function upsertGroup(
  q: Queryable,
  systemId: number,
  parentKey: number,
  g: {
    method: string;
    matrix?: number[][] | null;
    lambdaMax?: number | null;
    cr?: number | null;
    basisPeriod?: string | null;
    by?: number | null;
  },
): Promise<void> {
  await q.query(
    /* sql */ `INSERT INTO eval_weight_groups (system_id, parent_key, method, matrix, lambda_max, cr, basis_period, updated_by, updated_at)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, now())
      ON CONFLICT (system_id, parent_key) DO UPDATE SET method = EXCLUDED.method, matrix = EXCLUDED.matrix, lambda_max = EXCLUDED.lambda_max,
        cr = EXCLUDED.cr, basis_period = EXCLUDED.basis_period, updated_by = EXCLUDED.updated_by, updated_at = now()`,
    [
      systemId,
      parentKey,
      g.method,
      g.matrix ? JSON.stringify(g.matrix) : null,
      g.lambdaMax ?? null,
      g.cr ?? null,
      g.basisPeriod ?? null,
      g.by ?? null,
    ],
  );
}

export interface PeriodRow {
  id: number;
  code: string;
  starts: string;
  ends: string;
}

export async function periods(q: Queryable): Promise<PeriodRow[]> {
  const r = await q.query<PeriodRow>(
    /* sql */ `SELECT id, code, to_char(starts, 'YYYY-MM-DD') AS starts, to_char(ends, 'YYYY-MM-DD') AS ends FROM eval_periods ORDER BY starts`,
  );
  return r.rows;
}

export interface AreaBrief {
  id: number;
  code: string;
  name: string;
  path: string;
  households: number;
  parentName: string;
}

/** Areas of a level under a path, by code. */
export async function areasAt(q: Queryable, level: EvalLevel, path: string): Promise<AreaBrief[]> {
  const r = await q.query<AreaBrief>(
    /* sql */ `SELECT a.id, a.code, a.name, a.path, a.households, coalesce(p.name, '') AS "parentName"
      FROM areas a LEFT JOIN areas p ON p.id = a.parent_id
      WHERE a.level = $1 AND a.path LIKE $2 || '%' ORDER BY a.code`,
    [level, path],
  );
  return r.rows;
}

export interface ResponseAgg {
  areaId: number;
  code: string;
  group?: 'elder' | 'middle_young' | 'organisation';
  respondents: number;
  score: number;
}

/**
 * Questionnaire results per area (at the level) and indicator — or per group too, for a drill-down: respondents and
 * their weighted mean score. Rankings need no groups, and fewer rows cost much less on the embedded database.
 */
export async function responseAggregates(
  q: Queryable,
  periodId: number,
  level: EvalLevel,
  path: string,
  byGroup = false,
): Promise<ResponseAgg[]> {
  const group = byGroup ? /* sql */ `, respondent_group AS "group"` : '';
  const r = await q.query<ResponseAgg>(
    /* sql */ `SELECT split_part(path, '/', $3)::int AS "areaId", indicator_code AS code${group},
        sum(respondents)::int AS respondents, sum(respondents * score) / sum(respondents) AS score
      FROM eval_responses WHERE period_id = $1 AND path LIKE $2 || '%'
      GROUP BY 1, 2${byGroup ? ', 3' : ''}`,
    [periodId, path, PATH_PART[level]],
  );
  return r.rows;
}

export interface OrderAgg {
  areaId: number;
  category: string;
  complaints: number;
  rated: number;
  unsatisfied: number;
}

/** Orders reported in [starts, ends) per area (at the level) and category: residents' complaints and ratings. */
export async function orderAggregates(
  q: Queryable,
  starts: string,
  ends: string,
  level: EvalLevel,
  path: string,
): Promise<OrderAgg[]> {
  const r = await q.query<OrderAgg>(
    /* sql */ `SELECT split_part(area_path, '/', $4)::int AS "areaId", category_code AS category,
        (count(*) FILTER (WHERE source = ANY($5::text[]) AND duplicate_of IS NULL))::int AS complaints,
        count(rating)::int AS rated, (count(*) FILTER (WHERE rating = 'unsatisfied'))::int AS unsatisfied
      FROM orders
      WHERE reported_at >= $1::date AND reported_at < $2::date AND area_path LIKE $3 || '%'
      GROUP BY 1, 2`,
    [starts, ends, path, PATH_PART[level], [...COMPLAINT_SOURCES]],
  );
  return r.rows;
}

/** Days of [starts, ends) that the order records cover (the system's first order onwards, up to now). */
export async function orderCoverageDays(q: Queryable, starts: string, ends: string): Promise<number> {
  const r = await q.query<{ days: number | null }>(
    /* sql */ `SELECT extract(epoch FROM least($2::date::timestamptz, now()) - greatest($1::date::timestamptz, min(reported_at))) / 86400 AS days FROM orders`,
    [starts, ends],
  );
  return Math.max(0, Number(r.rows[0]?.days ?? 0));
}

export async function specialsIn(q: Queryable, periodId: number, path: string) {
  const r = await q.query<{
    id: number;
    areaId: number;
    areaName: string;
    points: number;
    reason: string;
    createdAt: Date | string;
  }>(
    /* sql */ `SELECT s.id, s.area_id AS "areaId", a.name AS "areaName", s.points, s.reason, s.created_at AS "createdAt"
      FROM eval_specials s JOIN areas a ON a.id = s.area_id WHERE s.period_id = $1 AND a.path LIKE $2 || '%' ORDER BY s.id`,
    [periodId, path],
  );
  return r.rows;
}

export async function dispatchesIn(q: Queryable, periodId: number, path: string) {
  const r = await q.query<{ areaId: number; topic: string; orderId: number; status: string; deadline: Date | string }>(
    /* sql */ `SELECT d.area_id AS "areaId", d.topic, d.order_id AS "orderId", o.status, o.deadline
      FROM eval_dispatches d JOIN areas a ON a.id = d.area_id JOIN orders o ON o.id = d.order_id
      WHERE d.period_id = $1 AND a.path LIKE $2 || '%'`,
    [periodId, path],
  );
  return r.rows;
}
