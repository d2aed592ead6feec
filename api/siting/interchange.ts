// The search engine shared by p-median, MCLP and set covering: a p-median in "capped" form — demand i pays
// w_i · min(b_i, d_ij over open j), b_i the distance to a fixed facility (or the far distance) — minimised by
// variable neighbourhood search over fast interchange (Whitaker 1983; Hansen & Mladenović 1997; the
// incremental gain / loss / extra bookkeeping of Resende & Werneck 2007), with a Lagrangian lower bound by
// subgradient optimisation (Cornuéjols, Fisher & Nemhauser 1977), so every answer carries a proven gap.
//
// MCLP is this form with d_ij = 0 where j covers i and b_i = 1 (the objective is the weight left uncovered).
//
// Bookkeeping for a solution with closest open site φ1(i) at d1_i and second closest at d2_i (both capped at b_i):
//   gain[k]     = Σ_i w_i · max(0, d1_i − d_ik)                       (what opening k saves)
//   loss[j]     = Σ_{φ1(i)=j} w_i · (d2_i − d1_i)                       (what closing j costs)
//   extra[j][k] = Σ_{φ1(i)=j, d_ik<d2_i} w_i · (d2_i − max(d_ik, d1_i))  (the overlap of the two)
// and swapping j out for k saves gain[k] − loss[j] + extra[j][k]. Each demand point contributes to these
// through the sites in its row closer than d2_i only, so a swap updates just the points it touches.

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
export function cappedProblem(n: number, m: number, weight: ArrayLike<number>, cap: ArrayLike<number>, colOf: (j: number, visit: (i: number, d: number) => void) => void): CappedProblem {
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
    for (let r = pr.rowStart[i]; r < pr.rowStart[i + 1]; r++) if (open[pr.rowSite[r]]) { d = Math.min(d, pr.rowDist[r]); break; }
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

/** A solution under incremental bookkeeping: p slots, each holding an open site (or -1 while greedy fills them). */
export class Interchange {
  readonly p: number;
  readonly sites: Int32Array;
  readonly open: Uint8Array;
  private slotOf: Int32Array;
  private d1: Float64Array;
  private d2: Float64Array;
  private phi1: Int32Array;
  private phi2: Int32Array;
  readonly gain: Float64Array;
  readonly loss: Float64Array;
  readonly extra: Float64Array;
  private stamp: Int32Array;
  private epoch = 0;
  private touched: Int32Array;
  objective = 0;
  moves = 0;

  constructor(readonly pr: CappedProblem, p: number) {
    this.p = Math.max(0, Math.min(p, pr.m));
    this.sites = new Int32Array(this.p).fill(-1);
    this.open = new Uint8Array(pr.m);
    this.slotOf = new Int32Array(pr.m).fill(-1);
    this.d1 = new Float64Array(pr.n);
    this.d2 = new Float64Array(pr.n);
    this.phi1 = new Int32Array(pr.n);
    this.phi2 = new Int32Array(pr.n);
    this.gain = new Float64Array(pr.m);
    this.loss = new Float64Array(this.p);
    this.extra = new Float64Array(this.p * pr.m);
    this.stamp = new Int32Array(pr.n);
    this.touched = new Int32Array(pr.n);
    this.load([]);
  }

  /** Starts over from these sites (fewer than p leaves slots empty). */
  load(sites: readonly number[]): void {
    const { pr } = this;
    this.open.fill(0);
    this.slotOf.fill(-1);
    this.sites.fill(-1);
    sites.slice(0, this.p).forEach((j, a) => {
      this.sites[a] = j;
      this.open[j] = 1;
      this.slotOf[j] = a;
    });
    this.gain.fill(0);
    this.loss.fill(0);
    this.extra.fill(0);
    this.objective = 0;
    for (let i = 0; i < pr.n; i++) {
      this.settle(i);
      this.contribute(i, 1);
      this.objective += pr.weight[i] * this.d1[i];
    }
  }

  /** Closest and second-closest open sites of i, from its sorted row. */
  private settle(i: number): void {
    const { pr } = this;
    const b = pr.cap[i];
    let d1 = b;
    let d2 = b;
    let f1 = -1;
    let f2 = -1;
    for (let r = pr.rowStart[i]; r < pr.rowStart[i + 1]; r++) {
      const j = pr.rowSite[r];
      if (!this.open[j]) continue;
      if (f1 < 0) {
        f1 = j;
        d1 = pr.rowDist[r];
      } else {
        f2 = j;
        d2 = pr.rowDist[r];
        break;
      }
    }
    this.d1[i] = d1;
    this.d2[i] = d2;
    this.phi1[i] = f1;
    this.phi2[i] = f2;
  }

  private contribute(i: number, sign: number): void {
    const { pr } = this;
    const w = sign * pr.weight[i];
    const d1 = this.d1[i];
    const d2 = this.d2[i];
    const f = this.phi1[i];
    const slot = f >= 0 ? this.slotOf[f] : -1;
    if (slot >= 0) this.loss[slot] += w * (d2 - d1);
    const base = slot * pr.m;
    for (let r = pr.rowStart[i]; r < pr.rowStart[i + 1]; r++) {
      const d = pr.rowDist[r];
      if (d >= d2) break;
      const k = pr.rowSite[r];
      if (d < d1) this.gain[k] += w * (d1 - d);
      if (slot >= 0) this.extra[base + k] += w * (d2 - (d > d1 ? d : d1));
    }
  }

  /** Puts site k into slot a (closing the site there, if any). */
  swap(a: number, k: number): void {
    const { pr } = this;
    const j = this.sites[a];
    const ep = ++this.epoch;
    let nt = 0;
    if (j >= 0) {
      for (let e = pr.colStart[j]; e < pr.colStart[j + 1]; e++) {
        const i = pr.colDemand[e];
        if ((this.phi1[i] === j || this.phi2[i] === j) && this.stamp[i] !== ep) {
          this.stamp[i] = ep;
          this.touched[nt++] = i;
        }
      }
    }
    for (let e = pr.colStart[k]; e < pr.colStart[k + 1]; e++) {
      const i = pr.colDemand[e];
      if (pr.colDist[e] < this.d2[i] && this.stamp[i] !== ep) {
        this.stamp[i] = ep;
        this.touched[nt++] = i;
      }
    }
    for (let t = 0; t < nt; t++) this.contribute(this.touched[t], -1);
    // Only points whose closest site was j fed slot a's row, and all of them were touched: clear the rounding residue.
    this.extra.fill(0, a * pr.m, (a + 1) * pr.m);
    this.loss[a] = 0;
    if (j >= 0) {
      this.open[j] = 0;
      this.slotOf[j] = -1;
    }
    this.open[k] = 1;
    this.slotOf[k] = a;
    this.sites[a] = k;
    for (let t = 0; t < nt; t++) {
      const i = this.touched[t];
      const before = this.d1[i];
      this.settle(i);
      this.objective += pr.weight[i] * (this.d1[i] - before);
      this.contribute(i, 1);
    }
    this.moves++;
  }

  /** The best swap (slot, site in) and what it saves; saving ≤ 0 when the solution is a local optimum. */
  bestSwap(): { slot: number; site: number; saving: number } {
    const { pr } = this;
    const m = pr.m;
    let best = { slot: -1, site: -1, saving: -Infinity };
    for (let a = 0; a < this.p; a++) {
      if (this.sites[a] < 0) continue;
      const base = a * m;
      const l = this.loss[a];
      for (let k = 0; k < m; k++) {
        if (this.open[k]) continue;
        const s = this.gain[k] - l + this.extra[base + k];
        if (s > best.saving) best = { slot: a, site: k, saving: s };
      }
    }
    return best;
  }

  /** Fills the empty slots greedily (most saving first). */
  greedy(): void {
    for (let a = 0; a < this.p; a++) {
      if (this.sites[a] >= 0) continue;
      let k = -1;
      for (let c = 0; c < this.pr.m; c++) if (!this.open[c] && (k < 0 || this.gain[c] > this.gain[k])) k = c;
      if (k < 0) return;
      this.swap(a, k);
    }
  }

  /** Best-improvement swaps to a local optimum (or until out of time). */
  descend(eps: number, outOfTime: () => boolean): void {
    for (;;) {
      if (outOfTime()) return;
      const s = this.bestSwap();
      if (s.slot < 0 || s.saving <= eps) return;
      this.swap(s.slot, s.site);
    }
  }

  current(): number[] {
    return Array.from(this.sites).filter((j) => j >= 0);
  }
}

/** Lagrangian relaxation of the assignment constraints, by subgradient: a lower bound on the capped p-median. */
/** The bound, and the sites open in the relaxation at its best multipliers (a start for the search). */
export function lagrangianBound(
  pr: CappedProblem,
  p: number,
  upperBound: number | (() => number),
  opts: { outOfTime: () => boolean; maxIter?: number; start?: readonly number[]; onImprove?: (sites: number[], iteration: number) => void },
): { bound: number; iterations: number; sites: number[] } {
  const upperOf = typeof upperBound === 'number' ? () => upperBound : upperBound;
  const { n, m, weight: w, cap } = pr;
  const lambda = new Float64Array(n);
  const hi = new Float64Array(n);
  for (let i = 0; i < n; i++) hi[i] = w[i] * cap[i];
  // Start from the costs of a good solution: each point's cost at its nearest open site.
  if (opts.start) {
    const open = new Uint8Array(m);
    for (const j of opts.start) open[j] = 1;
    for (let i = 0; i < n; i++) {
      let d = cap[i];
      for (let r = pr.rowStart[i]; r < pr.rowStart[i + 1]; r++) if (open[pr.rowSite[r]]) { d = pr.rowDist[r]; break; }
      lambda[i] = w[i] * d;
    }
  } else lambda.set(hi);
  const rho = new Float64Array(m);
  const inS = new Uint8Array(m);
  const g = new Float64Array(n);
  const idx = Int32Array.from({ length: m }, (_, j) => j);
  let best = -Infinity;
  let theta = 2;
  let stall = 0;
  let bestSet: number[] = [];
  const maxIter = opts.maxIter ?? 3000;
  const round = (v: number) => (pr.integral ? Math.ceil(v - 1e-7 * Math.max(1, Math.abs(v))) : v);
  let it = 0;
  for (; it < maxIter && !opts.outOfTime(); it++) {
    rho.fill(0);
    let L = 0;
    for (let i = 0; i < n; i++) {
      const l = lambda[i];
      L += l;
      const wi = w[i];
      for (let r = pr.rowStart[i]; r < pr.rowStart[i + 1]; r++) {
        const c = wi * pr.rowDist[r];
        if (c >= l) break;
        rho[pr.rowSite[r]] += c - l;
      }
    }
    // The p most negative reduced costs open (Σ y ≤ p: only negative ones).
    let count = 0;
    for (let j = 0; j < m; j++) if (rho[j] < 0) idx[count++] = j;
    const neg = idx.subarray(0, count);
    if (count > p) neg.sort((x, y) => rho[x] - rho[y] || x - y);
    inS.fill(0);
    for (let a = 0; a < Math.min(p, count); a++) {
      inS[neg[a]] = 1;
      L += rho[neg[a]];
    }
    if (best === -Infinity || L > best + 1e-9 * Math.max(1, Math.abs(best))) {
      best = L;
      bestSet = Array.from(neg.subarray(0, Math.min(p, count)));
      stall = 0;
      opts.onImprove?.(bestSet, it);
    } else if (++stall >= 25) {
      theta /= 2;
      stall = 0;
    }
    const upper = upperOf();
    if (round(best) >= upper - 1e-9 * Math.max(1, Math.abs(upper)) || theta < 1e-7) {
      it++;
      break;
    }
    // Subgradient of the relaxed Σ_j x_ij + u_i = 1, projected onto 0 ≤ λ_i ≤ w_i b_i.
    let norm = 0;
    for (let i = 0; i < n; i++) {
      const l = lambda[i];
      let cnt = 0;
      const wi = w[i];
      for (let r = pr.rowStart[i]; r < pr.rowStart[i + 1]; r++) {
        if (wi * pr.rowDist[r] >= l) break;
        if (inS[pr.rowSite[r]]) cnt++;
      }
      let gi = 1 - cnt;
      if ((gi > 0 && l >= hi[i]) || (gi < 0 && l <= 0)) gi = 0;
      g[i] = gi;
      norm += gi * gi;
    }
    if (norm === 0) {
      it++;
      break; // λ is optimal for the relaxation
    }
    // Aim a little above the best objective: a target equal to it makes steps vanish near the end.
    const step = (theta * (upper + 0.005 * Math.abs(upper) - L + 1e-9)) / norm;
    for (let i = 0; i < n; i++) {
      if (g[i] === 0) continue;
      const v = lambda[i] + step * g[i];
      lambda[i] = v < 0 ? 0 : v > hi[i] ? hi[i] : v;
    }
  }
  return { bound: Math.min(round(best), upperOf()), iterations: it, sites: bestSet };
}

export interface SearchOptions {
  /** Stop by this time (in `now()` units, ms). */
  deadline: number;
  now: () => number;
  seed?: number;
  /** Skip the Lagrangian bound (the caller has a better one, or needs none). */
  noBound?: boolean;
  /** Stop once the objective is at most this (e.g. 0 uncovered for set covering). */
  target?: number;
  start?: readonly number[];
  /** Stop after this long (ms) without an improvement (the whole budget when absent). */
  stallMs?: number;
}

export interface SearchResult {
  sites: number[];
  objective: number;
  /** Proven lower bound on the optimum (the Lagrangian dual), or −Infinity when none was computed. */
  bound: number;
  moves: number;
  iterations: number;
}

/** Greedy, local search, the Lagrangian bound, then VNS until optimal (objective = bound), the target, or the deadline. */
export function searchCapped(pr: CappedProblem, p: number, opts: SearchOptions): SearchResult {
  const { now, deadline } = opts;
  const outOfTime = () => now() >= deadline;
  const engine = new Interchange(pr, p);
  if (opts.start) engine.load(opts.start);
  engine.greedy();
  // Savings below this are rounding, not improvement.
  const eps = 1e-9 * Math.max(1, engine.objective);
  engine.descend(eps, outOfTime);
  let best = engine.current();
  let bestZ = engine.objective;
  const target = opts.target ?? -Infinity;
  let bound = -Infinity;
  const start = now();
  if (!opts.noBound && bestZ > target + eps) {
    // Up to a fifth of the time left for the bound.
    const until = start + (deadline - start) / 5;
    // The relaxation's open sites often lie next to the optimum: as the multipliers improve, search from them
    // too (a Lagrangian heuristic), every few improvements.
    let tried = 0;
    let searching = 0; // time spent searching from the relaxation: not taken from the bound's share
    const fromRelaxation = (set: readonly number[]) => {
      const t = now();
      engine.load(set);
      engine.greedy();
      engine.descend(eps, outOfTime);
      if (engine.objective < bestZ - eps) {
        best = engine.current();
        bestZ = engine.objective;
      }
      searching += now() - t;
    };
    const lr = lagrangianBound(pr, engine.p, () => bestZ, {
      outOfTime: () => now() >= Math.min(until + searching, deadline),
      start: best,
      onImprove: (set, it) => {
        if (it >= 10 && tried++ % 5 === 0) fromRelaxation(set);
      },
    });
    bound = lr.bound;
    if (bestZ > bound + eps && lr.sites.length > 0) fromRelaxation(lr.sites);
    engine.load(best);
  }
  let improvedAt = now();
  const stalled = () => opts.stallMs !== undefined && now() - improvedAt > opts.stallMs;
  const done = () => bestZ <= bound + eps || bestZ <= target + eps || outOfTime() || stalled();
  const rand = rng(opts.seed ?? 1);
  const kmax = Math.max(1, Math.min(engine.p, pr.m - engine.p, 10));
  let k = 1;
  let iterations = 0;
  const closedPick = () => {
    for (;;) {
      const c = Math.floor(rand() * pr.m);
      if (!engine.open[c]) return c;
    }
  };
  while (engine.p > 0 && engine.p < pr.m && !done()) {
    iterations++;
    for (let s = 0; s < k; s++) engine.swap(Math.floor(rand() * engine.p), closedPick());
    engine.descend(eps, outOfTime);
    if (engine.objective < bestZ - eps) {
      best = engine.current();
      bestZ = engine.objective;
      improvedAt = now();
      k = 1;
    } else {
      if (engine.objective > bestZ + eps) engine.load(best);
      k = k >= kmax ? 1 : k + 1;
    }
  }
  return { sites: best, objective: cappedObjective(pr, best), bound, moves: engine.moves, iterations };
}

/**
 * Orders a chosen set by what each adds (greedy on the capped objective, incrementally: one pass over each
 * remaining site's column per step, no full re-evaluations). Savings come out non-increasing and sum to
 * objective(∅) − objective(sites).
 */
export function orderBySaving(pr: CappedProblem, sites: readonly number[]): { sites: number[]; savings: number[] } {
  const cur = Float64Array.from(pr.cap);
  const left = [...sites];
  const out: number[] = [];
  const savings: number[] = [];
  while (left.length > 0) {
    let bk = 0;
    let bv = -Infinity;
    left.forEach((j, k) => {
      let s = 0;
      for (let e = pr.colStart[j]; e < pr.colStart[j + 1]; e++) {
        const i = pr.colDemand[e];
        const d = pr.colDist[e];
        if (d < cur[i]) s += pr.weight[i] * (cur[i] - d);
      }
      if (s > bv) [bk, bv] = [k, s];
    });
    const j = left.splice(bk, 1)[0];
    for (let e = pr.colStart[j]; e < pr.colStart[j + 1]; e++) {
      const i = pr.colDemand[e];
      if (pr.colDist[e] < cur[i]) cur[i] = pr.colDist[e];
    }
    out.push(j);
    savings.push(bv);
  }
  return { sites: out, savings };
}
