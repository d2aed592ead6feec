// Builds a tile of a tileset for a caller's scope: from the cache, else ST_AsMVT or the Node fallback.
import type { Db } from '../db/index.js';
import type { TileCache } from './cache.js';
import { encodeLayers, type FallbackRow } from './encode-fallback.js';
import { TILESETS } from './layers.js';
import { layerMvt, layerRows } from './queries.js';
import { tileBounds } from './tile-math.js';

export type Tileset = keyof typeof TILESETS;

export async function renderTile(
  db: Db,
  tileset: Tileset,
  z: number,
  x: number,
  y: number,
  scopePath: string,
  useMvt = db.capabilities.asMvt,
): Promise<Buffer> {
  const layers = TILESETS[tileset].filter((l) => z >= l.minzoom);
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
): Promise<Buffer> {
  // Scope matters only for scoped layers; the base map is the same for everyone.
  const key = `${tileset}|${tileset === 'areas' ? scopePath : '*'}|${z}/${x}/${y}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const generation = cache.generation;
  const tile = await renderTile(db, tileset, z, x, y, scopePath);
  if (cache.generation === generation) cache.set(key, tile); // data changed meanwhile: don't cache a stale tile
  return tile;
}
