// SQL for the shapes an area import derives or compares: Voronoi cells of points, parts merged into one
// area, the siblings an area's name is compared with, and names of the areas a report points to.
import type { AreaLevel } from '../../contract/areas.js';
import type { Queryable } from '../db/index.js';

export interface VoronoiRow {
  i: number;
  /** The cell, clipped to the parent less the siblings that stay; null when the point lies in one of them. */
  geom: string | null;
  /** The sibling that stays and holds the point. */
  inName: string | null;
  inCode: string | null;
}

/**
 * Voronoi cells of points, one diagram per parent, clipped to the parent less the siblings that stay:
 * polygons for a level known only by points (e.g. community offices). A point inside a sibling that stays
 * gets no cell but that sibling's name and code; a point outside its parent gets no row at all. The diagram
 * is framed by the parent's whole outline, so a parent already divided in full never leaves an empty frame.
 */
export async function voronoiCells(
  q: Queryable,
  level: AreaLevel,
  items: { i: number; p: number; g: unknown }[],
  replacedIds: number[],
): Promise<Map<number, VoronoiRow>> {
  if (items.length === 0) return new Map();
  const r = await q.query<VoronoiRow>(
    /* sql */ `WITH pts AS MATERIALIZED (
        SELECT (e->>'i')::int AS i, (e->>'p')::int AS p, ST_SetSRID(ST_GeomFromGeoJSON(e->'g'), 4326) AS g FROM jsonb_array_elements($1::jsonb) e),
      stay AS MATERIALIZED (
        SELECT s.id, s.name, s.code, s.parent_id AS p, s.geom FROM areas s
        WHERE s.parent_id IN (SELECT p FROM pts) AND s.level = $2 AND s.id <> ALL($3::int[])),
      taken AS (
        SELECT DISTINCT ON (pts.i) pts.i, s.name, s.code FROM pts JOIN stay s ON s.p = pts.p AND ST_Intersects(s.geom, pts.g)
        ORDER BY pts.i, s.code),
      free AS MATERIALIZED (
        SELECT pts.* FROM pts JOIN areas a ON a.id = pts.p
        WHERE ST_Intersects(a.geom, pts.g) AND pts.i NOT IN (SELECT i FROM taken)),
      frame AS (
        SELECT a.id AS p, a.geom AS whole,
          COALESCE(ST_Difference(a.geom, (SELECT ST_Union(s.geom) FROM stay s WHERE s.p = a.id)), a.geom) AS area,
          (SELECT ST_Collect(g) FROM free WHERE free.p = a.id) AS mp, (SELECT count(*) FROM free WHERE free.p = a.id) AS n
        FROM areas a WHERE a.id IN (SELECT p FROM free)),
      cells AS (
        SELECT f.p, f.area, d.cell FROM frame f CROSS JOIN LATERAL (
          SELECT f.whole AS cell WHERE f.n = 1
          UNION ALL SELECT v.geom FROM ST_Dump(ST_VoronoiPolygons(f.mp, 0, ST_Expand(ST_Envelope(f.whole), 0.01))) v WHERE f.n > 1) d)
      SELECT * FROM (
        SELECT DISTINCT ON (free.i) free.i,
          ST_AsGeoJSON(ST_Multi(ST_CollectionExtract(ST_MakeValid(ST_Intersection(c.cell, c.area)), 3)), 7) AS geom,
          NULL::text AS "inName", NULL::text AS "inCode"
        FROM free JOIN cells c ON c.p = free.p AND ST_Intersects(c.cell, free.g)
        ORDER BY free.i, ST_Distance(ST_PointOnSurface(c.cell), free.g)) k
      UNION ALL SELECT i, NULL, name, code FROM taken`,
    [JSON.stringify(items), level, replacedIds],
  );
  return new Map(r.rows.map((x) => [x.i, x]));
}

/** Parts of one area united into one MultiPolygon, with its area. */
export async function mergeGeometries(
  q: Queryable,
  groups: { i: number; gs: unknown[] }[],
): Promise<{ i: number; geom: string; areaM2: number }[]> {
  if (groups.length === 0) return [];
  const r = await q.query<{ i: number; geom: string; areaM2: number }>(
    /* sql */ `WITH g AS (
        SELECT (e->>'i')::int AS i, ST_Multi(ST_CollectionExtract(ST_MakeValid(ST_Union(ST_SetSRID(ST_GeomFromGeoJSON(p), 4326))), 3)) AS m
        FROM jsonb_array_elements($1::jsonb) e CROSS JOIN LATERAL jsonb_array_elements(e->'gs') p GROUP BY 1)
      SELECT i, ST_AsGeoJSON(m, 7) AS geom, COALESCE(ST_Area(m::geography), 0) AS "areaM2" FROM g ORDER BY i`,
    [JSON.stringify(groups)],
  );
  return r.rows;
}

/** Areas of a level under these parents, for names repeated among siblings. */
export async function childrenOf(
  q: Queryable,
  parentIds: number[],
  level: AreaLevel,
): Promise<{ id: number; code: string; name: string; parentId: number }[]> {
  if (parentIds.length === 0) return [];
  const r = await q.query<{ id: number; code: string; name: string; parentId: number }>(
    /* sql */ `SELECT id, code, name, parent_id AS "parentId" FROM areas WHERE parent_id = ANY($1) AND level = $2`,
    [parentIds, level],
  );
  return r.rows;
}

export async function areaNames(q: Queryable, ids: number[]): Promise<{ id: number; code: string; name: string }[]> {
  if (ids.length === 0) return [];
  const r = await q.query<{ id: number; code: string; name: string }>(
    /* sql */ `SELECT id, code, name FROM areas WHERE id = ANY($1)`,
    [ids],
  );
  return r.rows;
}
