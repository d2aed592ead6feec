import { describe, expect, it } from 'vitest';
import { m, named } from '@contract/messages/index';
import { alarmKindKey, alarmText } from './alarm-text';

describe('alarmText', () => {
  it('renders an alarm pushed as a code in the language on screen', () => {
    const pushed = m('orders.alarm.criticalHazard', {
      category: named({ zh: '燃气安全隐患', en: 'Gas safety hazard' }),
      id: 12,
    });
    expect(alarmText(pushed, 'zh-CN')).toBe('燃气安全隐患（工单 12）');
    expect(alarmText(pushed, 'en')).toBe('Gas safety hazard (order 12)');
    const worker = m('workers.alarm.silent', { name: '王伟', grid: '一网格', minutes: 35 });
    expect(alarmText(worker, 'en')).toBe('no position from grid worker 王伟 (一网格) for 35 min');
    expect(alarmText(worker, 'zh-CN')).toBe('网格员 王伟（一网格）已 35 分钟无定位');
  });
  it('shows the code of a message this page does not know, rather than nothing', () => {
    expect(alarmText({ key: 'orders.alarm.fromANewerServer' }, 'en')).toBe('orders.alarm.fromANewerServer');
  });
  const stored = '重大隐患：燃气安全隐患 / critical hazard: Gas safety hazard';
  it("shows this language's half of an alarm stored before codes, without the kind", () => {
    expect(alarmText(stored, 'zh-CN')).toBe('燃气安全隐患');
    expect(alarmText(stored, 'en')).toBe('Gas safety hazard');
  });
  it('keeps a message that has no prefix or no English half', () => {
    expect(alarmText('工单 12 超期，亮红牌', 'en')).toBe('工单 12 超期，亮红牌');
  });
  it('names a grid worker alarm by its rule', () => {
    expect(alarmKindKey({ kind: 'system', workerAlarm: 'silent' })).toBe('wall.workerAlarm.silent');
    expect(alarmKindKey({ kind: 'red_card' })).toBe('live.alarmKind.red_card');
  });
});
