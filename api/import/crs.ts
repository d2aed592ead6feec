// Which coordinates a layer is in, and its geometry in WGS84: the CRS the user named (checked against the stored
// boundaries when it is a lon/lat one), the one the file declares (a declared EPSG:4326 checked the same way, since
// GCJ-02/BD-09 web-map exports declare it), or the one detected by lining the sample up with the stored boundaries.
// A guess is never accepted silently: when the stored boundaries cannot tell WGS84 from GCJ-02/BD-09 the CRS is
// undecided (with the candidate placements) until the user names it, and (lat, lon) coordinates are reported as
// swapped axes until the user asks for the swap.
import type { Geometry, Position } from 'geojson';
import type { AreaLevel } from '../../contract/areas.js';
import type { AuthUser } from '../auth/session.js';
import type { Queryable } from '../db/index.js';
import { Invalid } from '../http/errors.js';
import {
  alignGeographic,
  axesLookSwapped,
  type Crs,
  CrsError,
  crsFromOption,
  detectCrs,
  type Detection,
  looksGeographic,
  type Reference,
} from '../../geodata/crs/detect.js';
import { candidatePlacements, type CrsCandidate } from '../../geodata/crs/candidates.js';
import type { LonLat } from '../../geodata/crs/china.js';
import type { RawFeature, RawLayer } from './readers.js';
import * as sql from './queries.js';
import { m, type Message } from '../../contract/messages/index.js';

/** Applies a coordinate function to every position of a point, line or polygon geometry, closing open rings. */
export function mapGeometry(g: Geometry, f: (p: [number, number]) => LonLat): Geometry {
  const pos = (p: Position): Position => f([p[0], p[1]]);
  const ring = (r: Position[]): Position[] => {
    const out = r.map(pos);
    const a = out[0];
    const b = out[out.length - 1];
    if (out.length > 0 && (a[0] !== b[0] || a[1] !== b[1])) out.push([a[0], a[1]]);
    return out;
  };
  switch (g.type) {
    case 'Point':
      return { type: 'Point', coordinates: pos(g.coordinates) };
    case 'MultiPoint':
      return { type: 'MultiPoint', coordinates: g.coordinates.map(pos) };
    case 'LineString':
      return { type: 'LineString', coordinates: g.coordinates.map(pos) };
    case 'MultiLineString':
      return { type: 'MultiLineString', coordinates: g.coordinates.map((l) => l.map(pos)) };
    case 'Polygon':
      return { type: 'Polygon', coordinates: g.coordinates.map(ring) };
    case 'MultiPolygon':
      return { type: 'MultiPolygon', coordinates: g.coordinates.map((p) => p.map(ring)) };
    default:
      throw new Invalid(m('import.unsupportedGeometry', { type: (g as Geometry).type }));
  }
}

function positionsOf(g: Geometry): Position[] {
  switch (g.type) {
    case 'Point':
      return [g.coordinates];
    case 'MultiPoint':
    case 'LineString':
      return g.coordinates;
    case 'MultiLineString':
    case 'Polygon':
      return g.coordinates.flat();
    case 'MultiPolygon':
      return g.coordinates.flat(2);
    default:
      return [];
  }
}

/** Up to n positions spread evenly over the layer. */
export function sampleCoordinates(features: RawFeature[], n = 3000): [number, number][] {
  const all = features.flatMap((f) => (f.geometry ? positionsOf(f.geometry) : []));
  const step = Math.max(1, Math.floor(all.length / n));
  const out: [number, number][] = [];
  for (let i = 0; i < all.length; i += step) out.push([all[i][0], all[i][1]]);
  return out;
}

/** Rings too short to be polygons: refused before PostGIS sees them. */
export function degenerate(g: Geometry): boolean {
  const rings = g.type === 'Polygon' ? g.coordinates : g.type === 'MultiPolygon' ? g.coordinates.flat() : [];
  return rings.length === 0 || rings.some((r) => new Set(r.map((p) => `${p[0]},${p[1]}`)).size < 3);
}

async function referenceFor(
  db: Queryable,
  user: AuthUser,
  sample: [number, number][],
  level: AreaLevel,
): Promise<Reference> {
  const geographic = looksGeographic(sample);
  const xs = sample.map((p) => p[0]);
  const ys = sample.map((p) => p[1]);
  const box: [number, number, number, number] | null = geographic
    ? [Math.min(...xs) - 0.02, Math.min(...ys) - 0.02, Math.max(...xs) + 0.02, Math.max(...ys) + 0.02]
    : null;
  const levels: AreaLevel[] =
    level === 'grid' || level === 'special'
      ? ['district', 'street', 'community', 'grid']
      : ['district', 'street', 'community'];
  const ref = await sql.referenceBoundaries(db, user.areaPath, user.areaId, levels, box);
  const outline = ref.outline ? (JSON.parse(ref.outline) as Geometry) : null;
  return {
    vertices: ref.vertices,
    outline:
      outline?.type === 'MultiPolygon'
        ? outline.coordinates.map((p) => p[0] as LonLat[])
        : outline?.type === 'Polygon'
          ? [outline.coordinates[0] as LonLat[]]
          : [],
    centreLon: ref.centreLon,
  };
}

export interface SettledCrs {
  detection: Detection;
  /** A second opinion when the user named a lon/lat CRS that the data contradicts. */
  doubt: Message | null;
  /** What keeps the layer from being accepted until the user names the CRS or swaps the axes; null when nothing. */
  blocker: Message | null;
  /** Where the layer would sit under each lon/lat reading, when the CRS is undecided. */
  candidates: CrsCandidate[] | null;
  /** suggested: the coordinates look like (lat, lon); applied: the user asked for the swap (mapping.swapAxes). */
  swapAxes: 'suggested' | 'applied' | null;
}

const swap = ([x, y]: [number, number]): [number, number] => [y, x];

/**
 * The CRS to read the layer in. Generic over layers: a RawLayer in (as read by readLayer, axes already swapped
 * when the mapping asked for it), a settled CRS out whose toWgs84 converts the file's own coordinates.
 */
export async function settleCrs(
  db: Queryable,
  user: AuthUser,
  layer: RawLayer,
  option: string,
  level: AreaLevel,
  isPoints: boolean,
): Promise<SettledCrs> {
  const raw = sampleCoordinates(layer.features);
  const suggestSwap = !layer.axesSwapped && axesLookSwapped(raw);
  const sample = suggestSwap ? raw.map(swap) : raw;
  const settled = await settleSample(db, user, layer, sample, option, level, isPoints);
  const out: SettledCrs = {
    ...settled,
    blocker: null,
    candidates: null,
    swapAxes: layer.axesSwapped ? 'applied' : null,
  };
  if (suggestSwap) {
    const inner = settled.detection.crs;
    out.detection = { ...settled.detection, crs: { name: inner.name, toWgs84: (p) => inner.toWgs84(swap(p)) } };
    out.swapAxes = 'suggested';
    out.blocker = m('import.crs.axesSwapped', { x: raw[0][0], y: raw[0][1] });
  }
  if (settled.detection.undecided) {
    out.candidates = candidatePlacements(
      layer.features.map((f) => f.geometry),
      suggestSwap ? swap : (p) => p,
    );
    const gap = (c: 'gcj02' | 'bd09') => out.candidates!.find((x) => x.crs === 'wgs84')!.offsets[c];
    out.blocker ??= m('import.crs.chooseCrs', { gcj02: gap('gcj02'), bd09: gap('bd09') });
  }
  return out;
}

async function settleSample(
  db: Queryable,
  user: AuthUser,
  layer: RawLayer,
  sample: [number, number][],
  option: string,
  level: AreaLevel,
  isPoints: boolean,
): Promise<{ detection: Detection; doubt: Message | null }> {
  if (option !== 'auto') {
    let detection: Detection;
    try {
      detection = {
        crs: crsFromOption(option),
        confidence: 'given',
        reason: m('import.crs.named', { crs: option.toUpperCase() }),
      };
    } catch (e) {
      throw new Invalid(e instanceof CrsError ? e.text : m('geodata.crs.unknown', { option }));
    }
    // A named lon/lat CRS is still compared with the existing boundaries: a GCJ-02/WGS84 mix-up shows as a ~500 m shift.
    let doubt: Message | null = null;
    if (looksGeographic(sample) && ['wgs84', 'cgcs2000', 'gcj02', 'bd09'].includes(option)) {
      const check = alignGeographic(sample, await referenceFor(db, user, sample, level), isPoints);
      const named = option === 'cgcs2000' ? 'wgs84' : option;
      if (!check.undecided && check.confidence !== 'low' && check.crs.name !== named) {
        const table = Object.entries(check.alignment ?? {})
          .filter(([k]) => k !== 'cgcs2000')
          .map(([k, m]) => `${k.toUpperCase()} ${Math.round(m)} m`)
          .join(', ');
        const as = check.crs.name.toUpperCase();
        doubt = m('import.crs.namedDoubt', { crs: option.toUpperCase(), as, table });
      }
    }
    if (!looksGeographic(sample) && detection.crs.name.startsWith('EPSG') === false) {
      throw new Invalid(m('import.crs.notGeographic', { crs: option.toUpperCase() }));
    }
    return { detection, doubt };
  }
  if (layer.declared) {
    let crs: Crs | null = null;
    try {
      crs = crsFromOption(layer.declared);
    } catch {
      // An unsupported declaration: detect from the coordinates instead.
    }
    const declared = layer.declared.toUpperCase();
    if (crs && crs.name !== 'wgs84') {
      // A file that names GCJ-02 or BD-09 (as our own exports do) says what it is: nobody declares those by accident.
      const offset = crs.name === 'gcj02' || crs.name === 'bd09';
      return {
        detection: { crs, confidence: offset ? 'given' : 'high', reason: m('import.crs.declared', { crs: declared }) },
        doubt: null,
      };
    }
    if (crs && looksGeographic(sample)) {
      // Chinese web-map exports (GCJ-02, BD-09) routinely declare EPSG:4326: a declared lon/lat CRS is still checked against the stored boundaries.
      const check = alignGeographic(sample, await referenceFor(db, user, sample, level), isPoints);
      if (!check.undecided && check.crs.name !== 'wgs84' && check.confidence !== 'low') {
        const as = check.crs.name.toUpperCase();
        return {
          detection: {
            ...check,
            reason: m('import.crs.declaredContradicted', { crs: declared, as, detail: check.reason }),
          },
          doubt: null,
        };
      }
      const fit = check.alignment ? m('import.crs.declaredFit', { metres: Math.round(check.alignment.wgs84) }) : '';
      return {
        detection: {
          ...check,
          crs,
          confidence: check.confidence === 'low' ? 'medium' : 'high',
          reason: m('import.crs.declaredGeographic', { crs: declared, fit }),
          undecided: false,
        },
        doubt: null,
      };
    }
    if (crs)
      return {
        detection: { crs, confidence: 'high', reason: m('import.crs.declared', { crs: declared }) },
        doubt: null,
      };
  }
  try {
    return {
      detection: detectCrs(sample, {
        prj: layer.prj,
        reference: await referenceFor(db, user, sample, level),
        isPoints,
      }),
      doubt: null,
    };
  } catch (e) {
    throw new Invalid(e instanceof CrsError ? e.text : m('geodata.crs.unreadable'));
  }
}
