// 专属网格 (special grids): an overlay of campuses — schools, hospitals, markets, sites, office
// buildings — each a small rectangle strictly inside one community, in the Gulou class mix
// (日常管理 daily 44 : 重点共治 key 150 : 常态联动 linkage 411).
import type { Polygon } from 'geojson';
import type { SpecialClass } from '../../contract/areas.js';
import { type Lattice, latticeToLonLat } from './lattice.js';
import { UniqueNames, roadStem, twoCharName } from './names.js';
import type { Rng } from './rng.js';

export const GULOU_MIX: Record<SpecialClass, number> = { daily: 44, key: 150, linkage: 411 };
/** Special grids per comprehensive grid (Gulou: 605 / 991). */
export const SPECIAL_PER_GRID = 605 / 991;

interface CampusKind {
  cls: SpecialClass;
  /** Side lengths in cells. */
  size: [number, number];
  names: ((x: string, stem: string) => string)[];
}

const CAMPUS_KINDS: CampusKind[] = [
  {
    cls: 'daily',
    size: [2, 3],
    names: [(x, s) => `${s}路小学`, (x) => `${x}中学`, (x) => `${x}实验学校`, (x) => `${x}幼儿园`],
  },
  { cls: 'daily', size: [2, 3], names: [(x) => `${x}医院`, (x) => `${x}中心医院`, (x) => `${x}中医医院`] },
  { cls: 'daily', size: [1, 2], names: [(x) => `${x}派出所`, (x) => `${x}市场监管所`, (x) => `${x}税务所`] },
  { cls: 'key', size: [1, 2], names: [(x) => `${x}菜市场`, (x) => `${x}农贸市场`] },
  { cls: 'key', size: [2, 3], names: [(x) => `${x}地块项目工地`, (x) => `${x}旧改项目工地`] },
  { cls: 'key', size: [1, 2], names: [(x) => `${x}广场`, (x) => `${x}购物中心`, (x) => `${x}商城`] },
  { cls: 'key', size: [1, 1], names: [(x, s) => `${s}路地铁站`, (x) => `${x}公交枢纽`] },
  { cls: 'linkage', size: [1, 1], names: [(x) => `${x}大厦`, (x) => `${x}中心`, (x) => `${x}国际大厦`] },
  { cls: 'linkage', size: [2, 3], names: [(x) => `${x}产业园`, (x) => `${x}科技园`, (x) => `${x}创意园`] },
  { cls: 'linkage', size: [1, 2], names: [(x) => `${x}实业公司`, (x) => `${x}集团`] },
  { cls: 'linkage', size: [1, 1], names: [(x) => `${x}宾馆`, (x) => `${x}酒店`] },
];

/** How many special grids of each class for a city of `grids` comprehensive grids. */
export function specialCounts(grids: number): Record<SpecialClass, number> {
  const total = Math.round(grids * SPECIAL_PER_GRID);
  const all = GULOU_MIX.daily + GULOU_MIX.key + GULOU_MIX.linkage;
  const daily = Math.max(1, Math.round((total * GULOU_MIX.daily) / all));
  const key = Math.round((total * GULOU_MIX.key) / all);
  return { daily, key, linkage: total - daily - key };
}

export interface SpecialPlan {
  /** Index of the community (hierarchy order). */
  community: number;
  cls: SpecialClass;
  name: string;
  geometry: Polygon;
  /** Cells covered by the campus. */
  cells: number[];
}

/** Inset of the campus rectangle from the cell lines, in cells: the polygon lies strictly inside the community. */
const INSET = 0.08;

export function placeSpecialGrids(
  l: Lattice,
  communityOf: Int32Array,
  communityCells: number[][],
  gridCount: number,
  rng: Rng,
): SpecialPlan[] {
  const names = new UniqueNames(rng.fork('names'));
  const counts = specialCounts(gridCount);
  const used = new Uint8Array(l.nx * l.ny);
  const sizes = communityCells.map((cells) => cells.length);
  const plans: SpecialPlan[] = [];
  for (const cls of ['daily', 'key', 'linkage'] as const) {
    const kinds = CAMPUS_KINDS.filter((k) => k.cls === cls);
    for (let n = 0; n < counts[cls]; n++) {
      const kind = rng.pick(kinds);
      const placed = placeOne(l, communityOf, communityCells, sizes, used, kind, rng);
      if (!placed) throw new Error(`no room left for a ${cls} special grid`);
      const make = rng.pick(kind.names);
      const name = names.draw((r) => `${make(twoCharName(r), roadStem(r))}专属网格`);
      plans.push({ ...placed, cls, name });
    }
  }
  return plans;
}

function placeOne(
  l: Lattice,
  communityOf: Int32Array,
  communityCells: number[][],
  sizes: number[],
  used: Uint8Array,
  kind: CampusKind,
  rng: Rng,
) {
  for (let attempt = 0; attempt < 400; attempt++) {
    const community = rng.weighted(sizes);
    const start = rng.pick(communityCells[community]);
    const shrink = Math.floor(attempt / 100); // fall back on smaller campuses when space is tight
    const w = Math.max(1, rng.int(kind.size[0], kind.size[1]) - shrink);
    const h = Math.max(1, rng.int(kind.size[0], kind.size[1]) - shrink);
    const i0 = start % l.nx;
    const j0 = (start - i0) / l.nx;
    const cells: number[] = [];
    let ok = true;
    for (let j = j0; j < j0 + h && ok; j++) {
      for (let i = i0; i < i0 + w && ok; i++) {
        const c = j * l.nx + i;
        if (i >= l.nx || j >= l.ny || communityOf[c] !== community || used[c] || l.water[c]) ok = false;
        else cells.push(c);
      }
    }
    if (!ok) continue;
    for (const c of cells) used[c] = 1;
    const corners: [number, number][] = [
      [i0 + INSET, j0 + INSET],
      [i0 + w - INSET, j0 + INSET],
      [i0 + w - INSET, j0 + h - INSET],
      [i0 + INSET, j0 + h - INSET],
    ];
    const ring = corners.map(([x, y]) => latticeToLonLat(l, x, y));
    ring.push(ring[0]);
    return { community, cells, geometry: { type: 'Polygon' as const, coordinates: [ring] } };
  }
  return null;
}
