// Demo visits to special-group residents, deterministic from the seed: each person about once a week on
// a duty day, by one of their grid's workers, with grids differing in diligence (grids whose worker sits
// in the office fall behind), so compliance has leaders and laggards.
import { Rng } from '../city/rng.js';
import type { City } from '../city/types.js';
import { habitOf } from './index.js';

export interface VisitColumns {
  residentIndex: Int32Array;
  workerId: Int32Array;
  gridId: Int32Array;
  t: Float64Array;
}

const DAY_MS = 86_400_000;

/** Visits in [from, to) (epoch ms; CST days), for the residents with any special-group flag. */
export function generateVisits(city: City, seed: number, from: number, to: number): VisitColumns {
  const rng = new Rng(seed).fork('visits');
  const gridOfBuilding = new Map(city.buildings.map((b) => [b.id, b.gridId]));
  const workersOf = new Map<number, number[]>();
  for (const w of city.workers) for (const g of w.gridIds) workersOf.set(g, [...(workersOf.get(g) ?? []), w.id]);
  const diligence = new Map<number, number>();
  const dil = (g: number) => {
    let d = diligence.get(g);
    if (d === undefined) {
      const lazy = (workersOf.get(g) ?? []).some((w) => habitOf(seed, w) === 'office');
      d = lazy ? rng.range(0.3, 0.6) : rng.range(0.7, 1.0);
      diligence.set(g, d);
    }
    return d;
  };
  const ri: number[] = [],
    wi: number[] = [],
    gi: number[] = [],
    ti: number[] = [];
  const weeks = Math.ceil((to - from) / (7 * DAY_MS));
  const r = city.residents;
  for (let i = 0; i < r.count; i++) {
    if (r.flags[i] === 0) continue;
    const g = gridOfBuilding.get(r.buildingId[i]);
    const ws = g === undefined ? undefined : workersOf.get(g);
    if (g === undefined || !ws?.length) continue;
    const p = dil(g);
    for (let k = 0; k < weeks; k++) {
      if (!rng.chance(p)) continue;
      const day = from + k * 7 * DAY_MS + rng.int(0, 4) * DAY_MS;
      const t = day + (rng.chance(0.5) ? rng.int(540, 690) : rng.int(850, 1040)) * 60_000;
      if (t >= to) continue;
      ri.push(i);
      wi.push(rng.pick(ws));
      gi.push(g);
      ti.push(t);
    }
  }
  return {
    residentIndex: Int32Array.from(ri),
    workerId: Int32Array.from(wi),
    gridId: Int32Array.from(gi),
    t: Float64Array.from(ti),
  };
}
