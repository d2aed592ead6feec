// Roads along lattice lines where areas meet (real boundaries follow roads): street
// boundaries are arterials, community boundaries secondary roads, grid boundaries local
// roads. Collinear edges merge into one LineString; a lattice line keeps one name.
import { type Lattice, latticeToLonLat } from './lattice.js';
import type { Hierarchy } from './hierarchy.js';
import { UniqueNames, roadStem } from './names.js';
import type { Rng } from './rng.js';
import type { RoadClass, RoadRecord } from './types.js';

const CLASSES: (RoadClass | null)[] = [null, 'local', 'secondary', 'arterial'];

/** 0 none, 1 local, 2 secondary, 3 arterial, for the edge between cells a and b (-1 off the lattice). */
export function edgeClass(l: Lattice, h: Hierarchy, a: number, b: number): number {
  if (a < 0 || b < 0 || h.gridOf[a] < 0 || h.gridOf[b] < 0) return 0;
  if (l.water[a] && l.water[b]) return 0;
  if (h.streetOf[a] !== h.streetOf[b]) return 3;
  if (h.communityOf[a] !== h.communityOf[b]) return 2;
  if (h.gridOf[a] !== h.gridOf[b]) return 1;
  return 0;
}

interface Run {
  cls: number;
  from: [number, number];
  to: [number, number];
}

/** Maximal runs of same-class edges along one lattice line; local runs shorter than 2 edges are dropped. */
function runsAlong(length: number, classAt: (k: number) => number, point: (k: number) => [number, number]): Run[] {
  const runs: Run[] = [];
  let k = 0;
  while (k < length) {
    const cls = classAt(k);
    if (cls === 0) {
      k++;
      continue;
    }
    let end = k + 1;
    while (end < length && classAt(end) === cls) end++;
    if (cls > 1 || end - k >= 2) runs.push({ cls, from: point(k), to: point(end) });
    k = end;
  }
  return runs;
}

export function buildRoads(l: Lattice, h: Hierarchy, rng: Rng): RoadRecord[] {
  const names = new UniqueNames(rng);
  const roads: RoadRecord[] = [];
  const cell = (i: number, j: number) => (i < 0 || j < 0 || i >= l.nx || j >= l.ny ? -1 : j * l.nx + i);
  const lines: Run[][] = [];
  // Vertical lines x = i: edge k runs from (i, k) to (i, k + 1), between cells (i - 1, k) and (i, k).
  for (let i = 1; i < l.nx; i++) {
    lines.push(
      runsAlong(
        l.ny,
        (k) => edgeClass(l, h, cell(i - 1, k), cell(i, k)),
        (k) => [i, k],
      ),
    );
  }
  // Horizontal lines y = j: edge k runs from (k, j) to (k + 1, j), between cells (k, j - 1) and (k, j).
  for (let j = 1; j < l.ny; j++) {
    lines.push(
      runsAlong(
        l.nx,
        (k) => edgeClass(l, h, cell(k, j - 1), cell(k, j)),
        (k) => [k, j],
      ),
    );
  }
  for (const runs of lines) {
    if (runs.length === 0) continue;
    const stem = names.draw(roadStem);
    const boulevard = rng.chance(0.25);
    for (const run of runs) {
      const roadClass = CLASSES[run.cls]!;
      const name =
        roadClass === 'local' ? `${stem}支路` : roadClass === 'arterial' && boulevard ? `${stem}大道` : `${stem}路`;
      roads.push({
        id: roads.length + 1,
        name,
        roadClass,
        geometry: { type: 'LineString', coordinates: [latticeToLonLat(l, ...run.from), latticeToLonLat(l, ...run.to)] },
      });
    }
  }
  return roads;
}
