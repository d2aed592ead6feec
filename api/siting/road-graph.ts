// The walking network: road polylines noded into a graph (endpoints snapped to a 1 m grid, segments
// split where they cross or touch), stored as compressed adjacency in local metres.
import { type LocalPlane, PointIndex } from '../../core/geo/index.js';
import type { Points } from './geo.js';

export interface RoadGraph {
  /** Node coordinates in local metres. */
  nodes: Points;
  /** Edges of node v are adjStart[v] .. adjStart[v + 1] in adjNode / adjLen (both directions stored). */
  adjStart: Int32Array;
  adjNode: Int32Array;
  adjLen: Float64Array;
  edgeCount: number;
  /** Nearest-node lookup. */
  index: PointIndex;
}

interface Seg {
  ax: number;
  ay: number;
  bx: number;
  by: number;
  /** Split parameters along the segment, 0 and 1 included. */
  ts: number[];
}

const EPS = 1e-9;

/** Records where s and o meet (a crossing, a T, or a collinear overlap) as split parameters on both. */
function intersect(s: Seg, o: Seg): void {
  const rx = s.bx - s.ax;
  const ry = s.by - s.ay;
  const qx = o.bx - o.ax;
  const qy = o.by - o.ay;
  const den = rx * qy - ry * qx;
  const wx = o.ax - s.ax;
  const wy = o.ay - s.ay;
  const lenR = rx * rx + ry * ry;
  const lenQ = qx * qx + qy * qy;
  if (lenR === 0 || lenQ === 0) return;
  if (Math.abs(den) <= EPS * Math.sqrt(lenR * lenQ)) {
    // Parallel: only collinear overlaps matter; each endpoint inside the other splits it.
    if (Math.abs(wx * ry - wy * rx) > 1e-6 * Math.sqrt(lenR)) return;
    for (const [px, py] of [
      [o.ax, o.ay],
      [o.bx, o.by],
    ]) {
      const t = ((px - s.ax) * rx + (py - s.ay) * ry) / lenR;
      if (t > EPS && t < 1 - EPS) s.ts.push(t);
    }
    for (const [px, py] of [
      [s.ax, s.ay],
      [s.bx, s.by],
    ]) {
      const u = ((px - o.ax) * qx + (py - o.ay) * qy) / lenQ;
      if (u > EPS && u < 1 - EPS) o.ts.push(u);
    }
    return;
  }
  const t = (wx * qy - wy * qx) / den;
  const u = (wx * ry - wy * rx) / den;
  const tolT = 0.5 / Math.sqrt(lenR); // half a metre of slack at the ends
  const tolU = 0.5 / Math.sqrt(lenQ);
  if (t < -tolT || t > 1 + tolT || u < -tolU || u > 1 + tolU) return;
  s.ts.push(Math.min(1, Math.max(0, t)));
  o.ts.push(Math.min(1, Math.max(0, u)));
}

export interface GraphOptions {
  /** Grid (metres) that endpoints and split points are rounded to, so ends meeting within it become one node. */
  snap?: number;
  /** Pieces of fewer nodes than this that touch nothing are joined to the nearest other node… */
  fragmentNodes?: number;
  /** …when it lies within this many metres, by a straight link this many times its length. */
  fragmentGap?: number;
  circuity?: number;
}

/**
 * Builds the graph from polylines given in lon/lat. Short road pieces that touch no other road (a lane
 * the road layer cut off) are joined to the nearest node outside them by a straight link × circuity,
 * standing for the estate paths the layer lacks; large pieces (the banks of a river without a bridge)
 * stay apart.
 */
export function buildRoadGraph(
  lines: readonly (readonly (readonly [number, number])[])[],
  proj: LocalPlane,
  opts: GraphOptions = {},
): RoadGraph {
  const snap = opts.snap ?? 1;
  const segs: Seg[] = [];
  for (const line of lines) {
    for (let k = 0; k + 1 < line.length; k++) {
      const [ax, ay] = proj.toXY(line[k][0], line[k][1]);
      const [bx, by] = proj.toXY(line[k + 1][0], line[k + 1][1]);
      if (ax === bx && ay === by) continue;
      segs.push({ ax, ay, bx, by, ts: [0, 1] });
    }
  }
  // Candidate pairs from a bucket grid over segment bounding boxes.
  const cell = 250;
  const buckets = new Map<number, number[]>();
  const key = (cx: number, cy: number) => (cx + 1_000_000) * 2_000_003 + (cy + 1_000_000);
  segs.forEach((s, i) => {
    for (
      let cx = Math.floor((Math.min(s.ax, s.bx) - 1) / cell);
      cx <= Math.floor((Math.max(s.ax, s.bx) + 1) / cell);
      cx++
    ) {
      for (
        let cy = Math.floor((Math.min(s.ay, s.by) - 1) / cell);
        cy <= Math.floor((Math.max(s.ay, s.by) + 1) / cell);
        cy++
      ) {
        const k = key(cx, cy);
        const list = buckets.get(k);
        if (list) list.push(i);
        else buckets.set(k, [i]);
      }
    }
  });
  const seen = new Set<number>();
  for (const list of buckets.values()) {
    for (let a = 0; a < list.length; a++) {
      for (let b = a + 1; b < list.length; b++) {
        const i = Math.min(list[a], list[b]);
        const j = Math.max(list[a], list[b]);
        const pair = i * segs.length + j;
        if (seen.has(pair)) continue;
        seen.add(pair);
        intersect(segs[i], segs[j]);
      }
    }
  }
  // Nodes on the snap grid; edges between consecutive split points.
  const nodeOf = new Map<number, number>();
  const xs: number[] = [];
  const ys: number[] = [];
  const node = (x: number, y: number) => {
    const gx = Math.round(x / snap);
    const gy = Math.round(y / snap);
    const k = key(gx, gy);
    let v = nodeOf.get(k);
    if (v === undefined) {
      v = xs.length;
      nodeOf.set(k, v);
      xs.push(gx * snap);
      ys.push(gy * snap);
    }
    return v;
  };
  const from: number[] = [];
  const to: number[] = [];
  const edgeKeys = new Set<string>();
  for (const s of segs) {
    const ts = [...new Set(s.ts)].sort((p, q) => p - q);
    let prev = node(s.ax, s.ay);
    for (let k = 1; k < ts.length; k++) {
      const t = ts[k];
      const v = node(s.ax + (s.bx - s.ax) * t, s.ay + (s.by - s.ay) * t);
      if (v !== prev) {
        const ek = prev < v ? `${prev},${v}` : `${v},${prev}`;
        if (!edgeKeys.has(ek)) {
          edgeKeys.add(ek);
          from.push(prev);
          to.push(v);
        }
        prev = v;
      }
    }
  }
  const n = xs.length;
  const lens = from.map((a, e) => Math.hypot(xs[a] - xs[to[e]], ys[a] - ys[to[e]]));
  joinFragments(n, { x: Float64Array.from(xs), y: Float64Array.from(ys) }, from, to, lens, opts);
  const deg = new Int32Array(n + 1);
  for (let e = 0; e < from.length; e++) {
    deg[from[e] + 1]++;
    deg[to[e] + 1]++;
  }
  for (let v = 0; v < n; v++) deg[v + 1] += deg[v];
  const adjStart = deg.slice();
  const fill = deg.slice(0, n);
  const adjNode = new Int32Array(from.length * 2);
  const adjLen = new Float64Array(from.length * 2);
  const nodes: Points = { x: Float64Array.from(xs), y: Float64Array.from(ys) };
  for (let e = 0; e < from.length; e++) {
    const a = from[e];
    const b = to[e];
    const len = lens[e];
    adjNode[fill[a]] = b;
    adjLen[fill[a]++] = len;
    adjNode[fill[b]] = a;
    adjLen[fill[b]++] = len;
  }
  return { nodes, adjStart, adjNode, adjLen, edgeCount: from.length, index: new PointIndex(nodes) };
}

function joinFragments(n: number, pts: Points, from: number[], to: number[], lens: number[], opts: GraphOptions): void {
  const small = opts.fragmentNodes ?? 20;
  const gap = opts.fragmentGap ?? 250;
  const circuity = opts.circuity ?? 1.3;
  const parent = Int32Array.from({ length: n }, (_, v) => v);
  const find = (v: number): number => {
    while (parent[v] !== v) v = parent[v] = parent[parent[v]];
    return v;
  };
  for (let e = 0; e < from.length; e++) parent[find(from[e])] = find(to[e]);
  const grid = new PointIndex(pts);
  for (let pass = 0; pass < 10; pass++) {
    const members = new Map<number, number[]>();
    for (let v = 0; v < n; v++) {
      const r = find(v);
      const list = members.get(r);
      if (list) list.push(v);
      else members.set(r, [v]);
    }
    let joined = 0;
    for (const [root, nodes] of members) {
      if (nodes.length >= small || find(root) !== root) continue;
      const best = { v: -1, w: -1, d: Infinity };
      for (const v of nodes) {
        grid.within(pts.x[v], pts.y[v], gap, (w, d) => {
          if (d < best.d && find(w) !== find(v)) [best.v, best.w, best.d] = [v, w, d];
        });
      }
      if (best.v < 0) continue;
      const { v, w, d } = best;
      from.push(v);
      to.push(w);
      lens.push(d * circuity);
      parent[find(v)] = find(w);
      joined++;
    }
    if (joined === 0) return;
  }
}

/** Each point's nearest node and the straight connector's length to it. */
export function snapToGraph(g: RoadGraph, pts: Points): { node: Int32Array; connector: Float64Array } {
  const node = new Int32Array(pts.x.length);
  const connector = new Float64Array(pts.x.length);
  for (let i = 0; i < pts.x.length; i++) {
    const [v, d] = g.index.nearest(pts.x[i], pts.y[i]);
    node[i] = v;
    connector[i] = d;
  }
  return { node, connector };
}
