// The ground the city stands on: lattice, district outline, river, parks with ponds, housing density.
import { type Lattice, createLattice } from './lattice.js';
import { type Shape, randomShape, rasteriseDistrict } from './district-shape.js';
import { assignDensity } from './density.js';
import { PARK_NAMES } from './names.js';
import type { Rng } from './rng.js';
import type { WaterRecord } from './types.js';
import { districtEastExtent, markRiver, placeParks, randomRiver, riverPolygon } from './water.js';

export interface TerrainConfig {
  /** Outline semi-axes in metres (east, north). */
  a: number;
  b: number;
  cellSize: number;
  households: number;
  parks: number;
  parkRadius: [number, number];
  /** 1 for the full district; smaller sizes shrink the river's meanders with it. */
  scale: number;
}

export interface Terrain {
  lattice: Lattice;
  shape: Shape;
  water: WaterRecord[];
}

export function buildTerrain(cfg: TerrainConfig, rng: Rng): Terrain {
  const shape = randomShape(rng.fork('shape'), cfg.a, cfg.b);
  const margin = 1.3;
  const angle = ((8 + rng.fork('angle').next() * 10) * Math.PI) / 180;
  const lattice = createLattice(
    { minE: -cfg.a * margin, maxE: cfg.a * margin, minN: -cfg.b * margin, maxN: cfg.b * margin },
    cfg.cellSize,
    angle,
  );
  rasteriseDistrict(lattice, shape);
  const river = randomRiver(rng.fork('river'), cfg.b, cfg.scale);
  markRiver(lattice, river);
  const [e0, e1] = districtEastExtent(lattice);
  const water: WaterRecord[] = [{ id: 1, name: '苏州河', geometry: riverPolygon(lattice, river, e0 - 60, e1 + 60) }];
  const { ponds } = placeParks(lattice, rng.fork('parks'), cfg.parks, cfg.parkRadius, PARK_NAMES);
  ponds.forEach((p, k) => water.push({ ...p, id: k + 2 }));
  assignDensity(lattice, shape, rng.fork('density'), cfg.households);
  return { lattice, shape, water };
}
