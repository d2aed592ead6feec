// Hierarchical partition of cells: recursive coordinate bisection by weight quantile (cuts run
// along lattice lines, so boundaries look like roads), then repair so every part is one
// edge-connected piece without corner-only contacts.
import type { Rng } from './rng.js';
import { type CellGrid, components, findPinches } from './topology.js';

/**
 * Splits `cells` into targets.length groups whose weights are proportional to `targets`.
 * Each cut takes a prefix in (axis, cross-axis) order, so a boundary is a lattice line with at most one step.
 */
export function bisect(
  g: CellGrid,
  cells: readonly number[],
  targets: readonly number[],
  weight: ArrayLike<number>,
  rng: Rng,
): number[][] {
  if (targets.length === 1) return [cells.slice()];
  if (cells.length < targets.length) throw new Error(`cannot split ${cells.length} cells into ${targets.length} parts`);
  let minI = Infinity;
  let maxI = -Infinity;
  let minJ = Infinity;
  let maxJ = -Infinity;
  for (const c of cells) {
    const i = c % g.nx;
    const j = (c - i) / g.nx;
    minI = Math.min(minI, i);
    maxI = Math.max(maxI, i);
    minJ = Math.min(minJ, j);
    maxJ = Math.max(maxJ, j);
  }
  const alongI = maxI - minI >= maxJ - minJ;
  const crossSign = rng.chance(0.5) ? 1 : -1;
  const key = (c: number) => {
    const i = c % g.nx;
    const j = (c - i) / g.nx;
    return alongI ? i * 100000 + crossSign * j : j * 100000 + crossSign * i;
  };
  const sorted = cells.slice().sort((a, b) => key(a) - key(b));
  const k1 = Math.floor(targets.length / 2);
  const left = targets.slice(0, k1);
  const right = targets.slice(k1);
  const frac = sum(left) / sum(targets);
  let total = 0;
  for (const c of sorted) total += weight[c];
  // Cut where the cumulative weight crosses the target; with no weight at all, cut by cell count.
  let cut = Math.round(sorted.length * frac);
  if (total > 0) {
    let acc = 0;
    const goal = total * frac;
    for (let k = 0; k < sorted.length; k++) {
      const next = acc + weight[sorted[k]];
      if (next >= goal) {
        cut = next - goal < goal - acc ? k + 1 : k;
        break;
      }
      acc = next;
    }
  }
  cut = Math.min(sorted.length - right.length, Math.max(left.length, cut));
  return [...bisect(g, sorted.slice(0, cut), left, weight, rng), ...bisect(g, sorted.slice(cut), right, weight, rng)];
}

/**
 * Makes every part of one parent a single edge-connected piece with no pinch vertex.
 * `label` holds part labels for the whole lattice (-1 outside the district); `parentOf` the parent label of each cell.
 * Cells move only between parts of the same parent. Returns the parts' cells (empty parts dropped).
 */
export function repairParts(
  g: CellGrid,
  label: Int32Array,
  parentOf: Int32Array,
  parentCells: readonly number[],
  rng: Rng,
): Map<number, number[]> {
  const parent = parentOf[parentCells[0]];
  const inParent = (c: number) => c >= 0 && parentOf[c] === parent;
  for (let round = 0; round < 200; round++) {
    let changed = false;
    // 1. Connectivity: every piece but the largest joins the neighbouring part it shares most edges with.
    for (const cells of groupByLabel(label, parentCells).values()) {
      const comps = components(g, label, cells);
      for (const comp of comps.slice(1)) {
        const shared = new Map<number, number>();
        for (const c of comp) {
          forEachNeighbour(g, c, (d) => {
            if (inParent(d) && label[d] !== label[c]) shared.set(label[d], (shared.get(label[d]) ?? 0) + 1);
          });
        }
        let best = -1;
        let bestCount = 0;
        for (const [lab, n] of shared)
          if (n > bestCount || (n === bestCount && lab < best)) [best, bestCount] = [lab, n];
        if (best < 0) continue;
        for (const c of comp) label[c] = best;
        changed = true;
      }
    }
    // 2. Pinches: give one of the two side cells (within the parent) to the pinched part.
    for (const p of findPinches(g, label, parentCells)) {
      const lab = label[p.cellA];
      const options = [p.sideA, p.sideB].filter((c) => inParent(c) && label[c] !== lab);
      if (options.length === 0) continue; // the parent itself is pinched here: not ours to fix
      const take = options.length === 1 || round < 20 ? options[0] : rng.pick(options);
      label[take] = lab;
      changed = true;
    }
    if (!changed) break;
  }
  return groupByLabel(label, parentCells);
}

/** Whether each part is one piece and pinch-free (used to verify repairParts). */
export function partsAreClean(g: CellGrid, label: Int32Array, parts: Map<number, number[]>): boolean {
  for (const cells of parts.values()) {
    if (components(g, label, cells).length !== 1) return false;
    if (findPinches(g, label, cells).length > 0) return false;
  }
  return true;
}

export function groupByLabel(label: Int32Array, cells: readonly number[]): Map<number, number[]> {
  const out = new Map<number, number[]>();
  for (const c of cells) {
    const list = out.get(label[c]);
    if (list) list.push(c);
    else out.set(label[c], [c]);
  }
  return out;
}

function forEachNeighbour(g: CellGrid, c: number, fn: (d: number) => void): void {
  const i = c % g.nx;
  const j = (c - i) / g.nx;
  if (i > 0) fn(c - 1);
  if (i < g.nx - 1) fn(c + 1);
  if (j > 0) fn(c - g.nx);
  if (j < g.ny - 1) fn(c + g.nx);
}

function sum(xs: readonly number[]): number {
  let s = 0;
  for (const x of xs) s += x;
  return s;
}
