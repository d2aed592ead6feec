// Reads an OpenStreetMap extract (.osm.pbf, WGS84) into the features of one layer: ways get their nodes'
// coordinates; closed ways and multipolygon relations (outer/inner ways joined into rings) become polygons.
// Roads: highway=* lines; buildings: building=* areas; water: natural=water / waterway=riverbank / landuse=reservoir
// areas; resources: named nodes (or areas, at their centre) with amenity/shop/leisure/healthcare/office/social_facility.
import type { Geometry, Position } from 'geojson';
import tinyosmpbf, { type OsmElement, type OsmRelation, type OsmWay } from 'tiny-osmpbf';
import type { LayerKind } from '../../contract/layers.js';
import { m } from '../../contract/messages/index.js';
import { Invalid } from '../http/errors.js';
import type { RawFeature } from '../import/readers.js';

type Tags = Record<string, string>;

const ROAD_HIGHWAYS = new Set([
  'motorway',
  'trunk',
  'primary',
  'secondary',
  'tertiary',
  'unclassified',
  'residential',
  'service',
  'living_street',
  'pedestrian',
  'footway',
  'path',
  'steps',
  'cycleway',
  'track',
  'corridor',
  'motorway_link',
  'trunk_link',
  'primary_link',
  'secondary_link',
  'tertiary_link',
]);
const POI_KEYS = ['amenity', 'shop', 'leisure', 'healthcare', 'office', 'social_facility'];

const isWater = (t: Tags) =>
  t.natural === 'water' || t.waterway === 'riverbank' || t.landuse === 'reservoir' || t.landuse === 'basin';
const isBuilding = (t: Tags) => t.building !== undefined && t.building !== 'no';
const isPoi = (t: Tags) => POI_KEYS.some((k) => t[k] !== undefined);

/** Which layer an element's tags put it in, for its geometry kind. */
function layerOf(tags: Tags, shape: 'point' | 'line' | 'area'): LayerKind | null {
  if (shape === 'line') return tags.highway && ROAD_HIGHWAYS.has(tags.highway) && tags.area !== 'yes' ? 'roads' : null;
  if (shape === 'area') {
    if (isBuilding(tags)) return 'buildings';
    if (isWater(tags)) return 'water';
    return isPoi(tags) && tags.name ? 'resources' : null;
  }
  return isPoi(tags) && tags.name ? 'resources' : null;
}

export interface OsmLayer {
  features: RawFeature[];
  /** Elements of the extract that belong to other layers (not errors: an extract holds every layer). */
  otherLayers: number;
  fields: string[];
}

/** Joins ways (node id lists) end to end into closed rings; open leftovers are dropped. */
function joinRings(ways: number[][]): number[][] {
  const rings: number[][] = [];
  const open = ways.filter((w) => w.length >= 2).map((w) => [...w]);
  while (open.length) {
    let ring = open.shift()!;
    let grown = true;
    while (ring[0] !== ring[ring.length - 1] && grown) {
      grown = false;
      for (let i = 0; i < open.length; i++) {
        const w = open[i];
        const end = ring[ring.length - 1];
        if (w[0] === end) ring = ring.concat(w.slice(1));
        else if (w[w.length - 1] === end) ring = ring.concat([...w].reverse().slice(1));
        else continue;
        open.splice(i, 1);
        grown = true;
        break;
      }
    }
    if (ring.length >= 4 && ring[0] === ring[ring.length - 1]) rings.push(ring);
  }
  return rings;
}

/** The features of one layer in an .osm.pbf extract. */
export function readOsmPbf(bytes: Buffer, layer: LayerKind): OsmLayer {
  let elements: OsmElement[];
  try {
    // An ArrayBuffer of its own: the reader takes a typed array's whole underlying buffer (and copies it per block).
    const own = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    elements = tinyosmpbf(own).elements;
  } catch (e) {
    throw new Invalid(m('layers.osm.unreadable', { reason: (e as Error).message }));
  }
  const nodes = new Map<number, Position>();
  const ways = new Map<number, OsmWay>();
  for (const e of elements) {
    if (e.type === 'node') nodes.set(e.id, [e.lon, e.lat]);
    else if (e.type === 'way') ways.set(e.id, e);
  }
  const coords = (ids: number[]): Position[] | null => {
    const out: Position[] = [];
    for (const id of ids) {
      const p = nodes.get(id);
      if (!p) return null;
      out.push(p);
    }
    return out;
  };
  const features: RawFeature[] = [];
  let otherLayers = 0;
  const take = (tags: Tags, shape: 'point' | 'line' | 'area', geometry: () => Geometry | null) => {
    const of = layerOf(tags, shape);
    if (of === null) return;
    if (of !== layer) {
      otherLayers++;
      return;
    }
    const g = geometry();
    if (g) features.push({ properties: { ...tags }, geometry: g });
  };
  // Ways that make up a multipolygon relation's outline are that relation's, not areas of their own (unless tagged).
  const inRelation = new Set<number>();
  for (const e of elements) {
    if (e.type !== 'relation' || e.tags?.type !== 'multipolygon') continue;
    for (const mem of e.members) if (mem.type === 'way') inRelation.add(mem.ref);
  }
  for (const e of elements) {
    const tags = e.tags ?? {};
    if (e.type === 'node') {
      if (Object.keys(tags).length) take(tags, 'point', () => ({ type: 'Point', coordinates: [e.lon, e.lat] }));
    } else if (e.type === 'way') {
      if (Object.keys(tags).length === 0) continue;
      const closed = e.nodes.length >= 4 && e.nodes[0] === e.nodes[e.nodes.length - 1];
      const area =
        closed && (tags.area === 'yes' || layerOf(tags, 'area') !== null) && !(tags.highway && tags.area !== 'yes');
      if (inRelation.has(e.id) && !area && !tags.highway) continue;
      const line = coords(e.nodes);
      if (area) take(tags, 'area', () => (line ? { type: 'Polygon', coordinates: [line] } : null));
      else if (line && line.length >= 2) take(tags, 'line', () => ({ type: 'LineString', coordinates: line }));
    } else if (e.type === 'relation' && e.tags?.type === 'multipolygon') {
      take(tags, 'area', () => relationPolygon(e, ways, coords));
    }
  }
  if (layer === 'resources') {
    // A POI mapped as an area is placed at its outline's centre.
    for (const f of features) {
      const g = f.geometry!;
      if (g.type === 'Polygon' || g.type === 'MultiPolygon') f.geometry = { type: 'Point', coordinates: centre(g) };
    }
  }
  const fields = [...new Set(features.flatMap((f) => Object.keys(f.properties)))];
  return { features, otherLayers, fields };
}

function relationPolygon(
  r: OsmRelation,
  ways: Map<number, OsmWay>,
  coords: (ids: number[]) => Position[] | null,
): Geometry | null {
  const of = (role: string) =>
    joinRings(
      r.members
        .filter((x) => x.type === 'way' && (x.role === role || (role === 'outer' && x.role === '')))
        .map((x) => ways.get(x.ref)?.nodes ?? []),
    )
      .map(coords)
      .filter((x): x is Position[] => x !== null);
  const outers = of('outer');
  if (outers.length === 0) return null;
  // Inner rings go with the outer ring that holds their first vertex.
  const polys: Position[][][] = outers.map((o) => [o]);
  for (const inner of of('inner')) {
    const home = polys.find((p) => inRing(inner[0], p[0]));
    if (home) home.push(inner);
  }
  return { type: 'MultiPolygon', coordinates: polys };
}

function inRing(p: Position, ring: Position[]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > p[1] !== yj > p[1] && p[0] < ((xj - xi) * (p[1] - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

function centre(g: Geometry): Position {
  const ring = g.type === 'Polygon' ? g.coordinates[0] : g.type === 'MultiPolygon' ? g.coordinates[0][0] : [];
  const pts = ring.slice(0, -1);
  return [pts.reduce((s, p) => s + p[0], 0) / pts.length, pts.reduce((s, p) => s + p[1], 0) / pts.length];
}
