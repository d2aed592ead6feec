// The demo questionnaires: the same seed gives the same data, quarters are complete calendar quarters, and
// communities differ (so rankings mean something).
import { describe, expect, it } from 'vitest';
import { generateCity } from '../city/index.js';
import { DEMO_DIMENSION_MATRIX, DEMO_SYSTEM } from './system.js';
import { ahp } from '../../core/evaluation/ahp.js';
import { demoPeriods, generateResponses, generateSpecials, questionnaireIndicators } from './questionnaires.js';

describe('demo evaluation data', () => {
  it("has Gulou's shape: 4 dimensions, 10 focuses, 17 indicators, sibling weights summing to 1, a consistent AHP matrix", () => {
    expect(DEMO_SYSTEM).toHaveLength(4);
    expect(DEMO_SYSTEM.flatMap((d) => d.focuses)).toHaveLength(10);
    const inds = DEMO_SYSTEM.flatMap((d) => d.focuses.flatMap((f) => f.indicators));
    expect(inds).toHaveLength(17);
    expect(new Set(inds.map((i) => i.code)).size).toBe(17);
    for (const d of DEMO_SYSTEM) {
      expect(d.focuses.reduce((a, f) => a + f.weight, 0)).toBeCloseTo(1, 12);
      for (const f of d.focuses) expect(f.indicators.reduce((a, i) => a + i.weight, 0)).toBeCloseTo(1, 12);
    }
    expect(ahp(DEMO_DIMENSION_MATRIX).cr).toBeLessThan(0.1);
  });

  it('takes the four complete quarters before the date', () => {
    expect(demoPeriods(new Date('2026-11-23T00:00:00Z')).map((p) => p.code)).toEqual([
      '2025Q4',
      '2026Q1',
      '2026Q2',
      '2026Q3',
    ]);
    expect(demoPeriods(new Date('2026-01-05T00:00:00Z')).at(-1)).toEqual({
      code: '2025Q4',
      starts: '2025-10-01',
      ends: '2026-01-01',
    });
  });

  it('is deterministic and spread out', () => {
    const city = generateCity({ size: 'small', seed: 7 });
    const a = generateResponses(city, 7, 4);
    const b = generateResponses(city, 7, 4);
    expect(a).toEqual(b);
    expect(generateSpecials(city, 7, 4)).toEqual(generateSpecials(city, 7, 4));
    const communities = city.areas.filter((x) => x.level === 'community').length;
    expect(new Set(a.areaId).size).toBe(communities);
    // every community answers every questionnaire indicator in every period from at least one group
    const cells = new Set(a.period.map((p, i) => `${p}:${a.areaId[i]}:${a.indicator[i]}`));
    expect(cells.size).toBe(4 * communities * questionnaireIndicators().length);
    const means = new Map<number, number[]>();
    a.areaId.forEach((id, i) => means.set(id, [...(means.get(id) ?? []), a.score[i]]));
    const avg = [...means.values()].map((v) => v.reduce((x, y) => x + y, 0) / v.length);
    expect(Math.max(...avg) - Math.min(...avg)).toBeGreaterThan(3);
    expect(Math.min(...a.score)).toBeGreaterThanOrEqual(40);
    expect(Math.max(...a.score)).toBeLessThanOrEqual(100);
  });
});
