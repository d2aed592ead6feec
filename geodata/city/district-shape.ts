// The district outline: an irregular, N–S elongated blob of cells, cleaned so it is one
// hole-free piece with no corner-only contacts (so its polygon is a single valid ring).
import { type Lattice, latticeToEN } from './lattice.js';
import type { Rng } from './rng.js';
import { components, findPinches } from './topology.js';

export interface Shape {
  /** Semi-axes in metres (east, north). */
  a: number;
  b: number;
  /** Harmonic wobble of the radius: amplitude and phase per order 1.. */
  harmonics: { amp: number; phase: number }[];
}

export function randomShape(rng: Rng, a: number, b: number): Shape {
  const amps = [0.04, 0.08, 0.06, 0.04, 0.025, 0.015];
  return { a, b, harmonics: amps.map((amp) => ({ amp: amp * rng.range(0.6, 1.2), phase: rng.range(0, 2 * Math.PI) })) };
}

/** Normalised radius of (e, n): < 1 inside the outline. */
export function shapeRadius(shape: Shape, e: number, n: number): number {
  const x = e / shape.a;
  const y = n / shape.b;
  const phi = Math.atan2(y, x);
  let edge = 1;
  shape.harmonics.forEach((h, k) => (edge += h.amp * Math.cos((k + 1) * phi + h.phase)));
  return Math.hypot(x, y) / edge;
}

/** Marks l.inside from the shape and cleans the mask; returns the number of cells inside. */
export function rasteriseDistrict(l: Lattice, shape: Shape): number {
  for (let j = 0; j < l.ny; j++) {
    for (let i = 0; i < l.nx; i++) {
      const [e, n] = latticeToEN(l, i + 0.5, j + 0.5);
      l.inside[j * l.nx + i] = shapeRadius(shape, e, n) < 1 ? 1 : 0;
    }
  }
  for (let round = 0; round < 50; round++) {
    if (!cleanOnce(l)) break;
  }
  let count = 0;
  for (let c = 0; c < l.inside.length; c++) count += l.inside[c];
  return count;
}

/** One pass of: keep the largest piece, fill holes, fill one side of every pinch. Returns whether anything changed. */
function cleanOnce(l: Lattice): boolean {
  let changed = false;
  const label = new Int32Array(l.inside.length);
  const insideCells: number[] = [];
  for (let c = 0; c < label.length; c++) {
    label[c] = l.inside[c] ? 0 : -1;
    if (l.inside[c]) insideCells.push(c);
  }
  const comps = components(l, label, insideCells);
  for (const comp of comps.slice(1)) {
    for (const c of comp) l.inside[c] = 0;
    changed = true;
  }
  // Holes: outside cells not reachable from the lattice border.
  const reached = new Uint8Array(l.inside.length);
  const queue: number[] = [];
  for (let c = 0; c < l.inside.length; c++) {
    const i = c % l.nx;
    const j = (c - i) / l.nx;
    if ((i === 0 || j === 0 || i === l.nx - 1 || j === l.ny - 1) && !l.inside[c]) {
      reached[c] = 1;
      queue.push(c);
    }
  }
  for (let k = 0; k < queue.length; k++) {
    const c = queue[k];
    const i = c % l.nx;
    const j = (c - i) / l.nx;
    for (const d of [
      i > 0 ? c - 1 : -1,
      i < l.nx - 1 ? c + 1 : -1,
      j > 0 ? c - l.nx : -1,
      j < l.ny - 1 ? c + l.nx : -1,
    ]) {
      if (d >= 0 && !reached[d] && !l.inside[d]) {
        reached[d] = 1;
        queue.push(d);
      }
    }
  }
  for (let c = 0; c < l.inside.length; c++) {
    if (!l.inside[c] && !reached[c]) {
      l.inside[c] = 1;
      changed = true;
    }
  }
  const cells: number[] = [];
  for (let c = 0; c < l.inside.length; c++) {
    label[c] = l.inside[c] ? 0 : -1;
    if (l.inside[c]) cells.push(c);
  }
  for (const p of findPinches(l, label, cells)) {
    const fill = l.inside[p.sideA] ? p.sideB : p.sideA;
    if (fill >= 0 && !l.inside[fill]) {
      l.inside[fill] = 1;
      changed = true;
    }
  }
  return changed;
}
