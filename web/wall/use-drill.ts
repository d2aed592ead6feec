// Drill-down on the wall: district → street → community → grid. A click picks the child area
// under the pointer (or, at a leaf, the sibling), the breadcrumb goes back up.
import { computed } from 'vue';
import { storeToRefs } from 'pinia';
import type { AreaLevel } from '@contract/areas';
import { useAreasStore } from '../stores/areas';
import { areaAt } from '../map/hit-test';

export function useDrill() {
  const store = useAreasStore();
  const { current, children, siblings, breadcrumb, loading } = storeToRefs(store);

  /** Areas labelled on the map: the next level down, or the siblings once at the bottom. */
  const labelled = computed(() => (children.value.features.length ? children.value.features : siblings.value.features));
  const childLevel = computed<AreaLevel | null>(() =>
    current.value?.children.count ? current.value.children.level : null,
  );

  function pick(lngLat: [number, number]): void {
    if (loading.value) return;
    const hit = areaAt(labelled.value, lngLat);
    if (hit && hit.id !== current.value?.id) void store.drillTo(hit.id);
  }

  function goTo(id: number): void {
    if (id !== current.value?.id) void store.drillTo(id);
  }

  function up(): void {
    const crumbs = breadcrumb.value;
    if (crumbs.length > 1) goTo(crumbs[crumbs.length - 2].id);
  }

  return { current, breadcrumb, labelled, childLevel, pick, goTo, up };
}
