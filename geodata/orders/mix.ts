// What a year of work orders looks like in the demo district: the category mix by family, the
// seasons (summer noise and rubbish, winter gas and wiring), office hours, where reports come from,
// and hazard levels (一般/较大/重大 in the seed's 1,097 : 380 : 23 proportion).
import { type OrderFamily, categoryByCode } from '../../contract/order-categories.js';
import type { HazardLevel, OrderSource } from '../../contract/orders.js';
import type { Rng } from '../city/rng.js';

export const DAY_MS = 86_400_000;
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

/** Share of a year's orders by family. Disputes 9% ≈ 1,800 of 20,000 (seed 003). */
export const FAMILY_SHARE: Readonly<Record<OrderFamily, number>> = {
  sanitation: 22,
  city_appearance: 14,
  safety: 15,
  convenience: 10,
  dispute: 9,
  facility: 8,
  parking: 5,
  noise: 5,
  property: 4,
  special_care: 3,
  illegal_construction: 2,
  group_renting: 1.5,
  other: 1.5,
};

/**
 * Categories within a family. Disputes and convenience follow the seed's counts (neighbour 720,
 * property 540, labour 280, other 260; social insurance 3,200, residence permit 1,800, assistance
 * 950, senior card 1,500). Most of the 8,900 convenience items are served at the counter and never
 * become orders, so the family's share of orders is far smaller than that count.
 */
export const CATEGORY_WEIGHTS: Readonly<Record<OrderFamily, Readonly<Record<string, number>>>> = {
  sanitation: { 'SAN-01': 35, 'SAN-02': 20, 'SAN-03': 25, 'SAN-04': 20 },
  city_appearance: { 'CIT-01': 50, 'CIT-02': 28, 'CIT-03': 22 },
  safety: {
    'SAF-01': 15,
    'SAF-02': 12,
    'SAF-03': 12,
    'SAF-04': 10,
    'SAF-05': 6,
    'SAF-06': 8,
    'SAF-07': 10,
    'SAF-08': 5,
    'SAF-09': 16,
    'SAF-10': 6,
  },
  convenience: { 'CNV-01': 3200, 'CNV-02': 1800, 'CNV-03': 950, 'CNV-04': 1500 },
  dispute: { 'DIS-01': 720, 'DIS-02': 540, 'DIS-03': 280, 'DIS-04': 130, 'DIS-05': 130 },
  facility: { 'FAC-01': 35, 'FAC-02': 10, 'FAC-03': 30, 'FAC-04': 25 },
  parking: { 'PRK-01': 70, 'PRK-02': 30 },
  noise: { 'NOI-01': 35, 'NOI-02': 40, 'NOI-03': 25 },
  property: { 'PRO-01': 65, 'PRO-02': 35 },
  special_care: { 'CARE-01': 50, 'CARE-02': 10, 'CARE-03': 20, 'CARE-04': 20 },
  illegal_construction: { 'ILC-01': 75, 'ILC-02': 25 },
  group_renting: { 'GRP-01': 1 },
  other: { 'OTH-01': 1 },
};

// Month factors (January first), local time.
const SUMMER = [0.7, 0.7, 0.85, 1, 1.1, 1.35, 1.5, 1.45, 1.1, 0.9, 0.75, 0.7];
const WARM = [0.85, 0.85, 0.9, 1, 1.05, 1.2, 1.3, 1.3, 1.1, 0.95, 0.9, 0.85];
const WINTER = [1.4, 1.35, 1.1, 0.9, 0.85, 0.8, 0.8, 0.8, 0.85, 0.95, 1.15, 1.4];
const FESTIVAL_DIP = [0.95, 0.65, 1.1, 1, 1, 1, 1, 0.95, 1.05, 0.9, 1.05, 1.1];
const FAMILY_SEASON: Partial<Record<OrderFamily, readonly number[]>> = {
  noise: SUMMER,
  sanitation: WARM,
  city_appearance: WARM,
  safety: WINTER,
  convenience: FESTIVAL_DIP,
};
/** Heating season: gas, wiring and e-bike charging peak harder than the rest of safety. */
const CATEGORY_SEASON: Readonly<Record<string, readonly number[]>> = {
  'SAF-03': WINTER,
  'SAF-04': WINTER,
  'SAF-09': WINTER,
};

// Reports by local hour: office hours, a lunch dip, an evening tail for hotline calls.
const HOURS_DESK = [
  0.2, 0.1, 0.1, 0.1, 0.1, 0.2, 0.5, 1.2, 2.5, 4, 4.2, 3.6, 2.2, 3, 3.8, 3.8, 3.2, 2.4, 1.6, 1.4, 1.2, 0.9, 0.6, 0.4,
];
const HOURS_PATROL = [0, 0, 0, 0, 0, 0, 0, 0.3, 2.5, 4, 4, 3.5, 1.5, 3, 4, 4, 3.2, 1.2, 0.2, 0, 0, 0, 0, 0];
const HOURS_NIGHT = [
  1.5, 1, 0.5, 0.2, 0.1, 0.2, 0.6, 1.2, 1.5, 1.5, 1.5, 1.4, 1.2, 1.2, 1.3, 1.3, 1.4, 1.6, 2, 2.6, 3.2, 3.4, 3, 2.2,
];
/** Mon..Sun (index 0 = Monday): patrols and service points work weekdays; residents call any day. */
const WEEKDAY_PATROL = [1, 1, 1, 1, 1, 0.25, 0.15];
const WEEKDAY_DESK = [1, 1, 1, 1, 0.95, 0.6, 0.5];

type SourceMix = Readonly<Partial<Record<OrderSource, number>>>;
const SOURCES: Partial<Record<OrderFamily, SourceMix>> = {
  dispute: { grid_worker: 40, hotline_12345: 45, app: 13, open311: 2 },
  noise: { hotline_12345: 65, app: 25, grid_worker: 8, open311: 2 },
  convenience: { grid_worker: 60, app: 30, hotline_12345: 10 },
  special_care: { grid_worker: 90, hotline_12345: 10 },
  parking: { hotline_12345: 45, app: 30, grid_worker: 23, open311: 2 },
  property: { hotline_12345: 50, app: 30, grid_worker: 18, open311: 2 },
  group_renting: { grid_worker: 50, hotline_12345: 40, app: 10 },
  other: { hotline_12345: 50, app: 30, grid_worker: 20 },
};
const PATROL_SOURCES: SourceMix = { grid_worker: 70, hotline_12345: 18, app: 10, open311: 2 };

export const localMonth = (ms: number) => new Date(ms + SHANGHAI_OFFSET_MS).getUTCMonth();
export const localHour = (ms: number) => new Date(ms + SHANGHAI_OFFSET_MS).getUTCHours();
/** 0 = Monday … 6 = Sunday. */
export const localWeekday = (ms: number) => (new Date(ms + SHANGHAI_OFFSET_MS).getUTCDay() + 6) % 7;
/** Local midnight (as a UTC instant) of the day that contains ms. */
export const localMidnight = (ms: number) =>
  Math.floor((ms + SHANGHAI_OFFSET_MS) / DAY_MS) * DAY_MS - SHANGHAI_OFFSET_MS;

function pickKey<K extends string>(
  rng: Rng,
  weights: Readonly<Partial<Record<K, number>>>,
  factor: (k: K) => number = () => 1,
): K {
  const keys = Object.keys(weights) as K[];
  return keys[rng.weighted(keys.map((k) => (weights[k] ?? 0) * factor(k)))];
}

/** A family by its share of the year (seasons are applied to the report time, see seasonFactor). */
export function pickFamily(rng: Rng): OrderFamily {
  return pickKey(rng, FAMILY_SHARE);
}

/** How much more (or less) often a family is reported in local month `month`; at most 1.5. */
export function seasonFactor(family: OrderFamily, month: number): number {
  return FAMILY_SEASON[family]?.[month] ?? 1;
}
export const MAX_SEASON_FACTOR = 1.5;

/** A category of the family; heating-season hazards lean to winter. */
export function pickCategoryIn(rng: Rng, family: OrderFamily, month: number): string {
  return pickKey(rng, CATEGORY_WEIGHTS[family], (c) => CATEGORY_SEASON[c]?.[month] ?? 1);
}

export function pickSource(rng: Rng, family: OrderFamily): OrderSource {
  return pickKey(rng, SOURCES[family] ?? PATROL_SOURCES);
}

/** Safety reports state a level; categories that default to 较大 lean that way. */
export function pickHazard(rng: Rng, categoryCode: string): HazardLevel | undefined {
  const cat = categoryByCode(categoryCode);
  if (!cat?.hazardRequired) return undefined;
  const w = cat.defaultHazard === 'major' ? [0.65, 0.33, 0.02] : [0.92, 0.075, 0.005];
  return (['general', 'major', 'critical'] as const)[rng.weighted(w)];
}

/**
 * A report time in [start, end): a day weighted by weekday, then an hour by the source's profile.
 * Patrol reports keep to working hours; noise comes in the evening.
 */
export function pickTime(rng: Rng, start: number, end: number, source: OrderSource, family: OrderFamily): number {
  const patrol = source === 'grid_worker';
  const hours = patrol ? HOURS_PATROL : family === 'noise' ? HOURS_NIGHT : HOURS_DESK;
  const week = patrol ? WEEKDAY_PATROL : WEEKDAY_DESK;
  const days = Math.ceil((end - start) / DAY_MS);
  for (let attempt = 0; attempt < 20; attempt++) {
    const day = localMidnight(start) + rng.int(0, days) * DAY_MS;
    if (!rng.chance(week[localWeekday(day + DAY_MS / 2)])) continue;
    const t = day + rng.weighted(hours) * 3_600_000 + rng.int(0, 3_599_999);
    if (t >= start && t < end) return t;
  }
  return start + Math.floor(rng.next() * (end - start));
}
