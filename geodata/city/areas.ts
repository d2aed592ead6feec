// Area records for the district, streets, communities and grids: codes, names, polygons.
// Counts are filled in later from the residents (see counts.ts).
import { type Lattice, latticeToLonLat } from './lattice.js';
import type { Hierarchy } from './hierarchy.js';
import { UniqueNames, communityName, streetName } from './names.js';
import { traceRings, ringsToGeometry } from './outline.js';
import type { Rng } from './rng.js';
import type { AreaRecord } from './types.js';

export const COUNTY_CODE = '310190';
export const pad3 = (n: number) => String(n).padStart(3, '0');

export interface AreaIds {
  district: AreaRecord;
  streets: AreaRecord[];
  communities: AreaRecord[];
  grids: AreaRecord[];
}

/** Polygon of a set of cells; vertices where 3+ grids (or the outside) meet are always kept. */
export function cellsGeometry(l: Lattice, cells: readonly number[], inSet: (c: number) => boolean, gridOf: Int32Array) {
  const labelAt = (i: number, j: number) => (i < 0 || j < 0 || i >= l.nx || j >= l.ny ? -1 : gridOf[j * l.nx + i]);
  const junction = (i: number, j: number) => {
    const a = labelAt(i - 1, j - 1);
    const b = labelAt(i, j - 1);
    const c = labelAt(i - 1, j);
    const d = labelAt(i, j);
    const distinct = 1 + (b !== a ? 1 : 0) + (c !== a && c !== b ? 1 : 0) + (d !== a && d !== b && d !== c ? 1 : 0);
    return distinct >= 3;
  };
  return ringsToGeometry(traceRings(l, cells, inSet, junction), (i, j) => latticeToLonLat(l, i, j));
}

export function buildAreas(l: Lattice, h: Hierarchy, districtCells: number[], rng: Rng, onArea?: () => void): AreaIds {
  const names = new UniqueNames(rng);
  let nextId = 1;
  const area = (
    code: string,
    name: string,
    level: AreaRecord['level'],
    parentId: number | null,
    cells: readonly number[],
    inSet: (c: number) => boolean,
  ): AreaRecord => {
    onArea?.();
    return {
      id: nextId++,
      code,
      name,
      level,
      parentId,
      specialClass: null,
      geometry: cellsGeometry(l, cells, inSet, h.gridOf),
      households: 0,
      population: 0,
      elders60: 0,
      elders80: 0,
    };
  };
  const district = area(
    `${COUNTY_CODE}000000`,
    '静安示范区（合成数据）',
    'district',
    null,
    districtCells,
    (c) => h.gridOf[c] >= 0,
  );

  const towns = new Set([h.streets.length - 1, h.streets.length - 2].filter((k) => k >= 2));
  const streets = h.streets.map((p, k) =>
    area(
      `${COUNTY_CODE}${pad3(k + 1)}000`,
      names.draw((r) => streetName(r, towns.has(k))),
      'street',
      district.id,
      p.cells,
      (c) => h.streetOf[c] === k,
    ),
  );

  const seqInStreet = new Map<number, number>();
  const communities = h.communities.map((p, k) => {
    const street = streets[p.parent];
    const seq = (seqInStreet.get(p.parent) ?? 0) + 1;
    seqInStreet.set(p.parent, seq);
    return area(
      `${street.code.slice(0, 9)}${pad3(seq)}`,
      names.draw(communityName),
      'community',
      street.id,
      p.cells,
      (c) => h.communityOf[c] === k,
    );
  });

  const seqInCommunity = new Map<number, number>();
  const grids = h.grids.map((p, k) => {
    const community = communities[p.parent];
    const seq = (seqInCommunity.get(p.parent) ?? 0) + 1;
    seqInCommunity.set(p.parent, seq);
    return area(
      `${community.code}${pad3(seq)}`,
      `${community.name}第${seq}网格`,
      'grid',
      community.id,
      p.cells,
      (c) => h.gridOf[c] === k,
    );
  });
  return { district, streets, communities, grids };
}
