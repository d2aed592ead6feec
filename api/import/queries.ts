// SQL for imports: reference boundaries for CRS detection, geometry repair, parents, checks, and the
// pending-import rows. Every query over areas takes the importer's scope path.
import type { AreaLevel } from '../../contract/areas.js';
import type { Queryable } from '../db/index.js';
import type { StoredReport } from './stored-report.js';

export interface ScopeArea {
  id: number;
  code: string;
  name: string;
  level: AreaLevel;
  parentId: number | null;
  path: string;
}

/** Boundary vertices (every ~50 m) of areas in scope near a WGS84 box, the scope's outline and centre. */
export async function referenceBoundaries(
  q: Queryable,
  scopePath: string,
  scopeId: number | null,
  levels: AreaLevel[],
  box: [number, number, number, number] | null,
) {
  const verts = box
    ? await q.query<{ x: number; y: number }>(
        /* sql */ `SELECT ST_X(d.geom) AS x, ST_Y(d.geom) AS y FROM (
          SELECT (ST_DumpPoints(ST_Segmentize(ST_Boundary(geom)::geography, 50)::geometry)).geom FROM areas
          WHERE path LIKE $1 || '%' AND level = ANY($2) AND geom && ST_MakeEnvelope($3, $4, $5, $6, 4326)) d`,
        [scopePath, levels, ...box],
      )
    : { rows: [] };
  const scope = await q.query<{ outline: string; lon: number }>(
    /* sql */ `SELECT ST_AsGeoJSON(geom, 6) AS outline, ST_X(ST_Centroid(geom)) AS lon FROM areas WHERE id = $1`,
    [scopeId],
  );
  return {
    vertices: verts.rows.map((r) => [r.x, r.y] as [number, number]),
    outline: scope.rows[0]?.outline ?? null,
    centreLon: scope.rows[0]?.lon ?? null,
  };
}

export interface RepairRow {
  i: number;
  valid: boolean;
  reason: string | null;
  /** Where the geometry is invalid (GeoJSON point). */
  location: string | null;
  empty: boolean;
  geom: string;
  areaM2: number;
}

/** Validity of each polygon and its repair: ST_MakeValid, polygons kept, as a MultiPolygon. */
export async function repairPolygons(q: Queryable, items: { i: number; g: unknown }[]): Promise<RepairRow[]> {
  if (items.length === 0) return [];
  const r = await q.query<RepairRow>(
    /* sql */ `WITH f AS (
        SELECT (e->>'i')::int AS i, ST_SetSRID(ST_GeomFromGeoJSON(e->'g'), 4326) AS g FROM jsonb_array_elements($1::jsonb) e),
      r AS (SELECT i, g, ST_IsValid(g) AS valid, ST_Multi(ST_CollectionExtract(ST_MakeValid(g), 3)) AS m FROM f)
      SELECT i, valid,
        CASE WHEN valid THEN NULL ELSE ST_IsValidReason(g) END AS reason,
        CASE WHEN valid THEN NULL ELSE ST_AsGeoJSON((ST_IsValidDetail(g)).location, 7) END AS location,
        ST_IsEmpty(m) AS empty, ST_AsGeoJSON(m, 7) AS geom, COALESCE(ST_Area(m::geography), 0) AS "areaM2"
      FROM r ORDER BY i`,
    [JSON.stringify(items)],
  );
  return r.rows;
}

export async function areasOfLevel(q: Queryable, scopePath: string, level: AreaLevel): Promise<ScopeArea[]> {
  const r = await q.query<ScopeArea>(
    /* sql */ `SELECT id, code, name, level, parent_id AS "parentId", path FROM areas WHERE path LIKE $1 || '%' AND level = $2 ORDER BY code`,
    [scopePath, level],
  );
  return r.rows;
}

/** The area in scope of a level that covers most of each geometry (a point: the one containing it). */
export async function spatialParents(
  q: Queryable,
  scopePath: string,
  parentLevel: AreaLevel,
  items: { i: number; g: unknown }[],
): Promise<Map<number, number>> {
  if (items.length === 0) return new Map();
  const r = await q.query<{ i: number; id: number }>(
    /* sql */ `WITH f AS (SELECT (e->>'i')::int AS i, ST_SetSRID(ST_GeomFromGeoJSON(e->'g'), 4326) AS g FROM jsonb_array_elements($1::jsonb) e)
      SELECT f.i, p.id FROM f CROSS JOIN LATERAL (
        SELECT a.id FROM areas a WHERE a.level = $2 AND a.path LIKE $3 || '%' AND ST_Intersects(a.geom, f.g)
        ORDER BY ST_Area(ST_Intersection(a.geom, f.g)) DESC, a.id LIMIT 1) p`,
    [JSON.stringify(items), parentLevel, scopePath],
  );
  return new Map(r.rows.map((x) => [x.i, x.id]));
}

export async function existingByCode(q: Queryable, codes: string[]): Promise<ScopeArea[]> {
  if (codes.length === 0) return [];
  const r = await q.query<ScopeArea>(
    /* sql */ `SELECT id, code, name, level, parent_id AS "parentId", path FROM areas WHERE code = ANY($1)`,
    [codes],
  );
  return r.rows;
}

/** Codes of the children (any level) of these parents, for generating the next free code. */
export async function childCodes(q: Queryable, parentIds: number[]): Promise<{ parentId: number; code: string }[]> {
  if (parentIds.length === 0) return [];
  const r = await q.query<{ parentId: number; code: string }>(
    /* sql */ `SELECT parent_id AS "parentId", code FROM areas WHERE parent_id = ANY($1)`,
    [parentIds],
  );
  return r.rows;
}

export interface CheckRow {
  kind: 'outside' | 'overlap_incoming' | 'overlap_existing' | 'gap';
  i: number | null;
  other: number | null;
  otherName: string | null;
  ratio: number;
  geom: string | null;
}

/**
 * Topology against the parents and siblings as they would be after the import: parts outside the parent,
 * overlaps between incoming areas and with the siblings that stay, and gaps left in each parent.
 */
export async function topologyChecks(
  q: Queryable,
  level: AreaLevel,
  items: { i: number; p: number; e: number | null; g: unknown }[],
  tolerance: number,
  gaps: boolean,
): Promise<CheckRow[]> {
  if (items.length === 0) return [];
  const r = await q.query<CheckRow>(
    /* sql */ `WITH f AS MATERIALIZED (
        SELECT (e->>'i')::int AS i, (e->>'p')::int AS p, (e->>'e')::int AS ex, ST_SetSRID(ST_GeomFromGeoJSON(e->'g'), 4326) AS g
        FROM jsonb_array_elements($1::jsonb) e),
      replaced AS (SELECT ex FROM f WHERE ex IS NOT NULL),
      stay AS MATERIALIZED (
        SELECT s.id, s.name, s.parent_id AS p, s.geom FROM areas s
        WHERE s.parent_id IN (SELECT p FROM f) AND s.level = $2 AND s.id NOT IN (SELECT ex FROM replaced))
      SELECT 'outside' AS kind, f.i, NULL::int AS other, NULL::text AS "otherName", d.ratio, ST_AsGeoJSON(d.part, 7) AS geom
        FROM f JOIN areas a ON a.id = f.p
        CROSS JOIN LATERAL (SELECT ST_Difference(f.g, a.geom) AS part) x
        CROSS JOIN LATERAL (SELECT x.part, ST_Area(x.part) / NULLIF(ST_Area(f.g), 0) AS ratio) d
        WHERE NOT ST_CoveredBy(f.g, a.geom) AND d.ratio > $3
      UNION ALL
      SELECT 'overlap_incoming', a.i, b.i, NULL, d.ratio, ST_AsGeoJSON(d.part, 7)
        FROM f a JOIN f b ON a.i < b.i AND a.p = b.p AND ST_Intersects(a.g, b.g)
        CROSS JOIN LATERAL (SELECT ST_CollectionExtract(ST_Intersection(a.g, b.g), 3) AS part) x
        CROSS JOIN LATERAL (SELECT x.part, ST_Area(x.part) / NULLIF(LEAST(ST_Area(a.g), ST_Area(b.g)), 0) AS ratio) d
        WHERE d.ratio > $3
      UNION ALL
      SELECT 'overlap_existing', f.i, s.id, s.name, d.ratio, ST_AsGeoJSON(d.part, 7)
        FROM f JOIN stay s ON s.p = f.p AND ST_Intersects(s.geom, f.g)
        CROSS JOIN LATERAL (SELECT ST_CollectionExtract(ST_Intersection(f.g, s.geom), 3) AS part) x
        CROSS JOIN LATERAL (SELECT x.part, ST_Area(x.part) / NULLIF(LEAST(ST_Area(f.g), ST_Area(s.geom)), 0) AS ratio) d
        WHERE d.ratio > $3
      UNION ALL
      SELECT 'gap', NULL, a.id, a.name, d.ratio, ST_AsGeoJSON(d.part, 7)
        FROM (SELECT p, ST_Union(g) AS u FROM (SELECT p, g FROM f UNION ALL SELECT p, geom FROM stay) k GROUP BY p) c
        JOIN areas a ON a.id = c.p
        CROSS JOIN LATERAL (SELECT ST_Difference(a.geom, c.u) AS part) x
        CROSS JOIN LATERAL (SELECT x.part, ST_Area(x.part) / NULLIF(ST_Area(a.geom), 0) AS ratio) d
        WHERE $4 AND d.ratio > $3`,
    [JSON.stringify(items), level, tolerance, gaps],
  );
  return r.rows;
}

export async function insertImport(
  q: Queryable,
  imp: {
    kind: 'areas' | 'regrid';
    level: AreaLevel;
    scopePath: string;
    createdBy: number;
    report: Omit<StoredReport, 'id' | 'createdAt' | 'decidedAt' | 'status'>;
    rows: unknown[];
    communityId?: number | null;
  },
): Promise<{ id: number; createdAt: string }> {
  const r = await q.query<{ id: number; createdAt: Date }>(
    /* sql */ `INSERT INTO imports (kind, level, scope_path, created_by, report, rows, community_id) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id, created_at AS "createdAt"`,
    [
      imp.kind,
      imp.level,
      imp.scopePath,
      imp.createdBy,
      JSON.stringify(imp.report),
      JSON.stringify(imp.rows),
      imp.communityId ?? null,
    ],
  );
  return { id: r.rows[0].id, createdAt: new Date(r.rows[0].createdAt).toISOString() };
}

export interface ImportRow {
  id: number;
  kind: 'areas' | 'regrid';
  status: 'pending' | 'accepted' | 'cancelled';
  level: AreaLevel;
  scopePath: string;
  report: StoredReport;
  rows: StoredRow[];
  communityId: number | null;
  createdAt: Date;
  decidedAt: Date | null;
}

export interface StoredRow {
  code: string;
  name: string;
  /** null for a district. */
  parentId: number | null;
  existingId: number | null;
  households: number | null;
  derived: boolean;
  specialClass: string | null;
  geometry: unknown;
}

export async function importInScope(
  q: Queryable,
  scopePath: string,
  id: number,
  lock = false,
): Promise<ImportRow | null> {
  const r = await q.query<ImportRow>(
    /* sql */ `SELECT id, kind, status, level, scope_path AS "scopePath", report, rows, community_id AS "communityId", created_at AS "createdAt", decided_at AS "decidedAt"
      FROM imports WHERE id = $1 AND kind IN ('areas', 'regrid') AND scope_path LIKE $2 || '%' ${lock ? 'FOR UPDATE' : ''}`,
    [id, scopePath],
  );
  return r.rows[0] ?? null;
}

export async function recentImports(q: Queryable, scopePath: string, limit: number, kinds: ('areas' | 'regrid')[]) {
  const r = await q.query<{
    id: number;
    kind: string;
    status: string;
    level: AreaLevel;
    filename: string;
    features: number;
    errors: number;
    createdAt: Date;
  }>(
    /* sql */ `SELECT id, kind, status, level, report->'source'->>'filename' AS filename, (report->'counts'->>'features')::int AS features,
        (report->'counts'->>'errors')::int AS errors, created_at AS "createdAt"
      FROM imports WHERE scope_path LIKE $1 || '%' AND kind = ANY($3) ORDER BY id DESC LIMIT $2`,
    [scopePath, limit, kinds],
  );
  return r.rows;
}

export async function decideImport(
  q: Queryable,
  id: number,
  status: 'accepted' | 'cancelled',
  by: number,
): Promise<Date> {
  const r = await q.query<{ decidedAt: Date }>(
    /* sql */ `UPDATE imports SET status = $2, decided_by = $3, decided_at = now() WHERE id = $1 RETURNING decided_at AS "decidedAt"`,
    [id, status, by],
  );
  return r.rows[0].decidedAt;
}

/** Writes the new areas and updates the existing ones in place (same id, path and dependants). */
export async function writeAreas(
  q: Queryable,
  importId: number,
  level: AreaLevel,
  rows: StoredRow[],
): Promise<{ inserted: number; updated: number }> {
  const json = JSON.stringify(rows);
  const geom = /* sql */ `ST_Multi(ST_CollectionExtract(ST_MakeValid(ST_SetSRID(ST_GeomFromGeoJSON(r->'geometry'), 4326)), 3))`;
  const upd = await q.query<{ id: number }>(
    /* sql */ `UPDATE areas a SET name = r->>'name', geom = ${geom},
        households = COALESCE((r->>'households')::int, a.households)
      FROM jsonb_array_elements($1::jsonb) r
      WHERE r->>'existingId' IS NOT NULL AND a.id = (r->>'existingId')::int AND a.code = r->>'code' RETURNING a.id`,
    [json],
  );
  const ins = await q.query<{ id: number }>(
    /* sql */ `INSERT INTO areas (code, name, level, parent_id, path, special_class, households, geom)
      SELECT r->>'code', r->>'name', $2, (r->>'parentId')::int, '', r->>'specialClass', COALESCE((r->>'households')::int, 0), ${geom}
      FROM jsonb_array_elements($1::jsonb) r WHERE r->>'existingId' IS NULL
      RETURNING id`,
    [json, level],
  );
  await q.query(
    /* sql */ `UPDATE areas a SET path = p.path || a.id || '/' FROM areas p WHERE p.id = a.parent_id AND a.id = ANY($1)`,
    [ins.rows.map((x) => x.id)],
  );
  // A new district is a root: its own path.
  await q.query(/* sql */ `UPDATE areas SET path = '/' || id || '/' WHERE parent_id IS NULL AND id = ANY($1)`, [
    ins.rows.map((x) => x.id),
  ]);
  await q.query(
    /* sql */ `INSERT INTO area_imports (area_id, import_id, derived)
      SELECT a.id, $2, (r->>'derived')::boolean FROM jsonb_array_elements($1::jsonb) r JOIN areas a ON a.code = r->>'code'
      ON CONFLICT (area_id) DO UPDATE SET import_id = EXCLUDED.import_id, derived = EXCLUDED.derived`,
    [json, importId],
  );
  return { inserted: ins.rowCount, updated: upd.rowCount };
}
