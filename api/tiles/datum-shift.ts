// Tiles for display over a GCJ-02 base map: the stored WGS84 geometry, each vertex shifted to GCJ-02 (a few hundred
// metres in China) before it is encoded. The tile's own envelope lies in GCJ-02; the rows are read from the WGS84
// window that the envelope's corners shift back to, widened so that the variation of the shift within the tile and
// the tile buffer are covered. Nothing stored is changed.
import type { Geometry, Position } from 'geojson';
import { WGS84_A, gcj02ToWgs84, wgs84ToGcj02 } from '../../core/geo/index.js';
import type { FallbackRow } from './encode-fallback.js';
import { BUFFER, EXTENT, type TileBounds } from './tile-math.js';

const DEG = 180 / Math.PI;

/** EPSG:3857 metres → longitude, latitude. */
export function mercatorToLonLat(x: number, y: number): [number, number] {
  return [(x / WGS84_A) * DEG, (2 * Math.atan(Math.exp(y / WGS84_A)) - Math.PI / 2) * DEG];
}

/** Longitude, latitude → EPSG:3857 metres. */
export function lonLatToMercator(lon: number, lat: number): [number, number] {
  return [(lon / DEG) * WGS84_A, WGS84_A * Math.log(Math.tan(Math.PI / 4 + lat / DEG / 2))];
}

/** A point in EPSG:3857 moved from WGS84 to GCJ-02. */
export function shiftMercatorToGcj02(x: number, y: number): [number, number] {
  const [lon, lat] = wgs84ToGcj02(mercatorToLonLat(x, y));
  return lonLatToMercator(lon, lat);
}

/**
 * The WGS84 window (EPSG:3857) whose rows can reach a GCJ-02 tile: the tile's corners and edge midpoints shifted
 * back, widened by the tile buffer plus 1 % of the tile (the shift varies by well under 0.5 % of any distance).
 */
export function gcj02SourceWindow(tile: TileBounds): TileBounds {
  const xs: number[] = [];
  const ys: number[] = [];
  for (const fx of [0, 0.5, 1])
    for (const fy of [0, 0.5, 1]) {
      const [lon, lat] = mercatorToLonLat(
        tile.minx + fx * (tile.maxx - tile.minx),
        tile.miny + fy * (tile.maxy - tile.miny),
      );
      const [x, y] = lonLatToMercator(...gcj02ToWgs84([lon, lat]));
      xs.push(x);
      ys.push(y);
    }
  const margin = (tile.maxx - tile.minx) * (BUFFER / EXTENT + 0.01) + 1;
  return {
    minx: Math.min(...xs) - margin,
    miny: Math.min(...ys) - margin,
    maxx: Math.max(...xs) + margin,
    maxy: Math.max(...ys) + margin,
  };
}

function shiftPositions(ps: Position[]): Position[] {
  return ps.map((p) => shiftMercatorToGcj02(p[0], p[1]));
}

function shiftGeometry(g: Geometry): Geometry {
  switch (g.type) {
    case 'Point':
      return { type: 'Point', coordinates: shiftMercatorToGcj02(g.coordinates[0], g.coordinates[1]) };
    case 'MultiPoint':
      return { type: 'MultiPoint', coordinates: shiftPositions(g.coordinates) };
    case 'LineString':
      return { type: 'LineString', coordinates: shiftPositions(g.coordinates) };
    case 'MultiLineString':
      return { type: 'MultiLineString', coordinates: g.coordinates.map(shiftPositions) };
    case 'Polygon':
      return { type: 'Polygon', coordinates: g.coordinates.map(shiftPositions) };
    case 'MultiPolygon':
      return { type: 'MultiPolygon', coordinates: g.coordinates.map((p) => p.map(shiftPositions)) };
    case 'GeometryCollection':
      return { type: 'GeometryCollection', geometries: g.geometries.map(shiftGeometry) };
  }
}

/** A row for the Node encoder, its EPSG:3857 geometry shifted from WGS84 to GCJ-02. */
export function shiftRowToGcj02(row: FallbackRow): FallbackRow {
  return { ...row, geometry: JSON.stringify(shiftGeometry(JSON.parse(row.geometry) as Geometry)) };
}
