// Where a stored position is drawn. Gridwall stores WGS84; over a GCJ-02 base map (GET /api/meta → basemap.datum)
// everything it draws is shifted to GCJ-02 for display, and every position read off the map (a click) is shifted
// back before it is used or sent. Every deck.gl layer takes its positions through these accessors; the vector tiles
// come shifted from the server (?datum=gcj02). Stored data never changes.
import type { Geometry, Position } from 'geojson';
import type { BasemapDatum } from '@contract/meta';
import { gcj02ToWgs84, wgs84ToGcj02 } from '../../core/geo/index';

export type LonLat = [number, number];

let current: BasemapDatum = 'wgs84';

/** Set from the city meta when it is read: the datum of the base map every map of the page draws over. */
export function setDisplayDatum(datum: BasemapDatum): void {
  current = datum;
}

export function displayDatum(): BasemapDatum {
  return current;
}

/** A stored (WGS84) position as drawn over a base map in this datum. */
export function toDisplayIn(datum: BasemapDatum, lon: number, lat: number): LonLat {
  return datum === 'gcj02' ? wgs84ToGcj02([lon, lat]) : [lon, lat];
}

/** A position read off a map in this datum (a click) as stored (WGS84). */
export function fromDisplayIn(datum: BasemapDatum, [lon, lat]: LonLat): LonLat {
  return datum === 'gcj02' ? gcj02ToWgs84([lon, lat]) : [lon, lat];
}

/** The position accessor of every layer: a stored position as drawn on this page's maps. */
export const shown = (lon: number, lat: number): LonLat => toDisplayIn(current, lon, lat);

/** A stored path (a trail, a ring) as drawn. */
export const shownPath = (path: readonly Position[]): LonLat[] => path.map((p) => shown(p[0], p[1]));

/** A position read off this page's map, as stored. */
export const unshown = (p: LonLat): LonLat => fromDisplayIn(current, p);

function shiftGeometry(datum: BasemapDatum, g: Geometry): Geometry {
  const at = (ps: Position[]): Position[] => ps.map((p) => toDisplayIn(datum, p[0], p[1]));
  switch (g.type) {
    case 'Point':
      return { ...g, coordinates: toDisplayIn(datum, g.coordinates[0], g.coordinates[1]) };
    case 'MultiPoint':
    case 'LineString':
      return { ...g, coordinates: at(g.coordinates) };
    case 'MultiLineString':
    case 'Polygon':
      return { ...g, coordinates: g.coordinates.map(at) };
    case 'MultiPolygon':
      return { ...g, coordinates: g.coordinates.map((p) => p.map(at)) };
    case 'GeometryCollection':
      return { ...g, geometries: g.geometries.map((x) => shiftGeometry(datum, x)) };
  }
}

/** A stored geometry as drawn in this datum (the same object when nothing moves). */
export function geometryIn<G extends Geometry>(datum: BasemapDatum, g: G): G {
  return datum === 'wgs84' ? g : (shiftGeometry(datum, g) as G);
}

// A feature list is shifted once, however often its layer is rebuilt (the same array in, the same array out).
const shifted = new WeakMap<object, { datum: BasemapDatum; out: unknown }>();

/** Features (or a FeatureCollection's features) as drawn on this page's maps; memoised per array. */
export function shownFeatures<F extends { geometry: Geometry }>(features: readonly F[]): F[] {
  if (current === 'wgs84') return features as F[];
  const hit = shifted.get(features);
  if (hit && hit.datum === current) return hit.out as F[];
  const out = features.map((f) => ({ ...f, geometry: geometryIn(current, f.geometry) }));
  shifted.set(features, { datum: current, out });
  return out;
}

/** A stored box [w, s, e, n] as drawn: the box around its shifted corners. */
export function boundsIn(datum: BasemapDatum, [w, s, e, n]: [number, number, number, number]) {
  if (datum === 'wgs84') return [w, s, e, n] as [number, number, number, number];
  const corners = [
    toDisplayIn(datum, w, s),
    toDisplayIn(datum, e, s),
    toDisplayIn(datum, w, n),
    toDisplayIn(datum, e, n),
  ];
  return [
    Math.min(...corners.map((c) => c[0])),
    Math.min(...corners.map((c) => c[1])),
    Math.max(...corners.map((c) => c[0])),
    Math.max(...corners.map((c) => c[1])),
  ] as [number, number, number, number];
}

export const shownBounds = (b: [number, number, number, number]) => boundsIn(current, b);
