// Builds a tile of a tileset for a caller's scope: from the cache, else ST_AsMVT or the Node fallback. A tile in the
// GCJ-02 datum (for display over a GCJ-02 base map) is always built in Node: each vertex is shifted there.
import type { Db } from '../db/index.js';
import type { TileCache } from './cache.js';
import { encodeLayers, type FallbackRow } from './encode-fallback.js';
import { TILESETS } from './layers.js';
import { layerMvt, layerRows, layerRowsWithin } from './queries.js';
import { tileBounds } from './tile-math.js';
import type { BasemapDatum } from '../../contract/meta.js';
import { gcj02SourceWindow, shiftRowToGcj02 } from './datum-shift.js';

export type Tileset = keyof typeof TILESETS;

export async function renderTile(
  db: Db,
  tileset: Tileset,
  z: number,
  x: number,
  y: number,
  scopePath: string,
  useMvt = db.capabilities.asMvt,
  datum: BasemapDatum = 'wgs84',
): Promise<Buffer> {
  const layers = TILESETS[tileset].filter((l) => z >= l.minzoom);
  if (datum === 'gcj02') {
    const bounds = tileBounds(z, x, y);
    const window = gcj02SourceWindow(bounds);
    const rows: Record<string, FallbackRow[]> = {};
    for (const l of layers)
      rows[l.name] = (await layerRowsWithin(db, l, window, z, scopePath)).map((r) => shiftRowToGcj02(r));
    return encodeLayers(bounds, rows);
  }
  if (useMvt) {
    const parts = await Promise.all(layers.map((l) => layerMvt(db, l, z, x, y, scopePath)));
    return Buffer.concat(parts);
  }
  const rows: Record<string, FallbackRow[]> = {};
  for (const l of layers) rows[l.name] = await layerRows(db, l, z, x, y, scopePath);
  return encodeLayers(tileBounds(z, x, y), rows);
}

export async function cachedTile(
  db: Db,
  cache: TileCache,
  tileset: Tileset,
  z: number,
  x: number,
  y: number,
  scopePath: string,
  datum: BasemapDatum = 'wgs84',
): Promise<Buffer> {
  // Scope matters only for scoped layers; the base map is the same for everyone.
  const key = `${tileset}|${tileset === 'areas' ? scopePath : '*'}|${z}/${x}/${y}|${datum}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const generation = cache.generation;
  const tile = await renderTile(db, tileset, z, x, y, scopePath, db.capabilities.asMvt, datum);
  if (cache.generation === generation) cache.set(key, tile); // data changed meanwhile: don't cache a stale tile
  return tile;
}
