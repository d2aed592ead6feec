import { describe, expect, it } from 'vitest';
import type { OrderSummary } from '@contract/orders';
import { OrderPoints } from './orders-layer';
import { STATUS_COLORS } from '../../orders/order-status';

const order = (id: number, patch: Partial<OrderSummary> = {}): OrderSummary => ({
  id,
  categoryCode: 'SAN-01',
  status: 'reported',
  hazardLevel: 'general',
  lon: 121 + id / 100,
  lat: 31,
  gridId: 1,
  source: 'wall',
  reportedAt: '2026-05-01T00:00:00Z',
  deadline: '2026-05-04T00:00:00Z',
  sla: 'ok',
  escalationLevel: 0,
  cardsIssued: 0,
  leadDept: null,
  updatedSeq: id,
  ...patch,
});

describe('OrderPoints', () => {
  it('rewrites only the slot of an updated order and keeps the others where they are', () => {
    const p = new OrderPoints();
    p.upsert(order(1));
    p.upsert(order(2));
    p.upsert(order(1, { status: 'dispatched' }));
    const b = p.binary();
    expect(b.length).toBe(2);
    expect([...b.attributes.getFillColor.value.subarray(0, 3)]).toEqual(STATUS_COLORS.dispatched);
    expect([...b.attributes.getFillColor.value.subarray(4, 7)]).toEqual(STATUS_COLORS.reported);
    expect(p.idAt(1)).toBe(2);
  });

  it('reuses the slot of a removed order and grows past its first capacity', () => {
    const p = new OrderPoints();
    for (let i = 1; i <= 300; i++) p.upsert(order(i));
    p.remove(5);
    expect(p.binary().attributes.getRadius.value[4]).toBe(0);
    p.upsert(order(999));
    expect(p.idAt(4)).toBe(999);
    expect(p.size).toBe(300);
  });

  it('rings critical hazards and red cards only while they flash', () => {
    const p = new OrderPoints();
    p.upsert(order(1, { hazardLevel: 'critical' }));
    p.upsert(order(2, { cardsIssued: 2 }));
    p.upsert(order(3));
    expect(p.flashingOrders().map((o) => o.id)).toEqual([1, 2]);
    p.remove(1);
    expect(p.flashingOrders().map((o) => o.id)).toEqual([2]);
  });
});
