// OR-Library p-median instances (Beasley 1990): `n edges p`, then undirected edges `i j cost` (1-based).
// All-pairs shortest paths by Floyd–Warshall; an edge listed twice counts with its LAST listing (the
// convention of the instances' README). Every vertex is a demand point of weight 1 and a candidate site.
import { type DistanceTable, tableFromEntries } from './distance-table.js';

export interface OrlibInstance {
  n: number;
  p: number;
  /** n × n shortest-path distances, row-major. */
  dist: Float64Array;
}

export function parseOrlib(text: string): OrlibInstance {
  const nums = text.trim().split(/\s+/).map(Number);
  const [n, edges, p] = nums;
  const dist = new Float64Array(n * n).fill(Infinity);
  for (let i = 0; i < n; i++) dist[i * n + i] = 0;
  for (let e = 0; e < edges; e++) {
    const a = nums[3 + 3 * e] - 1;
    const b = nums[4 + 3 * e] - 1;
    const c = nums[5 + 3 * e];
    if (a === b) continue;
    dist[a * n + b] = c; // the last listing of an edge wins
    dist[b * n + a] = c;
  }
  for (let k = 0; k < n; k++) {
    const rk = k * n;
    for (let i = 0; i < n; i++) {
      const dik = dist[i * n + k];
      if (dik === Infinity) continue;
      const ri = i * n;
      for (let j = 0; j < n; j++) {
        const v = dik + dist[rk + j];
        if (v < dist[ri + j]) dist[ri + j] = v;
      }
    }
  }
  return { n, p, dist };
}

/** The full site → demand table (site j, demand i at dist[j][i]). */
export function orlibTable(inst: OrlibInstance): DistanceTable {
  const { n, dist } = inst;
  const entries: [number, number, number][] = [];
  for (let j = 0; j < n; j++) for (let i = 0; i < n; i++) entries.push([j, i, dist[j * n + i]]);
  return tableFromEntries(n, n, entries);
}

/** The q-quantile (0..1) of the off-diagonal distances. */
export function distancePercentile(inst: OrlibInstance, q: number): number {
  const v: number[] = [];
  for (let i = 0; i < inst.n; i++) for (let j = 0; j < inst.n; j++) if (i !== j) v.push(inst.dist[i * inst.n + j]);
  v.sort((a, b) => a - b);
  return v[Math.min(v.length - 1, Math.floor(q * v.length))];
}
