// How an alarm reads on a wall: its message rendered from the catalogue in the language on screen, and the
// i18n key of its kind (a grid worker's alarm says which rule it broke). Alarms stored before messages had
// codes carry "中文 / English" text: this language's half, without the kind the row already shows.
import type { AlarmPush } from '@contract/orders';
import { isMessage, renderMessage, type Lang } from '@contract/messages/index';

const langOfLocale = (locale: string): Lang => (locale === 'en' ? 'en' : 'zh-CN');

export function alarmText(message: AlarmPush['message'], locale: string): string {
  if (typeof message !== 'string')
    return isMessage(message) ? renderMessage(message, langOfLocale(locale)) : message.key;
  const [zh, en] = message.split(' / ');
  const english = locale === 'en' && !!en;
  const part = english ? en : zh;
  return part.replace(english ? /^[^:]{1,32}:\s*/ : /^[^：:]{1,8}[：:]\s*/, '') || part;
}

export function alarmKindKey(a: Pick<AlarmPush, 'kind' | 'workerAlarm'>): string {
  return a.workerAlarm ? `wall.workerAlarm.${a.workerAlarm}` : `live.alarmKind.${a.kind}`;
}
