// Area counts (households, population, 60+, 80+) summed from the resident columns:
// buildings → grids → communities → streets → district; special grids from the buildings
// they cover. Parents equal the sums of their children by construction.
import type { AreaRecord, BuildingRecord, ResidentColumns } from './types.js';

export interface Counts {
  households: number;
  population: number;
  elders60: number;
  elders80: number;
}

export const zeroCounts = (): Counts => ({ households: 0, population: 0, elders60: 0, elders80: 0 });

export function addCounts(into: Counts, from: Counts): void {
  into.households += from.households;
  into.population += from.population;
  into.elders60 += from.elders60;
  into.elders80 += from.elders80;
}

/** Counts per building id (index = id), from residents (households = distinct household numbers). */
export function buildingCounts(r: ResidentColumns, buildingCount: number): Counts[] {
  const out = Array.from({ length: buildingCount + 1 }, zeroCounts);
  let lastBuilding = -1;
  let lastHousehold = -1;
  for (let k = 0; k < r.count; k++) {
    const c = out[r.buildingId[k]];
    if (r.buildingId[k] !== lastBuilding || r.household[k] !== lastHousehold) {
      c.households++;
      lastBuilding = r.buildingId[k];
      lastHousehold = r.household[k];
    }
    c.population++;
    if (r.age[k] >= 60) c.elders60++;
    if (r.age[k] >= 80) c.elders80++;
  }
  return out;
}

/**
 * Fills the counts of every area. `specialBuildings` maps a special grid's id to the ids of the
 * buildings inside it. Areas must be ordered parents before children (ids ascending).
 */
export function fillAreaCounts(
  areas: AreaRecord[],
  buildings: BuildingRecord[],
  r: ResidentColumns,
  specialBuildings: Map<number, number[]>,
): void {
  const perBuilding = buildingCounts(r, buildings.length);
  const byId = new Map(areas.map((a) => [a.id, a]));
  for (const a of areas) Object.assign(a, zeroCounts());
  for (const b of buildings) addCounts(byId.get(b.gridId)!, perBuilding[b.id]);
  // Children have larger ids than parents: walk backwards so each child is complete before it is added up.
  const ordered = areas.filter((a) => a.level !== 'special').sort((x, y) => y.id - x.id);
  for (const a of ordered) {
    if (a.parentId !== null) addCounts(byId.get(a.parentId)!, a);
  }
  for (const [id, ids] of specialBuildings) {
    const a = byId.get(id)!;
    for (const b of ids) addCounts(a, perBuilding[b]);
  }
}
