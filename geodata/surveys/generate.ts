// Demo needs-survey responses for a generated city: about half the households answer once (as in Jing'an's
// 210,000 questionnaires covering 50% of households), in one of six months. Each respondent's group comes from
// the person drawn (disabled, low-income, elder, child/teen, young adult, adult), and the items they name from
// group rates (elders: medical, canteen, home doctor; young adults: parcels, training; …) shifted per street and
// per grid, so areas differ and each street has its own first need. Deterministic for a seed.
import { NEED_ITEMS, RESPONDENT_GROUPS, type RespondentGroup } from '../../contract/needs.js';
import { RESIDENT_FLAGS, type City } from '../city/types.js';
import { Rng } from '../city/rng.js';

export interface SurveyColumns {
  count: number;
  month: Uint8Array; // index into months
  gridId: Int32Array;
  buildingId: Int32Array;
  group: Uint8Array; // index into RESPONDENT_GROUPS
  paper: Uint8Array; // 1 paper, 0 electronic
  needs: Int32Array; // bit i: NEED_ITEMS[i] named
}

const ITEM = Object.fromEntries(NEED_ITEMS.map((it, i) => [it.code, i])) as Record<string, number>;
const G = Object.fromEntries(RESPONDENT_GROUPS.map((g, i) => [g, i])) as Record<RespondentGroup, number>;

/** Base rate of each item per group: the area-wide top five are shared; each group's first need stands out. */
function baseRates(): Float64Array[] {
  const common: Record<string, number> = {
    surroundings: 0.42,
    culture_sports: 0.42,
    property: 0.38,
    maintenance: 0.36,
    public_facilities: 0.34,
    medical: 0.2,
    interest_class: 0.08,
    parcel: 0.18,
    vocational: 0.07,
    home_doctor: 0.1,
    elder_canteen: 0.08,
    day_care: 0.05,
    waste_sorting: 0.16,
    groceries: 0.14,
    employment: 0.06,
    after_school: 0.06,
  };
  const own: Record<RespondentGroup, Record<string, number>> = {
    elder: {
      medical: 0.64,
      elder_canteen: 0.44,
      home_doctor: 0.4,
      day_care: 0.3,
      groceries: 0.24,
      parcel: 0.06,
      vocational: 0.01,
      interest_class: 0.05,
    },
    child_teen: {
      interest_class: 0.68,
      after_school: 0.45,
      culture_sports: 0.42,
      medical: 0.08,
      elder_canteen: 0.01,
      home_doctor: 0.02,
    },
    young_adult: {
      parcel: 0.57,
      vocational: 0.32,
      culture_sports: 0.45,
      employment: 0.2,
      medical: 0.1,
      elder_canteen: 0.02,
      home_doctor: 0.03,
    },
    adult: { after_school: 0.18, parcel: 0.3, property: 0.44, elder_canteen: 0.12 },
    low_income: { vocational: 0.64, employment: 0.48, medical: 0.3, groceries: 0.22 },
    disabled: { home_doctor: 0.66, medical: 0.45, public_facilities: 0.48, day_care: 0.2 },
  };
  return RESPONDENT_GROUPS.map((g) => Float64Array.from(NEED_ITEMS, (it) => own[g][it.code] ?? common[it.code]));
}

/** Relative change per month (elder canteen and parcels rising, waste sorting settling as the rules bed in). */
const TREND: Record<string, number> = { elder_canteen: 0.04, parcel: 0.02, waste_sorting: -0.06, day_care: 0.02 };

function groupOf(age: number, flags: number): number {
  if (flags & RESIDENT_FLAGS.disabled) return G.disabled;
  if (flags & (RESIDENT_FLAGS.lowIncome | RESIDENT_FLAGS.extremePoverty)) return G.low_income;
  if (age >= 60) return G.elder;
  if (age < 18) return G.child_teen;
  if (age <= 35) return G.young_adult;
  return G.adult;
}

export function generateSurveys(city: City, seed: number, months: readonly string[], share = 0.5): SurveyColumns {
  const rng = new Rng(seed).fork('surveys');
  const base = baseRates();
  const nItems = NEED_ITEMS.length;
  // Street and grid factors: a lognormal shift per item, and one of the shared top items boosted per street.
  const parent = new Map(city.areas.map((a) => [a.id, a.parentId]));
  const streets = city.areas.filter((a) => a.level === 'street').map((a) => a.id);
  const streetFactor = new Map<number, Float64Array>();
  const shared = ['surroundings', 'culture_sports', 'property', 'maintenance', 'public_facilities', 'waste_sorting'];
  for (const s of streets) {
    const f = Float64Array.from(NEED_ITEMS, () => Math.exp(0.22 * rng.normal()));
    f[ITEM[rng.pick(shared)]] *= 1.65;
    streetFactor.set(s, f);
  }
  const gridFactor = new Map<number, Float64Array>();
  for (const a of city.areas)
    if (a.level === 'grid')
      gridFactor.set(
        a.id,
        Float64Array.from(NEED_ITEMS, () => Math.exp(0.15 * rng.normal())),
      );
  const streetOfGrid = (g: number) => parent.get(parent.get(g)!)!;
  const building = new Map(city.buildings.map((b) => [b.id, b]));
  // A smooth west–east gradient: parcels wanted more in the denser west, groceries more in the east.
  const lons = city.buildings.map((b) => b.lon);
  const west = Math.min(...lons),
    span = Math.max(...lons) - west || 1;
  const trend = Float64Array.from(NEED_ITEMS, (it) => TREND[it.code] ?? 0);

  const r = city.residents;
  const cap = Math.ceil(r.count * share * 0.6) + 16;
  const out: SurveyColumns = {
    count: 0,
    month: new Uint8Array(cap),
    gridId: new Int32Array(cap),
    buildingId: new Int32Array(cap),
    group: new Uint8Array(cap),
    paper: new Uint8Array(cap),
    needs: new Int32Array(cap),
  };
  const p = new Float64Array(nItems);
  let start = 0;
  while (start < r.count) {
    // one household: consecutive residents with the same building and household number
    let end = start + 1;
    while (end < r.count && r.buildingId[end] === r.buildingId[start] && r.household[end] === r.household[start]) end++;
    if (rng.chance(share) && out.count < cap) {
      // the respondent: a random member aged 12+, or (a household of young children) its oldest member
      let who = start + Math.floor(rng.next() * (end - start));
      for (let k = 0; k < 3 && r.age[who] < 12; k++) who = start + Math.floor(rng.next() * (end - start));
      const b = building.get(r.buildingId[who])!;
      const grid = b.gridId;
      const g = groupOf(r.age[who], r.flags[who]);
      const m = Math.floor(rng.next() * months.length);
      const sf = streetFactor.get(streetOfGrid(grid))!;
      const gf = gridFactor.get(grid)!;
      const x = (b.lon - west) / span;
      let mask = 0;
      for (let i = 0; i < nItems; i++) {
        p[i] = base[g][i] * sf[i] * gf[i] * (1 + trend[i] * (m - (months.length - 1) / 2));
        if (i === ITEM.parcel) p[i] *= 1.3 - 0.5 * x;
        if (i === ITEM.groceries) p[i] *= 0.7 + 0.7 * x;
        if (rng.chance(Math.min(0.95, p[i]))) mask |= 1 << i;
      }
      const k = out.count++;
      out.month[k] = m;
      out.gridId[k] = grid;
      out.buildingId[k] = b.id;
      out.group[k] = g;
      out.paper[k] = rng.chance(g === G.elder || g === G.disabled ? 0.7 : 0.3) ? 1 : 0;
      out.needs[k] = mask;
    }
    start = end;
  }
  return out;
}

/** The `count` months ending with the month of `end`, as 'YYYY-MM-01', oldest first. */
export function surveyMonths(end: Date, count = 6): string[] {
  const y = end.getUTCFullYear(),
    m = end.getUTCMonth();
  return Array.from({ length: count }, (_, i) => {
    const d = new Date(Date.UTC(y, m - (count - 1 - i), 1));
    return d.toISOString().slice(0, 10);
  });
}
