// Points of interest and service resources: community centres at the real residents' committee points,
// elder canteens (助餐点), clinics, markets and schools in generated buildings, parks and campuses.
import type { Rng } from '../../geodata/city/rng.js';
import type { Building } from './buildings.js';
import type { XY } from './frame.js';
import type { Zone } from './zones.js';

export interface Poi {
  name: string;
  /** Gridwall's resource kind where the place is a service resource. */
  kind: string | null;
  /** The category as a district's list would write it. */
  type: string;
  /** OpenStreetMap tags. */
  tags: Record<string, string>;
  at: XY;
  capacity: number | null;
}

export interface CommitteePoint {
  name: string;
  code: string;
  at: XY;
}

const centre = (b: Building): XY => {
  const n = b.ring.length - 1;
  let [x, y] = [0, 0];
  for (let i = 0; i < n; i++) {
    x += b.ring[i][0];
    y += b.ring[i][1];
  }
  return [x / n, y / n];
};

const short = (road: string) => road.replace(/(大街|路|街|巷|里|弄)$/, '');

interface Kind {
  kind: string;
  type: string;
  tags: Record<string, string>;
  per: number;
  from: (b: Building) => boolean;
  name: (b: Building, rng: Rng) => string;
  capacity: [number, number];
}

const KINDS: Kind[] = [
  {
    kind: 'elder_canteen',
    type: '助餐点',
    tags: { amenity: 'social_facility', social_facility: 'food_bank', 'social_facility:for': 'senior' },
    per: 45,
    from: (b) => b.households !== null,
    name: (b) => `${short(b.road)}社区助餐点`,
    capacity: [80, 300],
  },
  {
    kind: 'clinic',
    type: '卫生服务站',
    tags: { amenity: 'clinic', healthcare: 'clinic' },
    per: 110,
    from: (b) => b.kind !== 'tower',
    name: (b) => `${short(b.road)}社区卫生服务站`,
    capacity: [60, 200],
  },
  {
    kind: 'market',
    type: '菜市场',
    tags: { amenity: 'marketplace' },
    per: 220,
    from: (b) => b.kind === 'lowrise' || b.kind === 'institution',
    name: (b) => `${short(b.road)}菜场`,
    capacity: [40, 150],
  },
  {
    kind: 'school',
    type: '学校',
    tags: { amenity: 'school' },
    per: 160,
    from: (b) => b.kind === 'institution',
    name: (b, rng) => `${short(b.road)}${rng.pick(['小学', '中学', '实验小学', '幼儿园'])}`,
    capacity: [400, 1800],
  },
];

export function placePois(buildings: Building[], committees: CommitteePoint[], zones: Zone[], rng: Rng): Poi[] {
  const out: Poi[] = committees.map((c) => ({
    name: `${c.name.replace(/(居委会|村委会)$/, '')}党群服务中心`,
    kind: 'community_office',
    type: '社区服务中心',
    tags: { amenity: 'community_centre', ref: c.code },
    at: c.at,
    capacity: rng.int(40, 120),
  }));
  const taken = new Set<string>(out.map((p) => p.name));
  for (const k of KINDS) {
    const pool = buildings.filter(k.from);
    const want = Math.max(1, Math.round(buildings.length / k.per));
    for (let n = 0, tries = 0; n < want && tries < want * 20 && pool.length; tries++) {
      const b = rng.pick(pool);
      let name = k.name(b, rng);
      if (taken.has(name)) {
        const suffix = /(助餐点|卫生服务站|菜场|小学|中学|幼儿园)$/.exec(name)?.[1] ?? '';
        name = `${name.slice(0, name.length - suffix.length)}${b.number}号${suffix}`;
      }
      if (taken.has(name)) continue;
      taken.add(name);
      out.push({ name, kind: k.kind, type: k.type, tags: k.tags, at: centre(b), capacity: rng.int(...k.capacity) });
      n++;
    }
  }
  for (const z of zones)
    out.push({
      name: z.name,
      kind: null,
      type: z.kind === 'park' ? '公园' : '高校',
      tags: z.kind === 'park' ? { leisure: 'park' } : { amenity: 'university' },
      at: z.centre,
      capacity: null,
    });
  return out;
}
