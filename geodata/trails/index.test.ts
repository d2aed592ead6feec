// Demo trails: deterministic, on duty hours, mostly inside the grid, a few bad habits.
import { describe, expect, it } from 'vitest';
import { generateCity } from '../city/index.js';
import { generateTrails, habitOf } from './index.js';
import { pointInPolygon } from '../../core/geo/index.js';

const city = generateCity({ size: 'small', seed: 7 });
const days = ['2026-03-02', '2026-03-03'];

describe('demo trails', () => {
  const all = [...generateTrails(city, { seed: 7, days })];

  it('is deterministic', () => {
    const again = [...generateTrails(city, { seed: 7, days })];
    expect(again.length).toBe(all.length);
    expect(Array.from(again[3].lon.slice(0, 50))).toEqual(Array.from(all[3].lon.slice(0, 50)));
  });

  it('walks on duty hours with a fix every 10–30 s, in time order', () => {
    for (const d of all.slice(0, 20)) {
      const gaps = Array.from(d.t.slice(1), (t, i) => t - d.t[i]);
      expect(gaps.every((g) => g > 0)).toBe(true);
      const local = (t: number) => new Date(t + 8 * 3600_000).toISOString().slice(11, 16);
      expect(local(d.t[0]) >= '08:10' && local(d.t[0]) <= '08:55').toBe(true);
      expect(local(d.t[d.t.length - 1]) <= '17:50').toBe(true);
      expect(gaps.filter((g) => g <= 30_000).length / gaps.length).toBeGreaterThan(0.99);
    }
  });

  it('keeps diligent workers mostly inside their grid, and has a few bad habits', () => {
    const habits = city.workers.map((w) => habitOf(7, w.id));
    expect(habits.filter((h) => h !== 'diligent').length).toBeGreaterThan(0);
    const grids = new Map(city.areas.map((a) => [a.id, a]));
    // The share of a day's fixes inside the worker's own grid, averaged over a habit: one worker's share swings
    // with the random walk, the average does not.
    const meanShare = (habit: string) => {
      const shares = all
        .filter((x) => x.habit === habit)
        .map((d) => {
          const g = grids.get(city.workers.find((w) => w.id === d.workerId)!.gridIds[0])!;
          let inside = 0;
          for (let i = 0; i < d.t.length; i++) if (pointInPolygon(d.lon[i], d.lat[i], g.geometry)) inside++;
          return inside / d.t.length;
        });
      return shares.reduce((a, b) => a + b, 0) / shares.length;
    };
    expect(meanShare('diligent')).toBeGreaterThan(0.5);
    expect(meanShare('diligent')).toBeGreaterThan(meanShare('wanders') + 0.1);
  });
});
