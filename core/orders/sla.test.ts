// Deadlines on the wall clock and in working days (Shanghai time), and the yellow/red states.
// Calendar used: 2025 National Day, 1–8 Oct off, with 调休 make-up workdays Sun 28 Sep and Sat 11 Oct.
import { describe, expect, it } from 'vitest';
import { DEFAULT_SLA_POLICY, type SlaPolicy, deadlineFor, isWorkingDay, parseDuration, slaState } from './sla.js';
import { H, T0, at, makeOrder } from './test-fixtures.js';

const WORKING: SlaPolicy = {
  ...DEFAULT_SLA_POLICY,
  workingDays: {
    holidays: [
      '2025-10-01',
      '2025-10-02',
      '2025-10-03',
      '2025-10-04',
      '2025-10-05',
      '2025-10-06',
      '2025-10-07',
      '2025-10-08',
    ],
    workdays: ['2025-09-28', '2025-10-11'],
    weekends: true,
  },
};
/** A Shanghai local time as a Date. */
const sh = (local: string) => new Date(`${local}+08:00`);

describe('deadlineFor on the wall clock', () => {
  it('gives 一般 3 × 24 h, 较大 24 h and 重大 2 h without working days', () => {
    expect(deadlineFor(T0, 'general', DEFAULT_SLA_POLICY)).toEqual(at(72 * H));
    expect(deadlineFor(T0, 'major', DEFAULT_SLA_POLICY)).toEqual(at(24 * H));
    expect(deadlineFor(T0, 'critical', DEFAULT_SLA_POLICY)).toEqual(at(2 * H));
  });

  it('runs hour deadlines on the wall clock even with working days on, through a weekend', () => {
    expect(deadlineFor(sh('2025-09-20T23:00:00'), 'critical', WORKING)).toEqual(sh('2025-09-21T01:00:00'));
  });

  it('accepts minutes and rejects a malformed duration with a bilingual message', () => {
    expect(
      deadlineFor(T0, 'critical', {
        ...DEFAULT_SLA_POLICY,
        deadlines: { ...DEFAULT_SLA_POLICY.deadlines, critical: '30m' },
      }),
    ).toEqual(at(0.5 * H));
    expect(() => parseDuration('3 days')).toThrow(/时限格式.*deadline must look like/);
  });
});

describe('deadlineFor in working days (工作日)', () => {
  it('ends a 3-day deadline reported on Monday at 24:00 on Thursday', () => {
    expect(deadlineFor(sh('2025-09-22T10:00:00'), 'general', WORKING)).toEqual(sh('2025-09-26T00:00:00'));
  });

  it('skips the weekend: reported Friday, due Wednesday 24:00', () => {
    expect(deadlineFor(sh('2025-09-19T15:00:00'), 'general', WORKING)).toEqual(sh('2025-09-25T00:00:00'));
  });

  it('counts a report made on Saturday from Monday', () => {
    expect(deadlineFor(sh('2025-09-20T09:00:00'), 'general', WORKING)).toEqual(sh('2025-09-25T00:00:00'));
  });

  it('counts the 调休 make-up Sunday as a working day', () => {
    // Fri 26 Sep → Sun 28 (make-up), Mon 29, Tue 30.
    expect(deadlineFor(sh('2025-09-26T11:00:00'), 'general', WORKING)).toEqual(sh('2025-10-01T00:00:00'));
  });

  it('skips the National Day holiday and counts the make-up Saturday after it', () => {
    // Tue 30 Sep → 1–8 Oct off → Thu 9, Fri 10, Sat 11 (make-up).
    expect(deadlineFor(sh('2025-09-30T10:00:00'), 'general', WORKING)).toEqual(sh('2025-10-12T00:00:00'));
    expect(deadlineFor(sh('2025-09-30T10:00:00'), 'major', WORKING)).toEqual(sh('2025-10-10T00:00:00'));
  });

  it('uses the Shanghai date, not the UTC date, for a report just after local midnight', () => {
    // 2025-09-22T16:30Z is Tuesday 00:30 in Shanghai: counting starts Wednesday.
    expect(deadlineFor(new Date('2025-09-22T16:30:00Z'), 'general', WORKING)).toEqual(sh('2025-09-27T00:00:00'));
  });

  it('knows which local dates are working days', () => {
    const wd = WORKING.workingDays!;
    expect(
      ['2025-09-27', '2025-09-28', '2025-10-01', '2025-10-09', '2025-10-11'].map((d) => isWorkingDay(d, wd)),
    ).toEqual([false, true, false, true, true]);
  });

  it('gives up scanning after ten years for an absurd deadline instead of looping', () => {
    const absurd: SlaPolicy = { ...WORKING, deadlines: { ...WORKING.deadlines, general: '100000d' } };
    const d = deadlineFor(T0, 'general', absurd).getTime();
    expect(d).toBeGreaterThan(T0.getTime() + 3650 * 24 * H);
    expect(d).toBeLessThan(T0.getTime() + 3662 * 24 * H);
  });
});

describe('slaState with a fake clock', () => {
  const major = makeOrder({ hazardLevel: 'major' }); // 1 day, reported at T0

  it('turns yellow at 75 % of the time allowed (18 h of a 较大 day)', () => {
    expect(slaState(major, DEFAULT_SLA_POLICY, at(18 * H - 1)).state).toBe('ok');
    expect(slaState(major, DEFAULT_SLA_POLICY, at(18 * H)).state).toBe('yellow');
  });

  it('turns red only once the deadline has passed', () => {
    const due = slaState(major, DEFAULT_SLA_POLICY, at(24 * H));
    expect(due).toMatchObject({ state: 'yellow', elapsedShare: 1, deadline: at(24 * H) });
    expect(slaState(major, DEFAULT_SLA_POLICY, at(24 * H + 1)).state).toBe('red');
  });

  it('excludes paused time from the elapsed share and moves the deadline by it', () => {
    const s = slaState({ ...major, pausedMs: 6 * H }, DEFAULT_SLA_POLICY, at(24 * H));
    expect(s.elapsedShare).toBe(0.75);
    expect(s.state).toBe('yellow');
    expect(s.deadline).toEqual(at(30 * H));
  });

  it('stops the clock while an order is on hold', () => {
    const held = { ...major, heldSince: at(10 * H).toISOString() };
    expect(slaState(held, DEFAULT_SLA_POLICY, at(100 * H))).toMatchObject({ state: 'ok', elapsedShare: 10 / 24 });
  });

  it('freezes at the moment the fix was handed in', () => {
    const resolved = { ...major, clockStoppedAt: at(12 * H).toISOString() };
    expect(slaState(resolved, DEFAULT_SLA_POLICY, at(200 * H))).toMatchObject({ state: 'ok', elapsedShare: 0.5 });
  });

  it('reports a working-day deadline with its share of wall-clock time', () => {
    const o = makeOrder({ hazardLevel: 'general', clockStart: sh('2025-09-19T15:00:00').toISOString() });
    const s = slaState(o, WORKING, sh('2025-09-25T00:00:01'));
    expect(s.deadline).toEqual(sh('2025-09-25T00:00:00'));
    expect(s.state).toBe('red');
  });
});
