import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDeadlines, policyFrom } from './policy-config.js';
import { deadlineFor } from '../../core/orders/sla.js';

describe('policy configuration', () => {
  it('keeps the district defaults when nothing is set', () => {
    expect(policyFrom({}).sla.deadlines).toEqual({ general: '3d', major: '1d', critical: '2h' });
    expect(policyFrom({}).sla.workingDays).toBeUndefined();
  });

  it('overrides only the levels it names', () => {
    expect(parseDeadlines('critical=30m, general=5d')).toEqual({ general: '5d', major: '1d', critical: '30m' });
  });

  it('refuses unknown levels and bad durations with the variable named', () => {
    expect(() => parseDeadlines('urgent=1h')).toThrow(/GRIDWALL_SLA_DEADLINES/);
    expect(() => parseDeadlines('general=3 days')).toThrow(/3d, 2h or 30m/);
  });

  it('counts working days from a calendar file, skipping its holidays', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'cal-')), 'calendar.json');
    fs.writeFileSync(file, JSON.stringify({ holidays: ['2026-10-01', '2026-10-02'], workdays: [] }));
    const policy = policyFrom({ calendarFile: file });
    // Reported Wednesday 2026-09-30 10:00 Shanghai; Thu and Fri are holidays, then the weekend: Mon, Tue, Wed count,
    // so the deadline is Wednesday 2026-10-07 24:00 Shanghai.
    const d = deadlineFor('2026-09-30T02:00:00Z', 'general', policy.sla);
    expect(d.toISOString()).toBe('2026-10-07T16:00:00.000Z');
    fs.writeFileSync(file, '{"holidays": ["1 Oct"]}');
    expect(() => policyFrom({ calendarFile: file })).toThrow(/YYYY-MM-DD/);
  });
});
