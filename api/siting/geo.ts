// Local planar metres around an origin (equirectangular), precise enough across a district
// for walking distances; every siting computation works in these coordinates.

export interface Origin {
  lon0: number;
  lat0: number;
}

const M_PER_DEG_LAT = 110574;
const mPerDegLon = (lat: number) => 111320 * Math.cos((lat * Math.PI) / 180);

export interface Projection {
  origin: Origin;
  toXY(lon: number, lat: number): [number, number];
  toLonLat(x: number, y: number): [number, number];
}

export function projection(origin: Origin): Projection {
  const kx = mPerDegLon(origin.lat0);
  return {
    origin,
    toXY: (lon, lat) => [(lon - origin.lon0) * kx, (lat - origin.lat0) * M_PER_DEG_LAT],
    toLonLat: (x, y) => [origin.lon0 + x / kx, origin.lat0 + y / M_PER_DEG_LAT],
  };
}

/** Points as parallel coordinate arrays in local metres. */
export interface Points {
  x: Float64Array;
  y: Float64Array;
}

export function projectPoints(p: Projection, lonLat: readonly (readonly [number, number])[]): Points {
  const x = new Float64Array(lonLat.length);
  const y = new Float64Array(lonLat.length);
  lonLat.forEach(([lon, lat], i) => {
    [x[i], y[i]] = p.toXY(lon, lat);
  });
  return { x, y };
}

/** A uniform bucket grid over points, for "which points lie within r of here". */
export class PointGrid {
  private readonly cells = new Map<number, number[]>();
  constructor(
    readonly pts: Points,
    readonly cell: number,
  ) {
    for (let i = 0; i < pts.x.length; i++) {
      const k = this.key(Math.floor(pts.x[i] / cell), Math.floor(pts.y[i] / cell));
      const list = this.cells.get(k);
      if (list) list.push(i);
      else this.cells.set(k, [i]);
    }
  }
  private key(cx: number, cy: number): number {
    return (cx + 1_000_000) * 2_000_003 + (cy + 1_000_000);
  }
  /** Calls fn(i, d) for every point within r metres of (x, y). */
  within(x: number, y: number, r: number, fn: (i: number, d: number) => void): void {
    const c = this.cell;
    for (let cx = Math.floor((x - r) / c); cx <= Math.floor((x + r) / c); cx++) {
      for (let cy = Math.floor((y - r) / c); cy <= Math.floor((y + r) / c); cy++) {
        const list = this.cells.get(this.key(cx, cy));
        if (!list) continue;
        for (const i of list) {
          const d = Math.hypot(this.pts.x[i] - x, this.pts.y[i] - y);
          if (d <= r) fn(i, d);
        }
      }
    }
  }
  /** The nearest point and its distance, or [-1, Infinity] when there are none. */
  nearest(x: number, y: number): [number, number] {
    if (this.pts.x.length === 0) return [-1, Infinity];
    let best = -1;
    let bestD = Infinity;
    const c = this.cell;
    const cx0 = Math.floor(x / c);
    const cy0 = Math.floor(y / c);
    for (let ring = 0; ; ring++) {
      for (let cx = cx0 - ring; cx <= cx0 + ring; cx++) {
        for (let cy = cy0 - ring; cy <= cy0 + ring; cy++) {
          if (Math.max(Math.abs(cx - cx0), Math.abs(cy - cy0)) !== ring) continue;
          const list = this.cells.get(this.key(cx, cy));
          if (!list) continue;
          for (const i of list) {
            const d = Math.hypot(this.pts.x[i] - x, this.pts.y[i] - y);
            if (d < bestD) [best, bestD] = [i, d];
          }
        }
      }
      // Every unvisited cell is at least ring * c away.
      if (best >= 0 && bestD <= ring * c) return [best, bestD];
      if (ring > 1_000_000) return [best, bestD];
    }
  }
}
