// The demo roads inside one grid as walkable runs: each road is sampled every ~15 m and the samples that
// fall inside the grid polygon, consecutive along the road, form a run a worker can walk end to end.
import type { MultiPolygon, Polygon } from 'geojson';
import { localDistance, pointInPolygon, polygonBounds } from '../../core/geo/index.js';
import type { RoadRecord } from '../city/types.js';

export type Pt = [number, number];

const SAMPLE_M = 15;

/** Runs of road samples inside the grid (each ≥ 2 samples), in road order. */
export function gridRuns(grid: Polygon | MultiPolygon, roads: readonly RoadRecord[]): Pt[][] {
  const [w, s, e, n] = polygonBounds(grid);
  const runs: Pt[][] = [];
  for (const r of roads) {
    const c = r.geometry.coordinates;
    let rw = Infinity,
      rs = Infinity,
      re = -Infinity,
      rn = -Infinity;
    for (const [x, y] of c) {
      rw = Math.min(rw, x);
      re = Math.max(re, x);
      rs = Math.min(rs, y);
      rn = Math.max(rn, y);
    }
    if (re < w || rw > e || rn < s || rs > n) continue;
    let run: Pt[] = [];
    for (let i = 1; i < c.length; i++) {
      const a = c[i - 1] as Pt,
        b = c[i] as Pt;
      const k = Math.max(1, Math.ceil(localDistance(a, b) / SAMPLE_M));
      for (let j = i === 1 ? 0 : 1; j <= k; j++) {
        const p: Pt = [a[0] + ((b[0] - a[0]) * j) / k, a[1] + ((b[1] - a[1]) * j) / k];
        if (pointInPolygon(p[0], p[1], grid)) run.push(p);
        else if (run.length) {
          if (run.length >= 2) runs.push(run);
          run = [];
        }
      }
    }
    if (run.length >= 2) runs.push(run);
  }
  return runs;
}
