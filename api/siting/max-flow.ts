// Dinic's maximum flow on a small directed graph with real capacities: how many elders a set of
// capacitated sites can serve when each elder may go to any open site within reach.

export class FlowNetwork {
  private head: number[];
  private to: number[] = [];
  private cap: number[] = [];
  private next: number[] = [];
  constructor(readonly n: number) {
    this.head = new Array(n).fill(-1);
  }
  /** Adds u → v with capacity c; returns the edge's id for flowOn. */
  addEdge(u: number, v: number, c: number): number {
    this.to.push(v, u);
    this.cap.push(c, 0);
    this.next.push(this.head[u], this.head[v]);
    this.head[u] = this.to.length - 2;
    this.head[v] = this.to.length - 1;
    return this.to.length - 2;
  }
  /** The flow on an edge after maxFlow (what its reverse residual holds). */
  flowOn(e: number): number {
    return this.cap[e ^ 1];
  }
  maxFlow(s: number, t: number): number {
    const { n, to, cap, next, head } = this;
    const level = new Int32Array(n);
    const it = new Int32Array(n);
    const queue = new Int32Array(n);
    let total = 0;
    const dfs = (u: number, f: number): number => {
      if (u === t) return f;
      for (; it[u] !== -1; it[u] = next[it[u]]) {
        const e = it[u];
        const v = to[e];
        if (cap[e] > 1e-9 && level[v] === level[u] + 1) {
          const got = dfs(v, Math.min(f, cap[e]));
          if (got > 0) {
            cap[e] -= got;
            cap[e ^ 1] += got;
            return got;
          }
        }
      }
      return 0;
    };
    for (;;) {
      level.fill(-1);
      level[s] = 0;
      let qh = 0;
      let qt = 0;
      queue[qt++] = s;
      while (qh < qt) {
        const u = queue[qh++];
        for (let e = head[u]; e !== -1; e = next[e]) {
          if (cap[e] > 1e-9 && level[to[e]] < 0) {
            level[to[e]] = level[u] + 1;
            queue[qt++] = to[e];
          }
        }
      }
      if (level[t] < 0) return total;
      for (let v = 0; v < n; v++) it[v] = head[v];
      for (let f = dfs(s, Infinity); f > 0; f = dfs(s, Infinity)) total += f;
    }
  }
}
