import { describe, expect, it } from 'vitest';
import type { OrderSummary } from '@contract/orders';
import { filterRows, heldByDept, statusesOf } from './dept-queue';

const row = (id: number, holder?: OrderSummary['holder']) => ({ id, holder }) as OrderSummary;

describe('department queue', () => {
  it('asks the server for the status of each filter', () => {
    expect(statusesOf('sign')).toEqual(['dispatched']);
    expect(statusesOf('progress')).toEqual(['in_progress']);
    expect(statusesOf('assisting')).toBeUndefined();
  });
  it('shows as assisting the orders another party holds', () => {
    const mine = row(1, { kind: 'department', areaId: 1, dept: 'housing' });
    const other = row(2, { kind: 'department', areaId: 1, dept: 'urban_mgmt' });
    const unknown = row(3);
    expect(heldByDept(mine, 'housing')).toBe(true);
    expect(filterRows([mine, other, unknown], 'assisting', 'housing').map((o) => o.id)).toEqual([2]);
    expect(filterRows([mine, other], 'all', 'housing')).toHaveLength(2);
  });
});
