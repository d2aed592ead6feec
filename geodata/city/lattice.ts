// The cell lattice: a rotated square grid of ~50 m cells near Jing'an and its lon/lat frame.
// Every area is a set of cells, so all polygons share the same vertex coordinates.
import { RAD, metresPerDegree } from '../../core/geo/index.js';

/** Cells are indexed c = j * nx + i; vertex (i, j) is the south-west corner of cell (i, j). */
export interface Lattice {
  nx: number;
  ny: number;
  /** Cell side in metres. */
  cellSize: number;
  /** Lattice rotation against east, radians (Shanghai's street grid is not north-up). */
  angle: number;
  /** Local metres of vertex (0, 0) in the rotated frame. */
  u0: number;
  v0: number;
  lon0: number;
  lat0: number;
  /** 1 where the cell lies in the district. */
  inside: Uint8Array;
  /** 1 under the river or a pond. */
  water: Uint8Array;
  /** 1 in a park (no housing). */
  park: Uint8Array;
  /** Relative housing density (0 for water and parks), scaled so the district sums to its households. */
  weight: Float64Array;
}

export const CENTER_LON = 121.455;
export const CENTER_LAT = 31.26;

/**
 * The city's frame is frozen: local metres map to degrees with the equator's WGS-84 metres per degree (longitude
 * scaled by the cosine of the centre's latitude), as when the demo city was first generated, so a seed gives the
 * same city everywhere it has been loaded. Its cells are therefore ~0.3 % taller than `cellSize` on the ground;
 * distances measured on the city go through core/geo like all others.
 */
const EQUATOR = metresPerDegree(0);
const frameScale = (lat0: number) => ({ kx: EQUATOR.kx * Math.cos(lat0 * RAD), ky: EQUATOR.ky });

/** Round to 1e-7 degrees (~1 cm): the same vertex always gives the same numbers. */
export const round7 = (x: number) => Math.round(x * 1e7) / 1e7;

export function createLattice(
  bounds: { minE: number; maxE: number; minN: number; maxN: number },
  cellSize: number,
  angle: number,
): Lattice {
  // Bounding box of the (E, N) rectangle in the rotated (u, v) frame, plus a margin of 2 cells.
  const cos = Math.cos(angle);
  const sin = Math.sin(angle);
  let minU = Infinity;
  let maxU = -Infinity;
  let minV = Infinity;
  let maxV = -Infinity;
  for (const e of [bounds.minE, bounds.maxE]) {
    for (const n of [bounds.minN, bounds.maxN]) {
      const u = e * cos + n * sin;
      const v = -e * sin + n * cos;
      minU = Math.min(minU, u);
      maxU = Math.max(maxU, u);
      minV = Math.min(minV, v);
      maxV = Math.max(maxV, v);
    }
  }
  const u0 = Math.floor(minU / cellSize - 2) * cellSize;
  const v0 = Math.floor(minV / cellSize - 2) * cellSize;
  const nx = Math.ceil((maxU - u0) / cellSize) + 2;
  const ny = Math.ceil((maxV - v0) / cellSize) + 2;
  const n = nx * ny;
  return {
    nx,
    ny,
    cellSize,
    angle,
    u0,
    v0,
    lon0: CENTER_LON,
    lat0: CENTER_LAT,
    inside: new Uint8Array(n),
    water: new Uint8Array(n),
    park: new Uint8Array(n),
    weight: new Float64Array(n),
  };
}

/** Local east/north metres (from the district centre) of lattice point (x, y), in cell units. */
export function latticeToEN(l: Lattice, x: number, y: number): [number, number] {
  const u = l.u0 + x * l.cellSize;
  const v = l.v0 + y * l.cellSize;
  const cos = Math.cos(l.angle);
  const sin = Math.sin(l.angle);
  return [u * cos - v * sin, u * sin + v * cos];
}

export function enToLattice(l: Lattice, e: number, n: number): [number, number] {
  const cos = Math.cos(l.angle);
  const sin = Math.sin(l.angle);
  const u = e * cos + n * sin;
  const v = -e * sin + n * cos;
  return [(u - l.u0) / l.cellSize, (v - l.v0) / l.cellSize];
}

export function enToLonLat(l: Lattice, e: number, n: number): [number, number] {
  const { kx, ky } = frameScale(l.lat0);
  return [round7(l.lon0 + e / kx), round7(l.lat0 + n / ky)];
}

export function lonLatToEN(l: Lattice, lon: number, lat: number): [number, number] {
  const { kx, ky } = frameScale(l.lat0);
  return [(lon - l.lon0) * kx, (lat - l.lat0) * ky];
}

/** lon/lat of lattice point (x, y); integer (x, y) are cell corners shared by all polygons. */
export function latticeToLonLat(l: Lattice, x: number, y: number): [number, number] {
  const [e, n] = latticeToEN(l, x, y);
  return enToLonLat(l, e, n);
}

export function lonLatToLattice(l: Lattice, lon: number, lat: number): [number, number] {
  const [e, n] = lonLatToEN(l, lon, lat);
  return enToLattice(l, e, n);
}

/** Calls fn for each edge-neighbour of cell c that lies on the lattice. */
export function forEachNeighbour(l: Lattice, c: number, fn: (d: number) => void): void {
  const i = c % l.nx;
  const j = (c - i) / l.nx;
  if (i > 0) fn(c - 1);
  if (i < l.nx - 1) fn(c + 1);
  if (j > 0) fn(c - l.nx);
  if (j < l.ny - 1) fn(c + l.nx);
}

/** Indices of the cells inside the district, in lattice order. */
export function districtCells(l: Lattice): number[] {
  const out: number[] = [];
  for (let c = 0; c < l.inside.length; c++) if (l.inside[c]) out.push(c);
  return out;
}
