import { describe, expect, it } from 'vitest';
import { generateResidents, members, populationProfile } from './population.js';
import { Rng } from './rng.js';
import type { BuildingRecord } from './types.js';

const building = (id: number): BuildingRecord => ({
  id,
  gridId: 1,
  lon: 0,
  lat: 0,
  households: 60,
  population: 0,
  floors: 10,
  address: '',
});

describe('members', () => {
  it('makes couples of a man and a woman and keeps elder couples at 60+', () => {
    const rng = new Rng(4);
    for (let k = 0; k < 500; k++) {
      const [a, b] = members('couple', rng);
      expect([a[1], b[1]].sort()).toEqual([1, 2]);
      for (const [age] of members('elderCouple', rng)) expect(age).toBeGreaterThanOrEqual(60);
      expect(members('elderAlone', rng)).toHaveLength(1);
    }
  });
});

describe('generateResidents', () => {
  const buildings = Array.from({ length: 400 }, (_, k) => building(k + 1));
  const residents = generateResidents(buildings, new Rng(12));

  it('numbers households 1..n in every building and sets building populations', () => {
    const maxHousehold = new Map<number, number>();
    for (let k = 0; k < residents.count; k++) {
      const b = residents.buildingId[k];
      maxHousehold.set(b, Math.max(maxHousehold.get(b) ?? 0, residents.household[k]));
    }
    for (const b of buildings) expect(maxHousehold.get(b.id)).toBe(60);
    expect(buildings.reduce((s, b) => s + b.population, 0)).toBe(residents.count);
  });

  it('matches central-Shanghai rates for ages and special groups', () => {
    const p = populationProfile(residents);
    expect(residents.count / (400 * 60)).toBeGreaterThan(2.4);
    expect(residents.count / (400 * 60)).toBeLessThan(2.6);
    expect(p.share60).toBeGreaterThan(0.32);
    expect(p.share60).toBeLessThan(0.38);
    expect(p.share80).toBeGreaterThan(0.07);
    expect(p.share80).toBeLessThan(0.1);
    expect(p.womenAmong80).toBeGreaterThan(0.55);
    expect(p.elderAloneOf60).toBeGreaterThan(0.05);
    expect(p.elderAloneOf60).toBeLessThan(0.09);
    expect(p.disabled).toBeGreaterThan(0.018);
    expect(p.disabled).toBeLessThan(0.032);
  });
});
