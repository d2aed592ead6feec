// Building footprints in the lattice's blocks, like an old inner district: rows of 6–7 storey walk-ups,
// 11–33 storey towers (some L-shaped), 1–3 storey low-rise and a few larger institutional blocks. Each block is
// cut into slots that keep clear of its roads, so footprints never overlap; each is checked against the area,
// parks, campuses and water. Homes carry households; every building has an address 路名 + 号 + 幢.
import type { Rng } from '../../geodata/city/rng.js';
import { type Ring, type Shape, type XY, shape, shapesMeet, within } from './frame.js';
import { BLOCK, HALF_WIDTH, type Lattice, key, lineClass } from './roads.js';
import type { Water, Zone } from './zones.js';

export type BuildingKind = 'walkup' | 'tower' | 'lowrise' | 'institution';

export interface Building extends Shape {
  kind: BuildingKind;
  levels: number;
  /** Households living there; null for buildings that are not homes. */
  households: number | null;
  road: string;
  number: number;
  unit: number;
  address: string;
}

const KIND_WEIGHTS = [0.4, 0.13, 0.3, 0.17];
const KINDS: BuildingKind[] = ['walkup', 'tower', 'lowrise', 'institution'];

interface Plan {
  rows: number;
  cols: number;
  size: (rng: Rng, w: number, h: number) => [number, number];
  lShape: number;
  levels: (rng: Rng) => number;
  households: (rng: Rng, levels: number, length: number) => number | null;
}

const PLANS: Record<BuildingKind, Plan> = {
  walkup: {
    rows: 4,
    cols: 2,
    size: (rng, w, h) => [Math.min(rng.range(40, 62), w), Math.min(rng.range(11, 14), h)],
    lShape: 0,
    levels: (rng) => (rng.chance(0.12) ? 5 : rng.chance(0.5) ? 6 : 7),
    // two homes a landing per stairwell, a stairwell every ~15 m
    households: (rng, levels, length) => levels * 2 * Math.max(1, Math.round(length / 15)),
  },
  tower: {
    rows: 2,
    cols: 2,
    size: (rng, w, h) => [Math.min(rng.range(22, 36), w), Math.min(rng.range(18, 28), h)],
    lShape: 0.4,
    levels: (rng) => rng.int(11, 33),
    households: (rng, levels) => levels * rng.pick([2, 3, 4]),
  },
  lowrise: {
    rows: 4,
    cols: 4,
    size: (rng, w, h) => [Math.min(rng.range(10, 22), w), Math.min(rng.range(10, 18), h)],
    lShape: 0.15,
    levels: (rng) => rng.int(1, 3),
    households: () => null,
  },
  institution: {
    rows: 1,
    cols: 2,
    size: (rng, w, h) => [Math.min(rng.range(35, 80), w), Math.min(rng.range(25, 60), h)],
    lShape: 0.35,
    levels: (rng) => rng.int(3, 12),
    households: () => null,
  },
};

/** A footprint of size w × h (an L when `l`), centred on c and turned by `a` radians. */
function footprint(c: XY, w: number, h: number, a: number, l: [number, number] | null): Ring {
  const local: XY[] = l
    ? [
        [0, 0],
        [w, 0],
        [w, l[1]],
        [l[0], l[1]],
        [l[0], h],
        [0, h],
      ]
    : [
        [0, 0],
        [w, 0],
        [w, h],
        [0, h],
      ];
  const cos = Math.cos(a);
  const sin = Math.sin(a);
  const ring = local.map(([x, y]): XY => {
    const dx = x - w / 2;
    const dy = y - h / 2;
    return [c[0] + dx * cos - dy * sin, c[1] + dx * sin + dy * cos];
  });
  ring.push(ring[0]);
  return ring;
}

const halfExtent = (w: number, h: number, a: number): [number, number] => [
  (Math.abs(w * Math.cos(a)) + Math.abs(h * Math.sin(a))) / 2,
  (Math.abs(w * Math.sin(a)) + Math.abs(h * Math.cos(a))) / 2,
];

export interface BlockContext {
  lattice: Lattice;
  edges: Set<string>;
  lineName: Map<string, string>;
  area: Shape;
  /** Extra test of a footprint against the generated area (the excerpt's square). */
  within: (s: Shape) => boolean;
  zones: Zone[];
  water: Water[];
}

/** The side of block (i, j) whose road gives its address: the highest class among its existing roads. */
function addressSide(ctx: BlockContext, i: number, j: number): { road: string; number: number } | null {
  const sides = [
    { line: `h${j}`, n: lineClass(j), e: `${key(i, j)}|${key(i + 1, j)}`, along: i, odd: false },
    { line: `h${j + 1}`, n: lineClass(j + 1), e: `${key(i, j + 1)}|${key(i + 1, j + 1)}`, along: i, odd: true },
    { line: `v${i}`, n: lineClass(i), e: `${key(i, j)}|${key(i, j + 1)}`, along: j, odd: false },
    { line: `v${i + 1}`, n: lineClass(i + 1), e: `${key(i + 1, j)}|${key(i + 1, j + 1)}`, along: j, odd: true },
  ].filter((s) => ctx.edges.has(s.e) && ctx.lineName.has(s.line));
  const rank = { arterial: 0, secondary: 1, local: 2, footway: 3 };
  sides.sort((a, b) => rank[a.n] - rank[b.n]);
  const s = sides[0];
  if (!s) return null;
  // numbers run along the road, odd on one side and even on the other
  return { road: ctx.lineName.get(s.line)!, number: s.along * 2 + (s.odd ? 1 : 2) };
}

export function placeBuildings(ctx: BlockContext, rng: Rng): Building[] {
  const l = ctx.lattice;
  const out: Building[] = [];
  for (let i = 0; i + 1 < l.ni; i++)
    for (let j = 0; j + 1 < l.nj; j++) {
      const c = [key(i, j), key(i + 1, j), key(i + 1, j + 1), key(i, j + 1)].map((k) => l.nodes.get(k));
      if (c.some((p) => !p)) continue;
      const [sw, se, ne, nw] = c as XY[];
      const x0 = Math.max(sw[0], nw[0]) + HALF_WIDTH[lineClass(i)] + 4;
      const x1 = Math.min(se[0], ne[0]) - HALF_WIDTH[lineClass(i + 1)] - 4;
      const y0 = Math.max(sw[1], se[1]) + HALF_WIDTH[lineClass(j)] + 4;
      const y1 = Math.min(nw[1], ne[1]) - HALF_WIDTH[lineClass(j + 1)] - 4;
      const addr = addressSide(ctx, i, j);
      const brng = rng.fork(key(i, j));
      if (!addr || x1 - x0 < 20 || y1 - y0 < 20) continue;
      const kind = KINDS[brng.weighted(KIND_WEIGHTS)];
      const plan = PLANS[kind];
      const rows = Math.max(1, Math.min(plan.rows, Math.floor((y1 - y0) / (BLOCK / 5))));
      const sw_ = (x1 - x0) / plan.cols;
      const sh = (y1 - y0) / rows;
      let unit = 0;
      for (let r = 0; r < rows; r++)
        for (let q = 0; q < plan.cols; q++) {
          if (kind === 'lowrise' && brng.chance(0.25)) continue; // yards and gaps between old houses
          const centre: XY = [x0 + (q + 0.5) * sw_, y0 + (r + 0.5) * sh];
          const [w, h] = plan.size(brng, sw_ - 4, sh - (kind === 'walkup' ? 10 : 6));
          if (w < 10 || h < 10) continue;
          let a = brng.range(-0.14, 0.14);
          const [ex, ey] = halfExtent(w, h, a);
          if (ex > sw_ / 2 - 2 || ey > sh / 2 - 2) a = 0;
          const lShape: [number, number] | null =
            brng.chance(plan.lShape) && w >= 24 && h >= 24 ? [brng.range(12, w - 12), brng.range(12, h - 12)] : null;
          const s = shape(footprint(centre, w, h, a, lShape));
          if (!fits(ctx, s)) continue;
          const levels = plan.levels(brng);
          const households = plan.households(brng, levels, w);
          unit++;
          out.push({
            ...s,
            kind,
            levels,
            households,
            road: addr.road,
            number: addr.number,
            unit,
            address: `${addr.road}${addr.number}号${unit}幢`,
          });
        }
    }
  return out;
}

function fits(ctx: BlockContext, s: Shape): boolean {
  if (!within(s, ctx.area) || !ctx.within(s)) return false;
  return !ctx.zones.some((z) => shapesMeet(z, s)) && !ctx.water.some((w) => shapesMeet(w, s));
}
