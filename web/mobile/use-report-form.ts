// The report form's state and its check before queueing: category with its typed extra fields, hazard level
// where the category needs one, description, photo and location. The check is the server's own schema, so a
// report that leaves the form is one the server takes, and the reason it would not is shown in the language on
// screen (the same words as the server's).
import { computed, reactive, ref } from 'vue';
import { useI18n } from 'vue-i18n';
import { categoryByCode } from '@contract/order-categories';
import type { HazardLevel, OrderCreate } from '@contract/orders';
import { renderMessage, type Message } from '@contract/messages/index';
import { reportFields, reportProblem, type FieldInput } from './report-fields';

export function useReportForm() {
  const { t, locale } = useI18n();
  const form = reactive({
    categoryCode: '',
    hazardLevel: '' as HazardLevel | '',
    description: '',
    fields: {} as FieldInput,
    /** The resident who raised it, when there is one to call back for a rating (回访). */
    reporterName: '',
    reporterPhone: '',
  });
  const photo = ref<File | null>(null);
  const said = ref<Message | string | null>(null);
  const problem = computed(() => {
    const p = said.value;
    if (p == null) return '';
    return typeof p === 'string' ? p : renderMessage(p, locale.value === 'en' ? 'en' : 'zh-CN');
  });
  const category = computed(() => (form.categoryCode ? (categoryByCode(form.categoryCode) ?? null) : null));

  function onCategory(): void {
    form.fields = {};
    form.hazardLevel = category.value?.hazardRequired ? category.value.defaultHazard : '';
  }

  /** The report to send, or null with `problem` saying what is missing. */
  function build(position: [number, number] | null): OrderCreate | null {
    const c = category.value;
    said.value = null;
    if (!c) said.value = t('mobile.missingCategory');
    else if (!position) said.value = t('mobile.missingLocation');
    if (!c || !position) return null;
    const body: OrderCreate = {
      categoryCode: c.code,
      description: form.description.trim(),
      lon: position[0],
      lat: position[1],
      hazardLevel: form.hazardLevel || undefined,
      source: 'grid_worker',
      fields: reportFields(c.fields, form.fields),
    };
    const name = form.reporterName.trim();
    const phone = form.reporterPhone.trim();
    if (name || phone) body.reporter = { name, phone };
    said.value = reportProblem(body);
    return said.value ? null : body;
  }

  function reset(): void {
    Object.assign(form, {
      categoryCode: '',
      hazardLevel: '',
      description: '',
      fields: {},
      reporterName: '',
      reporterPhone: '',
    });
    photo.value = null;
  }

  return { form, photo, problem, category, onCategory, build, reset };
}
