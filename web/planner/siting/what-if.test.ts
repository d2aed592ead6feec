import { describe, expect, it } from 'vitest';
import { whatIf } from './what-if';

// 1° of latitude ≈ 111.2 km: 0.001° ≈ 111 m.
const cell = (dLat: number, elders: number, coveredBefore = false) => ({
  lon: 121.45,
  lat: 31.26 + dLat,
  elders,
  coveredBefore,
});

describe('what-if coverage', () => {
  it('adds the elders within radius ÷ circuity of a placed site, once each', () => {
    const cells = [cell(0, 20), cell(0.003, 15), cell(0.004, 40), cell(0.01, 30, true)];
    // 500 m walking ÷ 1.3 ≈ 385 m straight: the first two cells (0 m, 334 m) but not the third (445 m).
    const w = whatIf(
      cells,
      [
        { lon: 121.45, lat: 31.26 },
        { lon: 121.45, lat: 31.2605 },
      ],
      500,
      1.3,
    );
    expect(w.before).toBe(30);
    expect(w.gains).toEqual([35, 0]);
    expect(w.after).toBe(65);
    expect(w.total).toBe(105);
  });

  it('counts nothing twice that existing facilities already cover', () => {
    const w = whatIf([cell(0, 12, true)], [{ lon: 121.45, lat: 31.26 }], 300, 1);
    expect(w).toEqual({ before: 12, after: 12, total: 12, gains: [0] });
  });
});
