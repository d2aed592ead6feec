// Grid workers (网格员): every grid has one or two; a few also cover a neighbouring grid of the
// same community. Names are synthetic; phones are masked staff numbers.
import type { Hierarchy } from './hierarchy.js';
import type { Lattice } from './lattice.js';
import { UniqueNames, maskedPhone, personName } from './names.js';
import type { Rng } from './rng.js';
import type { AreaRecord, WorkerRecord } from './types.js';

export const SECOND_WORKER_SHARE = 0.6;
export const COVERS_NEIGHBOUR_SHARE = 0.03;

/** Pairs of grid indices that share an edge and belong to the same community. */
export function neighbouringGrids(l: Lattice, h: Hierarchy): Map<number, number[]> {
  const out = new Map<number, Set<number>>();
  const link = (a: number, b: number) => {
    if (!out.has(a)) out.set(a, new Set());
    out.get(a)!.add(b);
  };
  for (let c = 0; c < h.gridOf.length; c++) {
    const g = h.gridOf[c];
    if (g < 0) continue;
    const i = c % l.nx;
    for (const d of [i + 1 < l.nx ? c + 1 : -1, c + l.nx < h.gridOf.length ? c + l.nx : -1]) {
      const e = d >= 0 ? h.gridOf[d] : -1;
      if (e >= 0 && e !== g && h.communityOf[c] === h.communityOf[d]) {
        link(g, e);
        link(e, g);
      }
    }
  }
  return new Map([...out].map(([k, v]) => [k, [...v].sort((a, b) => a - b)]));
}

export function assignWorkers(l: Lattice, h: Hierarchy, grids: AreaRecord[], rng: Rng): WorkerRecord[] {
  const names = new UniqueNames(rng.fork('names'));
  const neighbours = neighbouringGrids(l, h);
  const workers: WorkerRecord[] = [];
  grids.forEach((grid, g) => {
    const n = rng.chance(SECOND_WORKER_SHARE) ? 2 : 1;
    for (let k = 0; k < n; k++) {
      const gridIds = [grid.id];
      const near = neighbours.get(g);
      if (near && rng.chance(COVERS_NEIGHBOUR_SHARE)) gridIds.push(grids[rng.pick(near)].id);
      workers.push({ id: workers.length + 1, name: names.draw(personName), phone: maskedPhone(rng), gridIds });
    }
  });
  return workers;
}
