// Area reads shaped for the contract: GeoJSON features, details with breadcrumbs, aggregate profiles.
import type {
  AreaCollection,
  AreaDetail,
  AreaFeature,
  AreaLevel,
  AreaProfile,
  CityProfile,
} from '../../contract/areas.js';
import type { Queryable } from '../db/index.js';
import { NotFound } from '../http/errors.js';
import type { AuthUser } from '../auth/session.js';
import { disclosureKey } from '../population/disclosure.js';
import { disclosureOf } from '../population/queries.js';
import * as sql from './queries.js';
import { m } from '../../contract/messages/index.js';

export function toFeature(row: sql.AreaRow): AreaFeature {
  const { geometry, path: _path, ...props } = row;
  return { type: 'Feature', id: row.id, geometry: JSON.parse(geometry), properties: props };
}

export async function listAreas(
  q: Queryable,
  user: AuthUser,
  level?: AreaLevel,
  parent?: number,
): Promise<AreaCollection> {
  if (parent !== undefined) {
    const visible =
      (await sql.areaInScope(q, user.areaPath, parent)) ??
      ((await sql.isAncestorOfScope(q, user.areaPath, parent)) ? true : null);
    if (!visible) throw new NotFound(m('areas.notFoundInScope', { id: parent }));
  }
  const rows = await sql.areasInScope(q, user.areaPath, level, parent);
  return { type: 'FeatureCollection', features: rows.map(toFeature) };
}

export async function getArea(q: Queryable, user: AuthUser, id: number): Promise<AreaDetail> {
  const row = await sql.areaInScope(q, user.areaPath, id);
  if (!row) throw new NotFound(m('areas.notFoundInScope', { id }));
  const [ancestors, children, bbox] = await Promise.all([
    sql.ancestorsInScope(q, user.areaPath, row.path, id),
    sql.childSummary(q, id),
    sql.areaBbox(q, id),
  ]);
  return { ...toFeature(row), ancestors, children, bbox };
}

const BAND_LABELS = Array.from({ length: 19 }, (_, i) => (i === 18 ? '90+' : `${i * 5}-${i * 5 + 4}`));

export async function areaProfile(q: Queryable, user: AuthUser, id: number): Promise<AreaProfile> {
  const row = await sql.areaInScope(q, user.areaPath, id);
  if (!row) throw new NotFound(m('areas.notFoundInScope', { id }));
  const parts = await profileUnder(q, row.path, (measure) => disclosureKey.area(id, measure));
  return { areaId: id, population: row.population, households: row.households, ...parts };
}

/**
 * The city above the districts: every district in the caller's scope summed (an administrator of the whole
 * installation: all of them; an account of one district: that district alone, on its own keys, so the figures are
 * the district's). Counts of people are published like any other (threshold and rounding to base 10) on keys naming
 * the districts summed: the city minus the districts shown is a multiple of 10, never a withheld count.
 */
export async function cityProfile(q: Queryable, user: AuthUser): Promise<CityProfile> {
  const totals = await sql.districtTotals(q, user.areaPath);
  if (!totals.ids.length) throw new NotFound(m('areas.noDistrictInScope'));
  const key = (measure: string) =>
    totals.ids.length === 1 ? disclosureKey.area(totals.ids[0], measure) : disclosureKey.districts(totals.ids, measure);
  const [parts, disclose] = await Promise.all([profileUnder(q, user.areaPath, key), disclosureOf(q)]);
  return {
    districtIds: totals.ids,
    households: totals.households,
    population: disclose.count(totals.population, key('population')),
    elders60: disclose.count(totals.elders60, key('elders60')),
    elders80: disclose.count(totals.elders80, key('elders80')),
    ...parts,
  };
}

/** Age/sex bands, special groups, resources and workers under a path, each count of people on its own key. */
async function profileUnder(
  q: Queryable,
  path: string,
  key: (measure: string) => string,
): Promise<Pick<AreaProfile, 'ageBands' | 'specialGroups' | 'resources' | 'workers'>> {
  const [demo, resources, workers, disclose] = await Promise.all([
    sql.demographicsUnder(q, path),
    sql.resourcesUnder(q, path),
    sql.workersUnder(q, path),
    disclosureOf(q),
  ]);
  const bands = BAND_LABELS.map(() => ({ male: 0, female: 0 }));
  const groups = { lowIncome: 0, extremePoverty: 0, disabled: 0, childrenInDifficulty: 0, eldersAlone: 0 };
  for (const d of demo) {
    const b = bands[Math.min(d.band, 18)];
    if (d.sex === 1) b.male += d.people;
    else b.female += d.people;
    groups.lowIncome += d.lowIncome;
    groups.extremePoverty += d.extremePoverty;
    groups.disabled += d.disabled;
    groups.childrenInDifficulty += d.childDifficulty;
    groups.eldersAlone += d.elderAlone;
  }
  // Each count published on its own key: withheld under 10, else rounded to base 10 (population and elders living
  // alone under the same keys as the area's features and the canteen coverage, so every route gives the same figure).
  const GROUP_KEYS: Record<keyof typeof groups, string> = {
    lowIncome: 'low_income',
    extremePoverty: 'extreme_poverty',
    disabled: 'disabled',
    childrenInDifficulty: 'child_difficulty',
    eldersAlone: 'alone',
  };
  return {
    ageBands: bands.map((b, i) => ({
      band: BAND_LABELS[i],
      male: disclose.count(b.male, key(`band:${i}:m`)),
      female: disclose.count(b.female, key(`band:${i}:f`)),
    })),
    specialGroups: Object.fromEntries(
      Object.entries(groups).map(([g, n]) => [g, disclose.count(n, key(GROUP_KEYS[g as keyof typeof groups]))]),
    ) as AreaProfile['specialGroups'],
    resources,
    workers,
  };
}
