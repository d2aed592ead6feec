// Small planar/spherical helpers for positions: distances in metres and point-in-polygon on GeoJSON rings.

const R = 6_371_008.8;
const RAD = Math.PI / 180;

/** Great-circle distance in metres. */
export function metres(aLon: number, aLat: number, bLon: number, bLat: number): number {
  const dLat = (bLat - aLat) * RAD;
  const dLon = (bLon - aLon) * RAD;
  const s = Math.sin(dLat / 2) ** 2 + Math.cos(aLat * RAD) * Math.cos(bLat * RAD) * Math.sin(dLon / 2) ** 2;
  return 2 * R * Math.asin(Math.min(1, Math.sqrt(s)));
}

/** A local equirectangular projection around a latitude: [lon, lat] → metres east/north. Good to ~0.1% over a district. */
export function localProjection(lat0: number): (lon: number, lat: number) => [number, number] {
  const kx = R * RAD * Math.cos(lat0 * RAD);
  const ky = R * RAD;
  return (lon, lat) => [lon * kx, lat * ky];
}

export type Ring = number[][];
export type PolygonRings = Ring[];

function inRing(x: number, y: number, ring: Ring): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** A MultiPolygon (GeoJSON coordinates) prepared for many point tests: bbox first, then even-odd rings. */
export class PolygonIndex {
  private readonly polys: { rings: PolygonRings; minX: number; minY: number; maxX: number; maxY: number }[];

  constructor(multi: PolygonRings[]) {
    this.polys = multi.map((rings) => {
      let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
      for (const [x, y] of rings[0] ?? []) {
        if (x < minX) minX = x;
        if (x > maxX) maxX = x;
        if (y < minY) minY = y;
        if (y > maxY) maxY = y;
      }
      return { rings, minX, minY, maxX, maxY };
    });
  }

  contains(lon: number, lat: number): boolean {
    for (const p of this.polys) {
      if (lon < p.minX || lon > p.maxX || lat < p.minY || lat > p.maxY) continue;
      if (!inRing(lon, lat, p.rings[0])) continue;
      let hole = false;
      for (let k = 1; k < p.rings.length && !hole; k++) hole = inRing(lon, lat, p.rings[k]);
      if (!hole) return true;
    }
    return false;
  }
}
