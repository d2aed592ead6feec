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
    /* sql */ `SELECT id, level AS layer, status, jsonb_build_object('source', report->'source', 'counts', report->'counts') AS report,
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
