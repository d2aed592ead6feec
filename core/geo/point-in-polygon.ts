// Point in polygon by the even–odd rule, on plane coordinates (lon/lat as x/y is fine at city scale): one ring,
// a polygon with holes, a GeoJSON Polygon or MultiPolygon, and an index for many tests against one shape.
// Hand-written on purpose: turf's booleanPointInPolygon wraps every call in Features and is several times
// slower on the hot paths (trail sampling, worker placement), and its boundary rule differs.
import type { MultiPolygon, Polygon } from 'geojson';

export type Ring = readonly (readonly number[])[];
export type PolygonRings = readonly Ring[];

/** Whether (x, y) lies inside a closed ring (even–odd rule; a point on an edge may fall either way). */
export function pointInRing(x: number, y: number, ring: Ring): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const xi = ring[i][0],
      yi = ring[i][1];
    const xj = ring[j][0],
      yj = ring[j][1];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Inside the outer ring (the first) and in none of the holes. */
export function pointInRings(x: number, y: number, rings: PolygonRings): boolean {
  if (!rings.length || !pointInRing(x, y, rings[0])) return false;
  for (let k = 1; k < rings.length; k++) if (pointInRing(x, y, rings[k])) return false;
  return true;
}

/** Inside a GeoJSON Polygon or MultiPolygon (holes excluded). */
export function pointInPolygon(x: number, y: number, g: Polygon | MultiPolygon): boolean {
  if (g.type === 'Polygon') return pointInRings(x, y, g.coordinates);
  return g.coordinates.some((rings) => pointInRings(x, y, rings));
}

/** [west, south, east, north] of the outer rings. */
export function polygonBounds(g: Polygon | MultiPolygon): [number, number, number, number] {
  const b: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const rings of g.type === 'Polygon' ? [g.coordinates] : g.coordinates) {
    for (const [x, y] of rings[0] ?? []) {
      if (x < b[0]) b[0] = x;
      if (y < b[1]) b[1] = y;
      if (x > b[2]) b[2] = x;
      if (y > b[3]) b[3] = y;
    }
  }
  return b;
}

/** A MultiPolygon's parts prepared for many point tests: a bounding-box check first, then the rings. */
export class PolygonIndex {
  private readonly parts: { rings: PolygonRings; box: [number, number, number, number] }[];

  constructor(multi: readonly PolygonRings[]) {
    this.parts = multi.map((rings) => ({
      rings,
      box: polygonBounds({ type: 'Polygon', coordinates: rings as number[][][] }),
    }));
  }

  contains(x: number, y: number): boolean {
    for (const { rings, box } of this.parts) {
      if (x < box[0] || x > box[2] || y < box[1] || y > box[3]) continue;
      if (pointInRings(x, y, rings)) return true;
    }
    return false;
  }
}
