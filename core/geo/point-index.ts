// A static index over points in plane metres (a KD-tree, kdbush): which points lie within r of here, and
// which is nearest. Build once per point set; queries visit only the tree nodes near the query.
import KDBush from 'kdbush';

export interface PlanePoints {
  x: ArrayLike<number>;
  y: ArrayLike<number>;
}

export class PointIndex {
  private readonly tree: KDBush;
  readonly size: number;

  constructor(readonly pts: PlanePoints) {
    this.size = pts.x.length;
    this.tree = new KDBush(Math.max(1, this.size));
    for (let i = 0; i < this.size; i++) this.tree.add(pts.x[i], pts.y[i]);
    // kdbush needs at least one point; an empty set gets a far-away placeholder that no query returns.
    if (this.size === 0) this.tree.add(Infinity, Infinity);
    this.tree.finish();
  }

  /** Calls fn(i, d) for every point within r of (x, y), in increasing index order. */
  within(x: number, y: number, r: number, fn: (i: number, d: number) => void): void {
    if (this.size === 0) return;
    const ids = this.tree.within(x, y, r).sort((a, b) => a - b);
    for (const i of ids) fn(i, Math.hypot(this.pts.x[i] - x, this.pts.y[i] - y));
  }

  /** Whether any point lies within r of (x, y). */
  any(x: number, y: number, r: number): boolean {
    return this.size > 0 && this.tree.within(x, y, r).length > 0;
  }

  /** The nearest point and its distance (the lowest index among equals), or [-1, Infinity] when there are none. */
  nearest(x: number, y: number, startRadius = 100): [number, number] {
    if (this.size === 0) return [-1, Infinity];
    // Grow the search circle until it holds a point: every point outside it is farther than any inside.
    for (let r = Math.max(startRadius, 1e-9); ; r *= 4) {
      const ids = this.tree.within(x, y, r);
      if (!ids.length && r < 1e12) continue;
      let best = -1;
      let bestD = Infinity;
      for (const i of ids.length ? ids : Array.from({ length: this.size }, (_, k) => k)) {
        const d = Math.hypot(this.pts.x[i] - x, this.pts.y[i] - y);
        if (d < bestD || (d === bestD && i < best)) [best, bestD] = [i, d];
      }
      return [best, bestD];
    }
  }
}
