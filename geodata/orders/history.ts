// A year of work-order history for the demo city, deterministic from (city, seed, count, end).
// Orders are planned first (when, what, where, from whom), then numbered in report order and lived
// through the real state machine (see script.ts), so every stored state is one the rules allow.
// Hot spots repeat one category at one estate (the seed's 8 parking disputes at one estate).
import { type OrderFamily, categoryByCode } from '../../contract/order-categories.js';
import type { OrderCreate, OrderSource } from '../../contract/orders.js';
import { defaultResponsibilities } from '../../core/orders/departments.js';
import { DEFAULT_ESCALATION_POLICY } from '../../core/orders/escalation.js';
import { deadlineFor } from '../../core/orders/sla.js';
import {
  type Actor,
  type NewOrderEvent,
  type OrderRecord,
  SYSTEM_ACTOR,
  reportOrder,
} from '../../core/orders/state.js';
import { Rng } from '../city/rng.js';
import type { BuildingRecord, City } from '../city/types.js';
import { PARKING_DISPUTE, describe, sampleFields, syntheticReporter } from './content.js';
import { Life } from './life.js';
import {
  DAY_MS,
  MAX_SEASON_FACTOR,
  localMonth,
  pickCategoryIn,
  pickFamily,
  pickHazard,
  pickSource,
  pickTime,
  seasonFactor,
} from './mix.js';
import { Places } from './places.js';
import { HISTORY_DISPATCHER, runScript } from './script.js';

export { HISTORY_DISPATCHER, HISTORY_REVIEWER } from './script.js';

export interface OrderHistoryOptions {
  seed: number;
  /** Orders in the year: ~20,000 for the full city, ~600 for the small one. */
  count: number;
  /** The history ends here: orders reported in the last days are still open. */
  end: Date;
}

export interface OrderHistory {
  /** In report order, ids 1..count; updatedSeq is 0 until the loader numbers the events. */
  orders: OrderRecord[];
  /** Per order in the order they happened; every order's first event is its report. */
  events: NewOrderEvent[];
}

interface Plan {
  t: number;
  family: OrderFamily;
  categoryCode: string;
  source: OrderSource;
  building: BuildingRecord;
  lon: number;
  lat: number;
  detail?: string;
  plain: boolean;
  duplicateOfPlan?: Plan;
  id?: number;
}

/** Recurring problems: [category, reports, days they fall within (0 = spread over the year), detail]. */
const HOT_SPOTS: readonly [string, number, number, string?][] = [
  ['DIS-01', 8, 0, PARKING_DISPUTE],
  ['SAN-03', 4, 21],
  ['SAF-09', 3, 14],
  ['NOI-03', 5, 28],
  ['SAN-01', 6, 30],
  ['GRP-01', 3, 20],
  ['PRK-01', 5, 25],
];
const DUPLICATE_SHARE = 0.025;
const HOT_SPOT_RADIUS_M = 15;
const JITTER_M = 8;

export function generateOrderHistory(city: City, opts: OrderHistoryOptions): OrderHistory {
  const root = new Rng(opts.seed).fork('order-history');
  const places = new Places(city);
  const end = opts.end.getTime();
  const start = end - 365 * DAY_MS;
  const workersOf = new Map<number, Actor[]>();
  for (const w of city.workers) {
    for (const g of w.gridIds) {
      const list = workersOf.get(g) ?? [];
      list.push({ id: -w.id, role: 'grid_worker', name: w.name, gridIds: w.gridIds });
      workersOf.set(g, list);
    }
  }

  const plans: Plan[] = [];
  const planAt = (
    rng: Rng,
    t: number,
    categoryCode: string,
    source: OrderSource,
    building: BuildingRecord,
    radius: number,
    plain: boolean,
    detail?: string,
  ): Plan => {
    const family = categoryByCode(categoryCode)!.family;
    const [lon, lat] = places.near(rng, building.lon, building.lat, building.gridId, radius);
    return { t, family, categoryCode, source, building, lon, lat, plain, detail };
  };

  /** An ordinary report: family by share, time by its source's hours, thinned by the family's season. */
  const ordinary = (rng: Rng): Plan => {
    const family = pickFamily(rng);
    const source = pickSource(rng, family);
    let t = pickTime(rng, start, end, source, family);
    for (let k = 0; k < 20 && !rng.chance(seasonFactor(family, localMonth(t)) / MAX_SEASON_FACTOR); k++)
      t = pickTime(rng, start, end, source, family);
    return planAt(rng, t, pickCategoryIn(rng, family, localMonth(t)), source, places.building(rng), JITTER_M, false);
  };

  // Hot spots: one estate each, in different grids; the small city gets the first three.
  const hot = root.fork('hot-spots');
  const spots = opts.count >= 5000 ? HOT_SPOTS : HOT_SPOTS.slice(0, 3);
  const usedGrids = new Set<number>();
  for (const spot of spots) {
    const [code, n, days, detail] = spot;
    let b = places.building(hot);
    for (let k = 0; k < 50 && usedGrids.has(b.gridId); k++) b = places.building(hot);
    usedGrids.add(b.gridId);
    const family = categoryByCode(code)!.family;
    // The cluster's first three fall within `days` (or 30 days for a year-long spot), the rest anywhere.
    // Every other spot is still recurring now, so the wall has current root-cause items to show.
    const current = spots.indexOf(spot) % 2 === 1;
    const windowStart = current ? end - (days + 1) * DAY_MS : start + hot.next() * (end - start - 40 * DAY_MS);
    for (let k = 0; k < n; k++) {
      const source = pickSource(hot, family);
      const t =
        days === 0 && k >= 3
          ? pickTime(hot, start, end, source, family)
          : pickTime(hot, windowStart, windowStart + (days || 30) * DAY_MS, source, family);
      plans.push(planAt(hot, t, code, source, b, HOT_SPOT_RADIUS_M, true, detail));
    }
  }

  // Duplicates: a second report of an open problem, a little later and a few metres off.
  const bg = root.fork('background');
  const duplicates = Math.round(opts.count * DUPLICATE_SHARE);
  const background = opts.count - plans.length - duplicates;
  const firstBackground = plans.length;
  for (let k = 0; k < background; k++) plans.push(ordinary(bg));
  const dup = root.fork('duplicates');
  for (let k = 0, tries = 0; k < duplicates && tries < duplicates * 20; tries++) {
    const base = plans[firstBackground + dup.int(0, background - 1)];
    if (base.family === 'convenience' || base.family === 'special_care') continue;
    const t = base.t + dup.int(10, 6 * 60) * 60_000;
    if (t >= end) continue;
    const source: OrderSource = dup.chance(0.6) ? 'hotline_12345' : 'app';
    plans.push({ ...planAt(dup, t, base.categoryCode, source, base.building, 20, false), duplicateOfPlan: base });
    k++;
  }
  // Whatever the duplicate loop could not place is made up with ordinary reports.
  while (plans.length < opts.count) plans.push(ordinary(bg));

  plans.sort((a, b) => a.t - b.t);
  plans.forEach((p, i) => (p.id = i + 1));

  const rules = defaultResponsibilities();
  const policy = DEFAULT_ESCALATION_POLICY;
  const life = root.fork('life');
  const content = root.fork('content');
  const orders: OrderRecord[] = [];
  const events: NewOrderEvent[] = [];
  for (const p of plans) {
    const cat = categoryByCode(p.categoryCode)!;
    const gridWorkers = workersOf.get(p.building.gridId) ?? [];
    const worker = gridWorkers.length ? content.pick(gridWorkers) : { ...HISTORY_DISPATCHER };
    const withReporter = p.source !== 'grid_worker' || content.chance(0.3);
    const input: OrderCreate = {
      categoryCode: p.categoryCode,
      description: describe(p.categoryCode, p.building.address, content, p.detail),
      lon: p.lon,
      lat: p.lat,
      hazardLevel: pickHazard(content, p.categoryCode),
      source: p.source,
      fields: sampleFields(cat, content),
      photos: [],
      ...(withReporter ? { reporter: syntheticReporter(content) } : {}),
    };
    // Who keyed it in: the grid worker on patrol, the hotline desk, or the app / Open311 gateway.
    const reporter =
      p.source === 'grid_worker' && worker.role === 'grid_worker'
        ? worker
        : p.source === 'hotline_12345'
          ? HISTORY_DISPATCHER
          : SYSTEM_ACTOR;
    const areaPath = places.paths.get(p.building.gridId)!;
    const { order, event } = reportOrder(input, {
      id: p.id!,
      gridId: p.building.gridId,
      areaPath,
      actor: reporter,
      now: new Date(p.t),
    });
    const l = new Life(order, event, end, policy, life.fork(`order-${p.id}`));
    runScript(
      l,
      {
        family: p.family,
        areaLine: areaPath.split('/').filter(Boolean).map(Number),
        worker,
        duplicateOf: p.duplicateOfPlan?.id ?? null,
        plain: p.plain,
      },
      { rules, policy, rng: life.fork(`script-${p.id}`) },
    );
    const final = l.order;
    orders.push({
      ...final,
      description: input.description,
      lon: p.lon,
      lat: p.lat,
      areaPath,
      fields: input.fields ?? {},
      photos: [],
      reporterName: input.reporter?.name ?? null,
      reporterPhone: input.reporter?.phone ?? null,
      deadline: deadlineFor(final.clockStart, final.hazardLevel, policy.sla).toISOString(),
      updatedSeq: 0,
    });
    for (const e of l.events) events.push(e);
  }
  return { orders, events };
}
