import { describe, expect, it } from 'vitest';
import type { OrderEvent } from '@contract/orders';
import { durationParts, heldSince, holderMoves, partyOf } from './holder-trail';

const H = 3_600_000;
const T0 = Date.parse('2026-03-02T01:00:00Z');
const e = (seq: number, hours: number, action: OrderEvent['action'], data?: Record<string, unknown>): OrderEvent => ({
  seq,
  orderId: 5,
  at: new Date(T0 + hours * H).toISOString(),
  actor: { id: 1, role: 'dispatcher', name: 'x' },
  action,
  from: null,
  to: 'reported',
  ...(data ? { data } : {}),
});
const grid = { kind: 'grid', areaId: 40, name: '东风1网格' } as const;
const community = { kind: 'community', areaId: 30, name: '东风社区' } as const;
const dept = { kind: 'department', areaId: 1, dept: 'urban_mgmt' } as const;

describe('holder moves', () => {
  it('gives each move the time the holder before held it, from the report on', () => {
    const events = [
      e(1, 0, 'report', { holder: grid }),
      e(2, 1, 'note', { note: 'on site' }),
      e(3, 5, 'hand_up', { holder: community, fromHolder: grid }),
      e(4, 5.5, 'dispatch', { holder: dept, fromHolder: community }),
    ];
    expect(holderMoves(events)).toEqual([
      { seq: 3, holder: community, fromHolder: grid, heldMs: 5 * H },
      { seq: 4, holder: dept, fromHolder: community, heldMs: 0.5 * H },
    ]);
    expect(heldSince(events)).toBe(events[3].at);
  });

  it('does not count a step that leaves the order with the same holder as a move', () => {
    const events = [
      e(1, 0, 'report', { holder: grid }),
      e(2, 1, 'hand_up', { holder: community, fromHolder: grid }),
      e(3, 2, 'accept', { holder: community, fromHolder: community }),
      e(4, 4, 'dispatch', { holder: dept, fromHolder: community }),
      e(5, 6, 'sign', { holder: dept, fromHolder: dept }),
    ];
    expect(holderMoves(events)).toEqual([
      { seq: 2, holder: community, fromHolder: grid, heldMs: 1 * H },
      { seq: 4, holder: dept, fromHolder: community, heldMs: 3 * H },
    ]);
    expect(heldSince(events)).toBe(events[3].at);
  });

  it('counts from the report when the report names no holder (an older server), and ignores malformed parties', () => {
    const events = [e(1, 0, 'report'), e(2, 2, 'hand_up', { holder: community }), e(3, 3, 'note', { holder: 'x' })];
    expect(holderMoves(events)).toEqual([{ seq: 2, holder: community, fromHolder: null, heldMs: 2 * H }]);
    expect(partyOf({ kind: 'nowhere', areaId: 1 })).toBeNull();
  });

  it('has no moves and holds since the report on an order whose events name no holder', () => {
    const events = [e(1, 0, 'report'), e(2, 1, 'accept')];
    expect(holderMoves(events)).toEqual([]);
    expect(heldSince(events)).toBe(events[0].at);
  });

  it('splits a duration into days, hours and minutes', () => {
    expect(durationParts(26 * H + 5 * 60_000)).toEqual({ d: 1, h: 2, m: 5 });
    expect(durationParts(-1)).toEqual({ d: 0, h: 0, m: 0 });
  });
});
