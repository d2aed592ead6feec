// Open land of the generated district: parks and campuses (left without housing, crossed by footways),
// ponds inside parks, and a river-like strip of water along the west edge (the 秦淮河 / 长江 side).
import * as turf from '@turf/turf';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import type { Rng } from '../../geodata/city/rng.js';
import { type Outline, type Ring, type Shape, type XY, inRing, shape } from './frame.js';

export interface Zone extends Shape {
  name: string;
  kind: 'park' | 'campus';
  centre: XY;
}

export interface Water extends Shape {
  name: string;
  kind: 'pond' | 'river';
}

/** Real place names of Gulou used as labels only: the generated shapes stand at random places. */
const PARKS = [
  '清凉山公园',
  '古林公园',
  '绣球公园',
  '狮子山公园',
  '八字山公园',
  '乌龙潭公园',
  '幕府山风景区',
  '小桃园',
];
const CAMPUSES = ['南京大学鼓楼校区', '南京师范大学随园校区', '河海大学西康路校区', '南京艺术学院', '南京工业大学'];
const PONDS: Record<string, string> = {
  清凉山公园: '清凉山池',
  古林公园: '古林湖',
  绣球公园: '绣球湖',
  狮子山公园: '狮子山池',
  八字山公园: '八字山塘',
  乌龙潭公园: '乌龙潭',
  幕府山风景区: '幕府山塘',
  小桃园: '小桃园池',
};

function blob(c: XY, r: number, rng: Rng): Ring {
  const n = 18;
  const phase = rng.range(0, Math.PI * 2);
  const ring: Ring = [];
  for (let i = 0; i < n; i++) {
    const a = (i / n) * Math.PI * 2;
    const k = 1 + 0.18 * Math.sin(3 * a + phase) + rng.range(-0.06, 0.06);
    ring.push([c[0] + r * k * Math.cos(a), c[1] + r * k * Math.sin(a)]);
  }
  ring.push(ring[0]);
  return ring;
}

function rect(c: XY, w: number, h: number): Ring {
  const [x, y] = c;
  return [
    [x - w / 2, y - h / 2],
    [x + w / 2, y - h / 2],
    [x + w / 2, y + h / 2],
    [x - w / 2, y + h / 2],
    [x - w / 2, y - h / 2],
  ];
}

/** Parks and campuses inside `inside` (a test on points), about one per 4.5 km², at least one. */
export function placeZones(area: number, box: number[], inside: (p: XY) => boolean, rng: Rng): Zone[] {
  const want = Math.max(1, Math.round(area / 4.5e6));
  const zones: Zone[] = [];
  let parks = 0;
  let campuses = 0;
  for (let tries = 0; tries < 400 && zones.length < want; tries++) {
    const isPark = zones.length % 3 !== 2 || campuses >= CAMPUSES.length;
    if (isPark && parks >= PARKS.length) break;
    const r = isPark ? rng.range(170, 330) : rng.range(180, 300);
    const c: XY = [rng.range(box[0] + r, box[2] - r), rng.range(box[1] + r, box[3] - r)];
    const ring = isPark ? blob(c, r, rng) : rect(c, r * 2.1, r * 1.6);
    if (!ring.every(inside)) continue;
    if (zones.some((z) => Math.hypot(z.centre[0] - c[0], z.centre[1] - c[1]) < r + 450)) continue;
    const name = isPark ? PARKS[parks++] : CAMPUSES[campuses++];
    zones.push({ ...shape(ring), name, kind: isPark ? 'park' : 'campus', centre: c });
  }
  return zones;
}

/** One pond in each park, well inside it. */
export function placePonds(zones: Zone[], rng: Rng): Water[] {
  return zones
    .filter((z) => z.kind === 'park')
    .map((z) => {
      const r = rng.range(60, 130);
      const c: XY = [z.centre[0] + rng.range(-40, 40), z.centre[1] + rng.range(-40, 40)];
      return { ...shape(blob(c, r, rng)), name: PONDS[z.name] ?? `${z.name}池`, kind: 'pond' as const };
    });
}

/**
 * The river strip: a band 130 m wide inside the outline along its western 2.2 km, 长江 to the north and
 * 秦淮河 to the south of the outline's middle. Only the parts inside `keep` (the generated area) are returned.
 */
export function riverStrip(o: Outline, keep: (ring: Ring) => boolean): Water[] {
  const f = o.feature;
  const inner = turf.buffer(f, -0.13, { units: 'kilometers' });
  if (!inner) return [];
  const band = turf.difference(turf.featureCollection([f, inner as Feature<Polygon | MultiPolygon>]));
  if (!band) return [];
  const [x0, y0, , y1] = o.bbox;
  const ym = (y0 + y1) / 2;
  const out: Water[] = [];
  for (const [name, lo, hi] of [
    ['长江', ym, y1 + 10],
    ['秦淮河', y0 - 10, ym],
  ] as const) {
    const west = turf.polygon([
      [
        [x0 - 10, lo],
        [x0 + 2200, lo],
        [x0 + 2200, hi],
        [x0 - 10, hi],
        [x0 - 10, lo],
      ].map((p) => o.frame.toLonLat(p as XY)),
    ]);
    const part = turf.intersect(turf.featureCollection([band as Feature<Polygon | MultiPolygon>, west]));
    if (!part) continue;
    const polys = part.geometry.type === 'Polygon' ? [part.geometry.coordinates] : part.geometry.coordinates;
    for (const p of polys) {
      const ring = p[0].map((c) => o.frame.toXY(c));
      if (turf.area(turf.polygon([p[0]])) < 20_000 || !keep(ring)) continue;
      out.push({ ...shape(ring), name, kind: 'river' });
    }
  }
  return out;
}

export const inAny = (p: XY, shapes: Shape[]) =>
  shapes.some((s) => p[0] >= s.box[0] && p[0] <= s.box[2] && p[1] >= s.box[1] && p[1] <= s.box[3] && inRing(p, s.ring));
