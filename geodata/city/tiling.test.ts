import type { Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { generateCityWithLattice } from './index.js';
import { lonLatToLattice } from './lattice.js';
import { polygonArea, polygonProblems } from './polygon-checks.js';
import type { AreaRecord } from './types.js';

const { city, lattice, hierarchy } = generateCityWithLattice({ size: 'small', seed: 11 });
const tiled = city.areas.filter((a) => a.level !== 'special');
const childrenOf = (a: AreaRecord) => tiled.filter((c) => c.parentId === a.id);

describe('area tiling (small city)', () => {
  it("partitions each community's cells exactly among its grids (and streets, communities likewise)", () => {
    const levels = [
      { parts: hierarchy.streets, parentLabel: null, label: hierarchy.streetOf },
      { parts: hierarchy.communities, parentLabel: hierarchy.streetOf, label: hierarchy.communityOf },
      { parts: hierarchy.grids, parentLabel: hierarchy.communityOf, label: hierarchy.gridOf },
    ];
    for (const { parts, parentLabel, label } of levels) {
      const seen = new Set<number>();
      parts.forEach((p, k) => {
        for (const c of p.cells) {
          expect(seen.has(c)).toBe(false);
          seen.add(c);
          expect(label[c]).toBe(k);
          if (parentLabel) expect(parentLabel[c]).toBe(p.parent);
        }
      });
      const districtCells = [...lattice.inside].filter(Boolean).length;
      expect(seen.size).toBe(districtCells);
    }
  });

  it('makes every tiled area one valid Polygon: closed, CCW shell, CW holes, no self-touching', () => {
    for (const a of tiled) {
      expect(a.geometry.type, a.name).toBe('Polygon');
      expect(polygonProblems(a.geometry as Polygon), a.name).toEqual([]);
    }
  });

  it("makes children's polygon areas sum to their parent's", () => {
    for (const parent of tiled.filter((a) => a.level !== 'grid')) {
      const sum = childrenOf(parent).reduce((s, c) => s + polygonArea(c.geometry), 0);
      const own = polygonArea(parent.geometry);
      expect(Math.abs(sum - own) / own, parent.name).toBeLessThan(1e-12);
    }
  });

  it("shares vertices exactly between neighbours: no grid vertex lies inside another grid's edge", () => {
    const grids = tiled.filter((a) => a.level === 'grid');
    const key = (p: number[]) => `${p[0]},${p[1]}`;
    const vertices = new Map<string, number[]>();
    for (const g of grids)
      for (const ring of (g.geometry as Polygon).coordinates) for (const p of ring) vertices.set(key(p), p);
    const toLattice = (p: number[]) => lonLatToLattice(lattice, p[0], p[1]).map(Math.round);
    const points = [...vertices.values()].map((p) => ({ q: toLattice(p) }));
    const tJunctions: string[] = [];
    for (const g of grids) {
      for (const ring of (g.geometry as Polygon).coordinates) {
        for (let k = 0; k + 1 < ring.length; k++) {
          const [a, b] = [toLattice(ring[k]), toLattice(ring[k + 1])];
          for (const { q } of points) {
            const inside =
              a[0] === b[0]
                ? q[0] === a[0] && q[1] > Math.min(a[1], b[1]) && q[1] < Math.max(a[1], b[1])
                : q[1] === a[1] && q[0] > Math.min(a[0], b[0]) && q[0] < Math.max(a[0], b[0]);
            if (inside) tJunctions.push(`${g.name} edge ${k}`);
          }
        }
      }
    }
    expect(tJunctions).toEqual([]);
  });

  it('keeps every vertex exactly on the lattice it was cut from', () => {
    for (const a of tiled) {
      for (const ring of (a.geometry as Polygon).coordinates) {
        for (const [lon, lat] of ring) {
          const [x, y] = lonLatToLattice(lattice, lon, lat);
          expect(Math.abs(x - Math.round(x))).toBeLessThan(1e-3);
          expect(Math.abs(y - Math.round(y))).toBeLessThan(1e-3);
        }
      }
    }
  });
});
