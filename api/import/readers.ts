// Reads an uploaded layer as it comes: GeoJSON, a zipped Shapefile (.shp/.shx/.dbf/.prj/.cpg, GBK tables),
// or a CSV/XLSX table with a WKT column or longitude/latitude columns. Coordinates stay in the file's CRS.
import type { Geometry, Position } from 'geojson';
import * as shapefile from 'shapefile';
import type { ImportMapping } from '../../contract/imports.js';
import { Invalid } from '../http/errors.js';
import { nulAt } from '../http/route.js';
import { unzipLimited } from '../http/zip.js';
import { readCsv, readXlsx, type RawTable } from '../needs/import-parse.js';
import { parseWkt, WktError } from './wkt.js';
import { offsetDatumNamed } from '../../geodata/crs/detect.js';
import { chooseDbfEncoding } from './encoding.js';
import { m, type Message } from '../../contract/messages/index.js';

export interface RawFeature {
  properties: Record<string, unknown>;
  geometry: Geometry | null;
}

export interface RawLayer {
  format: 'geojson' | 'shapefile' | 'csv' | 'xlsx';
  features: RawFeature[];
  /** The .prj text, for Shapefiles that have one. */
  prj: string | null;
  /** A CRS the file itself names (a GeoJSON "crs" member), as 'epsg:NNNN'. */
  declared?: string | null;
  encoding: string | null;
  /** Which encoding the text was read in and why, when the file's own word was not simply taken (Shapefiles). */
  encodingNote?: { severity: 'info' | 'warning'; message: Message } | null;
  /** The coordinates were given as (lat, lon) and swapped on reading, as the mapping asked (swapAxes). */
  axesSwapped?: boolean;
  /** Property / column names, for the mapping step. */
  fields: string[];
}

const fail = (msg: Message): never => {
  throw new Invalid(msg);
};

export function formatOf(filename: string): RawLayer['format'] {
  const ext = filename.toLowerCase().split('.').pop() ?? '';
  if (ext === 'geojson' || ext === 'json') return 'geojson';
  if (ext === 'zip') return 'shapefile';
  if (ext === 'csv' || ext === 'txt') return 'csv';
  if (ext === 'xlsx') return 'xlsx';
  if (ext === 'shp' || ext === 'dbf') fail(m('import.read.zipTheShapefile'));
  return fail(m('import.read.unsupportedFile', { ext }));
}

export async function readLayer(filename: string, bytes: Buffer, mapping: ImportMapping): Promise<RawLayer> {
  const layer = await readAnyLayer(filename, bytes, mapping);
  return mapping.swapAxes ? swapAxes(layer) : layer;
}

async function readAnyLayer(filename: string, bytes: Buffer, mapping: ImportMapping): Promise<RawLayer> {
  const format = formatOf(filename);
  if (format === 'geojson') return refuseNulProperties(readGeoJson(bytes));
  if (format === 'shapefile') return readShapefileZip(bytes);
  const table = format === 'csv' ? readCsv(bytes) : await readXlsx(bytes);
  return { ...readTable(table, mapping), format };
}

/** Reads (lat, lon) coordinates as (lon, lat): every position's first two values exchanged. */
export function swapAxes(layer: RawLayer): RawLayer {
  const p = (c: Position): Position => [c[1], c[0], ...c.slice(2)];
  const g = (geom: Geometry | null): Geometry | null => {
    if (!geom) return null;
    switch (geom.type) {
      case 'Point':
        return { type: 'Point', coordinates: p(geom.coordinates) };
      case 'MultiPoint':
        return { type: 'MultiPoint', coordinates: geom.coordinates.map(p) };
      case 'Polygon':
        return { type: 'Polygon', coordinates: geom.coordinates.map((r) => r.map(p)) };
      case 'MultiPolygon':
        return { type: 'MultiPolygon', coordinates: geom.coordinates.map((q) => q.map((r) => r.map(p))) };
      default:
        return geom;
    }
  };
  return { ...layer, features: layer.features.map((f) => ({ ...f, geometry: g(f.geometry) })), axesSwapped: true };
}

const fieldsOf = (features: RawFeature[]): string[] => [...new Set(features.flatMap((f) => Object.keys(f.properties)))];

export function readGeoJson(bytes: Buffer): RawLayer {
  let doc: unknown;
  try {
    doc = JSON.parse(new TextDecoder('utf-8').decode(bytes).replace(/^\uFEFF/, ''));
  } catch (e) {
    return fail(m('import.read.malformedGeoJson', { reason: (e as Error).message }));
  }
  const d = doc as {
    type?: string;
    features?: unknown[];
    geometry?: unknown;
    properties?: unknown;
    crs?: { properties?: { name?: string } };
  };
  let list: unknown[];
  if (d?.type === 'FeatureCollection' && Array.isArray(d.features)) list = d.features;
  else if (d?.type === 'Feature') list = [d];
  else if (typeof d?.type === 'string' && 'coordinates' in (d as object))
    list = [{ type: 'Feature', properties: {}, geometry: d }];
  else return fail(m('import.read.geoJsonType'));
  const features = list.map((f, i): RawFeature => {
    const ft = f as { type?: string; properties?: unknown; geometry?: unknown };
    if (ft?.type !== 'Feature') fail(m('import.read.notFeature', { n: i + 1 }));
    const props = ft.properties && typeof ft.properties === 'object' ? (ft.properties as Record<string, unknown>) : {};
    return { properties: props, geometry: checkGeometry(ft.geometry, i) };
  });
  // A legacy "crs" member (EPSG:4490, 4326 or a projected zone) is passed on as the file's own CRS, and so is one
  // that names GCJ-02 or BD-09 (as Gridwall's own exports in those do).
  const named = d.crs?.properties?.name ?? null;
  const epsg = named ? /(\d{4,5})\s*$/.exec(named)?.[1] : undefined;
  const offset = named ? offsetDatumNamed(named) : null;
  return {
    format: 'geojson',
    features,
    prj: null,
    declared: offset ?? (epsg ? `epsg:${epsg}` : null),
    encoding: 'utf-8',
    fields: fieldsOf(features),
  };
}

function checkGeometry(g: unknown, i: number): Geometry | null {
  if (g == null) return null;
  const geom = g as { type?: string; coordinates?: unknown };
  if (!['Point', 'MultiPoint', 'Polygon', 'MultiPolygon'].includes(geom.type ?? '')) {
    fail(m('import.read.geometryType', { n: i + 1, type: geom.type ?? '?' }));
  }
  const flat = JSON.stringify(geom.coordinates ?? null);
  if (!/^\[/.test(flat) || /null|"/.test(flat)) fail(m('import.read.badCoordinates', { n: i + 1 }));
  return geom as Geometry;
}

/** Refuses a layer with a NUL character in a property name or value: the database cannot store one. */
function refuseNulProperties(layer: RawLayer): RawLayer {
  layer.features.forEach((f, i) => {
    const at = nulAt(f.properties);
    if (at) fail(m('import.read.nulProperty', { n: i + 1, property: at.replace(/\u0000/g, '\\0') }));
  });
  return layer;
}

/** A .dbf pads text with NUL bytes: they are padding, never part of a value. */
const withoutNul = (props: Record<string, unknown>): Record<string, unknown> =>
  Object.fromEntries(
    Object.entries(props).map(([k, v]) => [
      k.replace(/\u0000/g, ''),
      typeof v === 'string' ? v.replace(/\u0000/g, '') : v,
    ]),
  );

export { dbfIsUtf8, encodingFromCpg } from './encoding.js';

export async function readShapefileZip(bytes: Buffer): Promise<RawLayer> {
  // Checked against the entry and size limits before inflating, and inflated off the event loop (413 past them).
  const files = await unzipLimited(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  const names = Object.keys(files).filter((n) => !n.startsWith('__MACOSX/') && !n.endsWith('/'));
  const shps = names.filter((n) => n.toLowerCase().endsWith('.shp'));
  if (shps.length === 0) fail(m('import.read.noShp'));
  if (shps.length > 1) fail(m('import.read.severalLayers', { layers: shps.join(', ') }));
  const stem = shps[0].slice(0, -4);
  const sibling = (ext: string) => {
    const n = names.find((x) => x.toLowerCase() === `${stem.toLowerCase()}.${ext}`);
    return n ? files[n] : null;
  };
  const dbf = sibling('dbf');
  if (!dbf) fail(m('import.read.noDbf'));
  const prjBytes = sibling('prj');
  const cpg = sibling('cpg');
  const prj = prjBytes
    ? new TextDecoder('utf-8')
        .decode(prjBytes)
        .replace(/\u0000/g, '')
        .trim()
    : null;
  const read = async (encoding: string) => {
    try {
      return await shapefile.read(files[shps[0]], dbf!, { encoding });
    } catch (e) {
      return fail(m('import.read.badShapefile', { reason: (e as Error).message }));
    }
  };
  // The .cpg is checked against the table's bytes: a GBK table under a UTF-8 (or Latin-1) .cpg is common.
  const choice = chooseDbfEncoding(dbf!, cpg ? new TextDecoder('latin1').decode(cpg) : null);
  const fc = await read(choice.encoding);
  const features = fc.features.map((f, i): RawFeature => ({
    properties: choice.repair(withoutNul((f.properties ?? {}) as Record<string, unknown>)),
    geometry: checkGeometry(f.geometry, i),
  }));
  return {
    format: 'shapefile',
    features,
    prj,
    encoding: choice.encoding === 'gb18030' ? 'gbk' : choice.encoding,
    encodingNote: choice.note,
    fields: fieldsOf(features),
  };
}

const WKT_NAMES = /^(wkt|geom|geometry|the_geom|shape|几何|边界|范围)$/i;
const LON_NAMES = /^(lon|lng|long|longitude|x|经度|东经)$/i;
const LAT_NAMES = /^(lat|latitude|y|纬度|北纬)$/i;

/** A CSV/XLSX table as features: geometry from the WKT column, else from longitude/latitude columns. */
export function readTable(table: RawTable, mapping: ImportMapping): Omit<RawLayer, 'format'> {
  const header = table.header.map((h) => h.trim());
  if (header.length === 0) fail(m('import.read.emptyTable'));
  const col = (named: string | undefined, pattern: RegExp, what: string): number => {
    if (named) {
      const i = header.indexOf(named);
      if (i < 0)
        throw new Invalid(m('import.read.noColumn', { name: named, what, header: header.join(', ') }), {
          fields: header,
        });
      return i;
    }
    return header.findIndex((h) => pattern.test(h));
  };
  const wkt = col(mapping.wkt, WKT_NAMES, 'WKT');
  const lon = wkt >= 0 ? -1 : col(mapping.lon, LON_NAMES, 'longitude');
  const lat = wkt >= 0 ? -1 : col(mapping.lat, LAT_NAMES, 'latitude');
  if (wkt < 0 && (lon < 0 || lat < 0)) {
    // The header travels with the error, so the mapping step can offer the columns.
    throw new Invalid(m('import.read.noGeometryColumns', { header: header.join(', ') }), { fields: header });
  }
  const geomCols = new Set([wkt, lon, lat]);
  const features = table.rows.map(({ line, cells }): RawFeature => {
    const properties: Record<string, unknown> = {};
    header.forEach((h, i) => {
      if (!geomCols.has(i) && h) properties[h] = cells[i]?.trim() ?? '';
    });
    let geometry: Geometry | null = null;
    if (wkt >= 0) {
      const text = cells[wkt]?.trim();
      if (text) {
        try {
          geometry = parseWkt(text);
        } catch (e) {
          fail(m('import.read.lineProblem', { line, problem: e instanceof WktError ? e.text : (e as Error).message }));
        }
      }
    } else {
      const x = Number(cells[lon]?.trim());
      const y = Number(cells[lat]?.trim());
      if (cells[lon]?.trim() && cells[lat]?.trim()) {
        if (!Number.isFinite(x) || !Number.isFinite(y)) fail(m('import.read.coordinatesNotNumbers', { line }));
        geometry = { type: 'Point', coordinates: [x, y] };
      }
    }
    return { properties, geometry };
  });
  // A crs column that names GCJ-02 or BD-09 on every row (as Gridwall's own CSV exports in those do) declares it.
  const crsCol = header.findIndex((h) => /^(crs|坐标系)$/i.test(h));
  const named = crsCol < 0 ? [] : [...new Set(table.rows.map((r) => r.cells[crsCol]?.trim() ?? ''))];
  const declared = named.length === 1 && named[0] ? offsetDatumNamed(named[0]) : null;
  return {
    features,
    prj: null,
    declared,
    encoding: table.encoding,
    fields: header.filter((_, i) => !geomCols.has(i)),
  };
}
