// Tile SQL: ST_AsMVT where PostGIS has protobuf-c, else clipped EPSG:3857 GeoJSON for the Node encoder.
// Both select the same rows with the same properties, clipped to the tile plus a 256/4096 buffer.
import type { Queryable } from '../db/index.js';
import type { FallbackRow } from './encode-fallback.js';
import { BUFFER, EXTENT, type TileBounds } from './tile-math.js';
import type { TileLayer } from './layers.js';

const envelope = `ST_TileEnvelope($1, $2, $3, margin => ${BUFFER / EXTENT})`;

function params(layer: TileLayer, z: number, x: number, y: number, scopePath: string): unknown[] {
  if (layer.param === 'scope') return [z, x, y, scopePath];
  if (layer.param === 'zoom') return [z, x, y, z];
  return [z, x, y];
}

/**
 * The layer's features near the tile: `fid`, its properties and `shape(g)` (g its geometry in EPSG:3857) as
 * `alias`, from its table or from its own SELECT.
 */
function features(layer: TileLayer, shape: (g: string) => string, alias: string): string {
  if (layer.source)
    return `SELECT fid, ${layer.columns}, ${shape('geom_3857')} AS ${alias} FROM (${layer.source(envelope)}) s`;
  const g = layer.geometry?.expression ?? 'geom_3857';
  const near = layer.geometry?.near(envelope) ?? `geom_3857 && ${envelope}`;
  return `SELECT id AS fid, ${layer.columns}, ${shape(g)} AS ${alias} FROM ${layer.table} WHERE ${near} AND ${layer.where}`;
}

/** One layer as MVT bytes, encoded by PostGIS. */
export async function layerMvt(
  q: Queryable,
  layer: TileLayer,
  z: number,
  x: number,
  y: number,
  scopePath: string,
): Promise<Buffer> {
  const r = await q.query<{ mvt: Buffer | Uint8Array | null }>(
    /* sql */ `SELECT ST_AsMVT(t, '${layer.name}', ${EXTENT}, 'geom', 'fid') AS mvt FROM (${features(
      layer,
      (g) => `ST_AsMVTGeom(${g}, ST_TileEnvelope($1, $2, $3), ${EXTENT}, ${BUFFER}, true)`,
      'geom',
    )}) t WHERE geom IS NOT NULL`,
    params(layer, z, x, y, scopePath),
  );
  const mvt = r.rows[0]?.mvt;
  return mvt ? Buffer.from(mvt) : Buffer.alloc(0);
}

/** One layer's rows for the Node encoder: geometry clipped in EPSG:3857 (metres). */
export async function layerRows(
  q: Queryable,
  layer: TileLayer,
  z: number,
  x: number,
  y: number,
  scopePath: string,
): Promise<FallbackRow[]> {
  const r = await q.query<Record<string, string | number | boolean | null> & { fid: number; geometry: string }>(
    features(layer, (g) => `ST_AsGeoJSON(ST_ClipByBox2D(${g}, ${envelope}), 2)`, 'geometry'),
    params(layer, z, x, y, scopePath),
  );
  return r.rows.map(({ fid, geometry, ...props }) => ({ id: fid, geometry, props }));
}

/**
 * One layer's rows within a window (EPSG:3857 metres, not a tile's own envelope): geometry clipped to it, for the
 * Node encoder after a shift of datum. The layer's `$4` condition is bound as `$1` here, the window after it.
 */
export async function layerRowsWithin(
  q: Queryable,
  layer: TileLayer,
  window: TileBounds,
  z: number,
  scopePath: string,
): Promise<FallbackRow[]> {
  const extra = layer.param === 'scope' ? [scopePath] : layer.param === 'zoom' ? [z] : [];
  const n = extra.length;
  const box = `ST_MakeEnvelope($${n + 1}::float8, $${n + 2}::float8, $${n + 3}::float8, $${n + 4}::float8, 3857)`;
  const r = await q.query<Record<string, string | number | boolean | null> & { fid: number; geometry: string }>(
    /* sql */ `SELECT id AS fid, ${layer.columns},
        ST_AsGeoJSON(ST_ClipByBox2D(geom_3857, ${box}), 2) AS geometry
      FROM ${layer.table}
      WHERE geom_3857 && ${box} AND ${layer.where.replaceAll('$4', '$1')}`,
    [...extra, window.minx, window.miny, window.maxx, window.maxy],
  );
  return r.rows.map(({ fid, geometry, ...props }) => ({ id: fid, geometry, props }));
}
