import { describe, expect, it } from 'vitest';
import { BUILDING_HOUSEHOLDS, GRID_HOUSEHOLDS, gridHouseholds, splitIntoBuildings } from './buildings.js';
import { Rng } from './rng.js';

describe('gridHouseholds', () => {
  it('keeps every grid within 300–500 households whatever its housing weight', () => {
    const rng = new Rng(3);
    for (const w of [0, 10, 250, 299, 400, 501, 900, 5000]) {
      const h = gridHouseholds(w, rng);
      expect(h).toBeGreaterThanOrEqual(GRID_HOUSEHOLDS.min);
      expect(h).toBeLessThanOrEqual(GRID_HOUSEHOLDS.max);
    }
  });
});

describe('splitIntoBuildings', () => {
  it('splits 300–500 households into buildings of 50–80 that sum to the total', () => {
    const rng = new Rng(9);
    for (let total = 300; total <= 500; total++) {
      const sizes = splitIntoBuildings(total, rng);
      expect(sizes.reduce((a, b) => a + b, 0)).toBe(total);
      for (const s of sizes) {
        expect(s).toBeGreaterThanOrEqual(BUILDING_HOUSEHOLDS.min);
        expect(s).toBeLessThanOrEqual(BUILDING_HOUSEHOLDS.max);
      }
    }
  });
});
