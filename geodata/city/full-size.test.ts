import { describe, expect, it } from 'vitest';
import { generateCity } from './index.js';
import { populationProfile } from './population.js';
import { RESOURCE_KINDS } from './types.js';

// One run of the full-size generator, checked against the targets of the demo city.
describe('full-size city', () => {
  const city = generateCity({ size: 'full', seed: 1 });
  const level = (l: string) => city.areas.filter((a) => a.level === l);

  it('has the shape of a large urban district', () => {
    expect(level('district')).toHaveLength(1);
    expect(level('street')).toHaveLength(14);
    expect(level('community').length).toBeGreaterThanOrEqual(250);
    expect(level('community').length).toBeLessThanOrEqual(290);
    expect(level('grid').length).toBeGreaterThanOrEqual(900);
    expect(level('grid').length).toBeLessThanOrEqual(1100);
    for (const g of level('grid')) {
      expect(g.households).toBeGreaterThanOrEqual(300);
      expect(g.households).toBeLessThanOrEqual(500);
    }
    expect(city.areas.filter((a) => a.level !== 'special').every((a) => a.geometry.type === 'Polygon')).toBe(true);
  });

  it('has about a million residents with central-Shanghai age structure and special-group rates', () => {
    const p = populationProfile(city.residents);
    expect(p.residents).toBeGreaterThan(900_000);
    expect(p.residents).toBeLessThan(1_100_000);
    expect(p.share60).toBeGreaterThan(0.3);
    expect(p.share60).toBeLessThan(0.4);
    expect(p.share80).toBeGreaterThan(0.07);
    expect(p.share80).toBeLessThan(0.1);
    expect(p.maleShare).toBeGreaterThan(0.46);
    expect(p.maleShare).toBeLessThan(0.54);
    expect(p.womenAmong80).toBeGreaterThan(0.55);
    expect(p.lowIncome).toBeGreaterThan(0.007);
    expect(p.lowIncome).toBeLessThan(0.013);
    expect(p.extremePoverty).toBeGreaterThan(0.0003);
    expect(p.extremePoverty).toBeLessThan(0.0008);
    expect(p.disabled).toBeGreaterThan(0.02);
    expect(p.disabled).toBeLessThan(0.03);
    expect(p.childInDifficultyOfChildren).toBeGreaterThan(0.002);
    expect(p.childInDifficultyOfChildren).toBeLessThan(0.004);
    expect(p.elderAloneOf60).toBeGreaterThan(0.06);
    expect(p.elderAloneOf60).toBeLessThan(0.08);
  });

  it('has ~2,000 resources of every kind, one office per community, and ~1,600 workers covering every grid', () => {
    expect(city.resources.length).toBeGreaterThan(1800);
    expect(city.resources.length).toBeLessThan(2300);
    for (const kind of RESOURCE_KINDS)
      expect(
        city.resources.some((r) => r.kind === kind),
        kind,
      ).toBe(true);
    expect(city.resources.filter((r) => r.kind === 'community_office')).toHaveLength(level('community').length);
    expect(city.workers.length).toBeGreaterThan(1400);
    expect(city.workers.length).toBeLessThan(1800);
    const covered = new Set(city.workers.flatMap((w) => w.gridIds));
    for (const g of level('grid')) expect(covered.has(g.id)).toBe(true);
    for (const w of city.workers) expect(w.phone).toMatch(/^13\d\*{4}\d{4}$/);
  });

  it('has a road network of at most a few thousand merged lines and a river', () => {
    expect(city.roads.length).toBeGreaterThan(500);
    expect(city.roads.length).toBeLessThan(5000);
    expect(new Set(city.roads.map((r) => r.roadClass))).toEqual(new Set(['arterial', 'secondary', 'local']));
    expect(city.water.some((w) => w.name === '苏州河')).toBe(true);
  });
});
