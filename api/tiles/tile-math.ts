// Web Mercator tile math (EPSG:3857, metres) shared by the tile queries and their fallback encoder.
export const EXTENT = 4096;
/**
 * Tile pixels kept around each tile (of 4096): a polygon's outline is cut this far outside the tile, so the widest
 * line drawn along area boundaries (the street glow, 16 px + blur at wall scale 2 on a 512 px tile) never reaches
 * into the tile and draws the cut as a line along the tile's edge.
 */
export const BUFFER = 256;
const HALF = 20037508.342789244;

export interface TileBounds {
  minx: number;
  miny: number;
  maxx: number;
  maxy: number;
}

export function tileBounds(z: number, x: number, y: number): TileBounds {
  const size = (2 * HALF) / 2 ** z;
  return { minx: -HALF + x * size, maxx: -HALF + (x + 1) * size, maxy: HALF - y * size, miny: HALF - (y + 1) * size };
}

export function isValidTile(z: number, x: number, y: number): boolean {
  return (
    Number.isInteger(z) &&
    Number.isInteger(x) &&
    Number.isInteger(y) &&
    z >= 0 &&
    z <= 22 &&
    x >= 0 &&
    y >= 0 &&
    x < 2 ** z &&
    y < 2 ** z
  );
}

/** Metres → tile pixels, y pointing down, rounded to the integer grid MVT stores. */
export function toTilePixels(b: TileBounds, x: number, y: number): [number, number] {
  return [
    Math.round(((x - b.minx) / (b.maxx - b.minx)) * EXTENT),
    Math.round(((b.maxy - y) / (b.maxy - b.miny)) * EXTENT),
  ];
}

/** The tile (web mercator XYZ) that holds a WGS84 point at zoom z. */
export function tileOf(lon: number, lat: number, z: number): { z: number; x: number; y: number } {
  const rad = (lat * Math.PI) / 180;
  return {
    z,
    x: Math.floor(((lon + 180) / 360) * 2 ** z),
    y: Math.floor(((1 - Math.log(Math.tan(rad) + 1 / Math.cos(rad)) / Math.PI) / 2) * 2 ** z),
  };
}
