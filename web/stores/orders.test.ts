import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';
import type { OrderSummary } from '@contract/orders';
import { useOrdersStore } from './orders';

vi.mock('../api/orders', () => ({
  getKpis: async () => ({
    today: { created: 0, closed: 0 },
    open: 2,
    overdue: 0,
    yellow: 0,
    red: 0,
    critical: 0,
    onTimeRate: null,
    satisfactionRate: null,
    lastSeq: 100,
  }),
  // The list was read after the KPI snapshot: one order already carries a later seq.
  listOrders: async () => [order(1, 90), order(2, 105)],
  listAlarms: async () => [{ seq: 98, kind: 'red_card', severity: 'warning', message: 'm98' }],
}));

const order = (id: number, seq: number, status: OrderSummary['status'] = 'reported'): OrderSummary => ({
  id,
  categoryCode: 'SAN-01',
  status,
  hazardLevel: 'general',
  lon: 121.45,
  lat: 31.25,
  gridId: 11,
  source: 'wall',
  reportedAt: '2026-05-01T00:00:00Z',
  deadline: '2026-05-04T00:00:00Z',
  sla: 'ok',
  escalationLevel: 0,
  cardsIssued: 0,
  leadDept: null,
  updatedSeq: seq,
});

describe('orders store', () => {
  beforeEach(() => setActivePinia(createPinia()));

  it('applies a push once and ignores the same or an older seq (a replay is harmless)', () => {
    const s = useOrdersStore();
    const heard: number[] = [];
    s.subscribe((o) => heard.push(o.id));
    expect(s.apply(5, order(1, 5))).toBe(true);
    expect(s.apply(5, order(1, 5))).toBe(false);
    expect(s.apply(7, order(1, 7, 'accepted'))).toBe(true);
    expect(s.apply(6, order(1, 6, 'reported'))).toBe(false);
    expect(s.get(1)?.status).toBe('accepted');
    expect(heard).toEqual([1, 1]);
    expect(s.lastSeq).toBe(7);
  });

  it('drops an order that closes and does not bring it back on a replay of its older events', () => {
    const s = useOrdersStore();
    s.apply(3, order(2, 3));
    s.apply(9, order(2, 9, 'closed'));
    expect(s.count).toBe(0);
    s.apply(3, order(2, 3));
    expect(s.count).toBe(0);
  });

  it('drops an order that left the scope, tells the map, and keeps a replay of its older events from bringing it back', () => {
    const s = useOrdersStore();
    const heard: [number, boolean][] = [];
    s.subscribe((o, removed) => heard.push([o.id, removed]));
    s.apply(3, order(1, 3));
    s.leave(8, 1);
    expect(s.count).toBe(0);
    expect(heard).toEqual([
      [1, false],
      [1, true],
    ]);
    expect(s.lastSeq).toBe(8);
    s.apply(3, order(1, 3));
    s.leave(8, 1);
    expect(s.count).toBe(0);
    expect(heard).toHaveLength(2);
    // Moved back in later: that event is newer than the leaving, so it applies.
    expect(s.apply(12, order(1, 12))).toBe(true);
    expect(s.count).toBe(1);
  });

  it('keeps alarms newest first without duplicates', () => {
    const s = useOrdersStore();
    const alarm = (seq: number) => ({
      seq,
      kind: 'red_card' as const,
      severity: 'critical' as const,
      message: `m${seq}`,
    });
    s.pushAlarm(alarm(4));
    s.pushAlarm(alarm(8));
    s.pushAlarm(alarm(4));
    expect(s.alarms.map((a) => a.seq)).toEqual([8, 4]);
  });

  it('starts the replay at the KPI snapshot, not at the newest order it loaded, so nothing in between is skipped', async () => {
    const s = useOrdersStore();
    await s.load();
    expect(s.count).toBe(2);
    expect(s.alarms.map((a) => a.seq)).toEqual([98]);
    expect(s.lastSeq).toBe(100);
  });
});
