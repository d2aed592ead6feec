// Orders and actors for the work-order unit tests: one plain order per status, with everything a
// guard looks at set so that only the field a test changes decides the outcome.
import type { OrderStatus } from '../../contract/orders.js';
import type { Party } from '../../contract/parties.js';
import { type Actor, type OrderState, reportOrder } from './state.js';

export const T0 = new Date('2025-09-22T02:00:00Z'); // Monday 10:00 Asia/Shanghai
export const at = (ms: number) => new Date(T0.getTime() + ms);
export const H = 3_600_000;

export const DISTRICT = 100;
export const STREET = 110;
export const COMMUNITY = 115;
export const GRID = 120;
/** The order's grid and the areas above it. */
export const AREA_PATH = `/${DISTRICT}/${STREET}/${COMMUNITY}/${GRID}/`;
export const CENTRE: Party = { kind: 'centre', areaId: DISTRICT };
export const dispatcherA: Actor = { id: 7, role: 'dispatcher', name: '调度员甲' };
export const dispatcherB: Actor = { id: 8, role: 'dispatcher', name: '调度员乙' };
export const admin: Actor = { id: 1, role: 'admin', name: '管理员' };
export const operator: Actor = { id: 3, role: 'operator', name: '值守员' };
export const gridWorker: Actor = { id: 21, role: 'grid_worker', name: '网格员王', gridIds: [GRID] };
export const otherGridWorker: Actor = { id: 22, role: 'grid_worker', name: '网格员李', gridIds: [121] };
export const communityStaff: Actor = {
  id: 31,
  role: 'dispatcher',
  name: '社区工作人员',
  party: { kind: 'community', areaId: COMMUNITY },
};
export const otherCommunityStaff: Actor = {
  id: 32,
  role: 'dispatcher',
  name: '邻社区工作人员',
  party: { kind: 'community', areaId: 116 },
};
export const streetStaff: Actor = {
  id: 33,
  role: 'dispatcher',
  name: '街道工作人员',
  party: { kind: 'street', areaId: STREET },
};
export const deptFire: Actor = {
  id: 41,
  role: 'department',
  name: '消防',
  party: { kind: 'department', areaId: DISTRICT, dept: 'fire' },
};
export const deptHousing: Actor = {
  id: 42,
  role: 'department',
  name: '住建',
  party: { kind: 'department', areaId: DISTRICT, dept: 'housing' },
};
/** Held by the fire department, dispatched by the centre. */
const FIRE: Partial<OrderState> = {
  holder: { kind: 'department', areaId: DISTRICT, dept: 'fire' },
  dispatchedParty: CENTRE,
};

export function makeOrder(overrides: Partial<OrderState> = {}): OrderState {
  const status = overrides.status ?? 'reported';
  const past: Partial<Record<OrderStatus, Partial<OrderState>>> = {
    dispatched: { leadDept: 'fire', dispatchedBy: dispatcherA.id, ...FIRE },
    in_progress: { leadDept: 'fire', dispatchedBy: dispatcherA.id, ...FIRE },
    resolved: { leadDept: 'fire', dispatchedBy: dispatcherA.id, clockStoppedAt: at(5 * H).toISOString(), ...FIRE },
    returned: { dispatchedParty: CENTRE, holder: CENTRE },
    closed: {
      ...FIRE,
      leadDept: 'fire',
      dispatchedBy: dispatcherA.id,
      reviewedBy: dispatcherB.id,
      rating: 'satisfied',
      closedAt: at(6 * H).toISOString(),
    },
    on_hold: {
      ...FIRE,
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
    { id: 1001, gridId: GRID, areaPath: AREA_PATH, actor: gridWorker, now: T0 },
  );
  return {
    ...order,
    ...past[status],
    ...overrides,
  };
}
