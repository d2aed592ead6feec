// Streets → communities → grids as cell sets: each level splits its parent by household
// weight, then repairs its parts (one piece each, no corner-only contacts).
import type { Lattice } from './lattice.js';
import { bisect, partsAreClean, repairParts } from './partition.js';
import type { Rng } from './rng.js';

export interface Part {
  cells: number[];
  /** Index of the parent part in the level above (-1 for streets). */
  parent: number;
  /** Household weight of the cells. */
  weight: number;
}

export interface Hierarchy {
  streets: Part[];
  communities: Part[];
  grids: Part[];
  /** Per cell: index of its street / community / grid, -1 outside the district. */
  streetOf: Int32Array;
  communityOf: Int32Array;
  gridOf: Int32Array;
}

export interface HierarchyConfig {
  streets: number;
  householdsPerCommunity: number;
  householdsPerGrid: number;
}

export function buildHierarchy(l: Lattice, cfg: HierarchyConfig, rng: Rng, districtCells: number[]): Hierarchy {
  const n = l.nx * l.ny;
  const top = new Int32Array(n).fill(-1);
  for (const c of districtCells) top[c] = 0;
  const district: Part = { cells: districtCells, parent: -1, weight: weightOf(l, districtCells) };

  const streetTargets = Array.from({ length: cfg.streets }, () => rng.range(0.6, 1.5));
  const streetOf = new Int32Array(n).fill(-1);
  const streets = splitLevel(l, [district], top, streetOf, () => streetTargets, rng.fork('streets'));

  const communityOf = new Int32Array(n).fill(-1);
  const communities = splitLevel(
    l,
    streets,
    streetOf,
    communityOf,
    (p) => {
      const k = Math.max(1, Math.round(p.weight / cfg.householdsPerCommunity));
      return Array.from({ length: k }, () => rng.range(0.85, 1.15));
    },
    rng.fork('communities'),
  );

  const gridOf = new Int32Array(n).fill(-1);
  const grids = splitLevel(
    l,
    communities,
    communityOf,
    gridOf,
    (p) => {
      const k = Math.max(1, Math.round(p.weight / cfg.householdsPerGrid));
      return Array.from({ length: k }, () => 1);
    },
    rng.fork('grids'),
  );

  return { streets, communities, grids, streetOf, communityOf, gridOf };
}

/** Splits every parent into parts, writes part indices into `label` and returns the parts in parent order. */
function splitLevel(
  l: Lattice,
  parents: Part[],
  parentOf: Int32Array,
  label: Int32Array,
  targetsOf: (p: Part) => number[],
  rng: Rng,
): Part[] {
  const parts: Part[] = [];
  parents.forEach((parent, pi) => {
    const groups = bisect(l, parent.cells, targetsOf(parent), l.weight, rng);
    const base = parts.length;
    groups.forEach((cells, k) => {
      for (const c of cells) label[c] = base + k;
    });
    const repaired = repairParts(l, label, parentOf, parent.cells, rng);
    if (!partsAreClean(l, label, repaired)) throw new Error(`could not repair the parts of parent ${pi}`);
    // Renumber densely in order of first appearance in the bisection (empty parts dropped).
    const order = [...repaired.keys()].sort((a, b) => a - b);
    order.forEach((oldLabel, k) => {
      const cells = repaired.get(oldLabel)!.sort((a, b) => a - b);
      for (const c of cells) label[c] = base + k;
      parts.push({ cells, parent: pi, weight: weightOf(l, cells) });
    });
  });
  return parts;
}

function weightOf(l: Lattice, cells: readonly number[]): number {
  let w = 0;
  for (const c of cells) w += l.weight[c];
  return w;
}
