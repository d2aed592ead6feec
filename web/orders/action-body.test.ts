import { describe, expect, it } from 'vitest';
import { OrderAction } from '@contract/orders';
import { actionBody, asksReason, emptyForm } from './action-body';

describe('action bodies', () => {
  it('builds what the server’s schema takes for the party actions', () => {
    const f = {
      ...emptyForm(),
      handDownTo: 'grid:34',
      note: ' 请处理 ',
      reason: '超出能力',
      hours: 48,
      photos: ['p1'],
    };
    const bodies = [
      actionBody('hand_down', f),
      actionBody('hand_up', f),
      actionBody('request_extension', f),
      actionBody('note', f),
      actionBody('resolve', f),
      actionBody('decide_extension', { ...f, approve: false }),
      actionBody('request_assist', { ...f, depts: ['housing'] }),
      actionBody('assist_update', { ...f, assistDept: 'housing', assistStatus: 'done' }),
    ];
    for (const b of bodies) expect(OrderAction.safeParse(b).success, JSON.stringify(b)).toBe(true);
    expect(bodies[0]).toEqual({ action: 'hand_down', to: { kind: 'grid', areaId: 34 }, note: '请处理' });
    expect(bodies[3]).toEqual({ action: 'note', text: '请处理', photos: ['p1'] });
  });
  it('asks a reason where the server refuses without one', () => {
    expect(asksReason('hand_up') && asksReason('return') && asksReason('request_extension')).toBe(true);
    expect(asksReason('sign') || asksReason('note')).toBe(false);
  });
});
