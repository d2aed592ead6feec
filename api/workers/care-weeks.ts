// The visit rule's calendar: ISO weeks (Monday to Sunday, China time) and the weeks that make a month. A week
// belongs to the month holding its Thursday (as ISO weeks belong to years), so every week counts in exactly one
// month: a month holds 4 or 5 weeks, and days of a week that straddles two months count where its Thursday is.
import { DAY_MS, CST_OFFSET_MS, cstDay, cstMonth, dayStart, monthRange } from './cst.js';

export const WEEK_MS = 7 * DAY_MS;

/** Epoch ms of the CST Monday 00:00 that starts the week holding the instant. */
export function weekStartOf(t: number): number {
  const day = Math.floor((t + CST_OFFSET_MS) / DAY_MS); // 1970-01-01 was a Thursday
  const fromMonday = (((day + 3) % 7) + 7) % 7;
  return (day - fromMonday) * DAY_MS - CST_OFFSET_MS;
}

/** 'YYYY-MM' of the month a week (by its start) counts in: the one holding its Thursday. */
export const monthOfWeek = (start: number): string => cstMonth(start + 3 * DAY_MS);

/** 'YYYY-Www' of the week starting at `start`. */
export function isoWeekName(start: number): string {
  const thursday = start + 3 * DAY_MS;
  const year = cstDay(thursday).slice(0, 4);
  const n = Math.floor((thursday - dayStart(`${year}-01-01`)) / WEEK_MS) + 1;
  return `${year}-W${String(n).padStart(2, '0')}`;
}

/** Start of the ISO week 'YYYY-Www'; null for a week the year does not have (W53 of a 52-week year). */
export function parseIsoWeek(name: string): number | null {
  const m = /^(\d{4})-W(\d{2})$/.exec(name);
  if (!m) return null;
  const start = weekStartOf(dayStart(`${m[1]}-01-04`)) + (Number(m[2]) - 1) * WEEK_MS;
  return isoWeekName(start) === name ? start : null;
}

/** Starts of the weeks counted in a month, oldest first. */
export function monthWeeks(month: string): number[] {
  const [from, to] = monthRange(month);
  let w = weekStartOf(from);
  if (w + 3 * DAY_MS < from) w += WEEK_MS;
  const out: number[] = [];
  for (; w + 3 * DAY_MS < to; w += WEEK_MS) out.push(w);
  return out;
}

/** What a compliance question covers: its weeks, which of them are over, and the month its monthly rules count in. */
export interface PeriodSpan {
  period: 'week' | 'month';
  month: string;
  week: string | null;
  /** Starts of the weeks counted. */
  weeks: number[];
  /** Per week: over by `now` (a week not over is due only once its visits are made). */
  over: boolean[];
  from: number;
  to: number;
  /** The month's span, for monthly rules: [first week's start, last week's end). */
  monthFrom: number;
  monthTo: number;
  monthOver: boolean;
  /** Weeks of the month after the period (a week): what a monthly rule may still use. */
  weeksAfter: number;
}

export function periodSpan(q: { period: 'week' | 'month'; month?: string; week?: string }, now: number): PeriodSpan {
  if (q.period === 'week') {
    const start = q.week ? parseIsoWeek(q.week) : weekStartOf(now);
    if (start === null) throw new RangeError(`no week ${q.week}`);
    const month = monthOfWeek(start);
    const mw = monthWeeks(month);
    return {
      period: 'week',
      month,
      week: isoWeekName(start),
      weeks: [start],
      over: [start + WEEK_MS <= now],
      from: start,
      to: start + WEEK_MS,
      monthFrom: mw[0],
      monthTo: mw[mw.length - 1] + WEEK_MS,
      monthOver: mw[mw.length - 1] + WEEK_MS <= now,
      weeksAfter: mw.filter((w) => w > start).length,
    };
  }
  const month = q.month ?? monthOfWeek(weekStartOf(now));
  const weeks = monthWeeks(month);
  const to = weeks[weeks.length - 1] + WEEK_MS;
  return {
    period: 'month',
    month,
    week: null,
    weeks,
    over: weeks.map((w) => w + WEEK_MS <= now),
    from: weeks[0],
    to,
    monthFrom: weeks[0],
    monthTo: to,
    monthOver: to <= now,
    weeksAfter: 0,
  };
}

/**
 * One person's standing under a rule, from their visits per counted week (and in the month so far, for a monthly
 * rule): `due` weeks (months) are those over plus those already met; `met` those with the rule's visits. A week
 * asks for the week itself: due always, met once visited (or, under a monthly rule, while the month's remaining
 * weeks still leave room for the visits owed).
 */
export function standing(
  span: PeriodSpan,
  rule: { per: 'week' | 'month'; visits: number },
  perWeek: number[],
  inMonth: number,
): { due: number; met: number } {
  if (rule.per === 'week') {
    const metWeeks = perWeek.map((n) => n >= rule.visits);
    const met = metWeeks.filter(Boolean).length;
    if (span.period === 'week') return { due: span.weeks.length, met };
    return { due: span.over.filter((o, i) => o || metWeeks[i]).length, met };
  }
  if (span.period === 'week') return { due: 1, met: inMonth >= rule.visits - span.weeksAfter ? 1 : 0 };
  const met = inMonth >= rule.visits ? 1 : 0;
  return { due: span.monthOver || met ? 1 : 0, met };
}
