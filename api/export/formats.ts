// Writes features as GeoJSON, a zipped Shapefile (UTF-8 .dbf with its .cpg and a .prj) or CSV with a WKT
// column, in WGS84 or converted to GCJ-02 for Chinese web maps. A GCJ-02 file says so wherever the format lets it:
// a .prj whose GEOGCS is named GCJ-02 with a sidecar note, a GeoJSON crs member and note, a crs column in CSV,
// so that nobody (the importer included) takes it for WGS84.
import type { Feature, FeatureCollection, Geometry, Position } from 'geojson';
import { unzipSync, zipSync } from 'fflate';
import shpwrite from '@mapbox/shp-write';
import { wgs84ToGcj02 } from '../../geodata/crs/china.js';
import { csvBytes } from '../http/csv.js';
import { bilingual, m, renderMessage } from '../../contract/messages/index.js';

export type ExportFormat = 'geojson' | 'shp' | 'csv';
export type ExportCrs = 'wgs84' | 'gcj02';

const WGS84_PRJ =
  'GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137,298.257223563]],PRIMEM["Greenwich",0],UNIT["Degree",0.017453292519943295]]';
/**
 * GCJ-02 has no EPSG code and is no datum: a non-linear offset of WGS84. Named for what it is (on the WGS84
 * ellipsoid, with no authority), so GIS software shows the name and the importer reads it back as GCJ-02.
 */
export const GCJ02_PRJ =
  'GEOGCS["GCJ-02",DATUM["GCJ-02 (WGS 84 with the Chinese offset, not a geodetic datum)",SPHEROID["WGS_1984",6378137,298.257223563]],PRIMEM["Greenwich",0],UNIT["Degree",0.017453292519943295]]';
/** The name a GCJ-02 file gives its coordinates (GeoJSON crs member, CSV crs column). */
export const GCJ02_NAME = 'GCJ-02';

/** Explains a GCJ-02 file's coordinates, as a sidecar (.txt and .json) and inside GeoJSON. */
export function crsMetadata(crs: ExportCrs): Record<string, unknown> | null {
  if (crs === 'wgs84') return null;
  return {
    crs: GCJ02_NAME,
    datum: 'WGS 84 with the GCJ-02 offset (GB/T obfuscation), not a geodetic datum; no EPSG code',
    toWgs84: 'invert the published WGS84→GCJ-02 formula (about 300–700 m inside China)',
    note: { 'zh-CN': renderMessage(m('export.gcj02Note'), 'zh-CN'), en: renderMessage(m('export.gcj02Note'), 'en') },
    text: bilingual(m('export.gcj02Note')),
  };
}

function mapPositions(g: Geometry, f: (p: Position) => Position): Geometry {
  switch (g.type) {
    case 'Point':
      return { type: 'Point', coordinates: f(g.coordinates) };
    case 'MultiPoint':
      return { type: 'MultiPoint', coordinates: g.coordinates.map(f) };
    case 'Polygon':
      return { type: 'Polygon', coordinates: g.coordinates.map((r) => r.map(f)) };
    case 'MultiPolygon':
      return { type: 'MultiPolygon', coordinates: g.coordinates.map((p) => p.map((r) => r.map(f))) };
    default:
      return g;
  }
}

export function toCrs(g: Geometry, crs: ExportCrs): Geometry {
  if (crs === 'wgs84') return g;
  return mapPositions(g, (p) => {
    const [x, y] = wgs84ToGcj02([p[0], p[1]]);
    return [Math.round(x * 1e7) / 1e7, Math.round(y * 1e7) / 1e7];
  });
}

export function toWkt(g: Geometry): string {
  const pos = (p: Position) => `${p[0]} ${p[1]}`;
  const ring = (r: Position[]) => `(${r.map(pos).join(', ')})`;
  const poly = (p: Position[][]) => `(${p.map(ring).join(', ')})`;
  switch (g.type) {
    case 'Point':
      return `POINT (${pos(g.coordinates)})`;
    case 'MultiPoint':
      return `MULTIPOINT (${g.coordinates.map((p) => `(${pos(p)})`).join(', ')})`;
    case 'Polygon':
      return `POLYGON ${poly(g.coordinates)}`;
    case 'MultiPolygon':
      return `MULTIPOLYGON (${g.coordinates.map(poly).join(', ')})`;
    default:
      throw new Error(`no WKT for ${g.type}`);
  }
}

export interface Encoded {
  body: Buffer;
  contentType: string;
  extension: string;
}

/** `layer` names the file inside a Shapefile zip. CSV is UTF-8 with a BOM so spreadsheet programs read the Chinese. */
export async function encode(
  fc: FeatureCollection,
  format: ExportFormat,
  crs: ExportCrs,
  layer: string,
): Promise<Encoded> {
  const features: Feature[] = fc.features.map((f) => ({ ...f, geometry: toCrs(f.geometry as Geometry, crs) }));
  const meta = crsMetadata(crs);
  if (format === 'geojson') {
    // RFC 7946 GeoJSON is WGS84 only: a GCJ-02 file carries the (older) crs member naming GCJ-02 and a note.
    const named = meta
      ? { crs: { type: 'name', properties: { name: GCJ02_NAME } }, crs_note: meta.text as string }
      : {};
    return {
      body: Buffer.from(JSON.stringify({ type: 'FeatureCollection', ...named, features })),
      contentType: 'application/geo+json',
      extension: 'geojson',
    };
  }
  if (format === 'csv') {
    const cols = [...new Set(features.flatMap((f) => Object.keys(f.properties ?? {})))];
    // A GCJ-02 CSV names its coordinates on every row, where no reader can miss it.
    const crsCol = meta ? ['crs'] : [];
    const rows = [
      [...cols, 'wkt', ...crsCol],
      ...features.map((f) => [
        ...cols.map((c) => f.properties?.[c]),
        toWkt(f.geometry as Geometry),
        ...(meta ? [GCJ02_NAME] : []),
      ]),
    ];
    return { body: csvBytes(rows), contentType: 'text/csv; charset=utf-8', extension: 'csv' };
  }
  // The dbf writer stores one byte per character: hand it UTF-8 bytes as a binary string, and say so in the .cpg.
  const binary = features.map((f) => ({
    ...f,
    properties: Object.fromEntries(
      Object.entries(f.properties ?? {}).map(([k, v]) => [
        k.slice(0, 10),
        typeof v === 'string' ? Buffer.from(v, 'utf8').toString('latin1') : v,
      ]),
    ),
  }));
  const types = { point: layer, polygon: layer, polyline: layer };
  const zipped = (await shpwrite.zip(
    { type: 'FeatureCollection', features: binary } as never,
    { outputType: 'nodebuffer', compression: 'STORE', types, prj: crs === 'gcj02' ? GCJ02_PRJ : WGS84_PRJ } as never,
  )) as unknown as Buffer;
  const files = unzipSync(new Uint8Array(zipped));
  const out: Record<string, Uint8Array> = {};
  for (const [name, data] of Object.entries(files)) out[name.split('/').pop()!] = data;
  out[`${layer}.cpg`] = new TextEncoder().encode('UTF-8');
  if (meta) {
    out[`${layer}.prj`] = new TextEncoder().encode(GCJ02_PRJ);
    out[`${layer}.txt`] = new TextEncoder().encode(`${meta.text as string}\r\n`);
    out[`${layer}.crs.json`] = new TextEncoder().encode(JSON.stringify(meta, null, 2));
  }
  return { body: Buffer.from(zipSync(out, { level: 6 })), contentType: 'application/zip', extension: 'zip' };
}

/** Sets the download headers for an encoded layer and gives the body to send. */
export function attach(
  res: { setHeader(name: string, value: string): unknown },
  out: Encoded,
  basename: string,
  crs: ExportCrs,
): Buffer {
  res.setHeader('Content-Type', out.contentType);
  res.setHeader('Content-Disposition', `attachment; filename="${basename}_${crs}.${out.extension}"`);
  return out.body;
}
