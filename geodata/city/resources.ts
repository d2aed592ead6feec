// Service resources (长者食堂, 养老服务站, 卫生服务站, 菜场, 快递柜, 健身点, …) at per-community
// rates like central Shanghai's, each placed in a grid's housing, named and given a capacity.
import { type Lattice, latticeToLonLat } from './lattice.js';
import type { Hierarchy } from './hierarchy.js';
import { shortName } from './names.js';
import type { Rng } from './rng.js';
import type { AreaRecord, BuildingRecord, ResourceKind, ResourceRecord } from './types.js';

/** Expected count per community (community_office exactly one; clinics add one centre per street). */
export const PER_COMMUNITY: Record<ResourceKind, number> = {
  community_office: 1,
  parcel_locker: 2,
  sports: 1.8,
  culture: 0.8,
  elder_station: 0.6,
  elder_canteen: 0.4,
  day_care: 0.25,
  clinic: 0.3,
  market: 0.25,
  school: 0.2,
};

const CAPACITY: Record<ResourceKind, [number, number]> = {
  community_office: [40, 120], // visitors a day
  parcel_locker: [100, 400], // compartments
  sports: [20, 80], // people at once
  culture: [30, 150], // seats
  elder_station: [20, 80], // elders served
  elder_canteen: [80, 300], // meals a day
  day_care: [20, 60], // places
  clinic: [60, 200], // visits a day (a centre: ×3)
  market: [40, 150], // stalls
  school: [400, 1800], // pupils
};

function resourceName(kind: ResourceKind, community: string, estate: string, rng: Rng): string {
  const x = shortName(community);
  switch (kind) {
    case 'community_office':
      return `${community}居委会`;
    case 'parcel_locker':
      return rng.chance(0.5) ? `丰巢快递柜（${estate}）` : `菜鸟驿站（${estate}）`;
    case 'sports':
      return rng.chance(0.5) ? `${estate}健身点` : `${x}市民益智健身苑点`;
    case 'culture':
      return `${x}文化活动室`;
    case 'elder_station':
      return `${x}养老服务站`;
    case 'elder_canteen':
      return rng.chance(0.5) ? `${x}长者食堂` : `${x}社区食堂`;
    case 'day_care':
      return `${x}日间照料中心`;
    case 'clinic':
      return `${x}卫生服务站`;
    case 'market':
      return `${x}菜场`;
    case 'school':
      return rng.pick([`${x}小学`, `${x}幼儿园`, `${x}中学`]);
  }
}

export function placeResources(
  l: Lattice,
  h: Hierarchy,
  areas: { streets: AreaRecord[]; communities: AreaRecord[]; grids: AreaRecord[] },
  buildings: BuildingRecord[],
  rng: Rng,
): ResourceRecord[] {
  const out: ResourceRecord[] = [];
  const buildingsOfGrid = new Map<number, BuildingRecord[]>();
  for (const b of buildings) {
    const list = buildingsOfGrid.get(b.gridId);
    if (list) list.push(b);
    else buildingsOfGrid.set(b.gridId, [b]);
  }
  const gridsOfCommunity = areas.communities.map(() => [] as number[]);
  h.grids.forEach((g, k) => gridsOfCommunity[g.parent].push(k));

  const add = (kind: ResourceKind, gridIndex: number, name: string, capacityFactor = 1) => {
    const part = h.grids[gridIndex];
    const housing = part.cells.filter((c) => l.weight[c] > 0);
    const cells = housing.length > 0 ? housing : part.cells;
    const c = rng.pick(cells);
    const i = c % l.nx;
    const [lon, lat] = latticeToLonLat(l, i + rng.range(0.1, 0.9), (c - i) / l.nx + rng.range(0.1, 0.9));
    const [lo, hi] = CAPACITY[kind];
    out.push({
      id: out.length + 1,
      kind,
      name,
      lon,
      lat,
      gridId: areas.grids[gridIndex].id,
      capacity: Math.round(rng.range(lo, hi) * capacityFactor),
    });
  };
  const estateOf = (gridIndex: number) =>
    rng.pick(buildingsOfGrid.get(areas.grids[gridIndex].id)!).address.replace(/\d+号$/, '');

  // One community health centre per street, in its most populous community.
  areas.streets.forEach((street, s) => {
    let best = -1;
    h.communities.forEach((c, k) => {
      if (c.parent === s && (best < 0 || c.weight > h.communities[best].weight)) best = k;
    });
    add('clinic', rng.pick(gridsOfCommunity[best]), `${shortName(street.name)}社区卫生服务中心`, 3);
  });
  areas.communities.forEach((community, k) => {
    for (const kind of Object.keys(PER_COMMUNITY) as ResourceKind[]) {
      const rate = PER_COMMUNITY[kind];
      const n = Math.floor(rate) + (rng.chance(rate - Math.floor(rate)) ? 1 : 0);
      for (let m = 0; m < n; m++) {
        const g = rng.pick(gridsOfCommunity[k]);
        add(kind, g, resourceName(kind, community.name, estateOf(g), rng));
      }
    }
  });
  return out;
}
