// SQL for needs surveys. Every query takes a scope path: responses outside it do not exist for the caller.
import { NEED_ITEMS } from '../../contract/needs.js';
import type { Queryable } from '../db/index.js';

/** Per key and month: respondents, Σw, Σw², and Σw of those naming each item (NEED_ITEMS order). */
export interface SumsRow {
  key: string;
  month: string; // YYYY-MM
  n: number;
  sw: number;
  sw2: number;
  named: number[];
  weighted: boolean;
}

export type BreakdownKey = 'none' | 'street' | 'community' | 'grid' | 'group';
// Path '/district/street/community/grid/': the ancestor at a level is one split_part of it.
const KEY_SQL: Record<BreakdownKey, string> = {
  none: `''`,
  street: `split_part(path, '/', 3)`,
  community: `split_part(path, '/', 4)`,
  grid: `split_part(path, '/', 5)`,
  group: `respondent_group`,
};
const NAMED_SQL = NEED_ITEMS.map((_, i) => `coalesce(sum(weight) FILTER (WHERE needs & ${1 << i} <> 0), 0)`).join(', ');

/** One pass over the responses under `path`: sums per key and month, from which every rate is derived. */
export async function responseSums(
  q: Queryable,
  path: string,
  by: BreakdownKey,
  group?: string,
  months?: string[],
): Promise<SumsRow[]> {
  const r = await q.query<SumsRow>(
    /* sql */ `SELECT ${KEY_SQL[by]} AS key, to_char(month, 'YYYY-MM') AS month, count(*)::int AS n,
        sum(weight)::float8 AS sw, sum(weight * weight)::float8 AS sw2, ARRAY[${NAMED_SQL}]::float8[] AS named,
        bool_or(weight <> 1) AS weighted
      FROM survey_responses
      WHERE path LIKE $1 || '%' AND ($2::text IS NULL OR respondent_group = $2)
        AND ($3::text[] IS NULL OR to_char(month, 'YYYY-MM') = ANY ($3::text[]))
      GROUP BY 1, 2`,
    [path, group ?? null, months ?? null],
  );
  return r.rows.map((row) => ({ ...row, named: row.named.map(Number), sw: Number(row.sw), sw2: Number(row.sw2) }));
}

/** Months with responses under the path, oldest first. */
export async function surveyMonthsUnder(q: Queryable, path: string): Promise<string[]> {
  const r = await q.query<{ m: string }>(
    /* sql */ `SELECT DISTINCT to_char(month, 'YYYY-MM') AS m FROM survey_responses WHERE path LIKE $1 || '%' ORDER BY 1`,
    [path],
  );
  return r.rows.map((x) => x.m);
}

export async function areaNames(
  q: Queryable,
  ids: number[],
): Promise<Map<number, { name: string; level: string; path: string }>> {
  if (!ids.length) return new Map();
  const r = await q.query<{ id: number; name: string; level: string; path: string }>(
    /* sql */ `SELECT id, name, level, path FROM areas WHERE id = ANY ($1::int[])`,
    [ids],
  );
  return new Map(r.rows.map((x) => [x.id, { name: x.name, level: x.level, path: x.path }]));
}

/** Respondents and those naming one item per H3 cell of their building (responses without a building are left out). */
export async function needCells(q: Queryable, path: string, res: number, bit: number, month?: string) {
  const col = `h3_${res}`;
  const r = await q.query<{ h3: string; lon: number; lat: number; value: number; respondents: number }>(
    /* sql */ `SELECT h.${col} AS h3, min(x.lon) AS lon, min(x.lat) AS lat,
        count(*) FILTER (WHERE s.needs & $2 <> 0)::int AS value, count(*)::int AS respondents
      FROM survey_responses s JOIN building_h3 h ON h.building_id = s.building_id JOIN h3_cells x ON x.cell = h.${col}
      WHERE s.path LIKE $1 || '%' AND ($3::text IS NULL OR to_char(s.month, 'YYYY-MM') = $3)
      GROUP BY 1`,
    [path, 1 << bit, month ?? null],
  );
  return r.rows;
}
