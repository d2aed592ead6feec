// The visit rule's calendar: ISO weeks in China time, the weeks of a month (by their Thursday), what is due on
// the 7th, a month starting mid-week, and one person's standing under a weekly and a monthly rule.
import { describe, expect, it } from 'vitest';
import { WEEK_MS, isoWeekName, monthWeeks, parseIsoWeek, periodSpan, standing, weekStartOf } from './care-weeks.js';

const at = (s: string) => Date.parse(s);
const day = (t: number) => new Date(t + 8 * 3600_000).toISOString().slice(0, 10);

describe('ISO weeks in China time', () => {
  it('start on Monday 00:00 CST, Sunday 23:59 still in the week', () => {
    expect(day(weekStartOf(at('2026-12-08T10:00:00+08:00')))).toBe('2026-12-07');
    expect(day(weekStartOf(at('2026-12-13T23:59:59+08:00')))).toBe('2026-12-07');
    expect(day(weekStartOf(at('2026-12-14T00:00:00+08:00')))).toBe('2026-12-14');
    // Sunday 20:00 UTC is Monday 04:00 in China: the next week
    expect(day(weekStartOf(at('2026-12-13T20:00:00Z')))).toBe('2026-12-14');
    expect(weekStartOf(at('2026-12-07T00:00:00+08:00'))).toBe(at('2026-12-07T00:00:00+08:00'));
  });

  it('are named as ISO names them, across a year end, and parse back', () => {
    expect(isoWeekName(at('2026-12-07T00:00:00+08:00'))).toBe('2026-W50');
    expect(isoWeekName(weekStartOf(at('2026-12-31T12:00:00+08:00')))).toBe('2026-W53'); // 2026 has 53 weeks
    expect(isoWeekName(weekStartOf(at('2027-01-03T12:00:00+08:00')))).toBe('2026-W53');
    expect(isoWeekName(weekStartOf(at('2027-01-04T12:00:00+08:00')))).toBe('2027-W01');
    expect(isoWeekName(weekStartOf(at('2024-12-31T12:00:00+08:00')))).toBe('2025-W01');
    expect(parseIsoWeek('2026-W50')).toBe(at('2026-12-07T00:00:00+08:00'));
    expect(parseIsoWeek('2025-W01')).toBe(at('2024-12-30T00:00:00+08:00'));
    expect(parseIsoWeek('2027-W53')).toBeNull();
  });
});

describe('the weeks of a month', () => {
  it('are those whose Thursday falls in it', () => {
    // December 2026 starts on a Tuesday: its first week starts on 30 November and its last ends on 3 January
    expect(monthWeeks('2026-12').map(day)).toEqual([
      '2026-11-30',
      '2026-12-07',
      '2026-12-14',
      '2026-12-21',
      '2026-12-28',
    ]);
    // May 2026 starts on a Friday: 1–3 May count in April's last week
    expect(monthWeeks('2026-05').map(day)).toEqual(['2026-05-04', '2026-05-11', '2026-05-18', '2026-05-25']);
    expect(monthWeeks('2026-04').map(day).at(-1)).toBe('2026-04-27');
    // February 2026 starts on a Sunday: exactly 4 weeks, Monday 2 to Sunday 1 March
    expect(monthWeeks('2026-02').map(day)).toEqual(['2026-02-02', '2026-02-09', '2026-02-16', '2026-02-23']);
  });

  it('on the 7th: only the weeks over are due, so a month with no visits is not 100 %', () => {
    const now = at('2026-12-07T10:00:00+08:00');
    const s = periodSpan({ period: 'month' }, now);
    expect(s.month).toBe('2026-12');
    expect(s.over).toEqual([true, false, false, false, false]);
    const weekly = { per: 'week' as const, visits: 1 };
    expect(standing(s, weekly, [0, 0, 0, 0, 0], 0)).toEqual({ due: 1, met: 0 }); // 0 %
    expect(standing(s, weekly, [1, 0, 0, 0, 0], 1)).toEqual({ due: 1, met: 1 });
    // a visit already made this week counts at once
    expect(standing(s, weekly, [0, 1, 0, 0, 0], 1)).toEqual({ due: 2, met: 1 });
  });

  it('on the 7th of a month that started on a Friday, nothing is due yet', () => {
    const s = periodSpan({ period: 'month' }, at('2026-05-07T10:00:00+08:00'));
    expect(s.month).toBe('2026-05');
    expect(standing(s, { per: 'week', visits: 1 }, [0, 0, 0, 0], 0)).toEqual({ due: 0, met: 0 }); // no rate, not 100 %
    // the 1st to the 3rd count in April: asking on 2 May names April
    expect(periodSpan({ period: 'month' }, at('2026-05-02T10:00:00+08:00')).month).toBe('2026-04');
  });

  it('a past month asks every week; the rule may ask for more than one visit a week', () => {
    const s = periodSpan({ period: 'month', month: '2026-11' }, at('2026-12-08T10:00:00+08:00'));
    expect(s.over.every(Boolean)).toBe(true);
    expect(standing(s, { per: 'week', visits: 2 }, [2, 1, 3, 0], 6)).toEqual({ due: 4, met: 2 });
  });
});

describe('a monthly rule (remote grids)', () => {
  const rule = { per: 'month' as const, visits: 2 };
  it('is due when the month is over or met', () => {
    const mid = periodSpan({ period: 'month', month: '2026-12' }, at('2026-12-20T10:00:00+08:00'));
    expect(standing(mid, rule, [], 1)).toEqual({ due: 0, met: 0 });
    expect(standing(mid, rule, [], 2)).toEqual({ due: 1, met: 1 });
    const after = periodSpan({ period: 'month', month: '2026-12' }, at('2027-01-04T10:00:00+08:00'));
    expect(standing(after, rule, [], 1)).toEqual({ due: 1, met: 0 });
  });

  it('in a week, is behind only when the weeks left cannot hold the visits owed', () => {
    const first = periodSpan({ period: 'week', week: '2026-W49' }, at('2026-12-08T10:00:00+08:00'));
    expect(first.weeksAfter).toBe(4);
    expect(standing(first, rule, [0], 0)).toEqual({ due: 1, met: 1 });
    const fourth = periodSpan({ period: 'week', week: '2026-W52' }, at('2026-12-08T10:00:00+08:00'));
    expect(fourth.weeksAfter).toBe(1);
    expect(standing(fourth, rule, [0], 0)).toEqual({ due: 1, met: 0 });
    expect(standing(fourth, rule, [1], 1)).toEqual({ due: 1, met: 1 });
  });

  it('a week reaches back to its own span', () => {
    const s = periodSpan({ period: 'week' }, at('2026-12-08T10:00:00+08:00'));
    expect(s.week).toBe('2026-W50');
    expect(s.to - s.from).toBe(WEEK_MS);
    expect(s.over).toEqual([false]);
  });
});
