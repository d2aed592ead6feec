// The capped p-median form the siting search works on (see interchange.ts): demand i pays
// w_i · min(b_i, d_ij over open j), as sparse rows of each demand point's sites in increasing distance; its
// objective by definition, and the seeded generator the search draws from.

/** The capped p-median form over sparse rows: demand i's sites in increasing distance, only those nearer than b_i. */
export interface CappedProblem {
  n: number;
  m: number;
  weight: Float64Array;
  /** The cap: distance to a fixed facility or the far distance. */
  cap: Float64Array;
  rowStart: Int32Array;
  rowSite: Int32Array;
  rowDist: Float64Array;
  colStart: Int32Array;
  colDemand: Int32Array;
  colDist: Float64Array;
  /** Every weight, distance and cap is an integer, so the optimum is too (the bound may be rounded up). */
  integral: boolean;
}

/** Builds the form from site → demand lists (any order); pairs at or beyond the cap and zero weights are dropped. */
export function cappedProblem(
  n: number,
  m: number,
  weight: ArrayLike<number>,
  cap: ArrayLike<number>,
  colOf: (j: number, visit: (i: number, d: number) => void) => void,
): CappedProblem {
  const w = Float64Array.from({ length: n }, (_, i) => weight[i]);
  const b = Float64Array.from({ length: n }, (_, i) => cap[i]);
  let integral = true;
  for (let i = 0; i < n; i++) if (!Number.isInteger(w[i]) || !Number.isInteger(b[i])) integral = false;
  const colStart = new Int32Array(m + 1);
  const cd: number[] = [];
  const cx: number[] = [];
  for (let j = 0; j < m; j++) {
    colOf(j, (i, d) => {
      if (w[i] > 0 && d < b[i]) {
        cd.push(i);
        cx.push(d);
        if (!Number.isInteger(d)) integral = false;
      }
    });
    colStart[j + 1] = cd.length;
  }
  const colDemand = Int32Array.from(cd);
  const colDist = Float64Array.from(cx);
  const rowStart = new Int32Array(n + 1);
  for (let k = 0; k < colDemand.length; k++) rowStart[colDemand[k] + 1]++;
  for (let i = 0; i < n; i++) rowStart[i + 1] += rowStart[i];
  const fill = rowStart.slice(0, n);
  const rs = new Int32Array(colDemand.length);
  const rd = new Float64Array(colDemand.length);
  for (let j = 0; j < m; j++) {
    for (let k = colStart[j]; k < colStart[j + 1]; k++) {
      const i = colDemand[k];
      rs[fill[i]] = j;
      rd[fill[i]++] = colDist[k];
    }
  }
  // Sort each row by distance (ties by site, for determinism).
  const order: number[] = [];
  for (let i = 0; i < n; i++) {
    const a = rowStart[i];
    const e = rowStart[i + 1];
    order.length = 0;
    for (let k = a; k < e; k++) order.push(k);
    order.sort((x, y) => rd[x] - rd[y] || rs[x] - rs[y]);
    const s = order.map((k) => rs[k]);
    const d = order.map((k) => rd[k]);
    for (let k = a; k < e; k++) {
      rs[k] = s[k - a];
      rd[k] = d[k - a];
    }
  }
  return { n, m, weight: w, cap: b, rowStart, rowSite: rs, rowDist: rd, colStart, colDemand, colDist, integral };
}

/** Σ_i w_i · min(b_i, d_ij over the sites), by definition. */
export function cappedObjective(pr: CappedProblem, sites: readonly number[]): number {
  const open = new Uint8Array(pr.m);
  for (const j of sites) open[j] = 1;
  let z = 0;
  for (let i = 0; i < pr.n; i++) {
    let d = pr.cap[i];
    for (let r = pr.rowStart[i]; r < pr.rowStart[i + 1]; r++)
      if (open[pr.rowSite[r]]) {
        d = Math.min(d, pr.rowDist[r]);
        break;
      }
    z += pr.weight[i] * d;
  }
  return z;
}

/** A seeded generator (mulberry32): the search repeats exactly for a given seed. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
