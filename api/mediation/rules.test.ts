import { describe, expect, it } from 'vitest';
import { followupDates, holdsPersonalData, median, stageOf } from './rules.js';

describe('mediation stage parties', () => {
  const order = '/1/2/3/4/';
  it('gives the grid worker of the grid the first stage, community and street staff theirs', () => {
    expect(stageOf({ role: 'grid_worker', areaLevel: 'grid', areaPath: '/1/2/3/4/' }, order)).toBe('grid');
    expect(stageOf({ role: 'dispatcher', areaLevel: 'community', areaPath: '/1/2/3/' }, order)).toBe('community');
    expect(stageOf({ role: 'dispatcher', areaLevel: 'street', areaPath: '/1/2/' }, order)).toBe('street');
  });
  it('gives no stage to the district centre, other roles, or anyone outside the order', () => {
    expect(stageOf({ role: 'dispatcher', areaLevel: 'district', areaPath: '/1/' }, order)).toBeNull();
    expect(stageOf({ role: 'operator', areaLevel: 'community', areaPath: '/1/2/3/' }, order)).toBeNull();
    expect(stageOf({ role: 'dispatcher', areaLevel: 'community', areaPath: '/1/2/9/' }, order)).toBeNull();
    expect(stageOf({ role: 'grid_worker', areaLevel: 'grid', areaPath: '/1/2/3/5/' }, order)).toBeNull();
  });
});

describe('mediation text and figures', () => {
  it('finds identity numbers and phones in free text, not ordinary words', () => {
    expect(holdsPersonalData('申请人身份证 310104198903152817')).toBe(true);
    expect(holdsPersonalData('对方电话 13812345678')).toBe(true);
    expect(holdsPersonalData('楼上漏水，双方对维修费用分担有争议')).toBe(false);
  });
  it('schedules follow-ups in order, once per day count', () => {
    expect(followupDates(new Date('2026-03-01T00:00:00Z'), [30, 7, 7])).toEqual([
      '2026-03-08T00:00:00.000Z',
      '2026-03-31T00:00:00.000Z',
    ]);
  });
  it('takes the median of odd and even lists', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
    expect(median([])).toBeNull();
  });
});
