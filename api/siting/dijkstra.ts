// Bounded Dijkstra over the road graph with a binary heap: one or many sources, each with a
// starting offset (its straight connector), stopping at a cutoff distance.
import type { RoadGraph } from './road-graph.js';

/** A binary min-heap of (key, value) pairs in typed arrays; duplicate values allowed (lazy deletion). */
export class MinHeap {
  private keys: Float64Array;
  private vals: Int32Array;
  size = 0;
  constructor(capacity = 1024) {
    this.keys = new Float64Array(capacity);
    this.vals = new Int32Array(capacity);
  }
  push(key: number, val: number): void {
    if (this.size === this.keys.length) {
      const k = new Float64Array(this.size * 2);
      k.set(this.keys);
      const v = new Int32Array(this.size * 2);
      v.set(this.vals);
      this.keys = k;
      this.vals = v;
    }
    let i = this.size++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (this.keys[parent] <= key) break;
      this.keys[i] = this.keys[parent];
      this.vals[i] = this.vals[parent];
      i = parent;
    }
    this.keys[i] = key;
    this.vals[i] = val;
  }
  peekKey(): number {
    return this.keys[0];
  }
  /** Removes the smallest pair and returns its value. */
  pop(): number {
    const top = this.vals[0];
    const n = --this.size;
    const key = this.keys[n];
    const val = this.vals[n];
    let i = 0;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= n) break;
      if (c + 1 < n && this.keys[c + 1] < this.keys[c]) c++;
      if (this.keys[c] >= key) break;
      this.keys[i] = this.keys[c];
      this.vals[i] = this.vals[c];
      i = c;
    }
    this.keys[i] = key;
    this.vals[i] = val;
    return top;
  }
  clear(): void {
    this.size = 0;
  }
}

/** Reusable state for many bounded searches on one graph: only touched nodes are reset. */
export class Dijkstra {
  readonly dist: Float64Array;
  /** Nodes settled by the last run, in order of distance. */
  settled: number[] = [];
  private readonly heap = new MinHeap();
  private touched: number[] = [];

  constructor(readonly g: RoadGraph) {
    this.dist = new Float64Array(g.nodes.x.length).fill(Infinity);
  }

  /** Distances from the nearest source (plus its offset) to every node within cutoff; others stay Infinity. */
  run(sources: readonly { node: number; offset: number }[], cutoff: number): void {
    for (const v of this.touched) this.dist[v] = Infinity;
    this.touched = [];
    this.settled = [];
    const { dist, heap, g } = this;
    heap.clear();
    for (const s of sources) {
      if (s.node < 0 || s.offset > cutoff || s.offset >= dist[s.node]) continue;
      if (dist[s.node] === Infinity) this.touched.push(s.node);
      dist[s.node] = s.offset;
      heap.push(s.offset, s.node);
    }
    while (heap.size > 0) {
      const d = heap.peekKey();
      const v = heap.pop();
      if (d > dist[v]) continue; // stale entry
      this.settled.push(v);
      for (let e = g.adjStart[v]; e < g.adjStart[v + 1]; e++) {
        const w = g.adjNode[e];
        const nd = d + g.adjLen[e];
        if (nd <= cutoff && nd < dist[w]) {
          if (dist[w] === Infinity) this.touched.push(w);
          dist[w] = nd;
          heap.push(nd, w);
        }
      }
    }
  }
}
