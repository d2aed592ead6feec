// The shared shape of a siting problem: weighted demand points, candidate sites with their walking
// distances to demand (sparse), and the distance from each demand point to the nearest existing,
// fixed facility. Site and demand ids are indices.
import type { DistanceTable } from './distance-table.js';

export interface SitingProblem {
  /** Elders (or any demand) at each point. */
  weight: ArrayLike<number>;
  /** Candidate → demand walking distances, up to at least the radius (or the p-median far distance). */
  table: DistanceTable;
  /** Distance from each demand point to the nearest existing facility; Infinity (or absent) when none. */
  fixedDist?: ArrayLike<number>;
}

/** A heuristic's answer: sites in the order they add most, each with its marginal gain. */
export interface HeuristicResult {
  sites: number[];
  /** gains[k]: what sites[k] adds to sites[0..k-1] plus the fixed facilities (objective units). */
  gains: number[];
  objective: number;
  /** The objective with the fixed facilities alone. */
  baseline: number;
  /** A proven bound on the optimum (lower for minimising, upper for maximising), or null when none is known. */
  bound: number | null;
  /** Chosen sites left out because they add nothing to the others. */
  dropped: number;
  swaps: number;
  ms: number;
}

export interface HeuristicOptions {
  /** The whole solve, ordering the sites for display included, ends within this (ms). */
  timeBudgetMs?: number;
  now?: () => number;
  /** The search's random seed: the same seed gives the same answer. */
  seed?: number;
  /** Stop searching after this long (ms) without an improvement; the whole budget when absent. */
  stallMs?: number;
}

/** The search stops this share of the budget early, leaving the rest for ordering the sites. */
export const ORDERING_RESERVE = 0.05;

/** Keeps the sites that add something (gains are non-increasing, so those adding nothing come last). */
export function dropIdle(
  seq: { sites: number[]; gains: number[] },
  eps: number,
): { sites: number[]; gains: number[]; dropped: number } {
  let k = seq.sites.length;
  while (k > 0 && !(seq.gains[k - 1] > eps)) k--;
  return { sites: seq.sites.slice(0, k), gains: seq.gains.slice(0, k), dropped: seq.sites.length - k };
}

/** Site j's demand points within radius: list[start[j] .. start[j + 1]]. */
export interface CoverSets {
  start: Int32Array;
  list: Int32Array;
}

export function coverSets(table: DistanceTable, radius: number): CoverSets {
  const start = new Int32Array(table.nSites + 1);
  const keep: number[] = [];
  for (let j = 0; j < table.nSites; j++) {
    for (let k = table.start[j]; k < table.start[j + 1]; k++) if (table.dist[k] <= radius) keep.push(table.demand[k]);
    start[j + 1] = keep.length;
  }
  return { start, list: Int32Array.from(keep) };
}

/** The transpose: demand point i's covering sites. */
export function coveringSites(cs: CoverSets, nDemand: number): CoverSets {
  const start = new Int32Array(nDemand + 1);
  for (let k = 0; k < cs.list.length; k++) start[cs.list[k] + 1]++;
  for (let i = 0; i < nDemand; i++) start[i + 1] += start[i];
  const fill = start.slice(0, nDemand);
  const list = new Int32Array(cs.list.length);
  for (let j = 0; j + 1 < cs.start.length; j++)
    for (let k = cs.start[j]; k < cs.start[j + 1]; k++) list[fill[cs.list[k]]++] = j;
  return { start, list };
}

export const fixedDistOf = (p: SitingProblem, i: number): number => (p.fixedDist ? p.fixedDist[i] : Infinity);

export function checkSites(p: SitingProblem, sites: readonly number[]): void {
  for (const j of sites)
    if (!Number.isInteger(j) || j < 0 || j >= p.table.nSites) throw new RangeError(`site ${j} is not a candidate`);
}
