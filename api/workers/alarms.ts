// Geofence and silence rules, pure: given one worker's positions today (in device-time order, flagged
// ones removed, each marked inside/outside their own grids), is the worker outside their grids for too
// long, or silent for too long, counting only duty time?
import { DAY_MS, dayStart, cstDay } from './cst.js';
import type { DutyWindow } from './settings.js';

export interface TrackPoint {
  t: number;
  inside: boolean;
}

export interface AlarmRules {
  duty: DutyWindow[];
  outOfGridMinutes: number;
  silentMinutes: number;
}

export interface WorkerAlarmState {
  /** Outside every own grid since (epoch ms), when that has lasted longer than the rule allows. */
  outOfGrid: number | null;
  /** Last position (epoch ms) when the silence has lasted longer than the rule allows. */
  silent: number | null;
}

/** Is the instant inside a duty window? */
export function onDuty(t: number, duty: readonly DutyWindow[]): boolean {
  return dutyMsBetween(t, t + 1, duty) > 0;
}

/** Milliseconds of duty time in [a, b). */
export function dutyMsBetween(a: number, b: number, duty: readonly DutyWindow[]): number {
  if (b <= a) return 0;
  let total = 0;
  for (let day = dayStart(cstDay(a)); day < b; day += DAY_MS) {
    for (const w of duty) {
      const lo = Math.max(a, day + w.start * 60_000);
      const hi = Math.min(b, day + w.end * 60_000);
      if (hi > lo) total += hi - lo;
    }
  }
  return total;
}

/**
 * The alarm state at `now`. A worker who sent nothing today is not on duty (attendance shows in
 * coverage, not here). Silent: on duty now and more than `silentMinutes` of duty time since the last
 * position. Out of grid: the positions since the last one inside an own grid are all outside, and they
 * began more than `outOfGridMinutes` of duty time ago (a silent worker gets the silence alarm instead).
 */
export function alarmState(points: readonly TrackPoint[], now: number, rules: AlarmRules): WorkerAlarmState {
  const out: WorkerAlarmState = { outOfGrid: null, silent: null };
  if (!points.length || !onDuty(now, rules.duty)) return out;
  const last = points[points.length - 1];
  if (dutyMsBetween(last.t, now, rules.duty) > rules.silentMinutes * 60_000) {
    out.silent = last.t;
    return out;
  }
  if (last.inside) return out;
  let k = points.length - 1;
  while (k > 0 && !points[k - 1].inside) k--;
  const since = points[k].t;
  if (dutyMsBetween(since, now, rules.duty) > rules.outOfGridMinutes * 60_000) out.outOfGrid = since;
  return out;
}
