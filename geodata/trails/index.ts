// Demo patrol trails, deterministic from the seed: grid workers walking the roads of their grids on duty
// (about 08:30–12:00 and 14:00–17:30 China Standard Time, a fix every 10–30 s, pauses of 5–15 minutes at
// households), with a few bad habits — some sit in the community office most of the day, some leave
// their grid for an hour in the afternoon — and rare GPS spikes, marked as the ingest would flag them.
import type { City, WorkerRecord } from '../city/types.js';
import { Rng } from '../city/rng.js';
import { localDistance, metresPerDegree, pointInPolygon, polygonBounds } from '../../core/geo/index.js';
import { gridRuns, type Pt } from './grid-roads.js';

export const HABITS = ['diligent', 'office', 'wanders'] as const;
export type Habit = (typeof HABITS)[number];

/** Shares of the bad habits among workers. */
export const OFFICE_SHARE = 0.06;
export const WANDER_SHARE = 0.06;
/** Flag bit for an impossible speed jump (as api ingest sets it). */
const SPEED_JUMP = 1;

export interface WorkerDay {
  workerId: number;
  day: string;
  habit: Habit;
  /** Epoch ms, device time, ascending. */
  t: Float64Array;
  lon: Float64Array;
  lat: Float64Array;
  accuracy: Float32Array;
  flags: Int16Array;
}

export interface TrailOptions {
  seed: number;
  /** CST days 'YYYY-MM-DD' to generate (whole duty days). */
  days: readonly string[];
  /** Only these workers (all when left out). */
  workerIds?: ReadonlySet<number>;
}

const cst = (day: string, minutes: number) => Date.parse(`${day}T00:00:00+08:00`) + minutes * 60_000;

export function habitOf(seed: number, workerId: number): Habit {
  const r = new Rng(seed).fork(`habit:${workerId}`).next();
  return r < OFFICE_SHARE ? 'office' : r < OFFICE_SHARE + WANDER_SHARE ? 'wanders' : 'diligent';
}

interface Place {
  runs: Pt[][];
  office: Pt;
  centre: Pt;
  /** A point outside the grid, ~500 m away, for wanderers. */
  away: Pt;
  grid: City['areas'][number];
}

/** Walks one worker's duty day; yields fixes through `emit`. */
function walkDay(
  rng: Rng,
  place: Place,
  habit: Habit,
  day: string,
  emit: (t: number, p: Pt, acc: number, flags: number) => void,
): void {
  const lat0 = place.centre[1];
  const { kx, ky } = metresPerDegree(lat0);
  const noise = (p: Pt, m: number): Pt => [p[0] + (rng.normal() * m) / kx, p[1] + (rng.normal() * m) / ky];
  const shifts: [number, number][] = [
    [cst(day, 510 + rng.int(-10, 20)), cst(day, 720 + rng.int(-15, 10))],
    [cst(day, 840 + rng.int(-5, 20)), cst(day, 1050 + rng.int(-10, 15))],
  ];
  let pos: Pt = noise(place.office, 5);
  for (const [start, end] of shifts) {
    let t = start;
    const step = () => (t += rng.int(10, 30) * 1000);
    const fix = (p: Pt, acc = rng.range(4, 15)) => {
      if (rng.chance(1 / 3000))
        emit(t, noise(p, 2500), rng.range(30, 200), SPEED_JUMP); // GPS spike
      else emit(t, noise(p, 4), acc, 0);
    };
    const stay = (at: Pt, until: number) => {
      while (t < until && t < end) {
        fix(at, rng.range(8, 25));
        step();
      }
      pos = at;
    };
    const walkTo = (target: Pt, speed: number) => {
      const d = localDistance(pos, target);
      const from = pos;
      const t0 = t;
      const dur = (d / speed) * 1000;
      while (t < end && t - t0 < dur) {
        const f = (t - t0) / dur;
        pos = [from[0] + (target[0] - from[0]) * f, from[1] + (target[1] - from[1]) * f];
        fix(pos);
        step();
      }
      if (t - t0 >= dur) pos = target;
    };
    const afternoon = start > cst(day, 780);
    if (habit === 'office') {
      // Mostly at the desk; one short walk out and back.
      stay(place.office, t + rng.int(60, 150) * 60_000);
      if (place.runs.length) walkTo(rng.pick(place.runs)[0], 1.1);
      walkTo(place.office, 1.1);
      stay(place.office, end);
      continue;
    }
    const leaveAt = habit === 'wanders' && afternoon ? t + rng.int(30, 90) * 60_000 : Infinity;
    while (t < end) {
      if (t >= leaveAt) {
        walkTo(place.away, 1.3);
        stay(noise(place.away, 20), t + rng.int(50, 80) * 60_000);
        walkTo(place.centre, 1.3);
        continue;
      }
      if (!place.runs.length) {
        walkTo(noise(place.centre, 80), 1.1);
        continue;
      }
      const run = rng.pick(place.runs);
      const fwd = rng.chance(0.5) ? run : [...run].reverse();
      const speed = rng.range(0.9, 1.4);
      for (const p of fwd) {
        if (t >= end || t >= leaveAt) break;
        walkTo(p, speed);
        if (rng.chance(0.012)) stay(p, t + rng.int(5, 15) * 60_000); // a household visit
      }
    }
  }
}

/**
 * Trails of every worker for each day, in worker then day order. Deterministic: the same city, seed and
 * days give the same fixes. Days are independent streams, so adding a day leaves the others unchanged.
 */
export function* generateTrails(city: City, o: TrailOptions): Generator<WorkerDay> {
  const grids = new Map(city.areas.filter((a) => a.level === 'grid').map((a) => [a.id, a]));
  const offices = new Map<number, Pt>();
  const communityOf = new Map([...grids.values()].map((g) => [g.id, g.parentId!]));
  for (const r of city.resources)
    if (r.kind === 'community_office') offices.set(communityOf.get(r.gridId) ?? -1, [r.lon, r.lat]);
  const places = new Map<number, Place>();
  const placeOf = (w: WorkerRecord): Place | null => {
    const gid = w.gridIds[0];
    const cached = places.get(gid);
    if (cached) return cached;
    const grid = grids.get(gid);
    if (!grid) return null;
    const [bw, bs, be, bn] = polygonBounds(grid.geometry);
    const centre: Pt = [(bw + be) / 2, (bs + bn) / 2];
    const runs = gridRuns(grid.geometry, city.roads);
    const inside = pointInPolygon(centre[0], centre[1], grid.geometry) ? centre : (runs[0]?.[0] ?? centre);
    const away: Pt = [centre[0] + (be - bw) * 1.6, centre[1] + (bn - bs) * 0.4];
    const p: Place = { runs, office: offices.get(grid.parentId!) ?? inside, centre: inside, away, grid };
    places.set(gid, p);
    return p;
  };
  for (const w of city.workers) {
    if (o.workerIds && !o.workerIds.has(w.id)) continue;
    const place = placeOf(w);
    if (!place) continue;
    const habit = habitOf(o.seed, w.id);
    for (const day of o.days) {
      const rng = new Rng(o.seed).fork(`trail:${w.id}:${day}`);
      const weekday = new Date(cst(day, 720)).getUTCDay();
      if ((weekday === 0 || weekday === 6) && rng.chance(0.6)) continue; // weekend rota: some are off
      if (rng.chance(0.04)) continue; // leave, sick day
      const t: number[] = [],
        lon: number[] = [],
        lat: number[] = [],
        acc: number[] = [],
        flags: number[] = [];
      walkDay(rng, place, habit, day, (tt, p, a, f) => {
        if (t.length && tt <= t[t.length - 1]) return;
        t.push(tt);
        lon.push(Math.round(p[0] * 1e7) / 1e7);
        lat.push(Math.round(p[1] * 1e7) / 1e7);
        acc.push(Math.round(a * 10) / 10);
        flags.push(f);
      });
      yield {
        workerId: w.id,
        day,
        habit,
        t: Float64Array.from(t),
        lon: Float64Array.from(lon),
        lat: Float64Array.from(lat),
        accuracy: Float32Array.from(acc),
        flags: Int16Array.from(flags),
      };
    }
  }
}
