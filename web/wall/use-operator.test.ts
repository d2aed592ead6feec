import { describe, expect, it } from 'vitest';
import { nextStop, rangeWindow } from './use-operator';

describe('nextStop', () => {
  it('walks the tour in order and wraps around both ways', () => {
    expect(nextStop([4, 7, 9], 7, 1)).toBe(9);
    expect(nextStop([4, 7, 9], 9, 1)).toBe(4);
    expect(nextStop([4, 7, 9], 4, -1)).toBe(9);
  });
  it('starts at an end when the map shows something off the tour', () => {
    expect(nextStop([4, 7, 9], 1, 1)).toBe(4);
    expect(nextStop([4, 7, 9], undefined, -1)).toBe(9);
    expect(nextStop([], 4, 1)).toBeUndefined();
  });
});

describe('rangeWindow', () => {
  const now = new Date(2026, 10, 23, 15, 30);
  it('starts today at local midnight and the others whole days back', () => {
    expect(rangeWindow('today', null, now)).toEqual({ from: new Date(2026, 10, 23).toISOString(), days: 1 });
    expect(Date.parse(rangeWindow('7d', null, now).from)).toBe(now.getTime() - 7 * 86400_000);
  });
  it('takes a custom range from the first day to the end of the last', () => {
    expect(rangeWindow('custom', { from: '2026-11-01', to: '2026-11-10' }, now)).toEqual({
      from: new Date(2026, 10, 1).toISOString(),
      to: new Date(2026, 10, 11).toISOString(),
      days: 10,
    });
  });
});
