// Water and parks: a winding river (like 苏州河) across the district and a few parks with ponds.
// Cells under water or in a park get no housing.
import type { Polygon } from 'geojson';
import { type Lattice, enToLonLat, latticeToEN, latticeToLonLat } from './lattice.js';
import type { Rng } from './rng.js';
import type { WaterRecord } from './types.js';

export interface River {
  n0: number;
  waves: { amp: number; length: number; phase: number }[];
  width: number;
}

export function randomRiver(rng: Rng, b: number, scale: number): River {
  const s = Math.max(scale, 0.3);
  return {
    n0: -0.22 * b,
    waves: [
      { amp: 250 * s, length: 3000 * s, phase: rng.range(0, 2 * Math.PI) },
      { amp: 80 * s, length: 1100 * s, phase: rng.range(0, 2 * Math.PI) },
    ],
    width: rng.range(75, 95),
  };
}

/** North offset of the river's centre line at east offset e (metres). */
export function riverCentre(r: River, e: number): number {
  let n = r.n0;
  for (const w of r.waves) n += w.amp * Math.sin((2 * Math.PI * e) / w.length + w.phase);
  return n;
}

function riverSlope(r: River, e: number): number {
  let s = 0;
  for (const w of r.waves) s += ((w.amp * 2 * Math.PI) / w.length) * Math.cos((2 * Math.PI * e) / w.length + w.phase);
  return s;
}

/** The river as one polygon between e0 and e1, offset ±width/2 along the normal of the centre line. */
export function riverPolygon(l: Lattice, r: River, e0: number, e1: number): Polygon {
  const left: [number, number][] = [];
  const right: [number, number][] = [];
  const steps = Math.ceil((e1 - e0) / 20);
  for (let k = 0; k <= steps; k++) {
    const e = e0 + ((e1 - e0) * k) / steps;
    const n = riverCentre(r, e);
    const s = riverSlope(r, e);
    const len = Math.hypot(1, s);
    const ne = -s / len; // unit normal pointing north-ish
    const nn = 1 / len;
    const h = r.width / 2;
    left.push(enToLonLat(l, e + ne * h, n + nn * h));
    right.push(enToLonLat(l, e - ne * h, n - nn * h));
  }
  // South bank west→east, then north bank east→west: counter-clockwise.
  const ring = [...right, ...left.reverse()];
  ring.push(ring[0]);
  return { type: 'Polygon', coordinates: [ring] };
}

/** Marks river cells as water; returns the river's east extent within the district. */
export function markRiver(l: Lattice, r: River): { e0: number; e1: number } {
  let e0 = Infinity;
  let e1 = -Infinity;
  for (let c = 0; c < l.inside.length; c++) {
    if (!l.inside[c]) continue;
    const i = c % l.nx;
    const j = (c - i) / l.nx;
    const [e, n] = latticeToEN(l, i + 0.5, j + 0.5);
    const dist = Math.abs(n - riverCentre(r, e)) / Math.hypot(1, riverSlope(r, e));
    if (dist < r.width / 2) {
      l.water[c] = 1;
      e0 = Math.min(e0, e);
      e1 = Math.max(e1, e);
    }
  }
  return { e0, e1 };
}

export interface Park {
  name: string;
  /** Centre in lattice units and radius in cells. */
  x: number;
  y: number;
  radius: number;
}

/** Places parks on dry land away from each other; marks their cells; adds a pond polygon in each. */
export function placeParks(
  l: Lattice,
  rng: Rng,
  count: number,
  radius: [number, number],
  names: string[],
): { parks: Park[]; ponds: WaterRecord[] } {
  const parks: Park[] = [];
  const ponds: WaterRecord[] = [];
  const candidates: number[] = [];
  for (let c = 0; c < l.inside.length; c++) if (l.inside[c] && !l.water[c]) candidates.push(c);
  for (let tries = 0; parks.length < count && tries < count * 50; tries++) {
    const c = rng.pick(candidates);
    const x = (c % l.nx) + 0.5;
    const y = Math.floor(c / l.nx) + 0.5;
    const rad = rng.range(radius[0], radius[1]);
    if (parks.some((p) => Math.hypot(p.x - x, p.y - y) < p.radius + rad + 6)) continue;
    const cells: number[] = [];
    let ok = true;
    for (let j = Math.floor(y - rad); j <= Math.ceil(y + rad); j++) {
      for (let i = Math.floor(x - rad); i <= Math.ceil(x + rad); i++) {
        if (Math.hypot(i + 0.5 - x, j + 0.5 - y) > rad) continue;
        const d = j * l.nx + i;
        if (i < 0 || j < 0 || i >= l.nx || j >= l.ny || !l.inside[d] || l.water[d]) ok = false;
        else cells.push(d);
      }
    }
    if (!ok) continue;
    for (const d of cells) l.park[d] = 1;
    const park: Park = { name: names[parks.length % names.length], x, y, radius: rad };
    parks.push(park);
    // Pond: an ellipse in the middle of the park, in lattice units.
    const rx = rad * rng.range(0.35, 0.55);
    const ry = rad * rng.range(0.25, 0.45);
    const rot = rng.range(0, Math.PI);
    const ring: [number, number][] = [];
    for (let k = 0; k < 24; k++) {
      const t = (2 * Math.PI * k) / 24;
      const px = x + rx * Math.cos(t) * Math.cos(rot) - ry * Math.sin(t) * Math.sin(rot);
      const py = y + rx * Math.cos(t) * Math.sin(rot) + ry * Math.sin(t) * Math.cos(rot);
      ring.push(latticeToLonLat(l, px, py));
    }
    ring.push(ring[0]);
    ponds.push({ id: 0, name: `${park.name}湖`, geometry: { type: 'Polygon', coordinates: [ring] } });
  }
  return { parks, ponds };
}

/** East extent (metres) of the district's cells, for drawing the river across it. */
export function districtEastExtent(l: Lattice): [number, number] {
  let e0 = Infinity;
  let e1 = -Infinity;
  for (let c = 0; c < l.inside.length; c++) {
    if (!l.inside[c]) continue;
    const i = c % l.nx;
    const [e] = latticeToEN(l, i + 0.5, (c - i) / l.nx + 0.5);
    e0 = Math.min(e0, e);
    e1 = Math.max(e1, e);
  }
  return [e0, e1];
}
