import { describe, expect, it } from 'vitest';
import { distanceTable, nearestFacilityDistance } from './distance-table.js';
import { Dijkstra, MinHeap } from './dijkstra.js';
import { localPlane } from '../../core/geo/index.js';
import { type Points } from './geo.js';
import { buildRoadGraph } from './road-graph.js';

const proj = localPlane({ lon0: 121.45, lat0: 31.26 });
/** Polylines written in local metres, turned into lon/lat as the database would give them. */
const ll = (...pts: [number, number][]) => pts.map(([x, y]) => proj.toLonLat(x, y));
const pts = (...p: [number, number][]): Points => ({
  x: Float64Array.from(p.map((q) => q[0])),
  y: Float64Array.from(p.map((q) => q[1])),
});

describe('road graph', () => {
  it('nodes crossing and touching roads: a plus sign becomes 5 nodes and 4 edges', () => {
    const g = buildRoadGraph([ll([-100, 0], [100, 0]), ll([0, -100], [0, 100])], proj);
    expect(g.nodes.x.length).toBe(5);
    expect(g.edgeCount).toBe(4);
  });

  it('joins a road that ends on the middle of another (a T junction)', () => {
    const g = buildRoadGraph([ll([0, 0], [200, 0]), ll([100, 0], [100, 150])], proj);
    expect(g.nodes.x.length).toBe(4);
    expect(g.edgeCount).toBe(3);
  });

  it('snaps ends that meet within a metre into one node', () => {
    const g = buildRoadGraph([ll([0, 0], [100, 0.3]), ll([100.4, 0], [200, 0])], proj);
    expect(g.nodes.x.length).toBe(3);
  });

  it('finds the shortest walk on a hand-made network, bounded by the cutoff', () => {
    // A square block 0..300 × 0..300 with a diagonal-free detour: from (0,0) to (300,300) is 600 m.
    const g = buildRoadGraph(
      [ll([0, 0], [300, 0], [300, 300]), ll([0, 0], [0, 300], [300, 300]), ll([0, 150], [150, 150])],
      proj,
    );
    const d = new Dijkstra(g);
    const at = (x: number, y: number) => g.index.nearest(x, y)[0];
    d.run([{ node: at(0, 0), offset: 0 }], 10_000);
    expect(d.dist[at(300, 300)]).toBeCloseTo(600, 0);
    expect(d.dist[at(150, 150)]).toBeCloseTo(300, 0);
    d.run([{ node: at(0, 0), offset: 0 }], 400);
    expect(d.dist[at(300, 300)]).toBe(Infinity);
    expect(d.dist[at(300, 0)]).toBeCloseTo(300, 0);
  });

  it('measures demand to site as connector + network + connector, and falls back to straight × circuity', () => {
    const g = buildRoadGraph([ll([0, 0], [400, 0]), ll([400, 0], [400, 400])], proj);
    const demand = pts([0, 30], [400, 390], [1000, 1000]);
    const sites = pts([10, 0]);
    const t = distanceTable({ graph: g, circuity: 1.3 }, demand, sites, 1000);
    const got = new Map(Array.from(t.demand, (i, k) => [i, t.dist[k]]));
    expect(got.get(0)).toBeCloseTo(10 + 30, 6); // site → node (0,0) → demand
    expect(got.get(1)).toBeCloseTo(10 + 400 + 400 + 10, 6);
    expect(got.has(2)).toBe(false);
    const s = distanceTable({ graph: null, circuity: 1.3 }, demand, sites, 1000);
    expect(s.dist[Array.from(s.demand).indexOf(0)]).toBeCloseTo(Math.hypot(10, 30) * 1.3, 6);
    const f = nearestFacilityDistance({ graph: g, circuity: 1.3 }, demand, pts([10, 0], [400, 420]), 500);
    expect(f[0]).toBeCloseTo(40, 6);
    expect(f[1]).toBeCloseTo(30, 6);
    expect(f[2]).toBe(Infinity);
  });
});

describe('min-heap', () => {
  it('pops keys in order', () => {
    const h = new MinHeap(2);
    const keys = [5, 1, 9, 3, 3, 7, 0, 8];
    keys.forEach((k, i) => h.push(k, i));
    const out: number[] = [];
    while (h.size) out.push(keys[h.pop()]);
    expect(out).toEqual([...keys].sort((a, b) => a - b));
  });
});

describe('road fragments', () => {
  it('joins a short lane that touches nothing to the nearest node by a straight link × circuity, not a far one', () => {
    const main = ll([0, 0], [500, 0]);
    const lane = ll([100, 60], [100, 120]); // 60 m off the road, touching nothing
    const far = ll([0, 2000], [100, 2000]); // beyond the gap
    const g = buildRoadGraph([main, lane, far], proj, { fragmentNodes: 5, fragmentGap: 250, circuity: 1.3 });
    const d = new Dijkstra(g);
    const at = (x: number, y: number) => g.index.nearest(x, y)[0];
    d.run([{ node: at(0, 0), offset: 0 }], 10_000);
    // The road has nodes only at its ends: the lane joins (0, 0), 117 m away as the crow flies.
    expect(d.dist[at(100, 60)]).toBeCloseTo(Math.hypot(100, 60) * 1.3, 6);
    expect(d.dist[at(0, 2000)]).toBe(Infinity);
  });

  it('keeps large pieces apart (two banks of a river without a bridge)', () => {
    const bank = (y: number) => ll([0, y], [100, y], [200, y], [300, y]);
    const g = buildRoadGraph([bank(0), bank(100)], proj, { fragmentNodes: 3 });
    const d = new Dijkstra(g);
    d.run([{ node: g.index.nearest(0, 0)[0], offset: 0 }], 10_000);
    expect(d.dist[g.index.nearest(0, 100)[0]]).toBe(Infinity);
  });
});
