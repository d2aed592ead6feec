// Which action buttons to offer on an order: the core's own rule (actionsFor, the one the server's lifecycle
// refuses by), filtered by the user's role, so the console can never offer what the API refuses.
import type { OrderActionName } from '@contract/orders';
import { REASON_REQUIRED } from '@core/orders/transitions';

export { actionsFor } from '@core/orders/transitions';

export const needsReason = (a: OrderActionName) => REASON_REQUIRED.has(a);
export const needsDepartments = (a: OrderActionName) => a === 'dispatch' || a === 'reroute';
