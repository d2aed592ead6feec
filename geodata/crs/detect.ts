// Which coordinate system an incoming layer is in, when the user names none: projected vs geographic from
// the coordinate ranges, the Gauss-Krüger zone from the false-easting prefix, and WGS84 vs GCJ-02 vs BD-09
// by which reading lines the layer up best with boundaries already in the database (a ~500 m shift).
import { bd09ToWgs84, gcj02ToWgs84, type LonLat, metresBetween } from './china.js';
import { fromEpsg, gk3, parsePrj, type Projected, zoneForLon, zoneFromEastings } from './projected.js';
import { bilingual, m, type Message } from '../../contract/messages/index.js';

export const GEOGRAPHIC_CRS = ['wgs84', 'cgcs2000', 'gcj02', 'bd09'] as const;
export type GeographicCrs = (typeof GEOGRAPHIC_CRS)[number];

/** A CRS as a user names it: wgs84, cgcs2000, gcj02, bd09 or epsg:NNNN (a CGCS2000 3-degree zone). */
export type CrsOption = GeographicCrs | `epsg:${number}`;

export interface Crs {
  /** 'wgs84' | 'gcj02' | 'bd09' | 'EPSG:4549' | a .prj's name. */
  name: string;
  toWgs84(p: [number, number]): LonLat;
}

export type Confidence = 'given' | 'high' | 'medium' | 'low';

/** A CRS that cannot be settled: what the user must change, as a message (and both languages as its text). */
export class CrsError extends RangeError {
  constructor(readonly text: Message) {
    super(bilingual(text));
  }
}

export interface Detection {
  crs: Crs;
  confidence: Confidence;
  /** What was assumed and why, in Chinese / English. */
  reason: Message;
  /** Median distance (m) from the layer to existing boundaries under each reading, when compared. */
  alignment?: Record<GeographicCrs, number>;
}

/** Boundaries already in the database near the incoming layer (WGS84), to compare readings against. */
export interface Reference {
  /** Boundary vertices, densified (every ~50 m) so the nearest one is a fair distance to the line. */
  vertices: LonLat[];
  /** Outer rings of the outline (e.g. the district), for point layers. */
  outline: LonLat[][];
  /** Longitude of the district's centre, for projected layers without a zone prefix. */
  centreLon: number | null;
}

const identity = (p: [number, number]): LonLat => [p[0], p[1]];
export const GEOGRAPHIC: Record<GeographicCrs, Crs> = {
  wgs84: { name: 'wgs84', toWgs84: identity },
  cgcs2000: { name: 'cgcs2000', toWgs84: identity },
  gcj02: { name: 'gcj02', toWgs84: gcj02ToWgs84 },
  bd09: { name: 'bd09', toWgs84: bd09ToWgs84 },
};

export function projectedCrs(p: Projected): Crs {
  return { name: p.name, toWgs84: p.inverse };
}

export function crsFromOption(option: string): Crs {
  const o = option.toLowerCase();
  if ((GEOGRAPHIC_CRS as readonly string[]).includes(o)) return GEOGRAPHIC[o as GeographicCrs];
  const epsg = /^epsg:(\d+)$/.exec(o);
  if (epsg) {
    if (epsg[1] === '4326' || epsg[1] === '4490') return GEOGRAPHIC.wgs84;
    const p = fromEpsg(Number(epsg[1]));
    if (p) return projectedCrs(p);
  }
  throw new CrsError(m('geodata.crs.unknown', { option }));
}

export const looksGeographic = (pts: [number, number][]): boolean => pts.every(([x, y]) => Math.abs(x) <= 180 && Math.abs(y) <= 90);

/** Nearest-vertex lookup on a hashed grid of ~0.002° cells; distances beyond `cap` metres read as `cap`. */
export function nearestIndex(vertices: LonLat[], cap = 3000): (p: LonLat) => number {
  const cell = 0.002;
  const key = (i: number, j: number) => `${i},${j}`;
  const buckets = new Map<string, LonLat[]>();
  for (const v of vertices) {
    const k = key(Math.floor(v[0] / cell), Math.floor(v[1] / cell));
    const b = buckets.get(k);
    if (b) b.push(v);
    else buckets.set(k, [v]);
  }
  const maxRing = Math.ceil(cap / 150);
  return (p) => {
    const ci = Math.floor(p[0] / cell);
    const cj = Math.floor(p[1] / cell);
    let best = cap;
    for (let r = 0; r <= maxRing; r++) {
      // Every vertex in ring r is at least (r - 1) cells away (≥ ~150 m per cell north–south).
      if ((r - 1) * 150 > best) break;
      for (let i = ci - r; i <= ci + r; i++) {
        for (let j = cj - r; j <= cj + r; j++) {
          if (Math.max(Math.abs(i - ci), Math.abs(j - cj)) !== r) continue;
          for (const v of buckets.get(key(i, j)) ?? []) best = Math.min(best, metresBetween(p, v));
        }
      }
    }
    return best;
  };
}

function insideRing(p: LonLat, ring: LonLat[]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > p[1] !== yj > p[1] && p[0] < ((xj - xi) * (p[1] - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length / 2)] : Infinity;
};

/** Chooses among WGS84, GCJ-02 and BD-09 readings of lon/lat coordinates by their fit to the reference. */
export function alignGeographic(sample: [number, number][], ref: Reference | null, isPoints: boolean): Detection {
  const fallback = (why: Message): Detection => ({ crs: GEOGRAPHIC.wgs84, confidence: 'low', reason: m('geodata.crs.assumedWgs84', { why }) });
  if (!ref || (ref.vertices.length === 0 && ref.outline.length === 0)) return fallback(m('geodata.crs.noReference'));
  const readings = ['wgs84', 'gcj02', 'bd09'] as const;
  if (isPoints) {
    // Points: the reading that puts the most of them inside the existing outline.
    const inside = Object.fromEntries(readings.map((c) => [c, sample.filter((p) => ref.outline.some((r) => insideRing(GEOGRAPHIC[c].toWgs84(p), r))).length])) as Record<(typeof readings)[number], number>;
    const best = [...readings].sort((a, b) => inside[b] - inside[a])[0];
    if (inside[best] === 0) return fallback(m('geodata.crs.noPointInside'));
    if (inside[best] === inside.wgs84) return { crs: GEOGRAPHIC.wgs84, confidence: 'low', reason: m('geodata.crs.pointsWgs84', { inside: inside.wgs84, total: sample.length }) };
    return { crs: GEOGRAPHIC[best], confidence: 'medium', reason: m('geodata.crs.pointsReading', { crs: best.toUpperCase(), inside: inside[best], total: sample.length, wgs84: inside.wgs84 }) };
  }
  const nearest = nearestIndex(ref.vertices);
  const alignment = Object.fromEntries(readings.map((c) => [c, median(sample.map((p) => nearest(GEOGRAPHIC[c].toWgs84(p))))])) as Record<GeographicCrs, number>;
  alignment.cgcs2000 = alignment.wgs84;
  const sorted = [...readings].sort((a, b) => alignment[a] - alignment[b]);
  const [best, second] = sorted;
  const b = alignment[best];
  const s = alignment[second];
  const fmt = (c: (typeof readings)[number]) => `${c.toUpperCase()} ${Math.round(alignment[c])} m`;
  const table = readings.map(fmt).join(', ');
  if (b >= 1500) return { ...fallback(m('geodata.crs.farFromAll', { table })), alignment };
  // Decisive when the best reading sits on the existing lines and the next best clearly does not.
  if (s - b < 15 || b > 0.5 * s) {
    return { crs: GEOGRAPHIC.wgs84, confidence: 'low', alignment, reason: m('geodata.crs.fitAlike', { table }) };
  }
  const confidence: Confidence = b < 0.2 * s && b < 30 ? 'high' : 'medium';
  const moved = median(sample.map((p) => metresBetween(p, GEOGRAPHIC[best].toWgs84(p))));
  const shift = best === 'wgs84' ? '' : m('geodata.crs.shift', { metres: Math.round(moved) });
  return { crs: GEOGRAPHIC[best], confidence, alignment, reason: m('geodata.crs.detected', { crs: best.toUpperCase(), shift, table }) };
}

/**
 * Detects the CRS of `sample` (coordinates as found in the file), given an optional .prj and the reference
 * boundaries. Throws when the coordinates cannot be read as any supported CRS.
 */
export function detectCrs(sample: [number, number][], opts: { prj?: string | null; reference: Reference | null; isPoints: boolean }): Detection {
  if (sample.length === 0) throw new CrsError(m('geodata.crs.noCoordinates'));
  if (opts.prj) {
    const info = parsePrj(opts.prj);
    if (info.kind === 'projected') {
      return { crs: projectedCrs(info.projected), confidence: 'high', reason: m('geodata.crs.prjProjected', { name: info.projected.name }) };
    }
    if (!looksGeographic(sample)) throw new CrsError(m('geodata.crs.prjGeographicMismatch', { name: info.name }));
    const aligned = alignGeographic(sample, opts.reference, opts.isPoints);
    if (aligned.crs.name !== 'wgs84' && aligned.confidence !== 'low') {
      return { ...aligned, reason: m('geodata.crs.prjContradicted', { name: info.name, crs: aligned.crs.name.toUpperCase(), detail: aligned.reason }) };
    }
    return { ...aligned, crs: GEOGRAPHIC.wgs84, confidence: 'high', reason: m('geodata.crs.prjGeographic', { name: info.name }) };
  }
  if (looksGeographic(sample)) return alignGeographic(sample, opts.reference, opts.isPoints);
  const zone = zoneFromEastings(sample.map((p) => p[0]));
  const northingsOk = sample.every(([, y]) => y > 0 && y < 6_500_000);
  if (zone && northingsOk) {
    if (zone.zone !== null) {
      const p = gk3(zone.zone, true);
      return { crs: projectedCrs(p), confidence: 'high', reason: m('geodata.crs.zonePrefix', { zone: zone.zone, name: p.name, meridian: zone.zone * 3 }) };
    }
    const lon = opts.reference?.centreLon;
    if (lon != null) {
      const z = zoneForLon(lon);
      const p = gk3(z, false);
      return { crs: projectedCrs(p), confidence: 'medium', reason: m('geodata.crs.zoneAssumed', { zone: z, meridian: z * 3, name: p.name }) };
    }
  }
  throw new CrsError(m('geodata.crs.unreadable'));
}
