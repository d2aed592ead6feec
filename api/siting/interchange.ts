// The search engine shared by p-median, MCLP and set covering: a p-median in "capped" form — demand i pays
// w_i · min(b_i, d_ij over open j), b_i the distance to a fixed facility (or the far distance) — minimised by
// variable neighbourhood search over fast interchange (Whitaker 1983; Hansen & Mladenović 1997; the
// incremental gain / loss / extra bookkeeping of Resende & Werneck 2007), with a Lagrangian lower bound by
// subgradient optimisation (Cornuéjols, Fisher & Nemhauser 1977; lagrangian.ts), so every answer carries a proven gap.
//
// MCLP is this form with d_ij = 0 where j covers i and b_i = 1 (the objective is the weight left uncovered).
//
// Bookkeeping for a solution with closest open site φ1(i) at d1_i and second closest at d2_i (both capped at b_i):
//   gain[k]     = Σ_i w_i · max(0, d1_i − d_ik)                       (what opening k saves)
//   loss[j]     = Σ_{φ1(i)=j} w_i · (d2_i − d1_i)                       (what closing j costs)
//   extra[j][k] = Σ_{φ1(i)=j, d_ik<d2_i} w_i · (d2_i − max(d_ik, d1_i))  (the overlap of the two)
// and swapping j out for k saves gain[k] − loss[j] + extra[j][k]. Each demand point contributes to these
// through the sites in its row closer than d2_i only, so a swap updates just the points it touches.

import { type CappedProblem, cappedObjective, rng } from './capped-problem.js';
import { lagrangianBound } from './lagrangian.js';

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

  constructor(
    readonly pr: CappedProblem,
    p: number,
  ) {
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
