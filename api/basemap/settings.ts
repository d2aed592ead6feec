// The base map under the areas, as configured: Gridwall's own offline roads and water, or an external one (a tile
// service, a MapLibre style), with the datum its tiles are drawn in. Parsed once at start by api/config.ts
// (GRIDWALL_BASEMAP, GRIDWALL_BASEMAP_DATUM, …); a bad value stops the start with a message naming the variable.
import fs from 'node:fs';
import type { Basemap, BasemapDatum } from '../../contract/meta.js';

export const OWN_BASEMAP_TILES = '/tiles/basemap/{z}/{x}/{y}.pbf';

/** Gridwall's own offline base map, drawn in WGS84 from its roads and water. */
export const OWN_BASEMAP: Basemap = {
  kind: 'own',
  type: 'vector',
  tiles: OWN_BASEMAP_TILES,
  style: null,
  datum: 'wgs84',
  attribution: null,
  tileSize: 512,
  minzoom: 0,
  maxzoom: 18,
};

/** Where the tiles of an MBTiles or PMTiles base map are served from (api/basemap/routes.ts). */
export const BASEMAP_FILE_TILES = '/api/basemap/{z}/{x}/{y}';

export type BasemapFileKind = 'mbtiles' | 'pmtiles';

export interface BasemapEnv {
  GRIDWALL_BASEMAP?: string;
  GRIDWALL_BASEMAP_DATUM?: string;
  GRIDWALL_BASEMAP_ATTRIBUTION?: string;
  GRIDWALL_BASEMAP_TILE_SIZE?: string;
  GRIDWALL_BASEMAP_MAXZOOM?: string;
  GRIDWALL_BASEMAP_ORIGINS?: string;
}

export interface BasemapSettings {
  /** What clients are told (GET /api/meta → basemap). */
  basemap: Basemap;
  /** Origins the browser may fetch the base map from (added to the Content-Security-Policy); none for `own`. */
  origins: string[];
  /** The MBTiles or PMTiles file the server reads its tiles from (api/basemap/files.ts opens it at start). */
  file?: { kind: BasemapFileKind; path: string };
}

/** Thrown for a value the start refuses; its message names the variable and what it must be. */
export class BasemapConfigError extends Error {}

const fail = (variable: string, message: string): never => {
  throw new BasemapConfigError(`${variable}: ${message}`);
};

// CGCS2000 (天地图 and most surveying offices) is WGS84 to within centimetres: no shift.
const DATUMS: Record<string, BasemapDatum> = { wgs84: 'wgs84', cgcs2000: 'wgs84', gcj02: 'gcj02' };

/** The file after mbtiles: or pmtiles:, which must exist and be readable (its content is checked when opened). */
function readableFile(kind: BasemapFileKind, file: string): string {
  if (!file) fail('GRIDWALL_BASEMAP', `${kind}: needs the path of the file after the colon`);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
    fs.accessSync(file, fs.constants.R_OK);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return fail('GRIDWALL_BASEMAP', `${file}: ${code === 'ENOENT' ? 'no such file' : `cannot be read (${code})`}`);
  }
  if (!stat.isFile()) fail('GRIDWALL_BASEMAP', `${file}: is not a file`);
  return file;
}

/** An http(s) URL or a path on this server; its origin (null for a path on this server). */
function urlOrigin(variable: string, url: string): string | null {
  if (url.startsWith('/') && !url.startsWith('//')) return null;
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return fail(variable, `"${url}" is not a URL (http://…, https://… or a path starting with /)`);
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:')
    return fail(variable, `"${url}" must be an http:// or https:// URL`);
  return u.origin;
}

function whole(variable: string, raw: string | undefined, fallback: number, min: number, max: number): number {
  if (raw === undefined || raw.trim() === '') return fallback;
  const n = Number(raw.trim());
  if (!Number.isInteger(n) || n < min || n > max) fail(variable, `must be a whole number from ${min} to ${max}`);
  return n;
}

export function parseBasemap(env: BasemapEnv): BasemapSettings {
  const raw = (env.GRIDWALL_BASEMAP ?? '').trim() || 'own';
  const datumName = (env.GRIDWALL_BASEMAP_DATUM ?? '').trim().toLowerCase() || 'wgs84';
  const datum = DATUMS[datumName] ?? fail('GRIDWALL_BASEMAP_DATUM', 'must be wgs84, cgcs2000 or gcj02');
  const attribution = env.GRIDWALL_BASEMAP_ATTRIBUTION?.trim() || null;
  const tileSize = whole('GRIDWALL_BASEMAP_TILE_SIZE', env.GRIDWALL_BASEMAP_TILE_SIZE, 256, 64, 1024);
  const maxzoom = whole('GRIDWALL_BASEMAP_MAXZOOM', env.GRIDWALL_BASEMAP_MAXZOOM, 18, 1, 24);
  const extraOrigins = (env.GRIDWALL_BASEMAP_ORIGINS ?? '')
    .split(',')
    .map((o) => o.trim())
    .filter(Boolean)
    .map((o) => {
      const origin = urlOrigin('GRIDWALL_BASEMAP_ORIGINS', o);
      return origin ?? fail('GRIDWALL_BASEMAP_ORIGINS', `"${o}" must be an origin such as https://tiles.example.org`);
    });

  if (raw === 'own') {
    if (datum !== 'wgs84') fail('GRIDWALL_BASEMAP_DATUM', "Gridwall's own base map is drawn in WGS84: leave it unset");
    return { basemap: { ...OWN_BASEMAP, attribution, maxzoom }, origins: extraOrigins };
  }
  const colon = raw.indexOf(':');
  const kind = colon > 0 ? raw.slice(0, colon).toLowerCase() : '';
  const value = colon > 0 ? raw.slice(colon + 1).trim() : '';
  if (kind === 'mbtiles' || kind === 'pmtiles') {
    const file = readableFile(kind, value);
    return {
      // Completed from the file when it is opened (type, zoom range, bounds, credit).
      basemap: {
        kind,
        type: 'raster',
        tiles: BASEMAP_FILE_TILES,
        style: null,
        datum,
        attribution,
        tileSize,
        minzoom: 0,
        maxzoom,
      },
      origins: extraOrigins,
      file: { kind, path: file },
    };
  }
  if (kind !== 'xyz' && kind !== 'tms' && kind !== 'style')
    fail(
      'GRIDWALL_BASEMAP',
      'must be own, xyz:<URL with {z}/{x}/{y}>, tms:<URL with {z}/{x}/{y}>, style:<URL>, mbtiles:<file> or pmtiles:<file>',
    );
  if (!value) fail('GRIDWALL_BASEMAP', `${kind}: needs a URL after the colon`);
  const origin = urlOrigin('GRIDWALL_BASEMAP', value);
  const origins = [...new Set([...(origin ? [origin] : []), ...extraOrigins])];
  if (kind === 'style')
    return {
      basemap: { kind, type: 'vector', tiles: null, style: value, datum, attribution, tileSize, minzoom: 0, maxzoom },
      origins,
    };
  const missing = ['{z}', '{x}', '{y}'].filter((p) => !value.includes(p));
  if (missing.length) fail('GRIDWALL_BASEMAP', `the tile URL lacks ${missing.join(', ')}`);
  if (/\.(pbf|mvt)(\?|$)/i.test(value))
    fail('GRIDWALL_BASEMAP', 'vector tiles are drawn by a style: give style:<URL of its style.json> instead');
  return {
    basemap: {
      kind: kind as 'xyz' | 'tms',
      type: 'raster',
      tiles: value,
      style: null,
      datum,
      attribution,
      tileSize,
      minzoom: 0,
      maxzoom,
    },
    origins,
  };
}
