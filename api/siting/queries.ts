// SQL for siting. Facilities, candidates and scenarios are read under the caller's scope path; demand is
// read per building as counts (never a resident's row), for the in-memory city model.
import type { Queryable } from '../db/index.js';

/** Changes whenever roads, buildings or the per-grid demographics (refreshed on every change to residents) change. */
export async function citySignature(q: Queryable): Promise<string> {
  const r = await q.query<Record<string, string | number>>(/* sql */ `SELECT
      (SELECT count(*) FROM roads) AS roads, (SELECT coalesce(max(id), 0) FROM roads) AS road_max,
      (SELECT count(*) FROM buildings) AS buildings, (SELECT coalesce(max(id), 0) FROM buildings) AS building_max,
      (SELECT coalesce(sum(people), 0) FROM grid_demographics) AS people,
      (SELECT coalesce(sum(people * band), 0) FROM grid_demographics) AS age_mass,
      (SELECT coalesce(sum(elder_alone), 0) FROM grid_demographics) AS alone`);
  return Object.values(r.rows[0]).join(':');
}

/** Every road as GeoJSON LineString text (WGS84). */
export async function roadLines(q: Queryable): Promise<string[]> {
  const r = await q.query<{ g: string }>(/* sql */ `SELECT ST_AsGeoJSON(geom, 7) AS g FROM roads ORDER BY id`);
  return r.rows.map((x) => x.g);
}

export interface BuildingDemandRow {
  lon: number;
  lat: number;
  path: string;
  e60: number;
  e80: number;
  alone: number;
}

/** Elders per building (60+, 80+, living alone), with the path of its grid; buildings without elders are left out. */
export async function buildingDemand(q: Queryable): Promise<BuildingDemandRow[]> {
  const r =
    await q.query<BuildingDemandRow>(/* sql */ `SELECT ST_X(b.geom) AS lon, ST_Y(b.geom) AS lat, g.path, d.e60, d.e80, d.alone
      FROM (SELECT building_id,
              count(*) FILTER (WHERE age >= 60)::int AS e60, count(*) FILTER (WHERE age >= 80)::int AS e80,
              count(*) FILTER (WHERE flags & 16 <> 0)::int AS alone
            FROM residents WHERE age >= 60 OR flags & 16 <> 0 GROUP BY building_id) d
      JOIN buildings b ON b.id = d.building_id JOIN areas g ON g.id = b.grid_id
      ORDER BY b.id`);
  return r.rows;
}

export interface AreaRef {
  id: number;
  name: string;
  level: string;
  path: string;
}

export async function areaInScope(q: Queryable, scopePath: string, id: number): Promise<AreaRef | null> {
  const r = await q.query<AreaRef>(
    /* sql */ `SELECT id, name, level, path FROM areas WHERE id = $1 AND path LIKE $2 || '%'`,
    [id, scopePath],
  );
  return r.rows[0] ?? null;
}

export async function areaByPath(q: Queryable, path: string): Promise<AreaRef | null> {
  const r = await q.query<AreaRef>(/* sql */ `SELECT id, name, level, path FROM areas WHERE path = $1`, [path]);
  return r.rows[0] ?? null;
}

/** The districts of the installation, by code. */
export async function districts(q: Queryable): Promise<AreaRef[]> {
  const r = await q.query<AreaRef>(
    /* sql */ `SELECT id, name, level, path FROM areas WHERE level = 'district' ORDER BY code`,
  );
  return r.rows;
}

export async function childAreas(q: Queryable, id: number): Promise<AreaRef[]> {
  const r = await q.query<AreaRef>(
    /* sql */ `SELECT id, name, level, path FROM areas WHERE parent_id = $1 AND level <> 'special' ORDER BY code`,
    [id],
  );
  return r.rows;
}

export interface ResourceRow {
  id: number;
  name: string;
  kind: string;
  lon: number;
  lat: number;
  capacity: number;
}

/** Resources of the given kinds in grids under the path. */
export async function resourcesUnder(q: Queryable, path: string, kinds: readonly string[]): Promise<ResourceRow[]> {
  const r = await q.query<ResourceRow>(
    /* sql */ `SELECT r.id, r.name, r.kind, ST_X(r.geom) AS lon, ST_Y(r.geom) AS lat, r.capacity
      FROM resources r JOIN areas g ON g.id = r.grid_id
      WHERE g.path LIKE $1 || '%' AND r.kind = ANY ($2::text[]) ORDER BY r.id`,
    [path, kinds],
  );
  return r.rows;
}

/** For each point, whether the area's polygon covers it (WGS84). */
export async function pointsInArea(q: Queryable, areaId: number, lons: number[], lats: number[]): Promise<boolean[]> {
  const r = await q.query<{ inside: boolean }>(
    /* sql */ `SELECT ST_Covers(a.geom, ST_SetSRID(ST_MakePoint(p.lon, p.lat), 4326)) AS inside
      FROM unnest($2::float8[], $3::float8[]) WITH ORDINALITY AS p(lon, lat, k), areas a
      WHERE a.id = $1 ORDER BY p.k`,
    [areaId, lons, lats],
  );
  return r.rows.map((x) => x.inside);
}

export interface ScenarioRow {
  id: number;
  name: string;
  areaId: number;
  createdBy: string;
  createdAt: string;
  model: string;
  request: unknown;
  result: Record<string, unknown>;
}

const SCENARIO_COLUMNS = /* sql */ `s.id, s.name, s.area_id AS "areaId", coalesce(a.display_name, '') AS "createdBy",
  to_char(s.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "createdAt", s.model`;

export async function insertScenario(
  q: Queryable,
  s: {
    name: string;
    areaId: number;
    areaPath: string;
    createdBy: number;
    model: string;
    request: unknown;
    result: unknown;
  },
): Promise<number> {
  const r = await q.query<{ id: number }>(
    /* sql */ `INSERT INTO siting_scenarios (name, area_id, area_path, created_by, model, request, result)
      VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
    [s.name, s.areaId, s.areaPath, s.createdBy, s.model, JSON.stringify(s.request), JSON.stringify(s.result)],
  );
  return r.rows[0].id;
}

/** Saved scenarios under the scope, newest first, with the figures a list shows. */
export async function scenariosUnder(q: Queryable, scopePath: string) {
  const r = await q.query<
    Omit<ScenarioRow, 'request' | 'result'> & { sites: number; coveredBefore: number; coveredAfter: number }
  >(
    /* sql */ `SELECT ${SCENARIO_COLUMNS},
        jsonb_array_length(s.result -> 'sites') AS sites,
        (s.result #>> ARRAY['before', s.result ->> 'target', 'covered'])::float8 AS "coveredBefore",
        (s.result #>> ARRAY['after', s.result ->> 'target', 'covered'])::float8 AS "coveredAfter"
      FROM siting_scenarios s LEFT JOIN accounts a ON a.id = s.created_by
      WHERE s.area_path LIKE $1 || '%' ORDER BY s.created_at DESC, s.id DESC LIMIT 200`,
    [scopePath],
  );
  return r.rows;
}

export async function scenarioInScope(q: Queryable, scopePath: string, id: number): Promise<ScenarioRow | null> {
  const r = await q.query<ScenarioRow>(
    /* sql */ `SELECT ${SCENARIO_COLUMNS}, s.request, s.result
      FROM siting_scenarios s LEFT JOIN accounts a ON a.id = s.created_by
      WHERE s.id = $1 AND s.area_path LIKE $2 || '%'`,
    [id, scopePath],
  );
  return r.rows[0] ?? null;
}

export async function deleteScenario(q: Queryable, scopePath: string, id: number): Promise<boolean> {
  const r = await q.query(/* sql */ `DELETE FROM siting_scenarios WHERE id = $1 AND area_path LIKE $2 || '%'`, [
    id,
    scopePath,
  ]);
  return r.rowCount > 0;
}
