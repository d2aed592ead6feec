// Cells → polygons: trace the boundary of a union of lattice squares (shared edges cancel),
// chain the remaining directed edges into rings, drop straight-through vertices except where
// three or more areas meet (so neighbours share every vertex exactly).
import type { MultiPolygon, Polygon, Position } from 'geojson';
import { pointInRing } from '../../core/geo/index.js';
import type { CellGrid } from './topology.js';

/** A ring of lattice vertices [i, j], closed (first = last); outer rings counter-clockwise, holes clockwise. */
export type LatticeRing = [number, number][];

/**
 * Boundary rings of the cells for which inSet is true (cells: that set, any order).
 * keepVertex(i, j) marks vertices to keep even where the boundary runs straight through.
 * Throws on a pinch vertex (two cells of the set touching only at a corner).
 */
export function traceRings(
  g: CellGrid,
  cells: readonly number[],
  inSet: (c: number) => boolean,
  keepVertex: (i: number, j: number) => boolean,
): LatticeRing[] {
  const vx = g.nx + 1;
  const next = new Map<number, number>();
  const add = (i0: number, j0: number, i1: number, j1: number) => {
    const from = j0 * vx + i0;
    if (next.has(from)) throw new Error(`pinch vertex at lattice (${i0}, ${j0})`);
    next.set(from, j1 * vx + i1);
  };
  const has = (i: number, j: number) => i >= 0 && j >= 0 && i < g.nx && j < g.ny && inSet(j * g.nx + i);
  for (const c of cells) {
    const i = c % g.nx;
    const j = (c - i) / g.nx;
    // Counter-clockwise around the cell, interior on the left.
    if (!has(i, j - 1)) add(i, j, i + 1, j);
    if (!has(i + 1, j)) add(i + 1, j, i + 1, j + 1);
    if (!has(i, j + 1)) add(i + 1, j + 1, i, j + 1);
    if (!has(i - 1, j)) add(i, j + 1, i, j);
  }
  const rings: LatticeRing[] = [];
  const starts = [...next.keys()].sort((a, b) => a - b);
  const used = new Set<number>();
  for (const start of starts) {
    if (used.has(start)) continue;
    const raw: number[] = [];
    let v = start;
    do {
      used.add(v);
      raw.push(v);
      const w = next.get(v);
      if (w === undefined) throw new Error('open boundary chain');
      v = w;
    } while (v !== start);
    const pts = raw.map((k): [number, number] => [k % vx, Math.floor(k / vx)]);
    const ring: LatticeRing = [];
    for (let k = 0; k < pts.length; k++) {
      const prev = pts[(k + pts.length - 1) % pts.length];
      const cur = pts[k];
      const nxt = pts[(k + 1) % pts.length];
      const straight = (cur[0] - prev[0]) * (nxt[1] - cur[1]) - (cur[1] - prev[1]) * (nxt[0] - cur[0]) === 0;
      if (!straight || keepVertex(cur[0], cur[1])) ring.push(cur);
    }
    ring.push(ring[0]);
    rings.push(ring);
  }
  return rings;
}

/** Twice the signed area of a closed ring (positive when counter-clockwise). */
export function signedArea2(ring: readonly (readonly number[])[]): number {
  let s = 0;
  const [ox, oy] = ring[0];
  for (let k = 0; k + 1 < ring.length; k++) {
    s += (ring[k][0] - ox) * (ring[k + 1][1] - oy) - (ring[k + 1][0] - ox) * (ring[k][1] - oy);
  }
  return s;
}

/** Assembles rings into a Polygon (one shell) or a MultiPolygon, mapping lattice vertices to lon/lat. */
export function ringsToGeometry(
  rings: LatticeRing[],
  toLonLat: (i: number, j: number) => [number, number],
): Polygon | MultiPolygon {
  const shells = rings.filter((r) => signedArea2(r) > 0);
  const holes = rings.filter((r) => signedArea2(r) < 0);
  const groups = shells.map((s) => [s]);
  for (const h of holes) {
    // A hole belongs to the shell that contains a point just inside the hole's first edge.
    const [x0, y0] = h[0];
    const [x1, y1] = h[1];
    const px = (x0 + x1) / 2 + (y1 - y0) * 0.01;
    const py = (y0 + y1) / 2 - (x1 - x0) * 0.01;
    const owner = groups.find((grp) => pointInRing(px, py, grp[0])) ?? groups[0];
    owner.push(h);
  }
  const convert = (r: LatticeRing): Position[] => r.map(([i, j]) => toLonLat(i, j));
  if (groups.length === 1) return { type: 'Polygon', coordinates: groups[0].map(convert) };
  return { type: 'MultiPolygon', coordinates: groups.map((grp) => grp.map(convert)) };
}
