// Need rates from survey sums: weighted shares with 95% Wilson intervals, ranks and ties, month-on-month change,
// breakdowns by area level or group (top 10 each, first need), trends and need heat cells. Small cells suppressed.
import {
  MIN_RESPONDENTS, NEED_ITEMS, RESPONDENT_GROUPS, needBit,
  type BreakdownRow, type NeedBreakdown, type NeedBreakdownQuery, type NeedHeat, type NeedRate, type NeedRates, type NeedRatesQuery, type NeedTrend,
} from '../../contract/needs.js';
import { GROUP_NAMES, type RespondentGroup } from '../../contract/needs.js';
import type { AuthUser } from '../auth/session.js';
import type { Queryable } from '../db/index.js';
import { scopePath } from '../population/service.js';
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
  return { n: a.n + b.n, sw: a.sw + b.sw, sw2: a.sw2 + b.sw2, named: a.named.map((x, i) => x + b.named[i]), weighted: a.weighted || b.weighted };
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
    rate: item.rate,
    low: item.low,
    high: item.high,
    rank,
    tiedWithNext,
    change: prevOk ? item.rate - prev!.named[item.i] / prev!.sw : null,
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
      r.change = refSums.named[i] / refSums.sw - prev.named[i] / prev.sw;
    }
  }
  return { cur, rates, prevMonth };
}

export async function needRates(q: Queryable, user: AuthUser, query: NeedRatesQuery): Promise<NeedRates> {
  const path = await scopePath(q, user, query.area);
  const rows = await sql.responseSums(q, path, 'none', query.group);
  const byMonth = groupRows(rows).get('');
  const months = [...(byMonth?.keys() ?? [])].sort();
  const latest = months.at(-1) ?? null;
  const { cur, rates, prevMonth } = ratesWithChange(byMonth, query.month, latest);
  return {
    areaId: query.area ?? user.areaId,
    group: query.group ?? null,
    month: query.month ?? null,
    previousMonth: prevMonth,
    respondents: cur.n,
    effectiveN: cur.sw2 > 0 ? (cur.sw * cur.sw) / cur.sw2 : 0,
    weighted: cur.weighted,
    suppressed: cur.n < MIN_RESPONDENTS,
    needs: rates,
  };
}

export async function needBreakdown(q: Queryable, user: AuthUser, query: NeedBreakdownQuery): Promise<NeedBreakdown> {
  const path = await scopePath(q, user, query.area);
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
      respondents: cur.n,
      suppressed,
      needs: query.need ? rates.filter((r) => r.code === query.need) : rates.slice(0, query.top),
      first: first ? first.code : null,
      firstTied: first ? first.tiedWithNext : false,
    };
  });
  if (isArea) out.sort((a, b) => a.name.localeCompare(b.name, 'zh'));
  return { by: query.by, month: query.month ?? null, rows: out };
}

export async function needTrend(q: Queryable, user: AuthUser, query: { area?: number; group?: string; needs?: string }): Promise<NeedTrend> {
  const path = await scopePath(q, user, query.area);
  const byMonth = groupRows(await sql.responseSums(q, path, 'none', query.group)).get('') ?? new Map<string, Sums>();
  const months = [...byMonth.keys()].sort();
  const codes = query.needs ? query.needs.split(',').filter((c) => needBit(c) >= 0) : null;
  const pooled = [...byMonth.values()].reduce(addSums, emptySums());
  const chosen = codes ?? ratesOf(pooled).slice(0, 5).map((r) => r.code);
  return {
    months,
    respondents: months.map((m) => byMonth.get(m)!.n),
    series: chosen.map((code) => {
      const i = needBit(code);
      return { code, rates: months.map((m) => { const s = byMonth.get(m)!; return s.n >= MIN_RESPONDENTS ? s.named[i] / s.sw : null; }) };
    }),
  };
}

export async function needHeat(q: Queryable, user: AuthUser, query: { need: string; res: number; month?: string; area?: number }): Promise<NeedHeat> {
  const path = await scopePath(q, user, query.area);
  const rows = await sql.needCells(q, path, query.res, needBit(query.need), query.month);
  const kept = rows.filter((r) => r.value >= MIN_RESPONDENTS);
  return {
    need: query.need,
    res: query.res,
    minCount: MIN_RESPONDENTS,
    cells: kept.map((r) => ({ h3: r.h3, lon: r.lon, lat: r.lat, value: r.value, respondents: r.respondents })),
    suppressed: rows.filter((r) => r.value > 0 && r.value < MIN_RESPONDENTS).length,
  };
}
