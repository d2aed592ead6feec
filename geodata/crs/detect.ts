// Which coordinate system an incoming layer is in, when the user names none: projected vs geographic from
// the coordinate ranges, the Gauss-Krüger zone from the false-easting prefix, and WGS84 vs GCJ-02 vs BD-09
// by which reading lines the layer up best with boundaries already in the database (a ~500 m shift).
import { PointIndex, haversine, localPlane, pointInRing } from '../../core/geo/index.js';
import { bd09ToWgs84, gcj02ToWgs84, type LonLat, outOfChina } from './china.js';
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
  /**
   * The stored boundaries cannot tell WGS84 from GCJ-02/BD-09: `crs` is only a placeholder, and the user must
   * name the CRS before the layer can be accepted.
   */
  undecided?: boolean;
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

/** gcj02 / bd09 when a CRS name (a .prj's GEOGCS, a GeoJSON crs member) names the offset datum, else null. */
export function offsetDatumNamed(name: string): 'gcj02' | 'bd09' | null {
  const n = name.toLowerCase().replace(/[\s_-]/g, '');
  if (/gcj02|gcj2|国测局|火星/.test(n)) return 'gcj02';
  if (/bd09|baidu|百度/.test(n)) return 'bd09';
  return null;
}

export const looksGeographic = (pts: [number, number][]): boolean =>
  pts.every(([x, y]) => Math.abs(x) <= 180 && Math.abs(y) <= 90);

/** Nearest-vertex lookup (a point index on the local plane of the vertices); distances beyond `cap` metres read as `cap`. */
export function nearestIndex(vertices: LonLat[], cap = 3000): (p: LonLat) => number {
  if (!vertices.length) return () => cap;
  const plane = localPlane({ lon0: vertices[0][0], lat0: vertices[0][1] });
  const xy = vertices.map(([lon, lat]) => plane.toXY(lon, lat));
  const index = new PointIndex({ x: xy.map((v) => v[0]), y: xy.map((v) => v[1]) });
  return (p) => {
    const [x, y] = plane.toXY(p[0], p[1]);
    const [i, d] = index.nearest(x, y, 150);
    return i < 0 || d >= cap ? cap : Math.min(cap, haversine(p, vertices[i]));
  };
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length / 2)] : Infinity;
};

/** Whether the WGS84, GCJ-02 and BD-09 readings of the sample differ at all (they coincide outside China). */
export function readingsDiffer(sample: [number, number][]): boolean {
  return sample.some(([x, y]) => !outOfChina(x, y));
}

/**
 * Whether the coordinates look like (latitude, longitude) pairs: every point read the other way round lies in
 * China, while as written they are not Chinese longitudes/latitudes at all.
 */
export function axesLookSwapped(sample: [number, number][]): boolean {
  if (sample.length === 0) return false;
  const inChina = ([x, y]: [number, number]) => Math.abs(y) <= 90 && !outOfChina(x, y);
  return sample.every(([x, y]) => inChina([y, x])) && !sample.some((p) => inChina(p));
}

/** Chooses among WGS84, GCJ-02 and BD-09 readings of lon/lat coordinates by their fit to the reference. */
export function alignGeographic(sample: [number, number][], ref: Reference | null, isPoints: boolean): Detection {
  // Undecided: nothing stored tells the readings apart, so the user must choose (unless they coincide, abroad).
  const undecided = readingsDiffer(sample);
  const fallback = (why: Message): Detection => ({
    crs: GEOGRAPHIC.wgs84,
    confidence: 'low',
    reason: m(undecided ? 'geodata.crs.undecided' : 'geodata.crs.assumedWgs84', { why }),
    undecided,
  });
  if (!ref || (ref.vertices.length === 0 && ref.outline.length === 0)) return fallback(m('geodata.crs.noReference'));
  const readings = ['wgs84', 'gcj02', 'bd09'] as const;
  if (isPoints) {
    // Points: the reading that puts the most of them inside the existing outline.
    const inOutline = ([x, y]: LonLat) => ref.outline.some((r) => pointInRing(x, y, r));
    const inside = Object.fromEntries(
      readings.map((c) => [c, sample.filter((p) => inOutline(GEOGRAPHIC[c].toWgs84(p))).length]),
    ) as Record<(typeof readings)[number], number>;
    const best = [...readings].sort((a, b) => inside[b] - inside[a])[0];
    if (inside[best] === 0) return fallback(m('geodata.crs.noPointInside'));
    if (inside[best] === inside.wgs84) {
      // WGS84 decides only when it puts strictly more points inside than either shifted reading.
      const tie = inside.gcj02 === inside.wgs84 || inside.bd09 === inside.wgs84;
      if (tie && undecided)
        return fallback(m('geodata.crs.pointsAlike', { inside: inside.wgs84, total: sample.length }));
      return {
        crs: GEOGRAPHIC.wgs84,
        confidence: tie ? 'low' : 'medium',
        reason: m('geodata.crs.pointsWgs84', { inside: inside.wgs84, total: sample.length }),
      };
    }
    return {
      crs: GEOGRAPHIC[best],
      confidence: 'medium',
      reason: m('geodata.crs.pointsReading', {
        crs: best.toUpperCase(),
        inside: inside[best],
        total: sample.length,
        wgs84: inside.wgs84,
      }),
    };
  }
  const nearest = nearestIndex(ref.vertices);
  const alignment = Object.fromEntries(
    readings.map((c) => [c, median(sample.map((p) => nearest(GEOGRAPHIC[c].toWgs84(p))))]),
  ) as Record<GeographicCrs, number>;
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
    if (undecided) return { ...fallback(m('geodata.crs.fitAlikeTable', { table })), alignment };
    return { crs: GEOGRAPHIC.wgs84, confidence: 'low', alignment, reason: m('geodata.crs.fitAlike', { table }) };
  }
  const confidence: Confidence = b < 0.2 * s && b < 30 ? 'high' : 'medium';
  const moved = median(sample.map((p) => haversine(p, GEOGRAPHIC[best].toWgs84(p))));
  const shift = best === 'wgs84' ? '' : m('geodata.crs.shift', { metres: Math.round(moved) });
  return {
    crs: GEOGRAPHIC[best],
    confidence,
    alignment,
    reason: m('geodata.crs.detected', { crs: best.toUpperCase(), shift, table }),
  };
}

/**
 * Detects the CRS of `sample` (coordinates as found in the file), given an optional .prj and the reference
 * boundaries. Throws when the coordinates cannot be read as any supported CRS.
 */
export function detectCrs(
  sample: [number, number][],
  opts: { prj?: string | null; reference: Reference | null; isPoints: boolean },
): Detection {
  if (sample.length === 0) throw new CrsError(m('geodata.crs.noCoordinates'));
  if (opts.prj) {
    const info = parsePrj(opts.prj);
    if (info.kind === 'projected') {
      return {
        crs: projectedCrs(info.projected),
        confidence: 'high',
        reason: m('geodata.crs.prjProjected', { name: info.projected.name }),
      };
    }
    if (!looksGeographic(sample)) throw new CrsError(m('geodata.crs.prjGeographicMismatch', { name: info.name }));
    const offset = offsetDatumNamed(info.name);
    if (offset)
      return { crs: GEOGRAPHIC[offset], confidence: 'given', reason: m('geodata.crs.prjOffset', { name: info.name }) };
    const aligned = alignGeographic(sample, opts.reference, opts.isPoints);
    if (aligned.crs.name !== 'wgs84' && aligned.confidence !== 'low') {
      return {
        ...aligned,
        reason: m('geodata.crs.prjContradicted', {
          name: info.name,
          crs: aligned.crs.name.toUpperCase(),
          detail: aligned.reason,
        }),
      };
    }
    return {
      ...aligned,
      crs: GEOGRAPHIC.wgs84,
      confidence: 'high',
      reason: m('geodata.crs.prjGeographic', { name: info.name }),
      undecided: false,
    };
  }
  if (looksGeographic(sample)) return alignGeographic(sample, opts.reference, opts.isPoints);
  const zone = zoneFromEastings(sample.map((p) => p[0]));
  const northingsOk = sample.every(([, y]) => y > 0 && y < 6_500_000);
  if (zone && northingsOk) {
    if (zone.zone !== null) {
      const p = gk3(zone.zone, true);
      return {
        crs: projectedCrs(p),
        confidence: 'high',
        reason: m('geodata.crs.zonePrefix', { zone: zone.zone, name: p.name, meridian: zone.zone * 3 }),
      };
    }
    const lon = opts.reference?.centreLon;
    if (lon != null) {
      const z = zoneForLon(lon);
      const p = gk3(z, false);
      return {
        crs: projectedCrs(p),
        confidence: 'medium',
        reason: m('geodata.crs.zoneAssumed', { zone: z, meridian: z * 3, name: p.name }),
      };
    }
  }
  throw new CrsError(m('geodata.crs.unreadable'));
}
