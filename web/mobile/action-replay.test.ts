import { describe, expect, it } from 'vitest';
import type { OrderDetail, OrderEvent } from '@contract/orders';
import { ApiError } from '../api/client';
import { m } from '@contract/messages/index';
import type { ActionItem } from './outbox-db';
import { appliedAlready, sendAction, withPhoto } from './action-replay';
import { actionBody, actionProblem, offeredActions } from './phone-actions';

const ME = 7;
const item: ActionItem = {
  kind: 'action',
  key: 'k',
  createdAt: '2026-12-08T01:00:00Z',
  orderId: 42,
  categoryCode: 'SAN-01',
  seenSeq: 100,
  body: { action: 'start' },
  photoId: 'p1',
};
const event = (seq: number, action: OrderEvent['action'], actor = ME): OrderEvent => ({
  seq,
  orderId: 42,
  at: '2026-12-08T01:00:01Z',
  actor: { id: actor, role: 'grid_worker', name: 'w' },
  action,
  from: 'reported',
  to: 'in_progress',
});
const detailWith = (events: OrderEvent[]) => ({ id: 42, events }) as unknown as OrderDetail;
const conflict = new ApiError(409, 'conflict', '不可', undefined, m('orders.refuse.gridWorkerOwnGrids'));

describe('replaying a queued action', () => {
  it('counts an action as applied only by its own event, by this account, after it was queued', () => {
    expect(appliedAlready([event(101, 'start')], item, ME)).toBe(true);
    expect(appliedAlready([event(100, 'start')], item, ME)).toBe(false);
    expect(appliedAlready([event(101, 'start', ME + 1)], item, ME)).toBe(false);
    expect(appliedAlready([event(101, 'resolve')], item, ME)).toBe(false);
  });

  it('shows a 409 to a replay of an applied action as done, and any other refusal as it came', async () => {
    const act = () => Promise.reject(conflict);
    await expect(
      sendAction(item, { act, getOrder: async () => detailWith([event(101, 'start')]) }, ME),
    ).resolves.toMatchObject({ already: true });
    await expect(sendAction(item, { act, getOrder: async () => detailWith([]) }, ME)).rejects.toBe(conflict);
    const invalid = new ApiError(400, 'invalid', 'x');
    await expect(
      sendAction(item, { act: () => Promise.reject(invalid), getOrder: async () => detailWith([]) }, ME),
    ).rejects.toBe(invalid);
  });

  it('sends the uploaded photo with the action that takes one', async () => {
    let sent: unknown;
    const act = async (_id: number, body: unknown) => {
      sent = body;
      return { order: { id: 42 } as never };
    };
    await expect(sendAction(item, { act, getOrder: async () => detailWith([]) }, ME)).resolves.toMatchObject({
      already: false,
    });
    expect(sent).toEqual({ action: 'start', photos: ['p1'] });
    expect(withPhoto({ action: 'hand_up', reason: 'r' }, 'p1')).toEqual({ action: 'hand_up', reason: 'r' });
  });
});

describe('phone actions', () => {
  it("offers the server's allowed actions when the detail has them, else the role rule of the status", () => {
    expect(
      offeredActions('reported', 'grid_worker', [
        { action: 'start', allowed: true },
        { action: 'hand_up', allowed: true },
        { action: 'note', allowed: false, reason: m('orders.refuse.gridWorkerOwnGrids') },
        { action: 'accept', allowed: true },
      ]),
    ).toEqual(['start', 'hand_up']);
    expect(offeredActions('reported', 'grid_worker')).toContain('start');
    expect(offeredActions('in_progress', 'grid_worker')).toContain('resolve');
    expect(offeredActions('accepted', 'grid_worker')).toEqual([]);
  });

  it('refuses an empty reason, resolve note or progress by the server schema, and lets a start go without a note', () => {
    expect(actionProblem(actionBody('start', '  '))).toBeNull();
    expect(actionProblem(actionBody('hand_up', ' '))).toMatchObject({ key: 'orders.field.reasonRequired' });
    expect(actionProblem(actionBody('resolve', ''))).toMatchObject({ key: 'orders.field.describeWhatWasDone' });
    expect(actionProblem(actionBody('note', ''))).toMatchObject({ key: 'orders.field.noteText' });
    expect(actionProblem(actionBody('note', '已联系物业'))).toBeNull();
  });
});
