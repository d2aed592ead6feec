// Deterministic synthetic demo district near Shanghai Jing'an, from (size, seed) alone.
//
// Algorithm: a rotated lattice of 50 m cells; the district is an irregular N–S blob of cells
// (one piece, no holes). A winding river (苏州河) and park ponds take cells out of housing, and a
// smooth density field (denser in the centre) gives each cell a household weight. Streets,
// communities and grids are cut hierarchically by recursive coordinate bisection on that weight
// (cuts follow lattice lines, with at most one step), each level repaired so every part is one
// edge-connected piece without corner-only contacts. Polygons are traced from the cell sets,
// so all areas share exact vertex coordinates and tile without gaps or overlaps. Each grid gets
// 300–500 households in 50–80-household buildings; residents are drawn by household type.
// Roads run along area boundaries, special grids are campus rectangles inside one community,
// and resources and grid workers are placed per community and per grid.
import { buildAreas, pad3 } from './areas.js';
import { placeBuildings } from './buildings.js';
import { fillAreaCounts } from './counts.js';
import { type Hierarchy, buildHierarchy } from './hierarchy.js';
import { type Lattice, districtCells } from './lattice.js';
import { generateResidents } from './population.js';
import { placeResources } from './resources.js';
import { buildRoads } from './roads.js';
import { Rng } from './rng.js';
import { placeSpecialGrids } from './special-grids.js';
import { type TerrainConfig, buildTerrain } from './terrain.js';
import type { AreaRecord, City, CityMeta, CityOptions, CitySize, Progress } from './types.js';
import { assignWorkers } from './workers.js';

export type * from './types.js';
export { RESIDENT_FLAGS, RESOURCE_KINDS } from './types.js';

interface SizeConfig extends TerrainConfig {
  streets: number;
}

export const SIZES: Record<CitySize, SizeConfig> = {
  full: {
    a: 2800,
    b: 3900,
    cellSize: 50,
    households: 400_000,
    parks: 8,
    parkRadius: [2.5, 4.5],
    scale: 1,
    streets: 14,
  },
  small: {
    a: 450,
    b: 620,
    cellSize: 50,
    households: 10_000,
    parks: 1,
    parkRadius: [1.5, 2.5],
    scale: 0.16,
    streets: 2,
  },
};

const STEPS = [
  'terrain',
  'partition',
  'outlines',
  'buildings',
  'residents',
  'special grids',
  'roads',
  'resources',
  'workers',
];

export function generateCity(options: CityOptions, onProgress?: Progress): City {
  return generateCityWithLattice(options, onProgress).city;
}

/** The city plus the lattice and cell partition it was cut from (for tests and tools). */
export function generateCityWithLattice(
  options: CityOptions,
  onProgress?: Progress,
): { city: City; lattice: Lattice; hierarchy: Hierarchy } {
  const cfg = SIZES[options.size];
  const rng = new Rng(options.seed);
  let step = 0;
  const progress = (name: string) => onProgress?.(name, step++, STEPS.length);

  progress('terrain');
  const { lattice, water } = buildTerrain(cfg, rng.fork('terrain'));
  const cells = districtCells(lattice);

  progress('partition');
  const h = buildHierarchy(
    lattice,
    { streets: cfg.streets, householdsPerCommunity: 1480, householdsPerGrid: 400 },
    rng.fork('hierarchy'),
    cells,
  );

  progress('outlines');
  const { district, streets, communities, grids } = buildAreas(lattice, h, cells, rng.fork('names'));

  progress('buildings');
  const { buildings, cellOf } = placeBuildings(lattice, h, grids, rng.fork('buildings'));

  progress('residents');
  const residents = generateResidents(buildings, rng.fork('residents'));

  progress('special grids');
  const plans = placeSpecialGrids(
    lattice,
    h.communityOf,
    h.communities.map((c) => c.cells),
    h.grids.length,
    rng.fork('special'),
  );
  plans.sort((x, y) => x.community - y.community);
  let nextId = grids[grids.length - 1].id + 1;
  const seqInCommunity = new Map<number, number>();
  const specialBuildings = new Map<number, number[]>();
  const buildingsOfCell = new Map<number, number[]>();
  cellOf.forEach((c, k) => {
    const list = buildingsOfCell.get(c);
    if (list) list.push(buildings[k].id);
    else buildingsOfCell.set(c, [buildings[k].id]);
  });
  const specials: AreaRecord[] = plans.map((p) => {
    const community = communities[p.community];
    const seq = (seqInCommunity.get(p.community) ?? 900) + 1;
    seqInCommunity.set(p.community, seq);
    const id = nextId++;
    specialBuildings.set(
      id,
      p.cells.flatMap((c) => buildingsOfCell.get(c) ?? []),
    );
    return {
      id,
      code: `${community.code}${pad3(seq)}`,
      name: p.name,
      level: 'special',
      parentId: community.id,
      specialClass: p.cls,
      geometry: p.geometry,
      households: 0,
      population: 0,
      elders60: 0,
      elders80: 0,
    };
  });
  const areas = [district, ...streets, ...communities, ...grids, ...specials];
  fillAreaCounts(areas, buildings, residents, specialBuildings);

  progress('roads');
  const roads = buildRoads(lattice, h, rng.fork('roads'));

  progress('resources');
  const resources = placeResources(lattice, h, { streets, communities, grids }, buildings, rng.fork('resources'));

  progress('workers');
  const workers = assignWorkers(lattice, h, grids, rng.fork('workers'));
  onProgress?.('done', STEPS.length, STEPS.length);

  const city: City = {
    meta: makeMeta(options, district),
    areas,
    roads,
    water,
    buildings,
    residents,
    resources,
    workers,
  };
  return { city, lattice, hierarchy: h };
}

function makeMeta(options: CityOptions, district: AreaRecord): CityMeta {
  let minLon = Infinity;
  let minLat = Infinity;
  let maxLon = -Infinity;
  let maxLat = -Infinity;
  const rings =
    district.geometry.type === 'Polygon' ? district.geometry.coordinates : district.geometry.coordinates.flat();
  for (const ring of rings) {
    for (const [lon, lat] of ring) {
      minLon = Math.min(minLon, lon);
      maxLon = Math.max(maxLon, lon);
      minLat = Math.min(minLat, lat);
      maxLat = Math.max(maxLat, lat);
    }
  }
  const r7 = (x: number) => Math.round(x * 1e7) / 1e7;
  return {
    name: '静安示范区（合成数据）',
    nameEn: "Jing'an demo district (synthetic)",
    size: options.size,
    seed: options.seed,
    countyCode: '310190',
    bbox: [minLon, minLat, maxLon, maxLat],
    center: [r7((minLon + maxLon) / 2), r7((minLat + maxLat) / 2)],
  };
}
