// Disclosure control for every published count of people (profiles, area features and tiles, elder density at
// every H3 resolution, canteen coverage, need-survey respondents, exports): what a reader who is not shown
// person-level rows may learn from counts.
//
// The method — threshold plus keyed random rounding to base 10:
//   • a count of 0 is published as 0;
//   • a count of 1–9 is withheld (null / left out);
//   • a count of 10 or more is rounded to a multiple of 10: n = 10q + r goes up to 10q + 10 with probability r/10
//     and down to 10q otherwise (unbiased: the expected published value is n).
// Because the rounding base equals the threshold, every published count is a multiple of 10, and so is any sum
// or difference of published counts, while every withheld count lies in 1–9: subtracting the visible parts from a
// total (a grid's profile minus its visible hexagons, a community minus its grids, a street minus its communities,
// a tile minus the API, the same hexagon asked for two scopes) never yields a withheld count. Totals are rounded
// independently of their parts, so the parts need not add up to the total.
//
// The draw that decides up or down is u = md5(secret | key) as a number in [0, 1): the secret is made once per
// database (migration 0023, table disclosure_secret) and never leaves the server, so a reader cannot tell from a
// published value which way it was rounded. The key names the people counted, not the question asked: an area and
// a measure; a hexagon, a metric and the grids summed into it; the buildings of the elders a canteen coverage counts
// (api/siting/area-scope.ts, peopleKey); the grids of a visit-compliance figure. So the same people asked for again —
// through another route, another scope, another radius, another day or node — come back with the same figure, and
// asking many ways gives one draw, not many to average. The SQL function disclose_count(n, key) computes the same
// value for counts published straight from SQL (vector tiles, area features, area exports).
//
// Rates (need shares, visit shares) are published to whole percentage points, their respondent counts rounded as
// above, so a rate times a count cannot be turned back into a withheld group's count. Figures derived from counts
// are coarsened to match (the p-median objective in elder·metres to 10,000, mean walks to whole metres, effective
// sample sizes to 10). Counts are exact only in person-level lists, for the roles allowed to see persons (and for
// them the visit-compliance counts); each such list is read with a stated purpose and written to the audit log.
//
// What it does not stop: a reader who can add or remove residents (an admin importing) can watch one figure change;
// admins may read person-level rows anyway. Many different figures over overlapping sets of people narrow what each
// can be, by intervals of about ±10, never to one exact value by subtraction.
import { createHash } from 'node:crypto';

/** Counts below this are withheld. */
export const MIN_PUBLISHED = 10;
/** Published counts are multiples of this (equal to the threshold: see above). */
export const ROUNDING_BASE = 10;
/** Decimals a published rate keeps (whole percentage points: with the respondents rounded, a rate cannot be turned back into named / respondents). */
export const RATE_DECIMALS = 2;

/** The keyed draw in [0, 1) that decides which way a count is rounded; same in SQL (disclose_count). */
export function drawOf(secret: string, key: string): number {
  const hex = createHash('md5').update(`${secret}|${key}`, 'utf8').digest('hex').slice(0, 12);
  return parseInt(hex, 16) / 2 ** 48;
}

/** A count as published, given its draw u in [0, 1): 0 → 0, 1–9 → null, else a multiple of 10 next to it. */
export function discloseCount(n: number, u: number): number | null {
  if (!Number.isFinite(n) || n <= 0) return 0;
  const whole = Math.round(n);
  if (whole < MIN_PUBLISHED) return null;
  const r = whole % ROUNDING_BASE;
  if (r === 0) return whole;
  return whole - r + (u < r / ROUNDING_BASE ? ROUNDING_BASE : 0);
}

/** A rate as published. */
export function discloseRate(x: number): number {
  const f = 10 ** RATE_DECIMALS;
  return Math.round(x * f) / f;
}

export interface Discloser {
  /** The count under its key, as published (null: withheld). */
  count(n: number, key: string): number | null;
  /** The same, with a withheld count published as 0 where the contract has no room for null (say so beside it). */
  countOr0(n: number, key: string): number;
}

export function discloser(secret: string): Discloser {
  const count = (n: number, key: string) => discloseCount(n, drawOf(secret, key));
  return { count, countOr0: (n, key) => count(n, key) ?? 0 };
}

/** Keys naming each published count. The same count reached by two routes must have the same key. */
export const disclosureKey = {
  /** A count on an area: population, elders60, elders80, alone, a special group, an age band (`band:3:m`). */
  area: (areaId: number, measure: string) => `area:${areaId}:${measure}`,
  /** A count summed over several districts (the city above them): the districts named, in id order. */
  districts: (ids: readonly number[], measure: string) =>
    `districts:${[...ids].sort((a, b) => a - b).join(',')}:${measure}`,
  /** A hexagon's count of a metric, summed over the given grids (the parts of it in the reader's scope). */
  cell: (measure: string, h3: string, gridIds: readonly number[]) =>
    `cell:${measure}:${h3}:${[...gridIds].sort((a, b) => a - b).join(',')}`,
  /** Anything else: a domain, then what identifies the count within it. */
  of: (...parts: (string | number | null | undefined)[]) =>
    parts.map((p) => (p === null || p === undefined ? '' : String(p))).join(':'),
};
