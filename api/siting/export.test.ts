import { describe, expect, it } from 'vitest';
import type { OptimizeResult } from '../../contract/siting.js';
import { scenarioCsv, scenarioGeoJson } from './export.js';

const g = (total: number, covered: number) => ({ total, covered });
const result: OptimizeResult = {
  model: 'mclp',
  kind: 'canteen',
  target: 'e60',
  radius: 500,
  metric: 'network',
  area: { id: 1, name: '示范区' },
  demandPoints: 10,
  candidateCount: 4,
  capacity: null,
  farDistance: 1500,
  sites: [
    { rank: 1, lon: 121.4512344, lat: 31.2598765, label: '嘉新文化活动室', gain: 120, reach: 150 },
    { rank: 2, lon: 121.46, lat: 31.26, label: '=HYPERLINK("x"), "a"', gain: 30.456, reach: 60 },
  ],
  before: { e60: g(1000, 400), e80: g(200, 80), alone: g(50, 20), meanDistance: 612.4 },
  after: { e60: g(1000, 550), e80: g(200, 110), alone: g(50, 26), meanDistance: 488.6 },
  objective: 550,
  verdict: { foundBy: 'heuristic', proof: 'bounded', bound: 560, boundBy: 'lagrangian', gap: 10 / 560, dropped: 0 },
  heuristic: { ms: 3, swaps: 0, objective: 550 },
  exact: null,
};

describe('scenario export', () => {
  it('writes the chosen sites as GeoJSON points with their gains, and the figures beside them', () => {
    const fc = scenarioGeoJson('方案A', result);
    expect(fc.features.map((f) => f.geometry.coordinates)).toEqual([
      [121.4512344, 31.2598765],
      [121.46, 31.26],
    ]);
    expect(fc.features[0].properties).toEqual({ rank: 1, label: '嘉新文化活动室', gain: 120, reach: 150 });
    expect(fc.siting.after.e60.covered).toBe(550);
  });

  it('writes CSV with a BOM for Excel, one row per site and the before / after table, defusing formulas', () => {
    const csv = scenarioCsv(result);
    expect(
      csv.startsWith('\uFEFFrank,label,lon,lat,gain,reach\r\n1,嘉新文化活动室,121.451234,31.259877,120,150\r\n'),
    ).toBe(true);
    expect(csv).toContain(`2,"'=HYPERLINK(""x""), ""a""",121.460000,31.260000,30.46,60`);
    expect(csv).toContain('e60,1000,400,550\r\n');
    expect(csv).toContain('mean_distance_m,,612,489\r\n');
  });
});

describe('scenario export of the verdict', () => {
  it('writes who found the answer, its proof and the gap to the bound; an unknown gap stays empty, never 0', () => {
    const csv = scenarioCsv(result);
    expect(csv).toContain(
      'objective,found_by,proof,bound,bound_by,gap_at_most_pct,sites_adding_nothing_left_out\r\n550,heuristic,bounded,560,lagrangian,1.7857,0\r\n',
    );
    const stopped: OptimizeResult = {
      ...result,
      verdict: { foundBy: 'heuristic', proof: 'unknown', bound: null, boundBy: null, gap: null, dropped: 1 },
      exact: {
        status: 'no-solution',
        optimal: false,
        objective: null,
        bound: null,
        gap: null,
        solverStatus: 'timeLimit',
        nonzeros: 1234,
        ms: 30000,
        sites: [],
      },
    };
    const text = scenarioCsv(stopped);
    expect(text).toContain('\r\n550,heuristic,unknown,,,,1\r\n');
    expect(text).toContain('\r\nno-solution,,,,timeLimit,1234,30000\r\n');
    expect(text).not.toMatch(/0\.00/);
    const fc = scenarioGeoJson('B', stopped);
    expect(fc.siting.exact).toMatchObject({ status: 'no-solution', objective: null, gap: null });
    expect(fc.siting.verdict).toMatchObject({ proof: 'unknown', gap: null });
  });
});
