// The demo roads inside one grid as walkable runs: each road is sampled every ~15 m and the samples that
// fall inside the grid polygon, consecutive along the road, form a run a worker can walk end to end.
import type { MultiPolygon, Polygon } from 'geojson';
import type { RoadRecord } from '../city/types.js';

export type Pt = [number, number];

function inRing(x: number, y: number, ring: readonly number[][]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

export function contains(g: Polygon | MultiPolygon, x: number, y: number): boolean {
  const polys = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  return polys.some((rings) => inRing(x, y, rings[0]) && !rings.slice(1).some((h) => inRing(x, y, h)));
}

export function bbox(g: Polygon | MultiPolygon): [number, number, number, number] {
  let w = Infinity, s = Infinity, e = -Infinity, n = -Infinity;
  for (const rings of g.type === 'Polygon' ? [g.coordinates] : g.coordinates) {
    for (const [x, y] of rings[0]) {
      if (x < w) w = x;
      if (x > e) e = x;
      if (y < s) s = y;
      if (y > n) n = y;
    }
  }
  return [w, s, e, n];
}

const M_PER_DEG_LAT = 111_195;

/** Metres between two [lon, lat] points (equirectangular; fine within a grid). */
export function dist(a: Pt, b: Pt): number {
  const kx = M_PER_DEG_LAT * Math.cos((((a[1] + b[1]) / 2) * Math.PI) / 180);
  return Math.hypot((b[0] - a[0]) * kx, (b[1] - a[1]) * M_PER_DEG_LAT);
}

const SAMPLE_M = 15;

/** Runs of road samples inside the grid (each ≥ 2 samples), in road order. */
export function gridRuns(grid: Polygon | MultiPolygon, roads: readonly RoadRecord[]): Pt[][] {
  const [w, s, e, n] = bbox(grid);
  const runs: Pt[][] = [];
  for (const r of roads) {
    const c = r.geometry.coordinates;
    let rw = Infinity, rs = Infinity, re = -Infinity, rn = -Infinity;
    for (const [x, y] of c) {
      rw = Math.min(rw, x); re = Math.max(re, x); rs = Math.min(rs, y); rn = Math.max(rn, y);
    }
    if (re < w || rw > e || rn < s || rs > n) continue;
    let run: Pt[] = [];
    for (let i = 1; i < c.length; i++) {
      const a = c[i - 1] as Pt, b = c[i] as Pt;
      const k = Math.max(1, Math.ceil(dist(a, b) / SAMPLE_M));
      for (let j = i === 1 ? 0 : 1; j <= k; j++) {
        const p: Pt = [a[0] + ((b[0] - a[0]) * j) / k, a[1] + ((b[1] - a[1]) * j) / k];
        if (contains(grid, p[0], p[1])) run.push(p);
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
