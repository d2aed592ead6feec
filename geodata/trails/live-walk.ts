// A live walker for the position simulator: a worker wandering at walking pace within ~250 m of a
// point (their grid's centre), turning now and then, turning back towards it when too far.
import type { Rng } from '../city/rng.js';

const M_PER_DEG_LAT = 111_195;

export interface Walker {
  lon: number;
  lat: number;
  heading: number;
  readonly home: readonly [number, number];
}

export const startWalker = (home: readonly [number, number], rng: Rng): Walker => ({ lon: home[0], lat: home[1], heading: rng.range(0, 2 * Math.PI), home });

/** Moves the walker by `seconds` at ~1.2 m/s and returns its new position. */
export function step(w: Walker, seconds: number, rng: Rng, radiusM = 250): [number, number] {
  const kx = M_PER_DEG_LAT * Math.cos((w.home[1] * Math.PI) / 180);
  const dx = (w.lon - w.home[0]) * kx, dy = (w.lat - w.home[1]) * M_PER_DEG_LAT;
  if (Math.hypot(dx, dy) > radiusM) w.heading = Math.atan2(-dy, -dx) + rng.range(-0.5, 0.5);
  else if (rng.chance(0.15)) w.heading += rng.range(-1.2, 1.2);
  const d = rng.range(0.9, 1.5) * seconds;
  w.lon += (Math.cos(w.heading) * d) / kx;
  w.lat += (Math.sin(w.heading) * d) / M_PER_DEG_LAT;
  return [Math.round(w.lon * 1e7) / 1e7, Math.round(w.lat * 1e7) / 1e7];
}
