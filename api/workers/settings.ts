// Settings of the grid-worker features: their types and the parsers of the duty hours and ranking weights. The
// environment is read once, with the defaults, by api/config.ts (GRIDWALL_DUTY_HOURS, GRIDWALL_RANKING_WEIGHTS, …).
import { m } from '../../contract/messages/index.js';
import { Invalid } from '../http/errors.js';
import { RANKING_CRITERIA, type RankingWeights } from '../../contract/workers.js';

/** A duty window in minutes after local (China Standard Time) midnight, [start, end). */
export interface DutyWindow {
  start: number;
  end: number;
}

export interface WorkerSettings {
  /** Day partitions of positions older than this are dropped. */
  retentionDays: number;
  duty: DutyWindow[];
  outOfGridMinutes: number;
  silentMinutes: number;
  /** Visits a special-group resident is owed a week where the grid has no rule of its own. */
  visitsPerWeek: number;
  /** Days before an unanswered referral is overdue. */
  referralOverdueDays: number;
  weights: RankingWeights;
  /** How often geofence/silence alarms and partition upkeep run (0 = only when called). */
  checkIntervalMs: number;
  /** At most one `worker:position` push per worker per this interval (0 = every batch). */
  livePushMs: number;
}

export function parseDuty(s: string): DutyWindow[] {
  const out: DutyWindow[] = [];
  for (const part of s
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean)) {
    const m = /^(\d{1,2}):(\d{2})-(\d{1,2}):(\d{2})$/.exec(part);
    if (!m) throw new Error(`GRIDWALL_DUTY_HOURS: "${part}" is not HH:MM-HH:MM`);
    const start = Number(m[1]) * 60 + Number(m[2]);
    const end = Number(m[3]) * 60 + Number(m[4]);
    if (!(start < end && end <= 24 * 60))
      throw new Error(`GRIDWALL_DUTY_HOURS: "${part}" must end after it starts, within the day`);
    out.push({ start, end });
  }
  if (!out.length) throw new Error('GRIDWALL_DUTY_HOURS: at least one window, e.g. 08:30-12:00,14:00-17:30');
  return out.sort((a, b) => a.start - b.start);
}

/** 'info:1,coverage:2' → weights normalised to sum 1; criteria left out weigh 0. Throws on anything else. */
export function parseWeights(s: string): RankingWeights {
  const w: RankingWeights = { info: 0, coverage: 0, visits: 0, onTime: 0 };
  for (const part of s
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean)) {
    const [k, v] = part.split(':');
    const n = Number(v);
    if (!(RANKING_CRITERIA as readonly string[]).includes(k) || !Number.isFinite(n) || n < 0) {
      throw new Invalid(m('workers.badWeight', { part, criteria: RANKING_CRITERIA.join('|') }));
    }
    w[k as keyof RankingWeights] = n;
  }
  const sum = w.info + w.coverage + w.visits + w.onTime;
  if (!(sum > 0)) throw new Invalid(m('workers.weightsAllZero'));
  return { info: w.info / sum, coverage: w.coverage / sum, visits: w.visits / sum, onTime: w.onTime / sum };
}
