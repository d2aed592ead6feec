// 网格划分 as a pure plan: buildings (with households) in road-bounded blocks are put in one walk — block by
// block through adjacent blocks, a Hilbert curve inside each — and the walk is cut into grids of
// min–max households, preferring cuts between blocks (on roads), sizes near the mean, and no grid spanning
// two blocks that do not touch.
export interface PlanBuilding {
  id: number;
  x: number;
  y: number;
  households: number;
  block: number;
}

export interface PlanInput {
  buildings: PlanBuilding[];
  /** Block ids with a representative point, and pairs of blocks that share an edge. */
  blocks: { id: number; x: number; y: number }[];
  adjacency: [number, number][];
  min: number;
  max: number;
}

export interface Plan {
  /** Grid index (0…) of each building id. */
  gridOf: Map<number, number>;
  /** Households per grid. */
  households: number[];
  /** Grid of each block when the whole block goes to one grid (an empty block: the grid of the nearest building in a block it touches); blocks split between grids are absent. */
  wholeBlocks: Map<number, number>;
  target: number;
}

/** Index of (x, y) in [0, 1)² along a Hilbert curve of 2^order cells a side. */
export function hilbert(x: number, y: number, order = 16): number {
  const n = 2 ** order;
  let xi = Math.min(n - 1, Math.max(0, Math.floor(x * n)));
  let yi = Math.min(n - 1, Math.max(0, Math.floor(y * n)));
  let d = 0;
  for (let s = n / 2; s >= 1; s /= 2) {
    const rx = (xi & s) > 0 ? 1 : 0;
    const ry = (yi & s) > 0 ? 1 : 0;
    d += s * s * ((3 * rx) ^ ry);
    if (ry === 0) {
      if (rx === 1) {
        xi = s - 1 - xi;
        yi = s - 1 - yi;
      }
      [xi, yi] = [yi, xi];
    }
  }
  return d;
}

/** Households per grid to aim for: the number of grids that fits min–max best, and the mean it gives. */
export function gridTarget(total: number, min: number, max: number): { grids: number; target: number } {
  if (total <= max) return { grids: 1, target: total };
  const lo = Math.ceil(total / max);
  const hi = Math.floor(total / min);
  const ideal = Math.round(total / ((min + max) / 2));
  const grids = lo <= hi ? Math.min(hi, Math.max(lo, ideal)) : Math.max(1, ideal);
  return { grids, target: total / grids };
}

export function planGrids(input: PlanInput): Plan {
  const { buildings, blocks, min, max } = input;
  const total = buildings.reduce((s, b) => s + b.households, 0);
  const { target } = gridTarget(total, min, max);
  const xs = [...buildings.map((b) => b.x), ...blocks.map((b) => b.x)];
  const ys = [...buildings.map((b) => b.y), ...blocks.map((b) => b.y)];
  const x0 = Math.min(...xs);
  const y0 = Math.min(...ys);
  const span = Math.max(Math.max(...xs) - x0, Math.max(...ys) - y0) || 1;
  const h = (x: number, y: number) => hilbert((x - x0) / span, (y - y0) / span);

  // Blocks in a depth-first walk over shared edges, nearest along the curve first; only blocks with buildings.
  const byBlock = new Map<number, PlanBuilding[]>();
  for (const b of buildings) byBlock.set(b.block, [...(byBlock.get(b.block) ?? []), b]);
  const key = new Map(
    blocks.map((b) => {
      const bs = byBlock.get(b.id);
      const cx = bs ? bs.reduce((s, p) => s + p.x, 0) / bs.length : b.x;
      const cy = bs ? bs.reduce((s, p) => s + p.y, 0) / bs.length : b.y;
      return [b.id, h(cx, cy)];
    }),
  );
  const neighbours = new Map<number, number[]>();
  for (const [a, b] of input.adjacency) {
    neighbours.set(a, [...(neighbours.get(a) ?? []), b]);
    neighbours.set(b, [...(neighbours.get(b) ?? []), a]);
  }
  const order: number[] = [];
  const seen = new Set<number>();
  const pending = [...byBlock.keys()].sort((a, b) => key.get(a)! - key.get(b)!);
  for (const start of pending) {
    if (seen.has(start)) continue;
    const stack = [start];
    seen.add(start);
    order.push(start);
    while (stack.length) {
      const top = stack[stack.length - 1];
      const next = (neighbours.get(top) ?? [])
        .filter((n) => !seen.has(n) && byBlock.has(n))
        .sort((a, b) => Math.abs(key.get(a)! - key.get(top)!) - Math.abs(key.get(b)! - key.get(top)!))[0];
      if (next === undefined) stack.pop();
      else {
        seen.add(next);
        order.push(next);
        stack.push(next);
      }
    }
  }
  // Inside a block along the Hilbert curve, run in whichever direction starts nearer where the last block ended,
  // so a grid that spans two blocks holds the parts of them that meet.
  const walk: PlanBuilding[] = [];
  for (const blk of order) {
    const inBlock = [...byBlock.get(blk)!].sort((a, b) => h(a.x, a.y) - h(b.x, b.y));
    const prev = walk[walk.length - 1];
    const d = (p: PlanBuilding) => (prev ? (p.x - prev.x) ** 2 + (p.y - prev.y) ** 2 : 0);
    if (prev && d(inBlock[inBlock.length - 1]) < d(inBlock[0])) inBlock.reverse();
    walk.push(...inBlock);
  }

  // Cut the walk: a grid within min–max costs its squared deviation from the target; outside, much more;
  // a cut inside a block (not on a road) costs a little.
  const n = walk.length;
  const prefix = [0];
  for (const b of walk) prefix.push(prefix[prefix.length - 1] + b.households);
  // Steps of the walk between blocks that share no edge (the depth-first walk backtracking): a grid across one
  // would come apart in pieces, so it costs almost as much as a grid out of range.
  const adjacent = new Set(input.adjacency.flatMap(([a, b]) => [`${a},${b}`, `${b},${a}`]));
  const jumps = [0];
  for (let k = 1; k < n; k++)
    jumps.push(
      jumps[k - 1] +
        (walk[k].block !== walk[k - 1].block && !adjacent.has(`${walk[k].block},${walk[k - 1].block}`) ? 1 : 0),
    );
  const jumpsWithin = (i: number, j: number) => jumps[j - 1] - jumps[i];
  const cost = (s: number) =>
    s >= min && s <= max ? ((s - target) / target) ** 2 : 10 + ((s < min ? min - s : s - max) / target) * 10;
  const best = new Array<number>(n + 1).fill(Infinity);
  const from = new Array<number>(n + 1).fill(0);
  best[0] = 0;
  for (let j = 1; j <= n; j++) {
    const inside = j < n && walk[j - 1].block === walk[j].block ? 0.3 : 0;
    for (let i = j - 1; i >= 0; i--) {
      const s = prefix[j] - prefix[i];
      if (s > max && i < j - 1) break;
      const c = best[i] + cost(s) + inside + 8 * jumpsWithin(i, j);
      if (c < best[j]) {
        best[j] = c;
        from[j] = i;
      }
    }
  }
  const cuts: number[] = [];
  for (let j = n; j > 0; j = from[j]) cuts.push(j);
  cuts.reverse();
  const gridOf = new Map<number, number>();
  const households: number[] = [];
  let startAt = 0;
  cuts.forEach((end, g) => {
    let sum = 0;
    for (let k = startAt; k < end; k++) {
      gridOf.set(walk[k].id, g);
      sum += walk[k].households;
    }
    households.push(sum);
    startAt = end;
  });

  const wholeBlocks = new Map<number, number>();
  for (const blk of blocks) {
    const bs = byBlock.get(blk.id);
    if (bs) {
      const gs = new Set(bs.map((b) => gridOf.get(b.id)!));
      if (gs.size === 1) wholeBlocks.set(blk.id, [...gs][0]);
    } else if (buildings.length) {
      // A block without buildings joins the grid of the nearest building in a block it touches (so the grid stays
      // in one piece), or of the nearest building at all when it touches none.
      const touching = (neighbours.get(blk.id) ?? []).flatMap((n) => byBlock.get(n) ?? []);
      const pool = touching.length ? touching : buildings;
      let nearest = pool[0];
      let d = Infinity;
      for (const b of pool) {
        const e = (b.x - blk.x) ** 2 + (b.y - blk.y) ** 2;
        if (e < d) {
          d = e;
          nearest = b;
        }
      }
      wholeBlocks.set(blk.id, gridOf.get(nearest.id)!);
    }
  }
  return { gridOf, households, wholeBlocks, target };
}
