// Where orders happen: at the city's buildings (weighted by households), a few metres off the
// building point, always inside the building's own grid; and the area path of each grid.
import { offsetBy, pointInPolygon } from '../../core/geo/index.js';
import type { Rng } from '../city/rng.js';
import type { AreaRecord, BuildingRecord, City } from '../city/types.js';

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
      for (let a: AreaRecord | undefined = g; a; a = a.parentId === null ? undefined : byId.get(a.parentId))
        path = `/${a.id}${path}`;
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
      const [x, y] = offsetBy(lon, lat, r * Math.cos(a), r * Math.sin(a));
      const p: [number, number] = [Math.round(x * 1e7) / 1e7, Math.round(y * 1e7) / 1e7];
      if (pointInPolygon(p[0], p[1], grid.geometry)) return p;
    }
    return [lon, lat];
  }
}
