// Names of categories, departments and event kinds in the current language. Categories come from
// the shared catalogue (contract/), departments from the API (loaded once per page load).
import { ref } from 'vue';
import { useI18n } from 'vue-i18n';
import { categoryByCode } from '@contract/order-categories';
import type { OrderEventKind } from '@contract/orders';
import { listDepartments, type Department } from '../api/orders';

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
  const eventName = (kind: OrderEventKind) =>
    te(`order.event.${kind}`) ? t(`order.event.${kind}`) : t(`order.action.${kind}`);
  const dateTime = (iso: string) =>
    new Date(iso).toLocaleString(locale.value, {
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hour12: false,
    });
  return { categoryName, deptName, eventName, dateTime, departments };
}
