// SQL of layer imports: checking features against the importer's area, storing the pending import, and writing
// buildings, roads, water, resources and police grids on accept; buildings and resources find their grid and
// community by location (placeBuildings, also run whenever grids are written).
import type { Queryable } from '../db/index.js';
import type { LayerKind } from '../../contract/layers.js';

export interface Checked {
  i: number;
  /** The geometry as it would be stored (polygons made valid and multi), GeoJSON text; null when nothing is left. */
  geom: string | null;
  inside: boolean;
  areaM2: number;
  /** A point on the feature (buildings' location, resources). */
  point: string | null;
}

/** The importer's area, or every district for an account over the whole installation (no area). */
const SCOPE_AREAS = (param: string) => `(s.id = ${param}::int OR (${param}::int IS NULL AND s.parent_id IS NULL))`;

/** Makes polygons valid (MultiPolygon), and says of every feature whether it touches the area `scopeId`. */
export async function checkFeatures(
  q: Queryable,
  scopeId: number | null,
  features: { i: number; g: unknown }[],
): Promise<Checked[]> {
  if (features.length === 0) return [];
  const r = await q.query<Checked>(
    /* sql */ `WITH f AS (
        SELECT (e->>'i')::int AS i, ST_SetSRID(ST_GeomFromGeoJSON(e->>'g'), 4326) AS g FROM jsonb_array_elements($1::jsonb) e
      ), v AS (
        SELECT i, CASE WHEN ST_Dimension(g) = 2 THEN ST_Multi(ST_CollectionExtract(ST_MakeValid(g), 3)) ELSE g END AS g FROM f
      )
      SELECT v.i, CASE WHEN ST_IsEmpty(v.g) THEN NULL ELSE ST_AsGeoJSON(v.g, 7) END AS geom,
        coalesce((SELECT bool_or(ST_Intersects(v.g, s.geom)) FROM areas s WHERE ${SCOPE_AREAS('$2')}), false) AS inside,
        CASE WHEN ST_Dimension(v.g) = 2 AND NOT ST_IsEmpty(v.g) THEN ST_Area(v.g::geography) ELSE 0 END AS "areaM2",
        CASE WHEN ST_IsEmpty(v.g) THEN NULL ELSE ST_AsGeoJSON(ST_PointOnSurface(v.g), 7) END AS point
      FROM v ORDER BY v.i`,
    [JSON.stringify(features.map((f) => ({ i: f.i, g: JSON.stringify(f.g) }))), scopeId],
  );
  return r.rows.map((x) => ({ ...x, areaM2: Number(x.areaM2) }));
}

/** The table a replacing layer writes, and which of its rows an import into the area replaces. */
const REPLACED: Partial<Record<LayerKind, { table: string; where: string }>> = {
  // Rows lying wholly inside the area, and rows an earlier layer import wrote that touch it.
  roads: {
    table: 'roads',
    where: `ST_Within(t.geom, s.geom) OR (t.import_id IS NOT NULL AND ST_Intersects(t.geom, s.geom))`,
  },
  water: {
    table: 'water',
    where: `ST_Within(t.geom, s.geom) OR (t.import_id IS NOT NULL AND ST_Intersects(t.geom, s.geom))`,
  },
  resources: { table: 'resources', where: `t.import_id IS NOT NULL AND ST_Intersects(t.geom, s.geom)` },
  police_grids: { table: 'police_grids', where: `t.scope_path LIKE $2 || '%'` },
};

/** How many rows accepting a layer import into the area would replace. */
export async function replacedCount(q: Queryable, layer: LayerKind, scopeId: number | null, scopePath: string) {
  const rep = REPLACED[layer];
  if (!rep) return 0;
  const r = await q.query<{ n: number }>(
    /* sql */ `SELECT count(DISTINCT t.id)::int AS n FROM ${rep.table} t, areas s WHERE ${SCOPE_AREAS('$1')} AND (${rep.where})`,
    layer === 'police_grids' ? [scopeId, scopePath] : [scopeId],
  );
  return r.rows[0].n;
}

async function deleteReplaced(q: Queryable, layer: LayerKind, scopeId: number | null, scopePath: string) {
  const rep = REPLACED[layer];
  if (!rep) return 0;
  const r = await q.query(
    /* sql */ `DELETE FROM ${rep.table} t USING areas s WHERE ${SCOPE_AREAS('$1')} AND (${rep.where})`,
    layer === 'police_grids' ? [scopeId, scopePath] : [scopeId],
  );
  return r.rowCount ?? 0;
}

/** What accept writes, per feature. */
export interface LayerRow {
  name: string;
  geometry: unknown;
  /** buildings: the footprint (MultiPolygon) or null, with the location point. */
  point?: unknown;
  households?: number;
  floors?: number;
  address?: string;
  roadClass?: string;
  kind?: string;
  code?: string;
  /** buildings: the earlier building this one matched (updated in place on accept). */
  existingId?: number;
}

export async function insertLayerImport(
  q: Queryable,
  v: { layer: LayerKind; scopePath: string; createdBy: number; report: unknown; rows: LayerRow[] },
): Promise<{ id: number; createdAt: string }> {
  const r = await q.query<{ id: number; createdAt: Date }>(
    /* sql */ `INSERT INTO imports (kind, level, scope_path, created_by, report, rows)
      VALUES ('layer', $1, $2, $3, $4, $5) RETURNING id, created_at AS "createdAt"`,
    [v.layer, v.scopePath, v.createdBy, JSON.stringify(v.report), JSON.stringify(v.rows)],
  );
  return { id: r.rows[0].id, createdAt: new Date(r.rows[0].createdAt).toISOString() };
}

export interface LayerImportRow {
  id: number;
  layer: LayerKind;
  status: 'pending' | 'accepted' | 'cancelled';
  report: Record<string, unknown>;
  rows: LayerRow[];
  createdAt: Date;
  decidedAt: Date | null;
}

/** A layer import whose importer's scope lies under the caller's (locked for a decision when asked). */
export async function layerImportInScope(q: Queryable, scopePath: string, id: number, lock: boolean) {
  const r = await q.query<LayerImportRow>(
    /* sql */ `SELECT id, level AS layer, status, report, ${lock ? 'rows' : `'[]'::jsonb AS rows`},
        created_at AS "createdAt", decided_at AS "decidedAt"
      FROM imports WHERE id = $1 AND kind = 'layer' AND scope_path LIKE $2 || '%' ${lock ? 'FOR UPDATE' : ''}`,
    [id, scopePath],
  );
  return r.rows[0] ?? null;
}

export async function recentLayerImports(q: Queryable, scopePath: string) {
  const r = await q.query<{
    id: number;
    layer: LayerKind;
    status: string;
    report: Record<string, unknown>;
    createdAt: Date;
  }>(
    /* sql */ `SELECT id, level AS layer, status, jsonb_build_object('source', report->'source', 'counts', report->'counts', 'phase', report->'phase') AS report,
        created_at AS "createdAt"
      FROM imports WHERE kind = 'layer' AND scope_path LIKE $1 || '%' ORDER BY created_at DESC, id DESC LIMIT 50`,
    [scopePath],
  );
  return r.rows;
}

export async function decideLayerImport(q: Queryable, id: number, status: 'accepted' | 'cancelled', by: number) {
  const r = await q.query<{ decidedAt: Date }>(
    /* sql */ `UPDATE imports SET status = $2, decided_by = $3, decided_at = now() WHERE id = $1 RETURNING decided_at AS "decidedAt"`,
    [id, status, by],
  );
  return r.rows[0].decidedAt;
}

const ROWS = `jsonb_array_elements($1::jsonb) e`;
const GEOM = `ST_SetSRID(ST_GeomFromGeoJSON(e->>'geometry'), 4326)`;

/** Writes an accepted layer import's rows; returns how many were written and how many replaced. */
export async function writeLayer(
  q: Queryable,
  imp: { id: number; layer: LayerKind; rows: LayerRow[] },
  scopeId: number | null,
  scopePath: string,
): Promise<{ written: number; replaced: number }> {
  const replaced = await deleteReplaced(q, imp.layer, scopeId, scopePath);
  const rows = JSON.stringify(
    imp.rows.map((r) => ({ ...r, geometry: JSON.stringify(r.geometry), point: JSON.stringify(r.point ?? null) })),
  );
  let sql: string;
  switch (imp.layer) {
    case 'buildings':
      sql = `INSERT INTO buildings (address, households, population, floors, footprint, geom, import_id)
        SELECT e->>'address', (e->>'households')::int, 0, (e->>'floors')::int,
          CASE WHEN e->>'geometry' = 'null' THEN NULL ELSE ST_Multi(${GEOM}) END,
          ST_SetSRID(ST_GeomFromGeoJSON(e->>'point'), 4326), $2 FROM ${ROWS}`;
      break;
    case 'roads':
      sql = `INSERT INTO roads (name, road_class, geom, import_id) SELECT e->>'name', e->>'roadClass', ${GEOM}, $2 FROM ${ROWS}`;
      break;
    case 'water':
      sql = `INSERT INTO water (name, geom, import_id) SELECT e->>'name', ST_Multi(${GEOM}), $2 FROM ${ROWS}`;
      break;
    case 'resources':
      sql = `INSERT INTO resources (kind, name, address, geom, import_id)
        SELECT e->>'kind', e->>'name', coalesce(e->>'address', ''), ${GEOM}, $2 FROM ${ROWS}`;
      break;
    case 'police_grids':
      sql = `INSERT INTO police_grids (code, name, scope_path, geom, import_id)
        SELECT e->>'code', e->>'name', $3, ST_Multi(${GEOM}), $2 FROM ${ROWS}`;
      break;
  }
  const params: unknown[] = [rows, imp.id];
  if (imp.layer === 'police_grids') params.push(scopePath);
  const r = await q.query(/* sql */ sql, params);
  return { written: r.rowCount ?? 0, replaced };
}

/**
 * Gives buildings and resources without a grid the grid that holds their point, and buildings their community
 * (the grid's, else the community that holds them): run after buildings are imported and whenever grids are written.
 */
export async function placeBuildings(q: Queryable): Promise<void> {
  const grid = (col: string) =>
    `(SELECT g.id FROM areas g WHERE g.level = 'grid' AND ST_Intersects(g.geom, ${col}) ORDER BY g.id LIMIT 1)`;
  await q.query(/* sql */ `UPDATE buildings b SET grid_id = ${grid('b.geom')} WHERE b.grid_id IS NULL`);
  await q.query(/* sql */ `UPDATE resources r SET grid_id = ${grid('r.geom')} WHERE r.grid_id IS NULL`);
  await q.query(/* sql */ `UPDATE buildings b SET community_id = coalesce(
      (SELECT g.parent_id FROM areas g WHERE g.id = b.grid_id),
      (SELECT c.id FROM areas c WHERE c.level = 'community' AND ST_Intersects(c.geom, b.geom) ORDER BY c.id LIMIT 1))
    WHERE b.community_id IS NULL OR b.grid_id IS NOT NULL AND b.community_id IS DISTINCT FROM (SELECT g.parent_id FROM areas g WHERE g.id = b.grid_id)`);
}

/** An earlier building of the area a buildings file covers, with what depends on it. */
export interface EarlierBuilding {
  id: number;
  households: number;
  residents: number;
  surveyed: boolean;
}

/** A possible match of an earlier building (`id`) and a building of the file (`i`). */
export interface BuildingCandidate {
  id: number;
  i: number;
  /** address: the same address within 500 m; overlap: the share of the smaller footprint the two overlap (1 for a point inside). */
  by: 'address' | 'overlap';
  score: number;
}

/**
 * The earlier buildings a buildings file replaces — those of the communities its buildings lie in, and, of buildings
 * in no community yet, those inside the file's hull and the importer's area — with the pairs that may match.
 */
export async function earlierBuildings(
  q: Queryable,
  scopeId: number | null,
  scopePath: string,
  incoming: { i: number; point: unknown; geometry: unknown; address: string }[],
): Promise<{ earlier: EarlierBuilding[]; candidates: BuildingCandidate[] }> {
  if (incoming.length === 0) return { earlier: [], candidates: [] };
  const n = JSON.stringify(
    incoming.map((b) => ({
      i: b.i,
      a: b.address.replace(/\s+/g, ''),
      p: JSON.stringify(b.point),
      g: b.geometry ? JSON.stringify(b.geometry) : null,
    })),
  );
  await q.query(/* sql */ `DROP TABLE IF EXISTS pg_temp.incoming_buildings`);
  await q.query(
    /* sql */ `CREATE TEMP TABLE incoming_buildings AS
      SELECT (e->>'i')::int AS i, e->>'a' AS a, ST_SetSRID(ST_GeomFromGeoJSON(e->>'p'), 4326) AS p,
        CASE WHEN e->>'g' IS NULL THEN NULL ELSE ST_SetSRID(ST_GeomFromGeoJSON(e->>'g'), 4326) END AS g
      FROM jsonb_array_elements($1::jsonb) e`,
    [n],
  );
  try {
    const earlier = (
      await q.query<EarlierBuilding>(
        /* sql */ `WITH cover AS (
            SELECT DISTINCT c.id FROM areas c JOIN incoming_buildings n ON ST_Intersects(c.geom, n.p)
            WHERE c.level = 'community' AND c.path LIKE $2 || '%'
          ), hull AS (SELECT ST_Buffer(ST_ConvexHull(ST_Collect(p)), 0.00001) AS h FROM incoming_buildings),
          old AS (
            SELECT b.id, b.households FROM buildings b WHERE b.community_id IN (SELECT id FROM cover)
            UNION
            SELECT b.id, b.households FROM buildings b, hull WHERE b.community_id IS NULL AND ST_Intersects(b.geom, hull.h)
              AND EXISTS (SELECT 1 FROM areas s WHERE ${SCOPE_AREAS('$1')} AND ST_Intersects(s.geom, b.geom))
          ), lived AS (
            SELECT building_id, count(*)::int AS n FROM residents WHERE building_id IN (SELECT id FROM old) GROUP BY 1
          ), surveyed AS (
            SELECT DISTINCT building_id FROM survey_responses WHERE building_id IN (SELECT id FROM old)
          )
          SELECT o.id, o.households, coalesce(l.n, 0) AS residents, s.building_id IS NOT NULL AS surveyed
          FROM old o LEFT JOIN lived l ON l.building_id = o.id LEFT JOIN surveyed s ON s.building_id = o.id ORDER BY o.id`,
        [scopeId, scopePath],
      )
    ).rows;
    if (earlier.length === 0) return { earlier, candidates: [] };
    const ids = earlier.map((b) => b.id);
    const candidates = (
      await q.query<BuildingCandidate>(
        /* sql */ `WITH old AS (SELECT unnest($1::int[]) AS id)
          SELECT b.id, n.i, 'address' AS by, 1 - ST_Distance(b.geom, n.p) AS score
          FROM incoming_buildings n JOIN buildings b ON regexp_replace(b.address, '\\s+', '', 'g') = n.a
          WHERE n.a <> '' AND b.id IN (SELECT id FROM old) AND ST_DWithin(b.geom, n.p, 0.005)
          UNION ALL
          SELECT b.id, n.i, 'overlap' AS by, CASE
              WHEN b.footprint IS NOT NULL AND n.g IS NOT NULL THEN
                ST_Area(ST_Intersection(b.footprint, n.g)) / nullif(least(ST_Area(b.footprint), ST_Area(n.g)), 0)
              WHEN n.g IS NOT NULL THEN CASE WHEN ST_Intersects(n.g, b.geom) THEN 1 ELSE 0 END
              WHEN b.footprint IS NOT NULL THEN CASE WHEN ST_Intersects(b.footprint, n.p) THEN 1 ELSE 0 END
              ELSE CASE WHEN ST_DWithin(b.geom::geography, n.p::geography, 5) THEN 1 ELSE 0 END
            END AS score
          FROM incoming_buildings n JOIN buildings b ON b.geom && ST_Expand(coalesce(n.g, n.p), 0.0005)
          WHERE b.id IN (SELECT id FROM old)`,
        [ids],
      )
    ).rows.map((c) => ({ ...c, score: Number(c.score) }));
    return { earlier, candidates };
  } finally {
    await q.query(/* sql */ `DROP TABLE IF EXISTS pg_temp.incoming_buildings`);
  }
}

/**
 * Writes an accepted buildings import over the earlier buildings of the area it covers: matched ones updated in
 * place (id, residents and population kept; their grid kept while it still holds the building), the unmatched
 * ones the report listed removed unless residents or survey answers now point at them, the rest inserted.
 */
export async function writeBuildings(
  q: Queryable,
  imp: { id: number; rows: LayerRow[] },
  remove: number[],
): Promise<{ written: number; replaced: number; updated: number[] }> {
  const removed = remove.length
    ? ((
        await q.query(
          /* sql */ `DELETE FROM buildings b WHERE b.id = ANY($1::int[])
            AND NOT EXISTS (SELECT 1 FROM residents r WHERE r.building_id = b.id)
            AND NOT EXISTS (SELECT 1 FROM survey_responses s WHERE s.building_id = b.id)`,
          [remove],
        )
      ).rowCount ?? 0)
    : 0;
  const encode = (rows: LayerRow[]) =>
    JSON.stringify(
      rows.map((r) => ({ ...r, geometry: JSON.stringify(r.geometry), point: JSON.stringify(r.point ?? null) })),
    );
  const matched = imp.rows.filter((r) => r.existingId !== undefined);
  const updated = matched.length
    ? (
        await q.query<{ id: number }>(
          /* sql */ `WITH e AS (
              SELECT (e->>'existingId')::int AS id, e->>'address' AS address, (e->>'households')::int AS households,
                (e->>'floors')::int AS floors,
                CASE WHEN e->>'geometry' = 'null' THEN NULL ELSE ST_Multi(${GEOM}) END AS footprint,
                ST_SetSRID(ST_GeomFromGeoJSON(e->>'point'), 4326) AS p
              FROM ${ROWS})
            UPDATE buildings b SET address = e.address, households = e.households, floors = e.floors,
              footprint = e.footprint, geom = e.p, import_id = $2, community_id = NULL,
              grid_id = CASE WHEN EXISTS (SELECT 1 FROM areas g WHERE g.id = b.grid_id AND ST_Intersects(g.geom, e.p))
                THEN b.grid_id END
            FROM e WHERE b.id = e.id RETURNING b.id`,
          [encode(matched), imp.id],
        )
      ).rows.map((r) => r.id)
    : [];
  const done = new Set(updated);
  // A matched building removed since the report is written anew.
  const fresh = imp.rows.filter((r) => r.existingId === undefined || !done.has(r.existingId));
  const ins = fresh.length
    ? await q.query(
        /* sql */ `INSERT INTO buildings (address, households, population, floors, footprint, geom, import_id)
          SELECT e->>'address', (e->>'households')::int, 0, (e->>'floors')::int,
            CASE WHEN e->>'geometry' = 'null' THEN NULL ELSE ST_Multi(${GEOM}) END,
            ST_SetSRID(ST_GeomFromGeoJSON(e->>'point'), 4326), $2 FROM ${ROWS}`,
        [encode(fresh), imp.id],
      )
    : { rowCount: 0 };
  return { written: (ins.rowCount ?? 0) + updated.length, replaced: removed, updated };
}

/** Residents of buildings updated in place follow their building into the grid that now holds it. */
export async function residentsFollowBuildings(q: Queryable, ids: number[]): Promise<void> {
  if (ids.length === 0) return;
  await q.query(
    /* sql */ `UPDATE residents r SET grid_id = b.grid_id FROM buildings b
      WHERE r.building_id = b.id AND b.id = ANY($1::int[]) AND b.grid_id IS NOT NULL AND r.grid_id <> b.grid_id`,
    [ids],
  );
}

/** Whether a layer import still waits for its report (not cancelled meanwhile, not finished by an earlier run). */
export async function layerImportAnalysing(q: Queryable, id: number): Promise<boolean> {
  const r = await q.query(
    /* sql */ `SELECT 1 FROM imports WHERE id = $1 AND kind = 'layer' AND status = 'pending' AND report->>'phase' = 'analysing'`,
    [id],
  );
  return r.rows.length > 0;
}

/** Stores the report and rows of an analysed import, only while it is still analysing; null when it no longer is. */
export async function completeLayerImport(q: Queryable, id: number, report: unknown, rows: LayerRow[]) {
  const r = await q.query<{ createdAt: Date }>(
    /* sql */ `UPDATE imports SET report = $2, rows = $3
      WHERE id = $1 AND kind = 'layer' AND status = 'pending' AND report->>'phase' = 'analysing'
      RETURNING created_at AS "createdAt"`,
    [id, JSON.stringify(report), JSON.stringify(rows)],
  );
  const row = r.rows[0];
  return row ? { createdAt: new Date(row.createdAt).toISOString() } : null;
}

/** Records that an import's analysis failed (why, as a message): nothing to accept; only while it is analysing. */
export async function failLayerImport(q: Queryable, id: number, why: unknown): Promise<void> {
  await q.query(
    /* sql */ `UPDATE imports SET status = 'cancelled', decided_at = now(),
        report = report || jsonb_build_object('phase', 'failed', 'failure', $2::jsonb)
      WHERE id = $1 AND kind = 'layer' AND status = 'pending' AND report->>'phase' = 'analysing'`,
    [id, JSON.stringify(why)],
  );
}

/** The analysis job of a layer import: its state and the progress it last recorded. */
export async function layerJob(q: Queryable, jobId: string) {
  const r = await q.query<{ state: string; progress: unknown; attempts: number }>(
    /* sql */ `SELECT state, progress, attempts FROM jobs WHERE id = $1`,
    [jobId],
  );
  return r.rows[0] ?? null;
}
