// The report form's state and its check before queueing: category with its extra fields (numbers
// converted), hazard level where the category needs one, description, photo and location.
import { computed, reactive, ref } from 'vue';
import { useI18n } from 'vue-i18n';
import { categoryByCode } from '@contract/order-categories';
import type { HazardLevel, OrderCreate } from '@contract/orders';
import { reportFields, type FieldInput } from './report-fields';

export function useReportForm() {
  const { t } = useI18n();
  const form = reactive({
    categoryCode: '',
    hazardLevel: '' as HazardLevel | '',
    description: '',
    fields: {} as FieldInput,
  });
  const photo = ref<File | null>(null);
  const problem = ref('');
  const category = computed(() => (form.categoryCode ? (categoryByCode(form.categoryCode) ?? null) : null));

  function onCategory(): void {
    form.fields = {};
    form.hazardLevel = category.value?.hazardRequired ? category.value.defaultHazard : '';
  }

  /** The report to send, or null with `problem` saying what is missing. */
  function build(position: [number, number] | null): OrderCreate | null {
    const c = category.value;
    problem.value = '';
    if (!c) problem.value = t('mobile.missingCategory');
    else if (!position) problem.value = t('mobile.missingLocation');
    if (!c || !position) return null;
    const fields = reportFields(c.fields, form.fields);
    return {
      categoryCode: c.code,
      description: form.description.trim(),
      lon: position[0],
      lat: position[1],
      hazardLevel: form.hazardLevel || undefined,
      source: 'grid_worker',
      fields,
    };
  }

  function reset(): void {
    Object.assign(form, { categoryCode: '', hazardLevel: '', description: '', fields: {} });
    photo.value = null;
  }

  return { form, photo, problem, category, onCategory, build, reset };
}
