// Names of categories, departments and event kinds in the current language. Categories come from
// the shared catalogue (contract/), departments from the API (loaded once per page load).
import { ref } from 'vue';
import { useI18n } from 'vue-i18n';
import { categoryByCode } from '@contract/order-categories';
import { renderMessage, type Lang, type Message } from '@contract/messages/index';
import type { OrderActionName, OrderEventKind } from '@contract/orders';
import type { Party } from '@contract/parties';
import { listDepartments, type Department } from '../api/orders';
import { durationParts } from './holder-trail';

const departments = ref<Department[]>([]);
let loading: Promise<void> | null = null;

/** Loads the department list once; a failure is retried on the next call. */
export function loadDepartments(): Promise<void> {
  loading ??= listDepartments()
    .then((d) => {
      departments.value = d;
    })
    .catch((e: unknown) => {
      loading = null;
      console.warn('departments unavailable', e);
    });
  return loading;
}

export function useOrderLabels() {
  const { t, te, locale } = useI18n();
  const en = () => locale.value === 'en';
  const categoryName = (code: string) => {
    const c = categoryByCode(code);
    return c ? (en() ? c.en : c.zh) : code;
  };
  const deptName = (code: string | null) => {
    if (!code) return '—';
    const d = departments.value.find((x) => x.code === code);
    return d ? (en() ? d.nameEn : d.name) : code;
  };
  const lang = (): Lang => (en() ? 'en' : 'zh-CN');
  /** A server message (a refusal's reason, an error) in the language on screen. */
  const say = (msg: Message) => renderMessage(msg, lang());
  /** An action's name from the shared catalogue, the one the server's messages use. */
  const actionName = (a: OrderActionName) => say({ key: `orders.action.${a}` } as Message);
  const roleName = (r: string) =>
    te(`order.role.${r}`) ? t(`order.role.${r}`) : say({ key: `orders.role.${r}` } as Message);
  const eventName = (kind: OrderEventKind) =>
    te(`parties.event.${kind}`)
      ? t(`parties.event.${kind}`)
      : te(`order.event.${kind}`)
        ? t(`order.event.${kind}`)
        : te(`order.action.${kind}`)
          ? t(`order.action.${kind}`)
          : actionName(kind as OrderActionName);
  /** A party by the name the server gave, else its department or kind. */
  const partyName = (p: Party & { name?: string }) =>
    p.name ?? (p.kind === 'department' && p.dept ? deptName(p.dept) : t(`parties.kind.${p.kind}`));
  const duration = (ms: number) => {
    const { d, h, m } = durationParts(ms);
    return d ? t('parties.dur.dh', { d, h }) : h ? t('parties.dur.hm', { h, m }) : t('parties.dur.m', { m });
  };
  const dateTime = (iso: string) =>
    new Date(iso).toLocaleString(locale.value, {
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hour12: false,
    });
  return { categoryName, deptName, eventName, dateTime, departments, say, actionName, roleName, partyName, duration };
}
