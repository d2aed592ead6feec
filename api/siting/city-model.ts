// The city as the siting solvers see it, kept in memory per database: the walking graph and elders per
// building (counts only). Rebuilt when the city's signature changes (roads, buildings, or the per-grid
// demographics that are refreshed on every change to residents), so a request does not rebuild it.
import { latLngToCell } from 'h3-js';
import type { Queryable } from '../db/index.js';
import { type LocalPlane, localPlane } from '../../core/geo/index.js';
import type { Points } from './geo.js';
import { buildingDemand, citySignature, roadLines } from './queries.js';
import { buildRoadGraph, type RoadGraph } from './road-graph.js';

/** H3 resolution of the uncovered-elders layer and of hex candidates (≈ 0.1 km² a cell). */
export const HEX_RES = 9;

export interface CityModel {
  signature: string;
  proj: LocalPlane;
  /** null when the city has no roads: distances are then straight × circuity. */
  graph: RoadGraph | null;
  /** Demand points (one per building with elders), in local metres, with their counts. */
  demand: Points;
  lon: Float64Array;
  lat: Float64Array;
  path: string[];
  e60: Int32Array;
  e80: Int32Array;
  alone: Int32Array;
  hex: string[];
  builtMs: number;
}

async function build(q: Queryable, signature: string): Promise<CityModel> {
  const t0 = performance.now();
  const [roads, rows] = await Promise.all([roadLines(q), buildingDemand(q)]);
  const lines = roads.map((g) => (JSON.parse(g) as { coordinates: [number, number][] }).coordinates);
  let lon0 = 0;
  let lat0 = 0;
  const anchor = lines.length ? lines.flat() : rows.map((r) => [r.lon, r.lat] as [number, number]);
  for (const [x, y] of anchor) {
    lon0 += x / anchor.length;
    lat0 += y / anchor.length;
  }
  const proj = localPlane({ lon0, lat0 });
  const n = rows.length;
  const demand: Points = { x: new Float64Array(n), y: new Float64Array(n) };
  const m: CityModel = {
    signature,
    proj,
    graph: lines.length ? buildRoadGraph(lines, proj) : null,
    demand,
    lon: new Float64Array(n),
    lat: new Float64Array(n),
    path: [],
    e60: new Int32Array(n),
    e80: new Int32Array(n),
    alone: new Int32Array(n),
    hex: [],
    builtMs: 0,
  };
  rows.forEach((r, i) => {
    [demand.x[i], demand.y[i]] = proj.toXY(r.lon, r.lat);
    m.lon[i] = r.lon;
    m.lat[i] = r.lat;
    m.path.push(r.path);
    m.e60[i] = r.e60;
    m.e80[i] = r.e80;
    m.alone[i] = r.alone;
    m.hex.push(latLngToCell(r.lat, r.lon, HEX_RES));
  });
  m.builtMs = performance.now() - t0;
  return m;
}

/** One model per database handle; concurrent requests for the same signature share one build. */
export class CityModelCache {
  private current: Promise<CityModel> | null = null;
  private signature: string | null = null;
  builds = 0;

  async get(q: Queryable): Promise<CityModel> {
    const signature = await citySignature(q);
    if (this.current && this.signature === signature) return this.current;
    this.signature = signature;
    this.builds++;
    const next = build(q, signature);
    this.current = next;
    next.catch(() => {
      if (this.current === next) [this.current, this.signature] = [null, null];
    });
    return next;
  }
}
