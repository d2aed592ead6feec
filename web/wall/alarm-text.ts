// How an alarm reads on a wall: this language's half of the server's bilingual message, and the i18n key
// of its kind (a grid worker's alarm says which rule it broke).
import type { AlarmPush } from '@contract/orders';

/** "重大隐患：… / critical hazard: …" → this language's half, without the kind the row already shows. */
export function alarmText(message: string, locale: string): string {
  const [zh, en] = message.split(' / ');
  const english = locale === 'en' && !!en;
  const part = english ? en : zh;
  return part.replace(english ? /^[^:]{1,32}:\s*/ : /^[^：:]{1,8}[：:]\s*/, '') || part;
}

export function alarmKindKey(a: Pick<AlarmPush, 'kind' | 'workerAlarm'>): string {
  return a.workerAlarm ? `wall.workerAlarm.${a.workerAlarm}` : `live.alarmKind.${a.kind}`;
}
