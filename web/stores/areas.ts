// The area hierarchy as the wall sees it: city meta, the user's scope, the area drilled into,
// its children (next level) and its aggregate profile. Requests for a superseded drill are aborted.
import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import type { AreaCollection, AreaCrumb, AreaDetail, AreaProfile } from '@contract/areas';
import type { CityMeta } from '@contract/meta';
import { getArea, getAreaProfile, listAreas } from '../api/areas';
import { getMeta } from '../api/meta';

export const useAreasStore = defineStore('areas', () => {
  const meta = shallowRef<CityMeta | null>(null);
  const scopeId = ref<number | null>(null);
  const current = shallowRef<AreaDetail | null>(null);
  const children = shallowRef<AreaCollection>({ type: 'FeatureCollection', features: [] });
  /** Children of the current area's parent: what a click selects when the current area is a leaf. */
  const siblings = shallowRef<AreaCollection>({ type: 'FeatureCollection', features: [] });
  const profile = shallowRef<AreaProfile | null>(null);
  const loading = ref(false);
  const error = ref<Error | null>(null);
  let inflight: AbortController | null = null;

  /** Ancestors from the scope root down to the current area (nothing above the user's scope). */
  const breadcrumb = computed<AreaCrumb[]>(() => {
    const area = current.value;
    if (!area) return [];
    const self: AreaCrumb = { id: area.id, name: area.properties.name, level: area.properties.level };
    const chain = [...area.ancestors, self];
    const start = chain.findIndex((c) => c.id === scopeId.value);
    return start > 0 ? chain.slice(start) : chain;
  });

  async function init(scope: number): Promise<void> {
    scopeId.value = scope;
    meta.value ??= await getMeta();
    await drillTo(scope);
  }

  async function drillTo(id: number): Promise<void> {
    inflight?.abort();
    const controller = new AbortController();
    inflight = controller;
    loading.value = true;
    error.value = null;
    try {
      const detail = await getArea(id, controller.signal);
      const childLevel = detail.children.count > 0 ? detail.children.level : null;
      const parentId = detail.properties.parentId;
      const [kids, peers, prof] = await Promise.all([
        childLevel ? listAreas({ parent: id, level: childLevel }, controller.signal) : Promise.resolve(null),
        !childLevel && parentId !== null && id !== scopeId.value
          ? listAreas({ parent: parentId, level: detail.properties.level }, controller.signal)
          : Promise.resolve(null),
        getAreaProfile(id, controller.signal).catch((e: unknown) => {
          if ((e as Error).name === 'AbortError') throw e;
          console.warn('profile unavailable', e);
          return null;
        }),
      ]);
      current.value = detail;
      children.value = kids ?? { type: 'FeatureCollection', features: [] };
      siblings.value = peers ?? { type: 'FeatureCollection', features: [] };
      profile.value = prof;
    } catch (e) {
      if ((e as Error).name !== 'AbortError') error.value = e as Error;
    } finally {
      if (inflight === controller) {
        inflight = null;
        loading.value = false;
      }
    }
  }

  function reset(): void {
    inflight?.abort();
    scopeId.value = null;
    current.value = null;
    profile.value = null;
    children.value = { type: 'FeatureCollection', features: [] };
    siblings.value = { type: 'FeatureCollection', features: [] };
  }

  return { meta, scopeId, current, children, siblings, profile, loading, error, breadcrumb, init, drillTo, reset };
});
