import { describe, expect, it } from 'vitest';
import { alarmKindKey, alarmText } from './alarm-text';

describe('alarmText', () => {
  const m = '重大隐患：燃气安全隐患 / critical hazard: Gas safety hazard';
  it("shows this language's half without the kind", () => {
    expect(alarmText(m, 'zh-CN')).toBe('燃气安全隐患');
    expect(alarmText(m, 'en')).toBe('Gas safety hazard');
  });
  it('keeps a message that has no prefix or no English half', () => {
    expect(alarmText('工单 12 超期，亮红牌', 'en')).toBe('工单 12 超期，亮红牌');
  });
  it('names a grid worker alarm by its rule', () => {
    expect(alarmKindKey({ kind: 'system', workerAlarm: 'silent' })).toBe('wall.workerAlarm.silent');
    expect(alarmKindKey({ kind: 'red_card' })).toBe('live.alarmKind.red_card');
  });
});
