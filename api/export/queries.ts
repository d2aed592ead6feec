// SQL for exports: the shapes of areas by id, to hang analysis figures on (WGS84, 4326).
import type { Geometry } from 'geojson';
import type { Queryable } from '../db/index.js';

export interface AreaShape {
  id: number;
  code: string;
  name: string;
  geometry: Geometry;
}

export async function areaShapes(q: Queryable, scopePath: string, ids: number[]): Promise<Map<number, AreaShape>> {
  if (ids.length === 0) return new Map();
  const r = await q.query<{ id: number; code: string; name: string; geometry: string }>(
    /* sql */ `SELECT id, code, name, ST_AsGeoJSON(geom, 7) AS geometry FROM areas WHERE id = ANY($1) AND path LIKE $2 || '%'`,
    [ids, scopePath],
  );
  return new Map(
    r.rows.map((a) => [a.id, { id: a.id, code: a.code, name: a.name, geometry: JSON.parse(a.geometry) as Geometry }]),
  );
}

/** Codes of the grids under a scope, by id. */
export async function gridCodes(q: Queryable, scopePath: string): Promise<Map<number, string>> {
  const r = await q.query<{ id: number; code: string }>(
    /* sql */ `SELECT id, code FROM areas WHERE level IN ('grid', 'special') AND path LIKE $1 || '%'`,
    [scopePath],
  );
  return new Map(r.rows.map((a) => [a.id, a.code]));
}
