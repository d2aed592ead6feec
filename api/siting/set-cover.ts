// 集合覆盖 Location set covering (Toregas et al. 1971): the fewest new sites such that every demand
// point that some candidate can reach within the radius, and no existing facility already covers,
// is covered. Greedy (most newly covered points), then dropping redundant sites.
import { checkSites, type CoverSets, coverSets, coveringSites, fixedDistOf, type SitingProblem } from './problem.js';

export interface SetCoverInput extends SitingProblem {
  radius: number;
}

/** Demand points (weight > 0) that must be covered: not covered by a fixed facility, reachable by a candidate. */
export function pointsToCover(input: SetCoverInput, cs = coverSets(input.table, input.radius)): number[] {
  const by = coveringSites(cs, input.table.nDemand);
  const out: number[] = [];
  for (let i = 0; i < input.table.nDemand; i++) {
    if (input.weight[i] > 0 && fixedDistOf(input, i) > input.radius && by.start[i + 1] > by.start[i]) out.push(i);
  }
  return out;
}

/** The points of pointsToCover that the site set leaves uncovered (empty for a feasible cover). */
export function uncoveredBy(input: SetCoverInput, sites: readonly number[], cs = coverSets(input.table, input.radius)): number[] {
  checkSites(input, sites);
  const covered = new Uint8Array(input.table.nDemand);
  for (const j of sites) for (let k = cs.start[j]; k < cs.start[j + 1]; k++) covered[cs.list[k]] = 1;
  return pointsToCover(input, cs).filter((i) => !covered[i]);
}

export interface SetCoverResult {
  sites: number[];
  /** Points each site newly covers, in order. */
  gains: number[];
  /** Weight covered by each site in order (its marginal elders). */
  weightGains: number[];
  ms: number;
}

export function solveSetCover(input: SetCoverInput, now: () => number = () => performance.now()): SetCoverResult {
  const t0 = now();
  const cs: CoverSets = coverSets(input.table, input.radius);
  const need = new Uint8Array(input.table.nDemand);
  for (const i of pointsToCover(input, cs)) need[i] = 1;
  const m = input.table.nSites;
  const cnt = new Int32Array(input.table.nDemand);
  const open = new Uint8Array(m);
  let sites: number[] = [];
  const newly = (k: number) => {
    let c = 0;
    let wsum = 0;
    for (let e = cs.start[k]; e < cs.start[k + 1]; e++) if (need[cs.list[e]] && cnt[cs.list[e]] === 0) { c++; wsum += input.weight[cs.list[e]]; }
    return [c, wsum];
  };
  for (;;) {
    let pick = -1;
    let bestC = 0;
    let bestW = -1;
    for (let k = 0; k < m; k++) {
      if (open[k]) continue;
      const [c, wsum] = newly(k);
      if (c > bestC || (c === bestC && c > 0 && wsum > bestW)) [pick, bestC, bestW] = [k, c, wsum];
    }
    if (pick < 0) break;
    open[pick] = 1;
    sites.push(pick);
    for (let e = cs.start[pick]; e < cs.start[pick + 1]; e++) cnt[cs.list[e]]++;
  }
  // Drop sites whose points are all covered twice, last-picked first (the least useful).
  for (let a = sites.length - 1; a >= 0; a--) {
    const j = sites[a];
    let redundant = true;
    for (let e = cs.start[j]; e < cs.start[j + 1]; e++) if (need[cs.list[e]] && cnt[cs.list[e]] < 2) { redundant = false; break; }
    if (redundant) {
      for (let e = cs.start[j]; e < cs.start[j + 1]; e++) cnt[cs.list[e]]--;
      sites = sites.filter((s) => s !== j);
    }
  }
  // Report in greedy order of what each adds.
  cnt.fill(0);
  const left = [...sites];
  const ordered: number[] = [];
  const gains: number[] = [];
  const weightGains: number[] = [];
  while (left.length > 0) {
    let bk = 0;
    let bv = [-1, -1];
    left.forEach((j, k) => {
      const v = newly(j);
      if (v[0] > bv[0] || (v[0] === bv[0] && v[1] > bv[1])) [bk, bv] = [k, v];
    });
    const j = left.splice(bk, 1)[0];
    ordered.push(j);
    gains.push(bv[0]);
    weightGains.push(bv[1]);
    for (let e = cs.start[j]; e < cs.start[j + 1]; e++) cnt[cs.list[e]]++;
  }
  return { sites: ordered, gains, weightGains, ms: now() - t0 };
}
