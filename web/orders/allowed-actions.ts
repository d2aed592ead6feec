// Which action buttons to offer on an order: the server's own state-machine table (imported, not
// copied, so the console can never offer what the API refuses), filtered by the user's role.
import type { Role } from '@contract/auth';
import type { OrderActionName, OrderStatus } from '@contract/orders';
import { ACTION_ROLES, REASON_REQUIRED, TRANSITIONS } from '@core/orders/transitions';

export function actionsFor(status: OrderStatus, role: Role): OrderActionName[] {
  const table = TRANSITIONS[status] ?? {};
  return (Object.keys(table) as OrderActionName[]).filter((a) => ACTION_ROLES[a].includes(role)
    // lifecycle.ts guard: the center accepts and dispatches; only a grid worker starts a new report on the spot.
    && !(a === 'start' && status === 'reported' && role !== 'grid_worker'));
}

export const needsReason = (a: OrderActionName) => REASON_REQUIRED.has(a);
export const needsDepartments = (a: OrderActionName) => a === 'dispatch' || a === 'reroute';
