// Drill-down on the wall: (city →) district → street → community → grid. A click picks the child area
// under the pointer (or, at a leaf, the sibling), the breadcrumb goes back up; with several districts in the
// scope the city above them is the top (its crumb has no area: id null).
import { computed } from 'vue';
import { storeToRefs } from 'pinia';
import { useI18n } from 'vue-i18n';
import type { AreaLevel } from '@contract/areas';
import { useAreasStore } from '../stores/areas';
import { areaAt } from '../map/hit-test';
import { wallCrumbs } from './city-drill';

export function useDrill() {
  const store = useAreasStore();
  const { current, children, siblings, loading, meta, scopeId, multiDistrict, atCity } = storeToRefs(store);
  const { locale } = useI18n();

  const cityName = computed(() => (meta.value ? (locale.value === 'en' ? meta.value.nameEn : meta.value.name) : ''));
  const breadcrumb = computed(() =>
    wallCrumbs(current.value, scopeId.value, multiDistrict.value ? cityName.value : null),
  );

  /** Areas labelled on the map: the next level down, or the siblings once at the bottom. */
  const labelled = computed(() => (children.value.features.length ? children.value.features : siblings.value.features));
  const childLevel = computed<AreaLevel | null>(() =>
    atCity.value ? 'district' : current.value?.children.count ? current.value.children.level : null,
  );

  function pick(lngLat: [number, number]): void {
    if (loading.value) return;
    const hit = areaAt(labelled.value, lngLat);
    if (hit && hit.id !== current.value?.id) void store.drillTo(hit.id);
  }

  /** An area, or null: the city above the districts. */
  function goTo(id: number | null): void {
    if (id === null) {
      if (!atCity.value) void store.drillToCity();
    } else if (id !== current.value?.id) void store.drillTo(id);
  }

  function up(): void {
    const crumbs = breadcrumb.value;
    if (crumbs.length > 1) goTo(crumbs[crumbs.length - 2].id);
  }

  return { current, atCity, breadcrumb, labelled, childLevel, pick, goTo, up };
}
