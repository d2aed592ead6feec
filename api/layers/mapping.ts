// What a layer's properties mean: which field holds the name, households, floors, address, class or kind
// (named in the options, else guessed from common Chinese, English and OSM names), and how values map onto
// Gridwall's road classes and resource kinds.
import type { LayerMapping } from '../../contract/layers.js';
import { m } from '../../contract/messages/index.js';
import { Invalid } from '../http/errors.js';

const GUESS: Record<Exclude<keyof LayerMapping, 'wkt' | 'lon' | 'lat' | 'swapAxes'>, RegExp[]> = {
  name: [/^(name|名称|名字|mc|name:zh|楼栋名称|楼名)$/i, /名称|name/i],
  code: [/^(code|编码|代码|警格编码|jgbm|bm|dm)$/i, /编码|代码|code/i],
  households: [/^(households|hh|户数|总户数|hs)$/i, /户数|household/i],
  floors: [/^(building:levels|层数|floors|levels|楼层数|cs)$/i, /层数|levels|floors/i],
  address: [/^(地址|address|addr|门牌|门牌地址|dz)$/i, /地址|address/i],
  roadClass: [/^(highway|class|road_class|道路等级|等级|fclass|type|类型)$/i, /等级|class/i],
  kind: [/^(类型|kind|type|类别|amenity|shop|leisure|fclass)$/i, /类型|类别|kind/i],
};

export function pickField(fields: string[], named: string | undefined, what: keyof typeof GUESS): string | null {
  if (named) {
    if (!fields.includes(named))
      throw new Invalid(m('import.noProperty', { name: named, fields: fields.join(', ') }), { fields });
    return named;
  }
  for (const re of GUESS[what]) {
    const f = fields.find((x) => re.test(x.trim()));
    if (f) return f;
  }
  return null;
}

export const text = (v: unknown): string => (v == null ? '' : String(v)).trim();

/** A whole positive number from a property ("6", "6层", 6.0), or null. */
export function count(v: unknown): number | null {
  const t = text(v).replace(/[层户楼f]$/i, '');
  if (t === '') return null;
  const n = Number(t);
  return Number.isFinite(n) && n >= 0 ? Math.round(n) : null;
}

/** The address from 地址/address, else OSM addr:* parts (street + housenumber), else ''. */
export function addressOf(props: Record<string, unknown>, field: string | null): string {
  if (field) return text(props[field]).slice(0, 200);
  const parts = ['addr:city', 'addr:district', 'addr:street', 'addr:housenumber'].map((k) => text(props[k]));
  return parts.join('').slice(0, 200);
}

const ROAD_CLASS: Record<string, 'arterial' | 'secondary' | 'local' | 'path'> = {
  motorway: 'arterial',
  motorway_link: 'arterial',
  trunk: 'arterial',
  trunk_link: 'arterial',
  primary: 'arterial',
  primary_link: 'arterial',
  arterial: 'arterial',
  快速路: 'arterial',
  主干路: 'arterial',
  主干道: 'arterial',
  secondary: 'secondary',
  secondary_link: 'secondary',
  tertiary: 'secondary',
  tertiary_link: 'secondary',
  次干路: 'secondary',
  次干道: 'secondary',
  local: 'local',
  unclassified: 'local',
  residential: 'local',
  service: 'local',
  living_street: 'local',
  track: 'local',
  支路: 'local',
  街巷: 'local',
  path: 'path',
  footway: 'path',
  pedestrian: 'path',
  steps: 'path',
  cycleway: 'path',
  corridor: 'path',
  步行道: 'path',
  人行道: 'path',
  小路: 'path',
};

/** The stored class of a road from its class value; unknown values are local streets. */
export const roadClassOf = (v: string): 'arterial' | 'secondary' | 'local' | 'path' =>
  ROAD_CLASS[v.trim().toLowerCase()] ?? ROAD_CLASS[v.trim()] ?? 'local';

const RESOURCE_KIND: [RegExp, string][] = [
  [/^(elder_canteen|老年食堂|长者食堂|长者饭堂|助餐点|老年助餐点|社区食堂)$/i, 'elder_canteen'],
  [/^(elder_station|养老服务站|养老驿站|为老服务站|养老服务中心|nursing_home|social_facility)$/i, 'elder_station'],
  [/^(day_care|日间照料中心|日照中心|托养中心)$/i, 'day_care'],
  [/^(clinic|doctors|hospital|health_post|卫生服务站|卫生服务中心|社区卫生服务中心|诊所|医院|卫生室)$/i, 'clinic'],
  [/^(market|marketplace|supermarket|greengrocer|convenience|菜场|菜市场|农贸市场|超市|便利店)$/i, 'market'],
  [/^(school|kindergarten|college|学校|小学|中学|幼儿园)$/i, 'school'],
  [/^(park|playground|fitness_station|sports_centre|pitch|sports|公园|健身点|体育场|运动场|广场)$/i, 'sports'],
  [/^(community_centre|community_office|居委会|社区居委会|社区服务中心|党群服务中心|townhall)$/i, 'community_office'],
  [/^(library|arts_centre|culture|文化活动室|图书馆|文化站|文化中心)$/i, 'culture'],
  [/^(parcel_locker|快递柜|驿站|快递驿站)$/i, 'parcel_locker'],
  [/^(shared_hut|共享小屋)$/i, 'shared_hut'],
  [/^(social_org|ngo|社会组织)$/i, 'social_org'],
];

/** The resource kind for a feature: the kind column when mapped, else OSM amenity/shop/leisure/healthcare tags. */
export function resourceKindOf(
  props: Record<string, unknown>,
  field: string | null,
): { raw: string; kind: string | null } {
  const candidates = field
    ? [text(props[field])]
    : ['social_facility', 'amenity', 'healthcare', 'shop', 'leisure', 'office'].map((k) => text(props[k]));
  for (const raw of candidates) {
    if (!raw) continue;
    const hit = RESOURCE_KIND.find(([re]) => re.test(raw));
    if (hit) return { raw, kind: hit[1] };
  }
  return { raw: candidates.find((c) => c) ?? '', kind: null };
}
