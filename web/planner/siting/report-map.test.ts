import { describe, expect, it } from 'vitest';
import { metresPerDegree } from '../../../core/geo/index';
import { reportMap } from './report-map';

describe('report map', () => {
  const input = {
    cells: [
      { lon: 121.44, lat: 31.25, elders: 40 },
      { lon: 121.46, lat: 31.27, elders: 10 },
    ],
    facilities: [{ lon: 121.45, lat: 31.26 }],
    sites: [{ lon: 121.46, lat: 31.25, rank: 1 }],
    radius: 500,
  };

  it('fits everything in the box with north up', () => {
    const m = reportMap(input, 400, 300, 10);
    for (const p of [...m.cells, ...m.facilities, ...m.sites]) {
      expect(p.x).toBeGreaterThanOrEqual(10 - 1e-9);
      expect(p.x).toBeLessThanOrEqual(390 + 1e-9);
      expect(p.y).toBeGreaterThanOrEqual(10 - 1e-9);
      expect(p.y).toBeLessThanOrEqual(290 + 1e-9);
    }
    expect(m.cells[1].y).toBeLessThan(m.cells[0].y); // further north is higher up
    expect(m.cells[0].r).toBeGreaterThan(m.cells[1].r);
  });

  it('draws the radius and the scale bar at the same metres per pixel', () => {
    const m = reportMap(input, 400, 300);
    expect(m.sites[0].r / 500).toBeCloseTo(m.bar.px / m.bar.metres, 9);
    // The box spans ~2.2 km of latitude in at most 268 px.
    expect(m.bar.px / m.bar.metres).toBeCloseTo(268 / (0.02 * metresPerDegree(31.26).ky), 3);
  });
});
