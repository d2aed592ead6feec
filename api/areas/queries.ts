// SQL for areas. Every query takes the caller's scope path: rows outside it do not exist for them.
import type { Queryable } from '../db/index.js';
import type { AreaLevel, AreaProperties } from '../../contract/areas.js';

export interface AreaRow extends AreaProperties {
  path: string;
  geometry: string; // GeoJSON text, WGS84
}

/** Counts of people as published (api/population/disclosure.ts; the same keys as the tiles and exports). */
export const PUBLISHED_PEOPLE = /* sql */ `disclose_count(population, 'area:' || id || ':population') AS population,
  disclose_count(elders60, 'area:' || id || ':elders60') AS elders60, disclose_count(elders80, 'area:' || id || ':elders80') AS elders80`;

const AREA_COLUMNS = /* sql */ `
  id, code, name, level, parent_id AS "parentId", special_class AS "specialClass",
  households, ${PUBLISHED_PEOPLE}, synthetic, path,
  ST_X(label_point) AS "labelLon", ST_Y(label_point) AS "labelLat",
  ST_AsGeoJSON(geom, 6) AS geometry`;

/** Areas in scope, optionally of one level and/or one parent, ordered by code. */
export async function areasInScope(
  q: Queryable,
  scopePath: string,
  level?: AreaLevel,
  parentId?: number,
): Promise<AreaRow[]> {
  const r = await q.query<AreaRow>(
    /* sql */ `SELECT ${AREA_COLUMNS} FROM areas
      WHERE path LIKE $1 || '%' AND ($2::text IS NULL OR level = $2) AND ($3::int IS NULL OR parent_id = $3)
      ORDER BY code`,
    [scopePath, level ?? null, parentId ?? null],
  );
  return r.rows;
}

export async function areaInScope(q: Queryable, scopePath: string, id: number): Promise<AreaRow | null> {
  const r = await q.query<AreaRow>(
    /* sql */ `SELECT ${AREA_COLUMNS} FROM areas WHERE id = $1 AND path LIKE $2 || '%'`,
    [id, scopePath],
  );
  return r.rows[0] ?? null;
}

/** The area's path, when it lies on the line from the root to the scope (an ancestor of the scope, or the scope itself). */
export async function isAncestorOfScope(q: Queryable, scopePath: string, id: number): Promise<boolean> {
  const r = await q.query(/* sql */ `SELECT 1 FROM areas WHERE id = $1 AND $2 LIKE path || '%'`, [id, scopePath]);
  return r.rowCount > 0;
}

/** Ancestors of an area (district first) that the scope can see. */
export async function ancestorsInScope(q: Queryable, scopePath: string, path: string, id: number) {
  const r = await q.query<{ id: number; name: string; level: AreaLevel }>(
    /* sql */ `SELECT id, name, level FROM areas
      WHERE $1 LIKE path || '%' AND id <> $2 AND path LIKE $3 || '%'
      ORDER BY length(path)`,
    [path, id, scopePath],
  );
  return r.rows;
}

export async function childSummary(q: Queryable, id: number) {
  const r = await q.query<{ level: AreaLevel; count: number }>(
    /* sql */ `SELECT level, count(*)::int AS count FROM areas WHERE parent_id = $1 AND level <> 'special' GROUP BY level`,
    [id],
  );
  return r.rows[0] ?? { level: null, count: 0 };
}

/** [west, south, east, north] in degrees. */
export async function areaBbox(q: Queryable, id: number): Promise<[number, number, number, number]> {
  const r = await q.query<{ w: number; s: number; e: number; n: number }>(
    /* sql */ `SELECT ST_XMin(geom) AS w, ST_YMin(geom) AS s, ST_XMax(geom) AS e, ST_YMax(geom) AS n FROM areas WHERE id = $1`,
    [id],
  );
  const b = r.rows[0];
  return [b.w, b.s, b.e, b.n];
}

/** The districts in scope (ordered by code) and their raw counts summed: what the city above them holds. */
export async function districtTotals(
  q: Queryable,
  scopePath: string,
): Promise<{ ids: number[]; households: number; population: number; elders60: number; elders80: number }> {
  const r = await q.query<{ id: number; households: number; population: number; elders60: number; elders80: number }>(
    /* sql */ `SELECT id, households, population, elders60, elders80 FROM areas
      WHERE level = 'district' AND path LIKE $1 || '%' ORDER BY code`,
    [scopePath],
  );
  const sum = (k: 'households' | 'population' | 'elders60' | 'elders80') =>
    r.rows.reduce((s, x) => s + Number(x[k]), 0);
  return {
    ids: r.rows.map((x) => x.id),
    households: sum('households'),
    population: sum('population'),
    elders60: sum('elders60'),
    elders80: sum('elders80'),
  };
}

export interface DemographicsRow {
  band: number;
  sex: number;
  people: number;
  lowIncome: number;
  extremePoverty: number;
  disabled: number;
  childDifficulty: number;
  elderAlone: number;
}

/** Age-band × sex counts summed over the grids under an area (precomputed per grid). */
export async function demographicsUnder(q: Queryable, path: string): Promise<DemographicsRow[]> {
  const r = await q.query<DemographicsRow>(
    /* sql */ `SELECT d.band, d.sex, sum(d.people)::int AS people, sum(d.low_income)::int AS "lowIncome",
        sum(d.extreme_poverty)::int AS "extremePoverty", sum(d.disabled)::int AS disabled,
        sum(d.child_difficulty)::int AS "childDifficulty", sum(d.elder_alone)::int AS "elderAlone"
      FROM grid_demographics d JOIN areas g ON g.id = d.grid_id
      WHERE g.level = 'grid' AND g.path LIKE $1 || '%'
      GROUP BY d.band, d.sex ORDER BY d.band, d.sex`,
    [path],
  );
  return r.rows;
}

export async function resourcesUnder(q: Queryable, path: string) {
  const r = await q.query<{ kind: string; count: number }>(
    /* sql */ `SELECT r.kind, count(*)::int AS count FROM resources r JOIN areas g ON g.id = r.grid_id
      WHERE g.path LIKE $1 || '%' GROUP BY r.kind ORDER BY count DESC, r.kind`,
    [path],
  );
  return r.rows;
}

export async function workersUnder(q: Queryable, path: string): Promise<number> {
  const r = await q.query<{ n: number }>(
    /* sql */ `SELECT count(DISTINCT wg.worker_id)::int AS n FROM worker_grids wg JOIN areas g ON g.id = wg.grid_id
      WHERE g.path LIKE $1 || '%'`,
    [path],
  );
  return r.rows[0]?.n ?? 0;
}
