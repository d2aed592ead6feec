// Housing density per cell: dense in the centre, patchy (smooth value noise), low in
// commercial blocks, zero under water and in parks; scaled to the district's households.
import { type Lattice, latticeToEN } from './lattice.js';
import type { Rng } from './rng.js';
import { type Shape, shapeRadius } from './district-shape.js';

/** Smooth noise in [0, 1): random values on a coarse lattice, bilinearly interpolated. */
export function valueNoise(rng: Rng, nx: number, ny: number, step: number): (x: number, y: number) => number {
  const gx = Math.ceil(nx / step) + 2;
  const gy = Math.ceil(ny / step) + 2;
  const v = new Float64Array(gx * gy);
  for (let k = 0; k < v.length; k++) v[k] = rng.next();
  return (x, y) => {
    const fx = x / step;
    const fy = y / step;
    const i = Math.floor(fx);
    const j = Math.floor(fy);
    const tx = fx - i;
    const ty = fy - j;
    const sx = tx * tx * (3 - 2 * tx);
    const sy = ty * ty * (3 - 2 * ty);
    const at = (a: number, b: number) => v[Math.min(gy - 1, Math.max(0, b)) * gx + Math.min(gx - 1, Math.max(0, a))];
    const top = at(i, j + 1) * (1 - sx) + at(i + 1, j + 1) * sx;
    const bottom = at(i, j) * (1 - sx) + at(i + 1, j) * sx;
    return bottom * (1 - sy) + top * sy;
  };
}

/** Fills l.weight so the district's cells sum to `households`. */
export function assignDensity(l: Lattice, shape: Shape, rng: Rng, households: number): void {
  const patch = valueNoise(rng, l.nx, l.ny, 5);
  const commercial = valueNoise(rng, l.nx, l.ny, 3);
  let total = 0;
  for (let c = 0; c < l.inside.length; c++) {
    if (!l.inside[c] || l.water[c] || l.park[c]) {
      l.weight[c] = 0;
      continue;
    }
    const i = c % l.nx;
    const j = (c - i) / l.nx;
    const [e, n] = latticeToEN(l, i + 0.5, j + 0.5);
    const r = shapeRadius(shape, e, n);
    let w = (0.55 + Math.exp(-(r * r) / 0.3)) * (0.5 + patch(i, j));
    if (commercial(i, j) < 0.15) w *= 0.15;
    l.weight[c] = w;
    total += w;
  }
  const k = households / total;
  for (let c = 0; c < l.weight.length; c++) l.weight[c] *= k;
}
