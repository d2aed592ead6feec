// Which area lies under a clicked point: plain even-odd ring test over the loaded features,
// so drilling does not depend on what the tiles happened to render.
import type { AreaFeature } from '@contract/areas';

type Ring = number[][];

function inRing(x: number, y: number, ring: Ring): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

function inPolygon(x: number, y: number, rings: Ring[]): boolean {
  return rings.length > 0 && inRing(x, y, rings[0]) && !rings.slice(1).some((hole) => inRing(x, y, hole));
}

export function areaAt(features: readonly AreaFeature[], [lon, lat]: [number, number]): AreaFeature | null {
  for (const f of features) {
    const g = f.geometry;
    const polygons = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
    if (polygons.some((p) => inPolygon(lon, lat, p))) return f;
  }
  return null;
}

/** [west, south, east, north] of a feature. */
export function featureBounds(f: Pick<AreaFeature, 'geometry'>): [number, number, number, number] {
  const b: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  const polygons = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
  for (const p of polygons)
    for (const [x, y] of p[0]) {
      b[0] = Math.min(b[0], x);
      b[1] = Math.min(b[1], y);
      b[2] = Math.max(b[2], x);
      b[3] = Math.max(b[3], y);
    }
  return b;
}
