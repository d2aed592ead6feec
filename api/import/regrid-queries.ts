// SQL for 网格划分: the community's road-bounded blocks and buildings, which blocks share an edge, the
// proposed grid polygons, the pieces of a grid in pieces, the overlap of proposed with old grids. All WGS84 (4326).
import type { Queryable } from '../db/index.js';
import type { Units } from './regrid-edit.js';

// Unions of pieces cut from real roads and Voronoi cells run into GEOS topology errors on nearly coincident edges
// (PGlite then answers no rows at all): they are computed on a 0.1 mm grid (1e-9°), far below what a grid notices.
const UNION_GRID = '1e-9';

export interface Community {
  id: number;
  code: string;
  name: string;
  path: string;
}

export async function communityInScope(q: Queryable, scopePath: string, id: number): Promise<Community | null> {
  const r = await q.query<Community>(
    /* sql */ `SELECT id, code, name, path FROM areas WHERE id = $1 AND level = 'community' AND path LIKE $2 || '%'`,
    [id, scopePath],
  );
  return r.rows[0] ?? null;
}

/** The community cut by the roads through it (polygonised linework of its boundary and the roads). */
export async function communityBlocks(q: Queryable, communityId: number) {
  const r = await q.query<{ id: number; x: number; y: number; geom: string }>(
    /* sql */ `WITH c AS (SELECT geom FROM areas WHERE id = $1),
      lines AS (SELECT ST_Union(ST_Boundary(c.geom), COALESCE(
          (SELECT ST_Union(ST_CollectionExtract(ST_Intersection(r.geom, c.geom), 2)) FROM roads r WHERE ST_Intersects(r.geom, c.geom)),
          ST_Boundary(c.geom)), ${UNION_GRID}) AS l FROM c),
      faces AS (SELECT (ST_Dump(ST_Polygonize(l))).geom AS g FROM lines)
      SELECT (row_number() OVER (ORDER BY ST_XMin(f.g), ST_YMin(f.g)))::int AS id, ST_X(ST_PointOnSurface(f.g)) AS x, ST_Y(ST_PointOnSurface(f.g)) AS y, ST_AsGeoJSON(f.g, 8) AS geom
      FROM faces f, c WHERE ST_Area(f.g) > 0 AND ST_Within(ST_PointOnSurface(f.g), c.geom)`,
    [communityId],
  );
  if (r.rows.length) return r.rows;
  // Roads that run along the boundary can leave linework that does not close into faces: the community's own
  // parts are then its blocks, as for a community without roads.
  const whole = await q.query<{ id: number; x: number; y: number; geom: string }>(
    /* sql */ `SELECT (row_number() OVER (ORDER BY ST_XMin(d.geom), ST_YMin(d.geom)))::int AS id,
        ST_X(ST_PointOnSurface(d.geom)) AS x, ST_Y(ST_PointOnSurface(d.geom)) AS y, ST_AsGeoJSON(d.geom, 8) AS geom
      FROM areas a CROSS JOIN LATERAL ST_Dump(a.geom) d WHERE a.id = $1`,
    [communityId],
  );
  return whole.rows;
}

const blockJson = (blocks: { id: number; geometry: unknown }[]) =>
  JSON.stringify(blocks.map((b) => ({ id: b.id, g: b.geometry })));

/** Buildings with households of the community's grids (or, with no grids yet, inside it), each in its nearest block. */
export async function communityBuildings(
  q: Queryable,
  communityId: number,
  blocks: { id: number; geometry: unknown }[],
) {
  const r = await q.query<{ id: number; x: number; y: number; households: number; block: number }>(
    /* sql */ `WITH k AS (SELECT (e->>'id')::int AS id, ST_SetSRID(ST_GeomFromGeoJSON(e->'g'), 4326) AS g FROM jsonb_array_elements($2::jsonb) e)
      SELECT b.id, ST_X(b.geom) AS x, ST_Y(b.geom) AS y, b.households,
        (SELECT k.id FROM k ORDER BY ST_Distance(k.g, b.geom), k.id LIMIT 1) AS block
      FROM buildings b JOIN areas c ON c.id = $1
      WHERE b.households > 0 AND (b.grid_id IN (SELECT id FROM areas WHERE parent_id = $1 AND level = 'grid')
        OR (b.grid_id IS NULL AND b.community_id = $1)
        OR (NOT EXISTS (SELECT 1 FROM areas WHERE parent_id = $1 AND level = 'grid') AND ST_Intersects(c.geom, b.geom)))
      ORDER BY b.id`,
    [communityId, blockJson(blocks)],
  );
  return r.rows;
}

/** Pairs of blocks that share an edge (a line, not just a corner). */
export async function blockAdjacency(
  q: Queryable,
  blocks: { id: number; geometry: unknown }[],
): Promise<[number, number][]> {
  const r = await q.query<{ a: number; b: number }>(
    /* sql */ `WITH k AS (SELECT (e->>'id')::int AS id, ST_SetSRID(ST_GeomFromGeoJSON(e->'g'), 4326) AS g FROM jsonb_array_elements($1::jsonb) e)
      SELECT x.id AS a, y.id AS b FROM k x JOIN k y ON x.id < y.id AND ST_Intersects(x.g, y.g)
      WHERE ST_Length(ST_CollectionExtract(ST_Intersection(x.g, y.g), 2)) > 0`,
    [blockJson(blocks)],
  );
  return r.rows.map((x) => [x.a, x.b]);
}

export interface GridPolygon {
  grid: number;
  geom: string;
  parts: number;
  compactness: number;
  areaM2: number;
}

/** Grid polygons: whole blocks, plus Voronoi cells of buildings inside the blocks split between grids. */
export async function gridPolygons(q: Queryable, u: Units): Promise<GridPolygon[]> {
  const r = await q.query<GridPolygon>(
    /* sql */ `WITH k AS (SELECT (e->>'id')::int AS id, (e->>'grid')::int AS grid, ST_SetSRID(ST_GeomFromGeoJSON(e->'geometry'), 4326) AS g FROM jsonb_array_elements($1::jsonb) e),
      p AS (SELECT (e->>'id')::int AS id, (e->>'grid')::int AS grid, (e->>'block')::int AS block, ST_SetSRID(ST_MakePoint((e->>'x')::float8, (e->>'y')::float8), 4326) AS g FROM jsonb_array_elements($2::jsonb) e),
      split AS (SELECT k.id, k.g, ST_Collect(p.g) AS pts, count(*) AS n FROM k JOIN p ON p.block = k.id WHERE k.grid IS NULL GROUP BY k.id, k.g),
      cells AS (SELECT s.id AS block, s.g AS bg, d.geom AS cell, row_number() OVER () AS cid FROM split s
        CROSS JOIN LATERAL ST_Dump(ST_VoronoiPolygons(s.pts, 0, ST_Expand(ST_Envelope(s.g), 0.001))) d),
      owned AS (SELECT DISTINCT ON (c.cid) p.grid, ST_Intersection(c.cell, c.bg) AS g FROM cells c JOIN p ON p.block = c.block AND ST_Intersects(c.cell, p.g) ORDER BY c.cid, ST_Distance(ST_Centroid(c.cell), p.g)),
      pieces AS (SELECT grid, g FROM k WHERE grid IS NOT NULL UNION ALL SELECT grid, g FROM owned),
      grids AS (SELECT grid, ST_Multi(ST_CollectionExtract(ST_MakeValid(ST_UnaryUnion(ST_Collect(ST_MakeValid(g)), ${UNION_GRID})), 3)) AS g FROM pieces GROUP BY grid)
      SELECT grid, ST_AsGeoJSON(g, 7) AS geom, ST_NumGeometries(g) AS parts, ST_Area(g::geography) AS "areaM2",
        4 * pi() * ST_Area(g::geography) / NULLIF(ST_Perimeter(g::geography) ^ 2, 0) AS compactness
      FROM grids ORDER BY grid`,
    [JSON.stringify(u.blocks), JSON.stringify(u.buildings)],
  );
  return r.rows;
}

/** Each piece but the largest of a grid in pieces, with the buildings ('b') and blocks ('k') in it and the grid it shares most boundary with. */
export async function strayPieces(q: Queryable, polys: GridPolygon[], u: Units) {
  const r = await q.query<{ piece: number; kind: 'b' | 'k'; id: number; to: number }>(
    /* sql */ `WITH g AS (SELECT (e->>'grid')::int AS grid, ST_MakeValid(ST_SetSRID(ST_GeomFromGeoJSON(e->'g'), 4326)) AS g FROM jsonb_array_elements($1::jsonb) e),
      parts AS (SELECT g.grid, d.geom AS part, row_number() OVER (PARTITION BY g.grid ORDER BY ST_Area(d.geom) DESC) AS rk FROM g CROSS JOIN LATERAL ST_Dump(g.g) d),
      target AS (SELECT row_number() OVER () AS piece, s.part, (SELECT o.grid FROM g o WHERE o.grid <> s.grid AND ST_DWithin(o.g, s.part, 1e-7)
          ORDER BY ST_Length(ST_Intersection(ST_Boundary(o.g), ST_Buffer(ST_Boundary(s.part), 1e-6))) DESC, o.grid LIMIT 1) AS "to"
        FROM parts s WHERE s.rk > 1),
      pts AS (SELECT 'b' AS kind, (e->>'id')::int AS id, ST_SetSRID(ST_MakePoint((e->>'x')::float8, (e->>'y')::float8), 4326) AS g FROM jsonb_array_elements($2::jsonb) e
        UNION ALL SELECT 'k', (e->>'id')::int, ST_SetSRID(ST_MakePoint((e->>'x')::float8, (e->>'y')::float8), 4326) FROM jsonb_array_elements($3::jsonb) e)
      SELECT DISTINCT ON (pts.kind, pts.id) t.piece::int AS piece, pts.kind, pts.id, t."to" FROM target t JOIN pts ON ST_Intersects(t.part, pts.g) WHERE t."to" IS NOT NULL`,
    [
      JSON.stringify(polys.map((p) => ({ grid: p.grid, g: JSON.parse(p.geom) }))),
      JSON.stringify(u.buildings),
      JSON.stringify(u.blocks.map((b) => ({ id: b.id, x: b.x, y: b.y }))),
    ],
  );
  return r.rows;
}

export async function oldGrids(q: Queryable, communityId: number) {
  const r = await q.query<{ id: number; code: string; name: string }>(
    /* sql */ `SELECT id, code, name FROM areas WHERE parent_id = $1 AND level = 'grid' ORDER BY code`,
    [communityId],
  );
  return r.rows;
}

/** Overlap share (intersection over union, planar in degrees: a ratio) of every old grid with every proposed grid it meets. */
export async function overlapWithOld(q: Queryable, communityId: number, polys: GridPolygon[]) {
  const r = await q.query<{ old: number; grid: number; share: number }>(
    /* sql */ `WITH n AS (SELECT (e->>'grid')::int AS grid, ST_MakeValid(ST_SetSRID(ST_GeomFromGeoJSON(e->'g'), 4326)) AS g FROM jsonb_array_elements($2::jsonb) e)
      SELECT o.id AS old, n.grid, x.i / NULLIF(ST_Area(o.geom) + ST_Area(n.g) - x.i, 0) AS share
      FROM areas o JOIN n ON ST_Intersects(o.geom, n.g)
      CROSS JOIN LATERAL (SELECT ST_Area(ST_Intersection(o.geom, n.g)) AS i) x
      WHERE o.parent_id = $1 AND o.level = 'grid'`,
    [communityId, JSON.stringify(polys.map((p) => ({ grid: p.grid, g: JSON.parse(p.geom) })))],
  );
  return r.rows.map((x) => ({ ...x, share: Number(x.share ?? 0) }));
}

/** A pending import's report and rows replaced (an adjusted proposal). */
export async function updatePendingImport(q: Queryable, id: number, report: unknown, rows: unknown[]): Promise<void> {
  await q.query(/* sql */ `UPDATE imports SET report = $2, rows = $3 WHERE id = $1 AND status = 'pending'`, [
    id,
    JSON.stringify(report),
    JSON.stringify(rows),
  ]);
}
