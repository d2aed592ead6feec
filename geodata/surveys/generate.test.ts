// Demo survey responses: deterministic, about half the households, six months, and the group patterns planners expect.
import { describe, expect, it } from 'vitest';
import { NEED_ITEMS, RESPONDENT_GROUPS, needBit } from '../../contract/needs.js';
import { generateCity } from '../city/index.js';
import { generateSurveys, surveyMonths } from './generate.js';

const city = generateCity({ size: 'small', seed: 11 });
const months = surveyMonths(new Date('2026-03-15T00:00:00Z'));

describe('generateSurveys', () => {
  it('is deterministic for a seed', () => {
    const a = generateSurveys(city, 11, months),
      b = generateSurveys(city, 11, months);
    expect(a.count).toBe(b.count);
    expect(Buffer.from(a.needs.buffer, 0, a.count * 4).equals(Buffer.from(b.needs.buffer, 0, b.count * 4))).toBe(true);
    expect(generateSurveys(city, 12, months).count).not.toBe(a.count);
  });

  it('answers for about half the households, in every month, from buildings of the grid recorded', () => {
    const s = generateSurveys(city, 11, months);
    const households = city.buildings.reduce((n, b) => n + b.households, 0);
    expect(s.count / households).toBeGreaterThan(0.4);
    expect(s.count / households).toBeLessThan(0.6);
    const gridOf = new Map(city.buildings.map((b) => [b.id, b.gridId]));
    for (let i = 0; i < s.count; i += 97) expect(gridOf.get(s.buildingId[i])).toBe(s.gridId[i]);
    expect(new Set(s.month.subarray(0, s.count)).size).toBe(6);
  });

  it('elders name the elder canteen and home doctor more than young adults; young adults parcels more', () => {
    const s = generateSurveys(city, 11, months);
    const rate = (group: string, code: string) => {
      const g = RESPONDENT_GROUPS.indexOf(group as never),
        bit = 1 << needBit(code);
      let n = 0,
        k = 0;
      for (let i = 0; i < s.count; i++)
        if (s.group[i] === g) {
          n++;
          if (s.needs[i] & bit) k++;
        }
      return k / n;
    };
    expect(rate('elder', 'elder_canteen')).toBeGreaterThan(2 * rate('young_adult', 'elder_canteen'));
    expect(rate('elder', 'home_doctor')).toBeGreaterThan(2 * rate('young_adult', 'home_doctor'));
    expect(rate('young_adult', 'parcel')).toBeGreaterThan(3 * rate('elder', 'parcel'));
    expect(NEED_ITEMS.length).toBeLessThanOrEqual(31); // the mask is an int
  });
});

describe('surveyMonths', () => {
  it('ends with the month of the date, oldest first, across a year end', () => {
    expect(surveyMonths(new Date('2026-02-10T00:00:00Z'), 4)).toEqual([
      '2025-11-01',
      '2025-12-01',
      '2026-01-01',
      '2026-02-01',
    ]);
  });
});
