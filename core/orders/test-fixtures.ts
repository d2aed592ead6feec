// Orders and actors for the work-order unit tests: one plain order per status, with everything a
// guard looks at set so that only the field a test changes decides the outcome.
import type { OrderStatus } from '../../contract/orders.js';
import { type Actor, type OrderState, reportOrder } from './state.js';

export const T0 = new Date('2025-09-22T02:00:00Z'); // Monday 10:00 Asia/Shanghai
export const at = (ms: number) => new Date(T0.getTime() + ms);
export const H = 3_600_000;

export const GRID = 120;
export const dispatcherA: Actor = { id: 7, role: 'dispatcher', name: '调度员甲' };
export const dispatcherB: Actor = { id: 8, role: 'dispatcher', name: '调度员乙' };
export const admin: Actor = { id: 1, role: 'admin', name: '管理员' };
export const operator: Actor = { id: 3, role: 'operator', name: '值守员' };
export const gridWorker: Actor = { id: 21, role: 'grid_worker', name: '网格员王', gridIds: [GRID] };
export const otherGridWorker: Actor = { id: 22, role: 'grid_worker', name: '网格员李', gridIds: [121] };

export function makeOrder(overrides: Partial<OrderState> = {}): OrderState {
  const status = overrides.status ?? 'reported';
  const past: Partial<Record<OrderStatus, Partial<OrderState>>> = {
    dispatched: { leadDept: 'fire', dispatchedBy: dispatcherA.id },
    in_progress: { leadDept: 'fire', dispatchedBy: dispatcherA.id },
    resolved: { leadDept: 'fire', dispatchedBy: dispatcherA.id, clockStoppedAt: at(5 * H).toISOString() },
    closed: {
      leadDept: 'fire',
      dispatchedBy: dispatcherA.id,
      reviewedBy: dispatcherB.id,
      rating: 'satisfied',
      closedAt: at(6 * H).toISOString(),
    },
    on_hold: {
      leadDept: 'fire',
      dispatchedBy: dispatcherA.id,
      heldSince: at(1 * H).toISOString(),
      heldFrom: 'dispatched',
    },
  };
  // A fresh report as the core makes it, so the fixture cannot drift from reportOrder's defaults.
  const { order } = reportOrder(
    {
      categoryCode: 'SAF-01',
      description: '消防通道被堵',
      lon: 121.45,
      lat: 31.25,
      hazardLevel: 'major',
      source: 'grid_worker',
      reporter: { name: '王阿姨', phone: '13900001234' },
    },
    { id: 1001, gridId: GRID, actor: gridWorker, now: T0 },
  );
  return {
    ...order,
    ...past[status],
    ...overrides,
  };
}
