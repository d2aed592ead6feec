import { describe, expect, it } from 'vitest';
import { ORDER_CATEGORIES, categoryByCode } from '../../contract/order-categories.js';
import { OrderCreate } from '../../contract/orders.js';
import type { NewOrderEvent } from '../../core/orders/state.js';
import { generateCity } from '../city/index.js';
import { generateOrderHistory } from './history.js';
import { localDistance, pointInPolygon } from '../../core/geo/index.js';
import { replayOrder } from './replay.js';

const city = generateCity({ size: 'small', seed: 7 });
const END = new Date('2025-10-01T04:00:00Z');
const history = generateOrderHistory(city, { seed: 7, count: 600, end: END });
const eventsByOrder = new Map<number, NewOrderEvent[]>();
for (const e of history.events) {
  const list = eventsByOrder.get(e.orderId) ?? [];
  list.push(e);
  eventsByOrder.set(e.orderId, list);
}
const familyOf = (code: string) => categoryByCode(code)!.family;
const DAY = 86_400_000;

describe('generateOrderHistory', () => {
  it('is deterministic for a seed and differs for another seed', () => {
    const again = generateOrderHistory(city, { seed: 7, count: 600, end: END });
    expect(JSON.stringify(again)).toBe(JSON.stringify(history));
    const other = generateOrderHistory(city, { seed: 8, count: 600, end: END });
    expect(JSON.stringify(other.orders)).not.toBe(JSON.stringify(history.orders));
  });

  it('makes exactly count orders, numbered 1..n in report order, all within the year before end', () => {
    expect(history.orders).toHaveLength(600);
    history.orders.forEach((o, i) => {
      expect(o.id).toBe(i + 1);
      if (i > 0) expect(Date.parse(o.reportedAt)).toBeGreaterThanOrEqual(Date.parse(history.orders[i - 1].reportedAt));
    });
    expect(Date.parse(history.orders[0].reportedAt)).toBeGreaterThanOrEqual(END.getTime() - 366 * DAY);
    expect(history.events.every((e) => Date.parse(e.at) <= END.getTime())).toBe(true);
  });

  it("replays every order's events through transition()/applyEscalation() to its stored state", () => {
    for (const o of history.orders) {
      const events = eventsByOrder.get(o.id)!;
      for (let i = 1; i < events.length; i++)
        expect(Date.parse(events[i].at)).toBeGreaterThanOrEqual(Date.parse(events[i - 1].at));
      const state = replayOrder(events, o.hasReporter, o.areaPath);
      for (const [k, v] of Object.entries(state))
        expect([o.id, k, (o as unknown as Record<string, unknown>)[k]]).toEqual([o.id, k, v]);
    }
  });

  it('stores reports that the create schema accepts, with synthetic reporters on ~60%', () => {
    for (const o of history.orders) {
      const input = {
        categoryCode: o.categoryCode,
        description: o.description,
        lon: o.lon,
        lat: o.lat,
        source: o.source,
        fields: o.fields,
        hazardLevel: categoryByCode(o.categoryCode)!.hazardRequired ? o.hazardLevel : undefined,
        ...(o.reporterName ? { reporter: { name: o.reporterName, phone: o.reporterPhone! } } : {}),
      };
      expect(OrderCreate.safeParse(input).error?.issues ?? []).toEqual([]);
      if (o.reporterPhone) expect(o.reporterPhone).toMatch(/^1390000\d{4}$/);
    }
    const share = history.orders.filter((o) => o.hasReporter).length / history.orders.length;
    expect(share).toBeGreaterThan(0.5);
    expect(share).toBeLessThan(0.7);
  });

  it('mixes categories like the district: sanitation and city appearance lead, safety ~15%, disputes ~9%', () => {
    const full = generateOrderHistory(city, { seed: 3, count: 5000, end: END });
    const share = (f: string) => full.orders.filter((o) => familyOf(o.categoryCode) === f).length / full.orders.length;
    const families = [...new Set(ORDER_CATEGORIES.map((c) => c.family))].sort((a, b) => share(b) - share(a));
    expect(families.slice(0, 3)).toContain('sanitation');
    expect(share('sanitation') + share('city_appearance')).toBeGreaterThan(0.3);
    expect(share('safety')).toBeGreaterThan(0.12);
    expect(share('safety')).toBeLessThan(0.18);
    expect(share('dispute')).toBeGreaterThan(0.07);
    expect(share('dispute')).toBeLessThan(0.11);
    // Seasons: noise peaks in summer, safety in winter (local months).
    const inMonths = (f: string, months: number[]) =>
      full.orders.filter(
        (o) =>
          familyOf(o.categoryCode) === f &&
          months.includes(new Date(Date.parse(o.reportedAt) + 8 * 3_600_000).getUTCMonth()),
      ).length;
    expect(inMonths('noise', [5, 6, 7])).toBeGreaterThan(1.4 * inMonths('noise', [11, 0, 1]));
    expect(inMonths('safety', [11, 0, 1])).toBeGreaterThan(1.4 * inMonths('safety', [5, 6, 7]));
    // SLA: most on time, 5–10% overdue (red card), some escalated.
    const red = full.orders.filter((o) => o.cardsIssued === 2).length / full.orders.length;
    expect(red).toBeGreaterThan(0.04);
    expect(red).toBeLessThan(0.1);
    expect(full.orders.some((o) => o.escalationLevel > 0)).toBe(true);
    // Ratings: ~90% satisfied or basic among rated; unsatisfied ones were reopened.
    const rated = full.orders.filter((o) => o.rating !== null);
    expect(rated.filter((o) => o.rating !== 'unsatisfied').length / rated.length).toBeGreaterThan(0.85);
    expect(full.events.some((e) => e.action === 'rate' && e.data?.rating === 'unsatisfied')).toBe(true);
    for (const action of ['return', 'reroute', 'hold', 'cancel', 'mark_duplicate', 'review_fail', 'reopen']) {
      expect(
        full.events.some((e) => e.action === action),
        action,
      ).toBe(true);
    }
  });

  it('has a recurrence hot spot: ≥ 3 same-category orders within 50 m in 30 days, and 8 parking disputes at one estate', () => {
    const clusters = history.orders.filter(
      (a) =>
        history.orders.filter(
          (b) =>
            b.categoryCode === a.categoryCode &&
            Date.parse(b.reportedAt) >= Date.parse(a.reportedAt) &&
            Date.parse(b.reportedAt) - Date.parse(a.reportedAt) <= 30 * DAY &&
            localDistance([a.lon, a.lat], [b.lon, b.lat]) <= 50,
        ).length >= 3,
    );
    expect(clusters.length).toBeGreaterThan(0);
    const parking = history.orders.filter((o) => o.description.includes('停车位分配'));
    expect(parking).toHaveLength(8);
    expect(new Set(parking.map((o) => o.description.split('：')[0].replace(/\d+号$/, ''))).size).toBe(1);
  });

  it('places every order inside its grid, which lies in its community', () => {
    const areas = new Map(city.areas.map((a) => [a.id, a]));
    for (const o of history.orders) {
      const grid = areas.get(o.gridId)!;
      expect(grid.level).toBe('grid');
      expect(pointInPolygon(o.lon, o.lat, grid.geometry)).toBe(true);
      const community = areas.get(grid.parentId!)!;
      expect(community.level).toBe('community');
      expect(pointInPolygon(o.lon, o.lat, community.geometry)).toBe(true);
      expect(o.areaPath.endsWith(`/${community.id}/${grid.id}/`)).toBe(true);
    }
  });

  it('leaves the last days with open orders and marks duplicates of earlier ones', () => {
    const full = generateOrderHistory(city, { seed: 7, count: 3000, end: END });
    const open = full.orders.filter((o) => !['closed', 'cancelled', 'duplicate'].includes(o.status));
    expect(open.length).toBeGreaterThan(0);
    expect(open.every((o) => Date.parse(o.reportedAt) > END.getTime() - 30 * DAY)).toBe(true);
    for (const o of full.orders.filter((x) => x.status === 'duplicate')) {
      expect(o.duplicateOf).toBeLessThan(o.id);
      expect(full.orders[o.duplicateOf! - 1].categoryCode).toBe(o.categoryCode);
    }
  });
});

describe('the parties in the history', () => {
  const count = (action: string) => history.events.filter((e) => e.action === action).length;
  it('has orders handled on the spot, handed up, signed for by departments, returned, extended and assisted', () => {
    expect(history.orders.filter((o) => o.holder.kind === 'grid').length).toBeGreaterThan(10);
    expect(count('hand_up')).toBeGreaterThan(20);
    expect(
      history.events.some((e) => e.action === 'dispatch' && (e.data?.by as { kind?: string })?.kind === 'street'),
    ).toBe(true);
    expect(count('sign')).toBeGreaterThan(100);
    expect(count('return')).toBeGreaterThan(3);
    expect(count('request_extension')).toBeGreaterThan(3);
    expect(count('decide_extension')).toBe(
      count('request_extension') - history.orders.filter((o) => o.pendingExtensionHours !== null).length,
    );
    expect(count('request_assist')).toBeGreaterThan(3);
    for (const e of history.events)
      if (e.action !== 'report' && !['yellow_card', 'red_card', 'escalate'].includes(e.action))
        expect(e.data?.holder, e.action).toBeTruthy();
  });
});
