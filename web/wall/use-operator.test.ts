import { describe, expect, it } from 'vitest';
import { nextStop, rangeStart } from './use-operator';

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

describe('rangeStart', () => {
  const now = new Date(2026, 10, 23, 15, 30);
  it('starts today at local midnight and the others whole days back', () => {
    expect(rangeStart('today', now)).toBe(new Date(2026, 10, 23).toISOString());
    expect(Date.parse(rangeStart('7d', now))).toBe(now.getTime() - 7 * 86400_000);
  });
});
