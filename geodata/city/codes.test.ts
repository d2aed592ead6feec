import type { Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { generateCityWithLattice } from './index.js';
import { lonLatToLattice } from './lattice.js';
import { polygonProblems } from './polygon-checks.js';
import { GULOU_MIX, specialCounts } from './special-grids.js';

const { city, lattice, hierarchy } = generateCityWithLattice({ size: 'small', seed: 2 });
const byId = new Map(city.areas.map((a) => [a.id, a]));

describe('area codes and ids', () => {
  it('uses 12-digit codes for district, streets and communities and 15 for grids and special grids', () => {
    for (const a of city.areas) {
      const len = a.level === 'grid' || a.level === 'special' ? 15 : 12;
      expect(a.code, a.name).toMatch(new RegExp(`^310190\\d{${len - 6}}$`));
    }
    expect(city.areas[0].code).toBe('310190000000');
  });

  it("builds each code on its parent's (street xxx000, community = street prefix + seq, grid = community + seq)", () => {
    for (const a of city.areas) {
      if (a.parentId === null) continue;
      const parent = byId.get(a.parentId)!;
      if (a.level === 'street') expect(a.code).toMatch(/^310190\d{3}000$/);
      if (a.level === 'community') expect(a.code.slice(0, 9)).toBe(parent.code.slice(0, 9));
      if (a.level === 'grid' || a.level === 'special') expect(a.code.slice(0, 12)).toBe(parent.code);
      if (a.level === 'special') expect(Number(a.code.slice(12))).toBeGreaterThanOrEqual(901);
      if (a.level === 'grid') expect(Number(a.code.slice(12))).toBeLessThan(900);
    }
  });

  it('keeps codes, ids and names unique, ids in level order from 1', () => {
    expect(new Set(city.areas.map((a) => a.code)).size).toBe(city.areas.length);
    expect(new Set(city.areas.map((a) => a.name)).size).toBe(city.areas.length);
    expect(city.areas.map((a) => a.id)).toEqual(city.areas.map((_, k) => k + 1));
    const order = ['district', 'street', 'community', 'grid', 'special'];
    const levels = city.areas.map((a) => order.indexOf(a.level));
    expect(levels).toEqual([...levels].sort((a, b) => a - b));
  });

  it('names areas in the local style', () => {
    for (const a of city.areas) {
      if (a.level === 'street') expect(a.name).toMatch(/(路街道|镇)$/);
      if (a.level === 'community') expect(a.name).toMatch(/(居民区|社区)$/);
      if (a.level === 'grid') expect(a.name).toMatch(/第\d+网格$/);
      if (a.level === 'special') expect(a.name).toMatch(/专属网格$/);
    }
  });
});

describe('special grids', () => {
  const specials = city.areas.filter((a) => a.level === 'special');

  it('lie strictly inside their community, as small valid polygons', () => {
    expect(specials.length).toBeGreaterThan(0);
    for (const s of specials) {
      const community = byId.get(s.parentId!)!;
      expect(community.level).toBe('community');
      const communityIndex = city.areas.filter((a) => a.level === 'community').indexOf(community);
      expect(polygonProblems(s.geometry as Polygon)).toEqual([]);
      for (const [lon, lat] of (s.geometry as Polygon).coordinates[0]) {
        const [x, y] = lonLatToLattice(lattice, lon, lat);
        expect(hierarchy.communityOf[Math.floor(y) * lattice.nx + Math.floor(x)], s.name).toBe(communityIndex);
      }
    }
  });

  it('come in the Gulou class proportions, about 0.6 per grid', () => {
    const counts = specialCounts(991);
    expect(counts).toEqual({ daily: 44, key: 150, linkage: 411 });
    const grids = city.areas.filter((a) => a.level === 'grid').length;
    const expected = specialCounts(grids);
    for (const cls of Object.keys(GULOU_MIX) as (keyof typeof GULOU_MIX)[]) {
      expect(specials.filter((s) => s.specialClass === cls).length).toBe(expected[cls]);
    }
    expect(city.areas.filter((a) => a.level !== 'special').every((a) => a.specialClass === null)).toBe(true);
  });
});
