// SQL for resources. Scope: a resource belongs to the grid it stands in; callers see those under their path.
import type { Resource, ResourceInput, ResourceKind } from '../../contract/resources.js';
import type { Queryable } from '../db/index.js';

const COLUMNS = /* sql */ `r.id, r.kind, r.name, r.address, r.capacity, k.capacity_unit AS "capacityUnit", r.opening_hours AS "openingHours",
  r.grid_id AS "gridId", ST_X(r.geom) AS lon, ST_Y(r.geom) AS lat`;
const FROM = /* sql */ `FROM resources r JOIN resource_kinds k ON k.kind = r.kind LEFT JOIN areas g ON g.id = r.grid_id`;
// A resource outside every grid is seen only by district-wide accounts.
const IN_SCOPE = /* sql */ `(g.path LIKE $1 || '%' OR (g.id IS NULL AND $1 = '/'))`;

export async function listResources(q: Queryable, path: string, kinds?: ResourceKind[]): Promise<Resource[]> {
  const r = await q.query<Resource>(
    /* sql */ `SELECT ${COLUMNS} ${FROM} WHERE ${IN_SCOPE} AND ($2::text[] IS NULL OR r.kind = ANY ($2::text[])) ORDER BY r.kind, r.id`,
    [path, kinds ?? null],
  );
  return r.rows;
}

export async function resourceInScope(q: Queryable, path: string, id: number): Promise<Resource | null> {
  const r = await q.query<Resource>(/* sql */ `SELECT ${COLUMNS} ${FROM} WHERE r.id = $2 AND ${IN_SCOPE}`, [path, id]);
  return r.rows[0] ?? null;
}

export async function kindSummary(q: Queryable, path: string) {
  const r = await q.query<{
    kind: ResourceKind;
    zh: string;
    en: string;
    capacityUnit: string;
    usualHours: string;
    count: number;
  }>(
    /* sql */ `SELECT k.kind, k.name_zh AS zh, k.name_en AS en, k.capacity_unit AS "capacityUnit", k.usual_hours AS "usualHours",
        (SELECT count(*)::int FROM resources r LEFT JOIN areas g ON g.id = r.grid_id WHERE r.kind = k.kind AND ${IN_SCOPE}) AS count
      FROM resource_kinds k ORDER BY k.kind`,
    [path],
  );
  return r.rows;
}

/** Inserts many resources (already validated, grids resolved); returns their ids. */
export async function insertResources(q: Queryable, rows: (ResourceInput & { gridId: number })[]): Promise<number[]> {
  const r = await q.query<{ id: number }>(
    /* sql */ `INSERT INTO resources (kind, name, address, capacity, opening_hours, grid_id, geom)
      SELECT kind, name, address, capacity, hours, grid_id, ST_SetSRID(ST_MakePoint(lon, lat), 4326)
      FROM unnest($1::text[], $2::text[], $3::text[], $4::int[], $5::text[], $6::int[], $7::float8[], $8::float8[])
        AS t(kind, name, address, capacity, hours, grid_id, lon, lat)
      RETURNING id`,
    [
      rows.map((x) => x.kind),
      rows.map((x) => x.name),
      rows.map((x) => x.address),
      rows.map((x) => x.capacity),
      rows.map((x) => x.openingHours ?? null),
      rows.map((x) => x.gridId),
      rows.map((x) => x.lon),
      rows.map((x) => x.lat),
    ],
  );
  return r.rows.map((x) => x.id);
}

export async function updateResource(q: Queryable, id: number, v: ResourceInput & { gridId: number }): Promise<void> {
  await q.query(
    /* sql */ `UPDATE resources SET kind = $2, name = $3, address = $4, capacity = $5,
        opening_hours = coalesce($6, (SELECT usual_hours FROM resource_kinds WHERE kind = $2)), grid_id = $7,
        geom = ST_SetSRID(ST_MakePoint($8, $9), 4326), updated_at = now()
      WHERE id = $1`,
    [id, v.kind, v.name, v.address, v.capacity, v.openingHours ?? null, v.gridId, v.lon, v.lat],
  );
}

export async function deleteResource(q: Queryable, id: number): Promise<void> {
  await q.query(/* sql */ `DELETE FROM resources WHERE id = $1`, [id]);
}

/**
 * Per grid under the path: households, households in buildings with no resource of the kinds within `radius`
 * metres (straight line on the spheroid), and the nearest such resource from the grid's label point.
 */
export async function coverageByGrid(q: Queryable, path: string, kinds: string[], radius: number) {
  const r = await q.query<{
    gridId: number;
    name: string;
    communityName: string;
    lon: number;
    lat: number;
    households: number;
    uncovered: number;
    nearestM: number | null;
  }>(
    /* sql */ `WITH b AS (
        SELECT b.grid_id, b.households,
          EXISTS (SELECT 1 FROM resources k WHERE k.kind = ANY ($2::text[])
            AND k.geom && ST_Expand(b.geom, $3 / 90000.0) AND ST_DWithin(k.geom::geography, b.geom::geography, $3)) AS covered
        FROM buildings b JOIN areas g ON g.id = b.grid_id WHERE g.path LIKE $1 || '%'
      )
      SELECT g.id AS "gridId", g.name, c.name AS "communityName", ST_X(g.label_point) AS lon, ST_Y(g.label_point) AS lat,
        coalesce(sum(b.households), 0)::int AS households,
        coalesce(sum(b.households) FILTER (WHERE NOT b.covered), 0)::int AS uncovered,
        (SELECT ST_Distance(k.geom::geography, g.label_point::geography) FROM resources k WHERE k.kind = ANY ($2::text[])
          ORDER BY k.geom <-> g.label_point LIMIT 1) AS "nearestM"
      FROM areas g JOIN areas c ON c.id = g.parent_id LEFT JOIN b ON b.grid_id = g.id
      WHERE g.level = 'grid' AND g.path LIKE $1 || '%'
      GROUP BY g.id, c.name`,
    [path, kinds, radius],
  );
  return r.rows;
}
