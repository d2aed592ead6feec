import { describe, expect, it } from 'vitest';
import { generateCity } from './index.js';
import { populationProfile } from './population.js';
import type { AreaRecord } from './types.js';

const city = generateCity({ size: 'small', seed: 5 });
const tiled = city.areas.filter((a) => a.level !== 'special');
const COUNT_KEYS = ['households', 'population', 'elders60', 'elders80'] as const;

describe('area counts (small city)', () => {
  it('gives every grid 300–500 households', () => {
    const grids = tiled.filter((a) => a.level === 'grid');
    expect(grids.length).toBeGreaterThanOrEqual(20);
    for (const g of grids) {
      expect(g.households, g.name).toBeGreaterThanOrEqual(300);
      expect(g.households, g.name).toBeLessThanOrEqual(500);
    }
  });

  it("makes every parent's counts the sum of its children's", () => {
    for (const parent of tiled.filter((a) => a.level !== 'grid')) {
      const children = tiled.filter((c) => c.parentId === parent.id);
      expect(children.length).toBeGreaterThan(0);
      for (const k of COUNT_KEYS)
        expect(
          children.reduce((s, c) => s + c[k], 0),
          `${parent.name} ${k}`,
        ).toBe(parent[k]);
    }
  });

  it("derives grid counts from the residents living in the grid's buildings", () => {
    const gridOfBuilding = new Map(city.buildings.map((b) => [b.id, b.gridId]));
    const expected = new Map<
      number,
      { households: Set<string>; population: number; elders60: number; elders80: number }
    >();
    const r = city.residents;
    for (let k = 0; k < r.count; k++) {
      const g = gridOfBuilding.get(r.buildingId[k])!;
      if (!expected.has(g)) expected.set(g, { households: new Set(), population: 0, elders60: 0, elders80: 0 });
      const e = expected.get(g)!;
      e.households.add(`${r.buildingId[k]}/${r.household[k]}`);
      e.population++;
      if (r.age[k] >= 60) e.elders60++;
      if (r.age[k] >= 80) e.elders80++;
    }
    for (const g of tiled.filter((a) => a.level === 'grid')) {
      const e = expected.get(g.id)!;
      expect([g.households, g.population, g.elders60, g.elders80]).toEqual([
        e.households.size,
        e.population,
        e.elders60,
        e.elders80,
      ]);
    }
  });

  it('gives buildings 50–80 households and a population equal to their residents', () => {
    const perBuilding = new Map<number, number>();
    for (let k = 0; k < city.residents.count; k++)
      perBuilding.set(city.residents.buildingId[k], (perBuilding.get(city.residents.buildingId[k]) ?? 0) + 1);
    for (const b of city.buildings) {
      expect(b.households).toBeGreaterThanOrEqual(50);
      expect(b.households).toBeLessThanOrEqual(80);
      expect(b.floors).toBeGreaterThanOrEqual(6);
      expect(b.floors).toBeLessThanOrEqual(30);
      expect(perBuilding.get(b.id)).toBe(b.population);
      expect(b.address).toMatch(/\d+号$/);
    }
  });

  it('has an elderly population: 30–40% aged 60+, 2.4–2.6 people per household', () => {
    const p = populationProfile(city.residents);
    expect(p.share60).toBeGreaterThan(0.3);
    expect(p.share60).toBeLessThan(0.4);
    const district = city.areas[0] as AreaRecord;
    expect(district.population / district.households).toBeGreaterThan(2.4);
    expect(district.population / district.households).toBeLessThan(2.6);
  });
});
