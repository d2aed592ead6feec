// A live walker for the position simulator: a worker wandering at walking pace within ~250 m of a
// point (their grid's centre), turning now and then, turning back towards it when too far.
import { metresPerDegree } from '../../core/geo/index.js';
import type { Rng } from '../city/rng.js';

export interface Walker {
  lon: number;
  lat: number;
  heading: number;
  readonly home: readonly [number, number];
}

export const startWalker = (home: readonly [number, number], rng: Rng): Walker => ({
  lon: home[0],
  lat: home[1],
  heading: rng.range(0, 2 * Math.PI),
  home,
});

/** Moves the walker by `seconds` at ~1.2 m/s and returns its new position. */
export function step(w: Walker, seconds: number, rng: Rng, radiusM = 250): [number, number] {
  const { kx, ky } = metresPerDegree(w.home[1]);
  const dx = (w.lon - w.home[0]) * kx,
    dy = (w.lat - w.home[1]) * ky;
  if (Math.hypot(dx, dy) > radiusM) w.heading = Math.atan2(-dy, -dx) + rng.range(-0.5, 0.5);
  else if (rng.chance(0.15)) w.heading += rng.range(-1.2, 1.2);
  const d = rng.range(0.9, 1.5) * seconds;
  w.lon += (Math.cos(w.heading) * d) / kx;
  w.lat += (Math.sin(w.heading) * d) / ky;
  return [Math.round(w.lon * 1e7) / 1e7, Math.round(w.lat * 1e7) / 1e7];
}
