// Reads an uploaded layer file for a layer import: an OpenStreetMap extract (.osm.pbf, WGS84), GeoJSON (lines
// included, for roads), or what area imports read (zipped Shapefile, CSV/XLSX with WKT or lon/lat columns);
// settles its CRS as area imports do, and converts every feature to WGS84.
import type { Geometry } from 'geojson';
import type { LayerImportOptions, LayerKind } from '../../contract/layers.js';
import { m } from '../../contract/messages/index.js';
import { crsFromOption, type Detection } from '../../geodata/crs/detect.js';
import type { AuthUser } from '../auth/session.js';
import type { Queryable } from '../db/index.js';
import { Invalid } from '../http/errors.js';
import { mapGeometry, settleCrs } from '../import/crs.js';
import { readGeoJson, readLayer, type RawFeature, type RawLayer } from '../import/readers.js';
import { readOsmPbf } from './osm.js';
import { readLineShapefile } from './shapefile-lines.js';
import type { Message } from '../../contract/messages/index.js';

export interface ReadLayer {
  format: 'geojson' | 'shapefile' | 'csv' | 'xlsx' | 'osm';
  encoding: string | null;
  fields: string[];
  features: RawFeature[];
  otherLayers: number;
  crs: Detection;
  doubt: Message | null;
}

const isOsm = (filename: string) => /\.osm\.pbf$|\.pbf$/i.test(filename);

/** GeoJSON with any geometry type (area imports take points and polygons only). */
function readAnyGeoJson(bytes: Buffer): RawLayer {
  let doc: { type?: string; features?: { type?: string; properties?: unknown; geometry?: unknown }[] };
  try {
    doc = JSON.parse(new TextDecoder('utf-8').decode(bytes).replace(/^\uFEFF/, '')) as typeof doc;
  } catch (e) {
    throw new Invalid(m('import.read.malformedGeoJson', { reason: (e as Error).message }));
  }
  if (doc?.type !== 'FeatureCollection' || !Array.isArray(doc.features)) return readGeoJson(bytes);
  // Lines are read here; the rest (points, polygons, the "crs" member) as area imports read them.
  const lines = new Set<number>();
  const stripped = doc.features.map((f, i) => {
    const t = (f?.geometry as { type?: string } | null)?.type;
    if (t === 'LineString' || t === 'MultiLineString') {
      lines.add(i);
      return { ...f, geometry: null };
    }
    return f;
  });
  const base = readGeoJson(Buffer.from(JSON.stringify({ ...doc, features: stripped })));
  base.features.forEach((f, i) => {
    if (lines.has(i)) {
      const g = doc.features![i].geometry as Geometry;
      const flat = JSON.stringify((g as { coordinates?: unknown }).coordinates ?? null);
      if (!/^\[/.test(flat) || /null|"/.test(flat)) throw new Invalid(m('import.read.badCoordinates', { n: i + 1 }));
      f.geometry = g;
    }
  });
  return base;
}

/** Every position of a geometry, for the CRS sample (lines as their vertices). */
function asSample(g: Geometry | null): Geometry | null {
  if (!g) return null;
  if (g.type === 'LineString') return { type: 'MultiPoint', coordinates: g.coordinates };
  if (g.type === 'MultiLineString') return { type: 'MultiPoint', coordinates: g.coordinates.flat() };
  return g;
}

export async function readLayerFile(
  db: Queryable,
  user: AuthUser,
  filename: string,
  bytes: Buffer,
  layer: LayerKind,
  opts: { crs: string; mapping: NonNullable<LayerImportOptions['mapping']> },
): Promise<ReadLayer> {
  if (isOsm(filename)) {
    const osm = readOsmPbf(bytes, layer);
    const crs: Detection = { crs: crsFromOption('wgs84'), confidence: 'given', reason: m('layers.crs.osm') };
    return { format: 'osm', encoding: 'utf-8', ...osm, crs, doubt: null };
  }
  const read = /\.(geo)?json$/i.test(filename)
    ? readAnyGeoJson(bytes)
    : layer === 'roads' && /\.zip$/i.test(filename)
      ? await readLineShapefile(bytes)
      : await readLayer(filename, bytes, { ...opts.mapping, swapAxes: false, parentBy: 'auto' });
  // (lat, lon) files: swapped here for every format and geometry (lines included) when asked.
  const swap = ([x, y]: [number, number]): [number, number] => [y, x];
  const raw: RawLayer = opts.mapping.swapAxes
    ? {
        ...read,
        axesSwapped: true,
        features: read.features.map((f) => ({ ...f, geometry: f.geometry ? mapGeometry(f.geometry, swap) : null })),
      }
    : read;
  const withGeom = raw.features.filter((f) => f.geometry);
  if (withGeom.length === 0) throw new Invalid(m('import.noGeometries'));
  const isPoints = withGeom.every((f) => f.geometry!.type === 'Point');
  const sample: RawLayer = { ...raw, features: raw.features.map((f) => ({ ...f, geometry: asSample(f.geometry) })) };
  // Layers are checked against the boundaries the district already has, down to its grids.
  const { detection, doubt } = await settleCrs(db, user, sample, opts.crs, 'grid', isPoints);
  const features = raw.features.map((f) => ({
    properties: f.properties,
    geometry: f.geometry
      ? mapGeometry(f.geometry, detection.crs.toWgs84 as (p: [number, number]) => [number, number])
      : null,
  }));
  return {
    format: raw.format,
    encoding: raw.encoding,
    fields: raw.fields,
    features,
    otherLayers: 0,
    crs: detection,
    doubt,
  };
}
