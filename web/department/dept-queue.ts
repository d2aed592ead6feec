// The department desk's queue filters: what each asks the server (GET /api/orders?holder=mine&status=…) and, for
// 协办, which of the listed orders another party holds while this department assists.
import type { OrderStatus, OrderSummary } from '@contract/orders';

export const DEPT_FILTERS = ['sign', 'progress', 'returned', 'assisting', 'all'] as const;
export type DeptFilter = (typeof DEPT_FILTERS)[number];

const STATUSES: Record<DeptFilter, readonly OrderStatus[] | undefined> = {
  sign: ['dispatched'],
  progress: ['in_progress'],
  returned: ['returned'],
  assisting: undefined,
  all: undefined,
};

export const statusesOf = (f: DeptFilter) => STATUSES[f];

/** Whether an order on the list is held by this department itself (else the department assists it). */
export const heldByDept = (o: OrderSummary, dept: string | null | undefined) =>
  o.holder?.kind === 'department' && !!dept && o.holder.dept === dept;

/** The rows a filter shows from the server's answer. */
export function filterRows(rows: readonly OrderSummary[], f: DeptFilter, dept: string | null | undefined) {
  if (f === 'assisting') return rows.filter((o) => o.holder && !heldByDept(o, dept));
  return [...rows];
}
