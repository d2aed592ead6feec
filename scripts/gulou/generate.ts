// The Gulou data set, generated over the real district outline: buildings, roads, water, points of interest,
// police grids, residents and the same layers as an OpenStreetMap extract. Deterministic for a seed.
import fs from 'node:fs';
import type { Feature, FeatureCollection } from 'geojson';
import { Rng } from '../../geodata/city/rng.js';
import { placeBuildings } from './buildings.js';
import { type Outline, type Shape, type XY, inRing, readOutline, shape, within } from './frame.js';
import { toOsm } from './osm-layers.js';
import { RESIDENT_ROWS_PER_FILE, residentsCsv } from './people.js';
import { type CommitteePoint, placePois } from './pois.js';
import { policeGrids } from './police.js';
import { HIGHWAY, buildLattice, buildRoads } from './roads.js';
import { placePonds, placeZones, riverStrip } from './zones.js';

export type Scale = 'full' | 'excerpt';
export const SOURCE = 'generated (synthetic, not surveyed)';

export interface GulouInput {
  outlineFile: string;
  committeesFile: string;
  streetsFile: string;
  seed: number;
  scale: Scale;
}

/** The excerpt: a 0.9 km square between 宁海路街道 and 湖南路街道 (two streets' area), clipped to the outline. */
function excerptMask(o: Outline, streetsFile: string): Shape {
  const streets = JSON.parse(fs.readFileSync(streetsFile, 'utf8')) as FeatureCollection;
  const at = (name: string) => {
    const f = streets.features.find((s) => s.properties?.name === name);
    if (!f || f.geometry.type !== 'Point') throw new Error(`${streetsFile}: no point for ${name}`);
    return o.frame.toXY(f.geometry.coordinates);
  };
  const [a, b] = [at('宁海路街道'), at('湖南路街道')];
  const c: XY = [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2];
  const h = 450;
  return shape([
    [c[0] - h, c[1] - h],
    [c[0] + h, c[1] - h],
    [c[0] + h, c[1] + h],
    [c[0] - h, c[1] + h],
    [c[0] - h, c[1] - h],
  ]);
}

const fc = (features: Feature[]): string => JSON.stringify({ type: 'FeatureCollection', features }) + '\n';

/** Every file of the set by name, as bytes or text. */
export function generateGulou(input: GulouInput): Map<string, string | Uint8Array> {
  const o = readOutline(input.outlineFile);
  const rng = new Rng(input.seed);
  const area = shape(o.ring);
  const mask = input.scale === 'excerpt' ? excerptMask(o, input.streetsFile) : null;
  const inside = (p: XY) => inRing(p, o.ring) && (!mask || inRing(p, mask.ring));
  const box = mask ? mask.box : o.bbox;
  const zoneArea = mask ? (box[2] - box[0]) * (box[3] - box[1]) : 54e6;
  const zones = placeZones(zoneArea, box, inside, rng.fork('zones'));
  const water = [
    ...riverStrip(o, (ring) => !mask || ring.every((p) => inRing(p, mask.ring))),
    ...placePonds(zones, rng.fork('ponds')),
  ];
  const lattice = buildLattice(box, inside, water, rng.fork('lattice'));
  const { roads, edges, lineName } = buildRoads(lattice, inside, water, zones, rng.fork('roads'));
  const buildings = placeBuildings(
    { lattice, edges, lineName, area, within: (s) => !mask || within(s, mask), zones, water },
    rng.fork('buildings'),
  );
  const committees = (JSON.parse(fs.readFileSync(input.committeesFile, 'utf8')) as FeatureCollection).features
    .filter((f) => f.geometry?.type === 'Point' && f.properties?.coord_status === 'own')
    .map((f): CommitteePoint => ({
      name: String(f.properties!.name),
      code: String(f.properties!.code),
      at: o.frame.toXY((f.geometry as { coordinates: number[] }).coordinates),
    }))
    .filter((c) => inside(c.at));
  const pois = placePois(buildings, committees, zones, rng.fork('pois'));
  // The real committee points as the community step takes them: only those with a coordinate (a committee without one
  // cannot become a cell, and the import refuses it by line), with name and code. Their street code is left out: the
  // streets made from the 13 street points are Voronoi cells, not the real streets, so each committee goes under the
  // cell it lies in.
  const committeePoints = (JSON.parse(fs.readFileSync(input.committeesFile, 'utf8')) as FeatureCollection).features
    .filter((f) => f.geometry?.type === 'Point')
    .map((f) => ({
      type: 'Feature' as const,
      properties: { name: f.properties!.name, code: f.properties!.code },
      geometry: f.geometry,
    }));
  const ll = (r: XY[]) => r.map((p) => o.frame.toLonLat(p));
  const files = new Map<string, string | Uint8Array>();
  files.set(
    'buildings.geojson',
    fc(
      buildings.map((b, k) => ({
        type: 'Feature',
        properties: {
          id: k + 1,
          地址: b.address,
          'addr:street': b.road,
          'addr:housenumber': `${b.number}号${b.unit}幢`,
          'building:levels': b.levels,
          层数: b.levels,
          ...(b.households ? { 户数: b.households, households: b.households } : {}),
          building: b.households ? 'residential' : b.kind === 'institution' ? 'public' : 'yes',
          source: SOURCE,
        },
        geometry: { type: 'Polygon', coordinates: [ll(b.ring)] },
      })),
    ),
  );
  files.set(
    'roads.geojson',
    fc(
      roads.map((r, k) => ({
        type: 'Feature',
        properties: { id: k + 1, name: r.name, highway: HIGHWAY[r.cls], class: r.cls, source: SOURCE },
        geometry: { type: 'LineString', coordinates: ll(r.points) },
      })),
    ),
  );
  files.set(
    'water.geojson',
    fc(
      water.map((w, k) => ({
        type: 'Feature',
        properties: {
          id: k + 1,
          name: w.name,
          natural: 'water',
          water: w.kind === 'river' ? 'river' : 'pond',
          类型: w.kind === 'river' ? '河流' : '湖塘',
          source: SOURCE,
        },
        geometry: { type: 'Polygon', coordinates: [ll(w.ring)] },
      })),
    ),
  );
  files.set(
    'pois.geojson',
    fc(
      pois.map((p, k) => ({
        type: 'Feature',
        properties: {
          id: k + 1,
          name: p.name,
          类型: p.type,
          ...(p.kind ? { kind: p.kind } : {}),
          ...p.tags,
          ...(p.capacity ? { capacity: p.capacity } : {}),
          source: SOURCE,
        },
        geometry: { type: 'Point', coordinates: o.frame.toLonLat(p.at) },
      })),
    ),
  );
  if (!mask) files.set('committees.geojson', fc(committeePoints));
  if (!mask) files.set('police_grids.geojson', fc(policeGrids(o, 125, rng.fork('police'))));
  // the population import takes at most 300,000 rows a file: a full district comes in parts, imported in turn
  const parts = residentsCsv(buildings, rng.fork('residents'), RESIDENT_ROWS_PER_FILE);
  parts.forEach((body, k) => files.set(parts.length === 1 ? 'residents.csv' : `residents-${k + 1}.csv`, body));
  files.set('gulou.osm.pbf', toOsm(o.frame, { buildings, roads, water, pois }));
  return files;
}
