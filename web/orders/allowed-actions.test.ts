import { describe, expect, it } from 'vitest';
import { ORDER_STATUSES } from '@contract/orders';
import { actionsFor, needsReason } from './allowed-actions';

describe('actionsFor', () => {
  it('offers a dispatcher accept but not start on a new report (only a grid worker starts on the spot)', () => {
    expect(actionsFor('reported', 'dispatcher')).toEqual([
      'accept',
      'hold',
      'cancel',
      'mark_duplicate',
      'hand_up',
      'hand_down',
      'note',
    ]);
    expect(actionsFor('reported', 'grid_worker')).toEqual(['start', 'hand_up', 'note']);
  });
  it('offers dispatch after accept and nothing on a closed order except reopen for admin', () => {
    expect(actionsFor('accepted', 'dispatcher')).toContain('dispatch');
    expect(actionsFor('closed', 'dispatcher')).toEqual([]);
    expect(actionsFor('closed', 'admin')).toEqual(['reopen']);
  });
  it('knows every status and asks a reason for return and cancel', () => {
    for (const s of ORDER_STATUSES) expect(Array.isArray(actionsFor(s, 'admin'))).toBe(true);
    expect(needsReason('return') && needsReason('cancel') && !needsReason('accept')).toBe(true);
  });
});
