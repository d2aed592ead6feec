// Which coordinates a layer is in, and its geometry in WGS84: the CRS the user named (checked against the stored
// boundaries when it is a lon/lat one), the one the file declares (a declared EPSG:4326 checked the same way, since
// GCJ-02/BD-09 web-map exports declare it), or the one detected by lining the sample up with the stored boundaries.
import type { Geometry, Position } from 'geojson';
import type { AreaLevel } from '../../contract/areas.js';
import type { AuthUser } from '../auth/session.js';
import type { Queryable } from '../db/index.js';
import { Invalid } from '../http/errors.js';
import {
  alignGeographic,
  type Crs,
  CrsError,
  crsFromOption,
  detectCrs,
  type Detection,
  looksGeographic,
  type Reference,
} from '../../geodata/crs/detect.js';
import type { LonLat } from '../../geodata/crs/china.js';
import type { RawFeature, RawLayer } from './readers.js';
import * as sql from './queries.js';
import { m, type Message } from '../../contract/messages/index.js';

/** Applies a coordinate function to every position of a point or polygon geometry, closing open rings. */
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
      return g.coordinates;
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

/** The CRS to read the layer in, and a second opinion when the user named a lon/lat CRS that the data contradicts. */
export async function settleCrs(
  db: Queryable,
  user: AuthUser,
  layer: RawLayer,
  option: string,
  level: AreaLevel,
  isPoints: boolean,
): Promise<{ detection: Detection; doubt: Message | null }> {
  const sample = sampleCoordinates(layer.features);
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
      if (check.confidence !== 'low' && check.crs.name !== named) {
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
    if (crs && crs.name !== 'wgs84')
      return {
        detection: { crs, confidence: 'high', reason: m('import.crs.declared', { crs: declared }) },
        doubt: null,
      };
    if (crs && looksGeographic(sample)) {
      // Chinese web-map exports (GCJ-02, BD-09) routinely declare EPSG:4326: a declared lon/lat CRS is still checked against the stored boundaries.
      const check = alignGeographic(sample, await referenceFor(db, user, sample, level), isPoints);
      if (check.crs.name !== 'wgs84' && check.confidence !== 'low') {
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
