// The road network: a jittered lattice of 150 m blocks over the area (arterials every 900 m, secondary roads
// every 450 m, local lanes between), cut where it leaves the area or meets water, footways through parks and
// campuses, and kept to its largest connected part so that every road can be reached from every other.
import { UniqueNames, twoCharName } from '../../geodata/city/names.js';
import type { Rng } from '../../geodata/city/rng.js';
import type { XY } from './frame.js';
import { type Water, type Zone, inAny } from './zones.js';

export const BLOCK = 150;
export type RoadClass = 'arterial' | 'secondary' | 'local' | 'footway';
export const HIGHWAY: Record<RoadClass, string> = {
  arterial: 'primary',
  secondary: 'secondary',
  local: 'residential',
  footway: 'footway',
};
/** Half the width of the road's corridor, in metres: buildings keep this far (plus a pavement) from the line. */
export const HALF_WIDTH: Record<RoadClass, number> = { arterial: 18, secondary: 11, local: 5, footway: 2 };

/** Real road names of Gulou, used as labels of generated axes (north–south first, then east–west). */
const ARTERIALS_NS = ['虎踞路', '中山北路', '中山路', '江东北路', '定淮门大街', '清凉门大街', '模范马路'];
const ARTERIALS_EW = ['北京西路', '湖南路', '草场门大街', '汉中路', '龙蟠里', '建宁路', '热河路', '幕府西路', '古平岗'];
const SECONDARY = [
  '宁海路',
  '上海路',
  '广州路',
  '山西路',
  '西康路',
  '颐和路',
  '江苏路',
  '察哈尔路',
  '云南路',
  '福建路',
];
const LANE_SUFFIX = ['路', '街', '巷', '里', '弄'];

export interface Lattice {
  /** Lattice node (i, j) → its position; absent where the node is outside the area or in water. */
  nodes: Map<string, XY>;
  ni: number;
  nj: number;
  origin: XY;
}

export interface Road {
  name: string;
  cls: RoadClass;
  /** Lattice nodes along the road, in order. */
  keys: string[];
  points: XY[];
}

export const key = (i: number, j: number) => `${i},${j}`;

export const lineClass = (n: number): RoadClass => (n % 6 === 0 ? 'arterial' : n % 3 === 0 ? 'secondary' : 'local');

export function buildLattice(box: number[], inside: (p: XY) => boolean, water: Water[], rng: Rng): Lattice {
  const origin: XY = [Math.floor(box[0] / BLOCK) * BLOCK, Math.floor(box[1] / BLOCK) * BLOCK];
  const ni = Math.ceil((box[2] - origin[0]) / BLOCK) + 1;
  const nj = Math.ceil((box[3] - origin[1]) / BLOCK) + 1;
  const nodes = new Map<string, XY>();
  for (let i = 0; i < ni; i++)
    for (let j = 0; j < nj; j++) {
      const p: XY = [origin[0] + i * BLOCK + rng.range(-12, 12), origin[1] + j * BLOCK + rng.range(-12, 12)];
      if (inside(p) && !inAny(p, water)) nodes.set(key(i, j), p);
    }
  return { nodes, ni, nj, origin };
}

/** Whether the segment a–b stays in the area and out of water (sampled every ~20 m). */
function clear(a: XY, b: XY, inside: (p: XY) => boolean, water: Water[]): boolean {
  for (let s = 1; s < 8; s++) {
    const p: XY = [a[0] + ((b[0] - a[0]) * s) / 8, a[1] + ((b[1] - a[1]) * s) / 8];
    if (!inside(p) || inAny(p, water)) return false;
  }
  return true;
}

interface Edge {
  a: string;
  b: string;
  cls: RoadClass;
  line: string;
}

function find(parent: Map<string, string>, k: string): string {
  let r = k;
  while (parent.get(r) !== r) r = parent.get(r)!;
  parent.set(k, r);
  return r;
}

/** Named roads over the lattice: one per run of connected edges of one class along a lattice line. */
export function buildRoads(
  l: Lattice,
  inside: (p: XY) => boolean,
  water: Water[],
  zones: Zone[],
  rng: Rng,
): { roads: Road[]; edges: Set<string>; lineName: Map<string, string> } {
  const edges: Edge[] = [];
  const add = (a: string, b: string, line: string, base: RoadClass) => {
    const pa = l.nodes.get(a);
    const pb = l.nodes.get(b);
    if (!pa || !pb || !clear(pa, pb, inside, water)) return;
    const mid: XY = [(pa[0] + pb[0]) / 2, (pa[1] + pb[1]) / 2];
    const cls = base === 'local' && inAny(mid, zones) ? 'footway' : base;
    edges.push({ a, b, cls, line });
  };
  for (let j = 0; j < l.nj; j++)
    for (let i = 0; i + 1 < l.ni; i++) add(key(i, j), key(i + 1, j), `h${j}`, lineClass(j));
  for (let i = 0; i < l.ni; i++)
    for (let j = 0; j + 1 < l.nj; j++) add(key(i, j), key(i, j + 1), `v${i}`, lineClass(i));

  // keep the largest connected component
  const parent = new Map<string, string>();
  for (const e of edges) {
    if (!parent.has(e.a)) parent.set(e.a, e.a);
    if (!parent.has(e.b)) parent.set(e.b, e.b);
    parent.set(find(parent, e.a), find(parent, e.b));
  }
  const size = new Map<string, number>();
  for (const k of parent.keys()) size.set(find(parent, k), (size.get(find(parent, k)) ?? 0) + 1);
  let best = '';
  for (const [r, n] of size) if (!best || n > size.get(best)!) best = r;
  const kept = edges.filter((e) => find(parent, e.a) === best);

  // name each lattice line, then cut it into runs
  const names = new UniqueNames(rng);
  [...ARTERIALS_NS, ...ARTERIALS_EW, ...SECONDARY].forEach((n) => names.reserve(n));
  const ns = [...ARTERIALS_NS];
  const ew = [...ARTERIALS_EW];
  const sec = [...SECONDARY];
  const lineName = new Map<string, string>();
  const nameOf = (line: string): string => {
    if (!lineName.has(line)) {
      const n = Number(line.slice(1));
      const cls = lineClass(n);
      const real = cls === 'arterial' ? (line[0] === 'v' ? ns : ew).shift() : cls === 'secondary' ? sec.shift() : '';
      lineName.set(line, real || names.draw((r) => twoCharName(r) + r.pick(LANE_SUFFIX)));
    }
    return lineName.get(line)!;
  };
  const byLine = new Map<string, Edge[]>();
  for (const e of kept) byLine.set(e.line, [...(byLine.get(e.line) ?? []), e]);
  const roads: Road[] = [];
  for (const line of [...byLine.keys()].sort(compareLines)) {
    let run: Edge[] = [];
    const flush = () => {
      if (!run.length) return;
      const keys = [run[0].a, ...run.map((e) => e.b)];
      const cls = run[0].cls;
      const [pa, pb] = [l.nodes.get(run[0].a)!, l.nodes.get(run[0].b)!];
      const mid: XY = [(pa[0] + pb[0]) / 2, (pa[1] + pb[1]) / 2];
      const zone = cls === 'footway' ? zones.find((z) => inAny(mid, [z])) : undefined;
      roads.push({
        name: zone ? `${zone.name}园路` : nameOf(line),
        cls,
        keys,
        points: keys.map((k) => l.nodes.get(k)!),
      });
      run = [];
    };
    for (const e of byLine.get(line)!) {
      const last = run[run.length - 1];
      if (last && (last.b !== e.a || last.cls !== e.cls)) flush();
      run.push(e);
    }
    flush();
  }
  return { roads, edges: new Set(kept.map((e) => `${e.a}|${e.b}`)), lineName };
}

function compareLines(a: string, b: string): number {
  return a[0] === b[0] ? Number(a.slice(1)) - Number(b.slice(1)) : a < b ? -1 : 1;
}
