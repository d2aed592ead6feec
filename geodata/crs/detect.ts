// Which coordinate system an incoming layer is in, when the user names none: projected vs geographic from
// the coordinate ranges, the Gauss-Krüger zone from the false-easting prefix, and WGS84 vs GCJ-02 vs BD-09
// by which reading lines the layer up best with boundaries already in the database (a ~500 m shift).
import { PointIndex, haversine, localPlane, pointInRing } from '../../core/geo/index.js';
import { bd09ToWgs84, gcj02ToWgs84, type LonLat } from './china.js';
import { fromEpsg, gk3, parsePrj, type Projected, zoneForLon, zoneFromEastings } from './projected.js';

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

export interface Detection {
  crs: Crs;
  confidence: Confidence;
  /** What was assumed and why, in Chinese / English. */
  reason: string;
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
  const m = /^epsg:(\d+)$/.exec(o);
  if (m) {
    if (m[1] === '4326' || m[1] === '4490') return GEOGRAPHIC.wgs84;
    const p = fromEpsg(Number(m[1]));
    if (p) return projectedCrs(p);
  }
  throw new RangeError(`未知坐标系 / unknown CRS "${option}": use wgs84, cgcs2000, gcj02, bd09, epsg:4326, epsg:4490 or a CGCS2000 3-degree zone epsg:4513–4554`);
}

export const looksGeographic = (pts: [number, number][]): boolean => pts.every(([x, y]) => Math.abs(x) <= 180 && Math.abs(y) <= 90);

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

/** Chooses among WGS84, GCJ-02 and BD-09 readings of lon/lat coordinates by their fit to the reference. */
export function alignGeographic(sample: [number, number][], ref: Reference | null, isPoints: boolean): Detection {
  const fallback = (why: string): Detection => ({ crs: GEOGRAPHIC.wgs84, confidence: 'low', reason: `按 WGS84 处理（${why}）/ assumed WGS84 (${why})` });
  if (!ref || (ref.vertices.length === 0 && ref.outline.length === 0)) return fallback('没有可比对的现有边界 / no existing boundaries to compare with');
  const readings = ['wgs84', 'gcj02', 'bd09'] as const;
  if (isPoints) {
    // Points: the reading that puts the most of them inside the existing outline.
    const inOutline = ([x, y]: LonLat) => ref.outline.some((r) => pointInRing(x, y, r));
    const inside = Object.fromEntries(readings.map((c) => [c, sample.filter((p) => inOutline(GEOGRAPHIC[c].toWgs84(p))).length])) as Record<(typeof readings)[number], number>;
    const best = [...readings].sort((a, b) => inside[b] - inside[a])[0];
    if (inside[best] === 0) return fallback('这些点都不在现有区域内 / none of the points fall inside the existing district');
    if (inside[best] === inside.wgs84) return { crs: GEOGRAPHIC.wgs84, confidence: 'low', reason: `按 WGS84 处理：${inside.wgs84}/${sample.length} 个点落在现有辖区内，其他坐标系并不更好 / assumed WGS84: ${inside.wgs84} of ${sample.length} points fall inside the district and no other reading does better` };
    return { crs: GEOGRAPHIC[best], confidence: 'medium', reason: `按 ${best.toUpperCase()} 处理：该读法下 ${inside[best]}/${sample.length} 个点落在辖区内（WGS84 为 ${inside.wgs84}）/ read as ${best.toUpperCase()}: ${inside[best]} of ${sample.length} points fall inside the district that way (${inside.wgs84} as WGS84)` };
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
  if (b >= 1500) return { ...fallback(`离现有边界都很远：${table} / far from every existing boundary: ${table}`), alignment };
  // Decisive when the best reading sits on the existing lines and the next best clearly does not.
  if (s - b < 15 || b > 0.5 * s) {
    return { crs: GEOGRAPHIC.wgs84, confidence: 'low', alignment, reason: `按 WGS84 处理：各坐标系与现有边界的吻合度相近（${table}）/ assumed WGS84: the readings fit existing boundaries about equally (${table})` };
  }
  const confidence: Confidence = b < 0.2 * s && b < 30 ? 'high' : 'medium';
  const moved = median(sample.map((p) => haversine(p, GEOGRAPHIC[best].toWgs84(p))));
  const shift = best === 'wgs84' ? '' : `（坐标偏移约 ${Math.round(moved)} m / a ~${Math.round(moved)} m shift）`;
  return { crs: GEOGRAPHIC[best], confidence, alignment, reason: `判断为 ${best.toUpperCase()}${shift}：与现有边界的中位距离 ${table} / detected ${best.toUpperCase()}: median distance to existing boundaries ${table}` };
}

/**
 * Detects the CRS of `sample` (coordinates as found in the file), given an optional .prj and the reference
 * boundaries. Throws when the coordinates cannot be read as any supported CRS.
 */
export function detectCrs(sample: [number, number][], opts: { prj?: string | null; reference: Reference | null; isPoints: boolean }): Detection {
  if (sample.length === 0) throw new RangeError('没有坐标 / the layer has no coordinates');
  if (opts.prj) {
    const info = parsePrj(opts.prj);
    if (info.kind === 'projected') {
      return { crs: projectedCrs(info.projected), confidence: 'high', reason: `.prj 指定投影坐标系 ${info.projected.name} / the .prj names the projected CRS ${info.projected.name}` };
    }
    if (!looksGeographic(sample)) throw new RangeError(`.prj 为地理坐标系 ${info.name}，但坐标超出经纬度范围 / the .prj names the geographic CRS ${info.name} but the coordinates are not longitudes and latitudes`);
    const aligned = alignGeographic(sample, opts.reference, opts.isPoints);
    if (aligned.crs.name !== 'wgs84' && aligned.confidence !== 'low') {
      return { ...aligned, reason: `.prj 写的是 ${info.name}，但坐标与现有边界按 ${aligned.crs.name.toUpperCase()} 才对得上；${aligned.reason} / the .prj says ${info.name} but the coordinates line up only as ${aligned.crs.name.toUpperCase()}; ${aligned.reason}` };
    }
    return { ...aligned, crs: GEOGRAPHIC.wgs84, confidence: 'high', reason: `.prj 指定 ${info.name}（按 WGS84/CGCS2000）/ the .prj names ${info.name} (read as WGS84/CGCS2000)` };
  }
  if (looksGeographic(sample)) return alignGeographic(sample, opts.reference, opts.isPoints);
  const zone = zoneFromEastings(sample.map((p) => p[0]));
  const northingsOk = sample.every(([, y]) => y > 0 && y < 6_500_000);
  if (zone && northingsOk) {
    if (zone.zone !== null) {
      const p = gk3(zone.zone, true);
      return { crs: projectedCrs(p), confidence: 'high', reason: `投影坐标（米），东坐标带号前缀 ${zone.zone} → ${p.name}（CGCS2000 3 度带，中央经线 ${zone.zone * 3}°E）/ projected metres with zone prefix ${zone.zone} in the easting → ${p.name} (CGCS2000 3-degree zone, central meridian ${zone.zone * 3}°E)` };
    }
    const lon = opts.reference?.centreLon;
    if (lon != null) {
      const z = zoneForLon(lon);
      const p = gk3(z, false);
      return { crs: projectedCrs(p), confidence: 'medium', reason: `投影坐标（米）无带号，按现有辖区所在的 3 度带 ${z}（中央经线 ${z * 3}°E）→ ${p.name} / projected metres without a zone prefix: assumed the district's own 3-degree zone ${z} (central meridian ${z * 3}°E) → ${p.name}` };
    }
  }
  throw new RangeError('坐标既不是经纬度，也不像 CGCS2000 高斯-克吕格投影坐标；请附 .prj 或指定坐标系 / the coordinates are neither longitudes/latitudes nor CGCS2000 Gauss-Krüger metres: add the .prj or name the CRS');
}
