// Detects, once at start-up, what the connected PostGIS can do, so features pick a path without guessing.
import type { Capabilities, Queryable } from './types.js';

export async function detectCapabilities(q: Queryable): Promise<Capabilities> {
  const v = await q.query<{ v: string }>(/* sql */ `SELECT postgis_lib_version() AS v`);
  let asMvt: boolean;
  try {
    // The function exists in both builds; only a real call tells whether protobuf-c is compiled in.
    await q.query(
      /* sql */ `SELECT ST_AsMVT(t, 'probe') FROM (SELECT ST_AsMVTGeom(ST_Point(0, 0, 3857), ST_TileEnvelope(0, 0, 0)) AS geom) t`,
    );
    asMvt = true;
  } catch {
    asMvt = false;
  }
  return { postgis: v.rows[0]?.v ?? 'unknown', asMvt };
}
