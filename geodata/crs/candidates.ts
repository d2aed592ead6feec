// Where a lon/lat layer would sit under each reading (WGS84, GCJ-02, BD-09), for the user to choose from when
// the stored boundaries cannot tell them apart: a thinned copy of the layer in WGS84 per reading, and how far
// each placement lies from the others.
import type { Geometry, Position } from 'geojson';
import { haversine } from '../../core/geo/index.js';
import { GEOGRAPHIC, type GeographicCrs } from './detect.js';

export const CANDIDATE_READINGS = ['wgs84', 'gcj02', 'bd09'] as const satisfies readonly GeographicCrs[];
export type CandidateReading = (typeof CANDIDATE_READINGS)[number];

export interface CrsCandidate {
  crs: CandidateReading;
  /** The layer read this way, in WGS84: a MultiPolygon of its outlines (thinned), a MultiLineString, or a MultiPoint. */
  geometry: Geometry;
  /** Median distance (m) between this placement and each reading's placement of the same coordinates. */
  offsets: Record<CandidateReading, number>;
}

type Pre = (p: [number, number]) => [number, number];

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length / 2)] : 0;
};

/** The layer's polygons (or points) with at most about `budget` vertices in all: every k-th vertex of each ring. */
export function thinned(geometries: (Geometry | null)[], pre: Pre, budget = 600): Geometry {
  const polygons: Position[][][] = [];
  const points: Position[] = [];
  const lines: Position[][] = [];
  for (const g of geometries) {
    if (!g) continue;
    if (g.type === 'Point') points.push(g.coordinates);
    else if (g.type === 'MultiPoint') points.push(...g.coordinates);
    else if (g.type === 'LineString') lines.push(g.coordinates);
    else if (g.type === 'MultiLineString') lines.push(...g.coordinates);
    else if (g.type === 'Polygon') polygons.push(g.coordinates);
    else if (g.type === 'MultiPolygon') polygons.push(...g.coordinates);
  }
  if (polygons.length === 0 && lines.length > 0) {
    // Roads and paths: every k-th vertex of each line, its ends kept.
    const step = Math.max(1, Math.ceil(lines.reduce((s, l) => s + l.length, 0) / budget));
    const coordinates = lines
      .filter((l) => l.length >= 2)
      .map((l) => l.filter((_, i) => i % step === 0 || i === l.length - 1).map((p) => pre([p[0], p[1]])));
    return { type: 'MultiLineString', coordinates };
  }
  if (polygons.length === 0) {
    const step = Math.max(1, Math.ceil(points.length / budget));
    return { type: 'MultiPoint', coordinates: points.filter((_, i) => i % step === 0).map((p) => pre([p[0], p[1]])) };
  }
  // Outer rings only: the placement is what matters, not the holes.
  const rings = polygons.map((p) => p[0]).filter((r) => r && r.length >= 4);
  const total = rings.reduce((s, r) => s + r.length, 0);
  const step = Math.max(1, Math.ceil(total / budget));
  const coordinates = rings.map((r) => {
    const kept = r.filter((_, i) => i % step === 0 && i < r.length - 1).map((p) => pre([p[0], p[1]]));
    while (kept.length < 3) kept.push(pre([r[kept.length][0], r[kept.length][1]]));
    return [[...kept, kept[0]]];
  });
  return { type: 'MultiPolygon', coordinates };
}

/** Every position of a geometry (points and outer rings are enough for offsets). */
function positions(g: Geometry): Position[] {
  if (g.type === 'MultiPoint') return g.coordinates;
  if (g.type === 'MultiLineString') return g.coordinates.flat();
  if (g.type === 'MultiPolygon') return g.coordinates.flatMap((p) => p[0]);
  return [];
}

/** The layer under each reading, with the distances between the readings' placements. */
export function candidatePlacements(geometries: (Geometry | null)[], pre: Pre = (p) => p): CrsCandidate[] {
  const asFound = thinned(geometries, pre);
  const sample = positions(asFound).map((p) => [p[0], p[1]] as [number, number]);
  const placed = Object.fromEntries(
    CANDIDATE_READINGS.map((c) => [c, sample.map((p) => GEOGRAPHIC[c].toWgs84(p))]),
  ) as Record<CandidateReading, [number, number][]>;
  const reread = (g: Geometry, c: CandidateReading): Geometry => {
    const f = (p: Position): Position => GEOGRAPHIC[c].toWgs84([p[0], p[1]]);
    if (g.type === 'MultiPoint') return { type: 'MultiPoint', coordinates: g.coordinates.map(f) };
    if (g.type === 'MultiLineString')
      return { type: 'MultiLineString', coordinates: g.coordinates.map((l) => l.map(f)) };
    if (g.type === 'MultiPolygon')
      return { type: 'MultiPolygon', coordinates: g.coordinates.map((p) => p.map((r) => r.map(f))) };
    return g;
  };
  return CANDIDATE_READINGS.map((c) => ({
    crs: c,
    geometry: reread(asFound, c),
    offsets: Object.fromEntries(
      CANDIDATE_READINGS.map((o) => [o, Math.round(median(placed[c].map((p, i) => haversine(p, placed[o][i]))))]),
    ) as Record<CandidateReading, number>,
  }));
}
