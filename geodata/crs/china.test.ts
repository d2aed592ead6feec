// WGS84 ⇄ GCJ-02 ⇄ BD-09: the published reference values, the size of the shift, and round trips under 0.5 m.
import { describe, expect, it } from 'vitest';
import {
  bd09ToGcj02,
  bd09ToWgs84,
  gcj02ToBd09,
  gcj02ToWgs84,
  type LonLat,
  wgs84ToBd09,
  wgs84ToGcj02,
} from './china.js';
import { haversine } from '../../core/geo/index.js';

const close = (a: LonLat, b: LonLat, digits = 9) => {
  expect(a[0]).toBeCloseTo(b[0], digits);
  expect(a[1]).toBeCloseTo(b[1], digits);
};

describe('GCJ-02 and BD-09', () => {
  it('matches the widely published reference values of the forward formulas', () => {
    close(wgs84ToGcj02([116.404, 39.915]), [116.41024449916938, 39.91640428150164]);
    close(gcj02ToBd09([116.404, 39.915]), [116.41036949371029, 39.92133699351022]);
    // The closed-form BD-09 inverse is itself approximate (a few cm); ours iterates to the exact inverse.
    expect(haversine(bd09ToGcj02([116.404, 39.915]), [116.39762729119315, 39.90865673957631])).toBeLessThan(0.1);
  });

  it('shifts points in China by a few hundred metres and leaves points abroad alone', () => {
    const d = haversine([121.45, 31.23], wgs84ToGcj02([121.45, 31.23]));
    expect(d).toBeGreaterThan(300);
    expect(d).toBeLessThan(800);
    expect(wgs84ToGcj02([2.35, 48.85])).toEqual([2.35, 48.85]);
    expect(gcj02ToWgs84([2.35, 48.85])).toEqual([2.35, 48.85]);
  });

  it('inverts GCJ-02 and BD-09 to well under 0.5 m across China', () => {
    let worst = 0;
    for (let lon = 74; lon <= 134; lon += 3.7) {
      for (let lat = 18; lat <= 53; lat += 2.9) {
        const w: LonLat = [lon, lat];
        worst = Math.max(worst, haversine(gcj02ToWgs84(wgs84ToGcj02(w)), w), haversine(bd09ToWgs84(wgs84ToBd09(w)), w));
        const g: LonLat = [lon, lat];
        worst = Math.max(worst, haversine(wgs84ToGcj02(gcj02ToWgs84(g)), g), haversine(gcj02ToBd09(bd09ToGcj02(g)), g));
      }
    }
    expect(worst).toBeLessThan(0.01);
  });
});
