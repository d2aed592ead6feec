// Where orders happen: at the city's buildings (weighted by households), a few metres off the
// building point, always inside the building's own grid; and the area path of each grid.
import type { MultiPolygon, Polygon, Position } from 'geojson';
import type { Rng } from '../city/rng.js';
import type { AreaRecord, BuildingRecord, City } from '../city/types.js';

const M_PER_DEG_LAT = 111_320;

/** Ray casting over one ring (lon/lat as plane coordinates: fine at a few kilometres). */
function inRing(lon: number, lat: number, ring: readonly Position[]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > lat !== yj > lat && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

export function pointInPolygon(lon: number, lat: number, g: Polygon | MultiPolygon): boolean {
  const polys = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  return polys.some(([outer, ...holes]) => inRing(lon, lat, outer) && !holes.some((h) => inRing(lon, lat, h)));
}

/** Metres between two WGS84 points (equirectangular; exact enough below a kilometre). */
export function metresBetween(a: readonly [number, number], b: readonly [number, number]): number {
  const dy = (a[1] - b[1]) * M_PER_DEG_LAT;
  const dx = (a[0] - b[0]) * M_PER_DEG_LAT * Math.cos((((a[1] + b[1]) / 2) * Math.PI) / 180);
  return Math.hypot(dx, dy);
}

/** '北方佳苑 12号' / '北方佳苑12号' → '北方佳苑'. */
export const estateOf = (address: string) => address.replace(/\s*\d+号$/, '');

export class Places {
  readonly grids = new Map<number, AreaRecord>();
  readonly paths = new Map<number, string>();
  private readonly cumulative: Float64Array;

  constructor(readonly city: City) {
    const byId = new Map(city.areas.map((a) => [a.id, a]));
    for (const a of city.areas) if (a.level === 'grid') this.grids.set(a.id, a);
    for (const g of this.grids.values()) {
      let path = '';
      for (let a: AreaRecord | undefined = g; a; a = a.parentId === null ? undefined : byId.get(a.parentId)) path = `/${a.id}${path}`;
      this.paths.set(g.id, `${path}/`);
    }
    this.cumulative = new Float64Array(city.buildings.length);
    let sum = 0;
    city.buildings.forEach((b, i) => {
      sum += Math.max(1, b.households);
      this.cumulative[i] = sum;
    });
  }

  /** A building drawn in proportion to its households (binary search over the running sum). */
  building(rng: Rng): BuildingRecord {
    const c = this.cumulative;
    const r = rng.next() * c[c.length - 1];
    let lo = 0;
    let hi = c.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (c[mid] > r) hi = mid;
      else lo = mid + 1;
    }
    return this.city.buildings[lo];
  }

  /** A point up to `metres` from (lon, lat), kept inside the grid; the anchor itself if jitter leaves it. */
  near(rng: Rng, lon: number, lat: number, gridId: number, metres: number): [number, number] {
    const grid = this.grids.get(gridId)!;
    for (let attempt = 0; attempt < 4; attempt++) {
      const r = metres * Math.sqrt(rng.next());
      const a = rng.next() * 2 * Math.PI;
      const x = lon + (r * Math.cos(a)) / (M_PER_DEG_LAT * Math.cos((lat * Math.PI) / 180));
      const y = lat + (r * Math.sin(a)) / M_PER_DEG_LAT;
      const p: [number, number] = [Math.round(x * 1e7) / 1e7, Math.round(y * 1e7) / 1e7];
      if (pointInPolygon(p[0], p[1], grid.geometry)) return p;
    }
    return [lon, lat];
  }
}
