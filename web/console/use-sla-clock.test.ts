import { describe, expect, it } from 'vitest';
import { formatSpan, slaTone } from './use-sla-clock';

const order = { reportedAt: '2026-05-01T00:00:00Z', deadline: '2026-05-04T00:00:00Z', sla: 'ok' as const };

describe('slaTone', () => {
  it('turns yellow in the last quarter of the window and red once overdue', () => {
    expect(slaTone(order, Date.parse('2026-05-02T00:00:00Z'))).toBe('ok');
    expect(slaTone(order, Date.parse('2026-05-03T12:00:00Z'))).toBe('yellow');
    expect(slaTone(order, Date.parse('2026-05-04T00:00:01Z'))).toBe('red');
  });
  it('trusts the server when it already says yellow', () => {
    expect(slaTone({ ...order, sla: 'yellow' }, Date.parse('2026-05-01T01:00:00Z'))).toBe('yellow');
  });
  it('formats spans in both languages', () => {
    expect(formatSpan(26 * 3600_000, false)).toBe('1 天 2 小时');
    expect(formatSpan(-(3 * 3600_000 + 5 * 60_000), true)).toBe('3 h 05 min');
  });
});
