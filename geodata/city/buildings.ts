// Residential buildings: each grid's households (300–500) split into buildings of 50–80
// households, placed inside the grid's housing cells and grouped into named estates (小区).
import { type Lattice, latticeToLonLat } from './lattice.js';
import type { Hierarchy } from './hierarchy.js';
import { UniqueNames, estateName } from './names.js';
import type { Rng } from './rng.js';
import type { AreaRecord, BuildingRecord } from './types.js';

export const GRID_HOUSEHOLDS = { min: 300, max: 500 } as const;
export const BUILDING_HOUSEHOLDS = { min: 50, max: 80 } as const;

/** Households of a grid: its housing weight with a little noise, kept strictly within 300–500. */
export function gridHouseholds(weight: number, rng: Rng): number {
  const h = Math.round(weight * rng.range(0.96, 1.04));
  return Math.min(GRID_HOUSEHOLDS.max - 5, Math.max(GRID_HOUSEHOLDS.min + 5, h));
}

/** Splits `total` households into buildings of 50–80 each (total must be ≥ 50). */
export function splitIntoBuildings(total: number, rng: Rng): number[] {
  const { min, max } = BUILDING_HOUSEHOLDS;
  let n = Math.max(1, Math.round(total / 65));
  while (total / n > max) n++;
  while (n > 1 && total / n < min) n--;
  const sizes = Array.from({ length: n }, (_, k) => Math.floor(total / n) + (k < total % n ? 1 : 0));
  // Jitter sizes pairwise, keeping the sum and the bounds.
  for (let t = 0; t < n * 2; t++) {
    const a = rng.int(0, n - 1);
    const b = rng.int(0, n - 1);
    const d = rng.int(1, 8);
    if (a !== b && sizes[a] + d <= max && sizes[b] - d >= min) {
      sizes[a] += d;
      sizes[b] -= d;
    }
  }
  return sizes;
}

export interface BuildingPlan {
  buildings: BuildingRecord[];
  /** Lattice cell of each building (same order), for overlays and special grids. */
  cellOf: number[];
}

export function placeBuildings(l: Lattice, h: Hierarchy, grids: AreaRecord[], rng: Rng): BuildingPlan {
  const estates = new UniqueNames(rng.fork('estates'));
  const buildings: BuildingRecord[] = [];
  const cellOf: number[] = [];
  h.grids.forEach((part, g) => {
    const households = gridHouseholds(part.weight, rng);
    const sizes = splitIntoBuildings(households, rng);
    const housing = part.cells.filter((c) => l.weight[c] > 0);
    const cells = housing.length > 0 ? housing : part.cells.filter((c) => !l.water[c]);
    const weights = cells.map((c) => l.weight[c] || 1);
    const estateCount = Math.min(sizes.length, rng.int(1, 3));
    const estateNames = Array.from({ length: estateCount }, () => estates.draw(estateName));
    const numberInEstate = new Array<number>(estateCount).fill(0);
    sizes.forEach((hh, k) => {
      const cell = cells[rng.weighted(weights)];
      const i = cell % l.nx;
      const j = (cell - i) / l.nx;
      const [lon, lat] = latticeToLonLat(l, i + rng.range(0.15, 0.85), j + rng.range(0.15, 0.85));
      const e = Math.floor((k * estateCount) / sizes.length);
      numberInEstate[e] += 1;
      const perFloor = rng.int(2, 6);
      buildings.push({
        id: buildings.length + 1,
        gridId: grids[g].id,
        lon,
        lat,
        households: hh,
        population: 0,
        floors: Math.min(30, Math.max(6, Math.round(hh / perFloor))),
        address: `${estateNames[e]}${numberInEstate[e]}号`,
      });
      cellOf.push(cell);
    });
  });
  return { buildings, cellOf };
}
