// The working frame of the Gulou generator: the real district outline (GCJ-02, as published), a local metric
// plane around it (metres east and north of its centre), point-in-polygon tests and coordinate rounding.
import fs from 'node:fs';
import type { Feature, Polygon } from 'geojson';

export type XY = [number, number];
export type Ring = XY[];

/** Metres per degree at the outline's latitude (equirectangular; the district spans a few kilometres). */
export class Frame {
  readonly kx: number;
  readonly ky = 110_574;
  constructor(
    readonly lon0: number,
    readonly lat0: number,
  ) {
    this.kx = 111_320 * Math.cos((lat0 * Math.PI) / 180);
  }
  toXY([lon, lat]: number[]): XY {
    return [(lon - this.lon0) * this.kx, (lat - this.lat0) * this.ky];
  }
  /** Back to GCJ-02 degrees, rounded to 1e-7° (about 1 cm) so that files are stable byte for byte. */
  toLonLat([x, y]: XY): XY {
    return [round7(this.lon0 + x / this.kx), round7(this.lat0 + y / this.ky)];
  }
}

export const round7 = (v: number) => Math.round(v * 1e7) / 1e7;

export interface Outline {
  feature: Feature<Polygon>;
  frame: Frame;
  /** Outer ring in metres. */
  ring: Ring;
  bbox: [number, number, number, number];
}

export function readOutline(file: string): Outline {
  const fc = JSON.parse(fs.readFileSync(file, 'utf8')) as { features: Feature<Polygon>[] };
  const feature = fc.features[0];
  if (!feature || feature.geometry.type !== 'Polygon') throw new Error(`${file}: expected one Polygon feature`);
  const outer = feature.geometry.coordinates[0];
  const lons = outer.map((p) => p[0]);
  const lats = outer.map((p) => p[1]);
  const frame = new Frame((Math.min(...lons) + Math.max(...lons)) / 2, (Math.min(...lats) + Math.max(...lats)) / 2);
  const ring = outer.map((p) => frame.toXY(p));
  return { feature, frame, ring, bbox: ringBox(ring) };
}

export function ringBox(ring: Ring): [number, number, number, number] {
  let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const [x, y] of ring) {
    x0 = Math.min(x0, x);
    y0 = Math.min(y0, y);
    x1 = Math.max(x1, x);
    y1 = Math.max(y1, y);
  }
  return [x0, y0, x1, y1];
}

export function inRing([x, y]: XY, ring: Ring): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** A polygon in metres with its bounding box, for quick rejection. */
export interface Shape {
  ring: Ring;
  box: [number, number, number, number];
}

export const shape = (ring: Ring): Shape => ({ ring, box: ringBox(ring) });

const boxesMeet = (a: number[], b: number[]) => a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3];

/** Whether two simple polygons share any area or touch: a vertex of one inside the other, or crossing edges. */
export function shapesMeet(a: Shape, b: Shape): boolean {
  if (!boxesMeet(a.box, b.box)) return false;
  if (a.ring.some((p) => inRing(p, b.ring)) || b.ring.some((p) => inRing(p, a.ring))) return true;
  for (let i = 0; i + 1 < a.ring.length; i++)
    for (let j = 0; j + 1 < b.ring.length; j++)
      if (segmentsCross(a.ring[i], a.ring[i + 1], b.ring[j], b.ring[j + 1])) return true;
  return false;
}

/** Whether `inner` lies inside `outer`: all its vertices inside, and no edge of one crossing an edge of the other. */
export function within(inner: Shape, outer: Shape): boolean {
  if (!inner.ring.every((p) => inRing(p, outer.ring))) return false;
  const b = inner.box;
  for (let j = 0; j + 1 < outer.ring.length; j++) {
    const [c, d] = [outer.ring[j], outer.ring[j + 1]];
    if (Math.max(c[0], d[0]) < b[0] || Math.min(c[0], d[0]) > b[2]) continue;
    if (Math.max(c[1], d[1]) < b[1] || Math.min(c[1], d[1]) > b[3]) continue;
    for (let i = 0; i + 1 < inner.ring.length; i++)
      if (segmentsCross(inner.ring[i], inner.ring[i + 1], c, d)) return false;
    if (inRing(c, inner.ring)) return false;
  }
  return true;
}

function orient(a: XY, b: XY, c: XY): number {
  return Math.sign((b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]));
}

function segmentsCross(a: XY, b: XY, c: XY, d: XY): boolean {
  return orient(a, b, c) * orient(a, b, d) < 0 && orient(c, d, a) * orient(c, d, b) < 0;
}

/** A closed ring in metres as a GeoJSON ring in GCJ-02 degrees. */
export const ringToLonLat = (frame: Frame, ring: Ring): number[][] => ring.map((p) => frame.toLonLat(p));
