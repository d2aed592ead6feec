// Worker settings read by the configuration, and the ranking's scaling, weighting and ties.
import { describe, expect, it } from 'vitest';
import { rank } from './ranking.js';
import { loadConfig } from '../config.js';
import { parseDuty, parseWeights } from './settings.js';

describe('worker settings', () => {
  it('reads defaults and normalises weights', () => {
    const s = loadConfig({}).workers;
    expect([s.visitsPerWeek, s.referralOverdueDays]).toEqual([1, 7]);
    expect([s.checkIntervalMs, s.livePushMs]).toEqual([60_000, 2_000]);
    expect(loadConfig({ GRIDWALL_LIVE_PUSH_MS: '0', GRIDWALL_WORKER_CHECK_INTERVAL_MS: '0' }).workers).toMatchObject({
      checkIntervalMs: 0,
      livePushMs: 0,
    });
    expect(s.duty).toEqual([
      { start: 510, end: 720 },
      { start: 840, end: 1050 },
    ]);
    expect(parseWeights('info:1,coverage:3')).toEqual({ info: 0.25, coverage: 0.75, visits: 0, onTime: 0 });
  });

  it('refuses bad values with a clear message', () => {
    expect(() => parseWeights('speed:1')).toThrow(/weight "speed:1"/);
    expect(() => parseWeights('info:0')).toThrow(/not all be 0/);
    expect(() => parseDuty('9-12')).toThrow(/HH:MM/);
    expect(() => loadConfig({ GRIDWALL_VISITS_PER_WEEK: '0' })).toThrow(/GRIDWALL_VISITS_PER_WEEK/);
    expect(() => loadConfig({ GRIDWALL_DUTY_HOURS: '9-12' })).toThrow(
      /invalid configuration:\n {2}GRIDWALL_DUTY_HOURS: "9-12"/,
    );
    expect(() => loadConfig({ GRIDWALL_RANKING_WEIGHTS: 'speed:1' })).toThrow(
      /GRIDWALL_RANKING_WEIGHTS: .*weight "speed:1"/,
    );
  });
});

describe('ranking', () => {
  it('scales, weights and ranks, with ties sharing a rank', () => {
    const rows = [
      { id: 1, name: 'a', gridName: 'a', reports: 10, coverage: 0.5, visitRate: 1, onTimeRate: 1 },
      { id: 2, name: 'b', gridName: 'b', reports: 5, coverage: 1, visitRate: null, onTimeRate: 0.5 },
      { id: 3, name: 'c', gridName: 'c', reports: 10, coverage: 0.5, visitRate: 1, onTimeRate: 1 },
    ];
    const out = rank(rows, { info: 0.5, coverage: 0.5, visits: 0, onTime: 0 });
    expect(out.map((r) => [r.id, r.score, r.rank])).toEqual([
      [1, 75, 1],
      [2, 75, 1],
      [3, 75, 1],
    ]);
    const byCoverage = rank(rows, { info: 0, coverage: 1, visits: 0, onTime: 0 });
    expect(byCoverage[0].id).toBe(2);
    expect(byCoverage[1].rank).toBe(2);
    expect(byCoverage[0].scores.visits).toBe(100); // missing rate takes the list's mean
  });
});
