// Walking distances between sites and demand points within a cutoff, as a sparse table: over the road
// network (point → nearest node by a straight connector, network, node → point), or, for a city
// without roads, straight-line distance × a circuity factor.
import { PointIndex } from '../../core/geo/index.js';
import type { Points } from './geo.js';
import { Dijkstra } from './dijkstra.js';
import { type RoadGraph, snapToGraph } from './road-graph.js';

/** Site j reaches demand[start[j] .. start[j + 1]] at dist[…]; pairs farther than the cutoff are absent. */
export interface DistanceTable {
  nDemand: number;
  nSites: number;
  start: Int32Array;
  demand: Int32Array;
  dist: Float64Array;
}

export const DEFAULT_CIRCUITY = 1.3;

/** How distances are measured: over a road graph, or straight × circuity when graph is null. */
export interface Metric {
  graph: RoadGraph | null;
  circuity: number;
}

function pack(nDemand: number, lists: { demand: number[]; dist: number[] }[]): DistanceTable {
  const start = new Int32Array(lists.length + 1);
  lists.forEach((l, j) => (start[j + 1] = start[j] + l.demand.length));
  const demand = new Int32Array(start[lists.length]);
  const dist = new Float64Array(start[lists.length]);
  lists.forEach((l, j) => {
    demand.set(l.demand, start[j]);
    dist.set(l.dist, start[j]);
  });
  return { nDemand, nSites: lists.length, start, demand, dist };
}

/** Builds the table from an explicit list of entries (tests, hand-made instances). */
export function tableFromEntries(
  nDemand: number,
  nSites: number,
  entries: readonly [site: number, demand: number, dist: number][],
): DistanceTable {
  const lists = Array.from({ length: nSites }, () => ({ demand: [] as number[], dist: [] as number[] }));
  for (const [j, i, d] of entries) {
    lists[j].demand.push(i);
    lists[j].dist.push(d);
  }
  return pack(nDemand, lists);
}

/** Points snapped to the graph, grouped by node so a search can read off the demand at each node it settles. */
interface Snapped {
  node: Int32Array;
  connector: Float64Array;
  /** Points at node v: byNode[byNodeStart[v] .. byNodeStart[v + 1]]. */
  byNodeStart: Int32Array;
  byNode: Int32Array;
}

function snapGrouped(g: RoadGraph, pts: Points): Snapped {
  const { node, connector } = snapToGraph(g, pts);
  const n = g.nodes.x.length;
  const byNodeStart = new Int32Array(n + 1);
  for (let i = 0; i < node.length; i++) byNodeStart[node[i] + 1]++;
  for (let v = 0; v < n; v++) byNodeStart[v + 1] += byNodeStart[v];
  const fill = byNodeStart.slice(0, n);
  const byNode = new Int32Array(node.length);
  for (let i = 0; i < node.length; i++) byNode[fill[node[i]]++] = i;
  return { node, connector, byNodeStart, byNode };
}

/** Distances from each site to every demand point within cutoff metres. */
export function distanceTable(metric: Metric, demand: Points, sites: Points, cutoff: number): DistanceTable {
  const lists: { demand: number[]; dist: number[] }[] = [];
  const nSites = sites.x.length;
  if (!metric.graph) {
    const grid = new PointIndex(demand);
    const c = metric.circuity;
    for (let j = 0; j < nSites; j++) {
      const l = { demand: [] as number[], dist: [] as number[] };
      grid.within(sites.x[j], sites.y[j], cutoff / c, (i, d) => {
        l.demand.push(i);
        l.dist.push(d * c);
      });
      lists.push(l);
    }
    return pack(demand.x.length, lists);
  }
  const g = metric.graph;
  const sd = snapGrouped(g, demand);
  const ss = snapToGraph(g, sites);
  const search = new Dijkstra(g);
  for (let j = 0; j < nSites; j++) {
    const l = { demand: [] as number[], dist: [] as number[] };
    search.run([{ node: ss.node[j], offset: ss.connector[j] }], cutoff);
    for (const v of search.settled) {
      const dv = search.dist[v];
      for (let k = sd.byNodeStart[v]; k < sd.byNodeStart[v + 1]; k++) {
        const i = sd.byNode[k];
        const d = dv + sd.connector[i];
        if (d <= cutoff) {
          l.demand.push(i);
          l.dist.push(d);
        }
      }
    }
    lists.push(l);
  }
  return pack(demand.x.length, lists);
}

/** Each demand point's distance to the nearest facility (Infinity beyond cutoff or with no facility). */
export function nearestFacilityDistance(
  metric: Metric,
  demand: Points,
  facilities: Points,
  cutoff: number,
): Float64Array {
  const out = new Float64Array(demand.x.length).fill(Infinity);
  if (facilities.x.length === 0) return out;
  if (!metric.graph) {
    const grid = new PointIndex(facilities);
    for (let i = 0; i < demand.x.length; i++) {
      grid.within(demand.x[i], demand.y[i], cutoff / metric.circuity, (_j, d) => {
        out[i] = Math.min(out[i], d * metric.circuity);
      });
    }
    return out;
  }
  const g = metric.graph;
  const sf = snapToGraph(g, facilities);
  const sd = snapToGraph(g, demand);
  const search = new Dijkstra(g);
  search.run(
    Array.from(sf.node, (node, j) => ({ node, offset: sf.connector[j] })),
    cutoff,
  );
  for (let i = 0; i < demand.x.length; i++) {
    const d = search.dist[sd.node[i]] + sd.connector[i];
    if (d <= cutoff) out[i] = d;
  }
  return out;
}
