// Encodes MVT in Node for databases whose PostGIS cannot (PGlite: no protobuf-c).
// Input geometries are already clipped in SQL (EPSG:3857); rings are wound here as the MVT spec wants:
// exterior rings with positive area in tile coordinates (clockwise on screen), holes negative.
import type { Geometry, Position } from 'geojson';
import vtpbf, { type TileFeature } from 'vt-pbf';
import { EXTENT, type TileBounds, toTilePixels } from './tile-math.js';

export interface FallbackRow {
  id: number;
  geometry: string; // GeoJSON in EPSG:3857
  props: Record<string, string | number | boolean | null>;
}

function line(b: TileBounds, coords: Position[], closed: boolean): number[][] | null {
  const out: number[][] = [];
  for (const c of coords) {
    const p = toTilePixels(b, c[0], c[1]);
    const last = out[out.length - 1];
    if (!last || last[0] !== p[0] || last[1] !== p[1]) out.push(p);
  }
  if (closed) {
    if (out.length < 4) return null; // collapsed to less than a triangle at this zoom
    const [f, l] = [out[0], out[out.length - 1]];
    if (f[0] !== l[0] || f[1] !== l[1]) out.push([f[0], f[1]]);
  }
  return out.length >= 2 ? out : null;
}

/** Shoelace sum in tile coordinates (y down): positive for a ring that is clockwise on screen. */
function signedArea(ring: number[][]): number {
  let a = 0;
  for (let i = 0; i < ring.length - 1; i++) a += ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1];
  return a;
}

function wind(ring: number[][], exterior: boolean): number[][] {
  return signedArea(ring) > 0 === exterior ? ring : ring.reverse();
}

function toFeature(b: TileBounds, g: Geometry): Pick<TileFeature, 'type' | 'geometry'> | null {
  switch (g.type) {
    case 'Point':
      return { type: 1, geometry: [toTilePixels(b, g.coordinates[0], g.coordinates[1])] };
    case 'MultiPoint':
      return { type: 1, geometry: g.coordinates.map((c) => toTilePixels(b, c[0], c[1])) };
    case 'LineString':
    case 'MultiLineString': {
      const lines = (g.type === 'LineString' ? [g.coordinates] : g.coordinates)
        .map((l) => line(b, l, false))
        .filter((l): l is number[][] => l !== null);
      return lines.length ? { type: 2, geometry: lines } : null;
    }
    case 'Polygon':
    case 'MultiPolygon': {
      const polys = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
      const rings: number[][][] = [];
      for (const poly of polys) {
        const outer = line(b, poly[0], true);
        if (!outer) continue; // a polygon whose outer ring vanished loses its holes too
        rings.push(wind(outer, true));
        for (const hole of poly.slice(1)) {
          const h = line(b, hole, true);
          if (h) rings.push(wind(h, false));
        }
      }
      return rings.length ? { type: 3, geometry: rings } : null;
    }
    case 'GeometryCollection': {
      // Clipping can yield collections; keep the polygonal or linear part, as ST_AsMVTGeom does.
      const parts = g.geometries.map((p) => toFeature(b, p)).filter((p): p is NonNullable<typeof p> => p !== null);
      const best = parts.sort((x, y) => y.type - x.type)[0];
      if (!best) return null;
      const same = parts.filter((p) => p.type === best.type);
      return { type: best.type, geometry: same.flatMap((p) => p.geometry as number[][][]) };
    }
  }
}

export function encodeLayers(b: TileBounds, layers: Record<string, FallbackRow[]>): Buffer {
  const out: Record<string, { features: TileFeature[] }> = {};
  for (const [name, rows] of Object.entries(layers)) {
    const features: TileFeature[] = [];
    for (const r of rows) {
      const f = toFeature(b, JSON.parse(r.geometry) as Geometry);
      if (!f) continue;
      const tags: TileFeature['tags'] = {};
      for (const [k, v] of Object.entries(r.props)) if (v !== null && v !== undefined) tags[k] = v;
      features.push({ id: r.id, ...f, tags });
    }
    if (features.length) out[name] = { features };
  }
  return Buffer.from(vtpbf.fromGeojsonVt(out, { version: 2, extent: EXTENT }));
}
