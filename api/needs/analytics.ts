// Need rates from survey sums: weighted shares with 95% Wilson intervals, ranks and ties, month-on-month change,
// breakdowns by area level or group (top 10 each, first need), trends and need heat cells. Small cells suppressed;
// respondent counts published withheld under 10 or rounded to base 10, rates to whole percentage points (population/disclosure.ts),
// so a community's figures minus its grids' do not give a suppressed grid's back.
import {
  MIN_RESPONDENTS,
  NEED_ITEMS,
  RESPONDENT_GROUPS,
  needBit,
  type BreakdownRow,
  type NeedBreakdown,
  type NeedBreakdownQuery,
  type NeedHeat,
  type NeedRate,
  type NeedRates,
  type NeedRatesQuery,
  type NeedTrend,
} from '../../contract/needs.js';
import { GROUP_NAMES, type RespondentGroup } from '../../contract/needs.js';
import type { AuthUser } from '../auth/session.js';
import { homeAreaId } from '../auth/scope.js';
import type { Queryable } from '../db/index.js';
import { scopePath } from '../population/service.js';
import { disclosureKey, discloseRate } from '../population/disclosure.js';
import { disclosureOf } from '../population/queries.js';
import * as sql from './queries.js';
import { rankByRate, weightedWilson } from './wilson.js';

export interface Sums {
  n: number;
  sw: number;
  sw2: number;
  named: number[];
  weighted: boolean;
}

export const emptySums = (): Sums => ({ n: 0, sw: 0, sw2: 0, named: NEED_ITEMS.map(() => 0), weighted: false });

export function addSums(a: Sums, b: Sums): Sums {
  return {
    n: a.n + b.n,
    sw: a.sw + b.sw,
    sw2: a.sw2 + b.sw2,
    named: a.named.map((x, i) => x + b.named[i]),
    weighted: a.weighted || b.weighted,
  };
}

/** The month before 'YYYY-MM'. */
export function previousMonth(m: string): string {
  const [y, mm] = m.split('-').map(Number);
  return mm === 1 ? `${y - 1}-12` : `${y}-${String(mm - 1).padStart(2, '0')}`;
}

/** Ranked rates of every item (empty when fewer than MIN_RESPONDENTS), with change against `prev` where it may be shown. */
export function ratesOf(s: Sums, prev?: Sums): NeedRate[] {
  if (s.n < MIN_RESPONDENTS) return [];
  const prevOk = prev !== undefined && prev.n >= MIN_RESPONDENTS;
  const items = NEED_ITEMS.map((it, i) => ({ code: it.code, ...weightedWilson(s.named[i], s.sw, s.sw2), i }));
  return rankByRate(items).map(({ item, rank, tiedWithNext }) => ({
    code: item.code,
    rate: discloseRate(item.rate),
    low: discloseRate(item.low),
    high: discloseRate(item.high),
    rank,
    tiedWithNext,
    change: prevOk ? discloseRate(item.rate - prev!.named[item.i] / prev!.sw) : null,
  }));
}

type ByMonth = Map<string, Sums>;
function groupRows(rows: sql.SumsRow[]): Map<string, ByMonth> {
  const out = new Map<string, ByMonth>();
  for (const r of rows) {
    let m = out.get(r.key);
    if (!m) out.set(r.key, (m = new Map()));
    m.set(r.month, { n: r.n, sw: r.sw, sw2: r.sw2, named: r.named, weighted: r.weighted });
  }
  return out;
}

/** The chosen month's sums, or all months pooled. */
function pick(byMonth: ByMonth | undefined, month: string | undefined): Sums {
  const m = byMonth ?? new Map<string, Sums>();
  return month ? (m.get(month) ?? emptySums()) : [...m.values()].reduce(addSums, emptySums());
}

/** The month compared (the chosen one, or the latest when pooled) and the month before it. */
function changeBase(byMonth: ByMonth | undefined, month: string | undefined, latest: string | null) {
  const m = byMonth ?? new Map<string, Sums>();
  const ref = month ?? latest;
  if (!ref) return { refSums: undefined, prev: undefined, prevMonth: null as string | null };
  const pm = previousMonth(ref);
  return { refSums: m.get(ref), prev: m.get(pm), prevMonth: pm };
}

/** Rates with the change taken between the reference month and the month before it. */
function ratesWithChange(byMonth: ByMonth | undefined, month: string | undefined, latest: string | null) {
  const cur = pick(byMonth, month);
  const { refSums, prev, prevMonth } = changeBase(byMonth, month, latest);
  const rates = ratesOf(cur);
  if (refSums && prev && refSums.n >= MIN_RESPONDENTS && prev.n >= MIN_RESPONDENTS) {
    for (const r of rates) {
      const i = needBit(r.code);
      r.change = discloseRate(refSums.named[i] / refSums.sw - prev.named[i] / prev.sw);
    }
  }
  return { cur, rates, prevMonth };
}

/**
 * Respondents counted under an area path (the deeper of the row's area and the scope it is counted in), of a group or
 * all, in a month or all pooled, as published: the same people reached through rates, breakdown or trend share a key.
 */
export const respondentsKey = (path: string, group: string | null | undefined, month: string | null | undefined) =>
  disclosureKey.of('needs', 'respondents', path, group, month ?? 'all');
export const countedPath = (areaPath: string | undefined, scope: string) =>
  areaPath && areaPath.startsWith(scope) ? areaPath : scope;

export async function needRates(q: Queryable, user: AuthUser, query: NeedRatesQuery): Promise<NeedRates> {
  const path = await scopePath(q, user, query.area);
  const disclose = await disclosureOf(q);
  const areaId = query.area ?? (await homeAreaId(q, user));
  const rows = await sql.responseSums(q, path, 'none', query.group);
  const byMonth = groupRows(rows).get('');
  const months = [...(byMonth?.keys() ?? [])].sort();
  const latest = months.at(-1) ?? null;
  const { cur, rates, prevMonth } = ratesWithChange(byMonth, query.month, latest);
  return {
    areaId,
    group: query.group ?? null,
    month: query.month ?? null,
    previousMonth: prevMonth,
    respondents: disclose.count(cur.n, respondentsKey(path, query.group, query.month)),
    // to base 10 as the respondents: unweighted, it would be the exact count
    effectiveN: cur.sw2 > 0 ? Math.round((cur.sw * cur.sw) / cur.sw2 / 10) * 10 : 0,
    weighted: cur.weighted,
    suppressed: cur.n < MIN_RESPONDENTS,
    needs: rates,
  };
}

export async function needBreakdown(q: Queryable, user: AuthUser, query: NeedBreakdownQuery): Promise<NeedBreakdown> {
  const path = await scopePath(q, user, query.area);
  const disclose = await disclosureOf(q);
  const rows = await sql.responseSums(q, path, query.by);
  const grouped = groupRows(rows);
  const months = [...new Set(rows.map((r) => r.month))].sort();
  const latest = months.at(-1) ?? null;
  const isArea = query.by !== 'group';
  const names = isArea ? await sql.areaNames(q, [...grouped.keys()].map(Number)) : new Map();
  const keys = isArea ? [...grouped.keys()] : RESPONDENT_GROUPS.filter((g) => grouped.has(g));
  const out: BreakdownRow[] = keys.map((key) => {
    const { cur, rates } = ratesWithChange(grouped.get(key), query.month, latest);
    const suppressed = cur.n < MIN_RESPONDENTS;
    const first = rates[0] ?? null;
    return {
      key,
      areaId: isArea ? Number(key) : null,
      name: isArea ? (names.get(Number(key))?.name ?? key) : GROUP_NAMES[key as RespondentGroup].zh,
      respondents: disclose.count(
        cur.n,
        isArea
          ? respondentsKey(countedPath(names.get(Number(key))?.path, path), null, query.month)
          : respondentsKey(path, key, query.month),
      ),
      suppressed,
      needs: query.need ? rates.filter((r) => r.code === query.need) : rates.slice(0, query.top),
      first: first ? first.code : null,
      firstTied: first ? first.tiedWithNext : false,
    };
  });
  if (isArea) out.sort((a, b) => a.name.localeCompare(b.name, 'zh'));
  return { by: query.by, month: query.month ?? null, rows: out };
}

export async function needTrend(
  q: Queryable,
  user: AuthUser,
  query: { area?: number; group?: string; needs?: string },
): Promise<NeedTrend> {
  const path = await scopePath(q, user, query.area);
  const disclose = await disclosureOf(q);
  const byMonth = groupRows(await sql.responseSums(q, path, 'none', query.group)).get('') ?? new Map<string, Sums>();
  const months = [...byMonth.keys()].sort();
  const codes = query.needs ? query.needs.split(',').filter((c) => needBit(c) >= 0) : null;
  const pooled = [...byMonth.values()].reduce(addSums, emptySums());
  const chosen =
    codes ??
    ratesOf(pooled)
      .slice(0, 5)
      .map((r) => r.code);
  return {
    months,
    respondents: months.map((m) => disclose.count(byMonth.get(m)!.n, respondentsKey(path, query.group, m))),
    series: chosen.map((code) => {
      const i = needBit(code);
      return {
        code,
        rates: months.map((m) => {
          const s = byMonth.get(m)!;
          return s.n >= MIN_RESPONDENTS ? discloseRate(s.named[i] / s.sw) : null;
        }),
      };
    }),
  };
}

export async function needHeat(
  q: Queryable,
  user: AuthUser,
  query: { need: string; res: number; month?: string; area?: number },
): Promise<NeedHeat> {
  const path = await scopePath(q, user, query.area);
  const [rows, disclose] = await Promise.all([
    sql.needCells(q, path, query.res, needBit(query.need), query.month),
    disclosureOf(q),
  ]);
  const cells = [];
  let suppressed = 0;
  for (const r of rows) {
    const key = (what: string) => disclosureKey.of('needs', what, path, query.month ?? 'all', r.h3);
    const value = r.value >= MIN_RESPONDENTS ? disclose.count(r.value, key(`named:${query.need}`)) : null;
    if (value)
      cells.push({
        h3: r.h3,
        lon: r.lon,
        lat: r.lat,
        value,
        respondents: disclose.count(r.respondents, key('respondents')) ?? 0,
      });
    else if (r.value > 0) suppressed++;
  }
  return { need: query.need, res: query.res, minCount: MIN_RESPONDENTS, cells, suppressed };
}
