// Pure rules over one worker's positions in device-time order: which new points are impossible speed
// jumps, and where the worker stopped (stayed ≥ 5 minutes within ~30 m).
import { POSITION_FLAGS } from '../../contract/workers.js';
import { haversine } from '../../core/geo/index.js';

/** Faster than this from the previous accepted point is not walking, cycling or a scooter: flagged. */
export const MAX_SPEED_MS = 15;
export const STOP_RADIUS_M = 30;
export const STOP_MIN_MS = 5 * 60_000;

export interface Fix {
  /** Epoch milliseconds, device time. */
  t: number;
  lon: number;
  lat: number;
  flags: number;
}

export interface Incoming extends Fix {
  /** Index in the batch as it arrived. */
  index: number;
}

/**
 * Decides the speed flag of each incoming point against its predecessor in device-time order among the
 * stored points and the batch itself (out-of-order and late points are put in their place first).
 * A predecessor is the latest earlier point that is not itself a speed jump, so one GPS spike is flagged
 * and the return to the true track is not. Returns the incoming points, without those whose instant is
 * already stored or repeated in the batch, with their flags set, in time order.
 */
export function flagSpeedJumps(
  stored: Fix[],
  incoming: Incoming[],
  maxSpeed = MAX_SPEED_MS,
): { points: Incoming[]; duplicates: number } {
  const have = new Set(stored.map((s) => s.t));
  const fresh: Incoming[] = [];
  let duplicates = 0;
  for (const p of [...incoming].sort((a, b) => a.t - b.t || a.index - b.index)) {
    if (have.has(p.t)) {
      duplicates++;
      continue;
    }
    have.add(p.t);
    fresh.push({ ...p });
  }
  const all: (Fix & { mine?: Incoming })[] = [
    ...stored.map((s) => ({ ...s })),
    ...fresh.map((f) => ({ ...f, mine: f })),
  ].sort((a, b) => a.t - b.t);
  let prev: Fix | null = null;
  for (const p of all) {
    if (p.mine) {
      let flags = p.mine.flags & ~POSITION_FLAGS.speedJump;
      if (prev && p.t > prev.t && haversine([prev.lon, prev.lat], [p.lon, p.lat]) / ((p.t - prev.t) / 1000) > maxSpeed)
        flags |= POSITION_FLAGS.speedJump;
      p.mine.flags = flags;
      p.flags = flags;
    }
    if (!(p.flags & POSITION_FLAGS.speedJump)) prev = p;
  }
  return { points: fresh, duplicates };
}

export interface StopSpan {
  lon: number;
  lat: number;
  from: number;
  to: number;
}

/**
 * Stops in a trail (points in time order, flagged ones already removed): a maximal run of points that
 * all lie within `radius` of the run's first point and lasts at least `minMs`. The stop's position is
 * the mean of its points.
 */
export function detectStops(points: readonly Fix[], radius = STOP_RADIUS_M, minMs = STOP_MIN_MS): StopSpan[] {
  const out: StopSpan[] = [];
  let i = 0;
  while (i < points.length) {
    const a = points[i];
    let j = i + 1;
    while (j < points.length && haversine([a.lon, a.lat], [points[j].lon, points[j].lat]) <= radius) j++;
    const last = points[j - 1];
    if (last.t - a.t >= minMs) {
      let sx = 0,
        sy = 0;
      for (let k = i; k < j; k++) {
        sx += points[k].lon;
        sy += points[k].lat;
      }
      out.push({ lon: sx / (j - i), lat: sy / (j - i), from: a.t, to: last.t });
      i = j;
    } else {
      i++;
    }
  }
  return out;
}
