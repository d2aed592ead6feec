// The area hierarchy as the wall sees it: city meta, the user's scope, the area drilled into,
// its children (next level) and its aggregate profile. With several districts in the scope the top is the city
// above them (no area: the districts are its children, its figures the districts summed). Requests for a
// superseded drill are aborted.
import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import type { AreaCollection, AreaDetail, AreaProfile, CityProfile } from '@contract/areas';
import type { CityMeta } from '@contract/meta';
import { getArea, getAreaProfile, getCityProfile, listAreas } from '../api/areas';
import { getMeta } from '../api/meta';
import { isAbort, useLatest } from '../api/use-latest';

export const useAreasStore = defineStore('areas', () => {
  const meta = shallowRef<CityMeta | null>(null);
  const scopeId = ref<number | null>(null);
  const current = shallowRef<AreaDetail | null>(null);
  const children = shallowRef<AreaCollection>({ type: 'FeatureCollection', features: [] });
  /** Children of the current area's parent: what a click selects when the current area is a leaf. */
  const siblings = shallowRef<AreaCollection>({ type: 'FeatureCollection', features: [] });
  const profile = shallowRef<AreaProfile | null>(null);
  /** The scope holds several districts: the city above them is the top level. */
  const multiDistrict = ref(false);
  /** The city's figures (every district in scope summed), while the city is shown. */
  const cityProfile = shallowRef<CityProfile | null>(null);
  const latest = useLatest();
  const loading = latest.pending;
  const error = ref<Error | null>(null);

  /** The city above several districts is shown (no area drilled into). */
  const atCity = computed(() => multiDistrict.value && current.value === null);

  /**
   * scope null: an administrator of the whole installation. With one district the view starts there; with several
   * it starts above them (the districts are the children); with none there is nothing to show (meta.districts 0).
   */
  async function init(scope: number | null): Promise<void> {
    meta.value ??= await getMeta();
    const root = scope ?? (meta.value.districts === 1 ? meta.value.districtId : null);
    scopeId.value = root;
    multiDistrict.value = root === null && meta.value.districts > 1;
    if (root !== null) await drillTo(root);
    else if (multiDistrict.value) await drillToCity();
  }

  /** Back to the city above the districts (only when the scope holds several). */
  async function drillToCity(): Promise<void> {
    if (!multiDistrict.value) return;
    error.value = null;
    try {
      const got = await latest.run(async (signal) => {
        const [kids, prof] = await Promise.all([
          listAreas({ level: 'district' }, signal),
          getCityProfile(signal).catch((e: unknown) => {
            if (isAbort(e)) throw e;
            console.warn('city profile unavailable', e);
            return null;
          }),
        ]);
        return { kids, prof };
      });
      if (!got) return;
      current.value = null;
      children.value = got.kids;
      siblings.value = { type: 'FeatureCollection', features: [] };
      profile.value = null;
      cityProfile.value = got.prof;
    } catch (e) {
      error.value = e as Error;
    }
  }

  async function drillTo(id: number): Promise<void> {
    error.value = null;
    try {
      const got = await latest.run(async (signal) => {
        const detail = await getArea(id, signal);
        const childLevel = detail.children.count > 0 ? detail.children.level : null;
        const parentId = detail.properties.parentId;
        const [kids, peers, prof] = await Promise.all([
          childLevel ? listAreas({ parent: id, level: childLevel }, signal) : Promise.resolve(null),
          !childLevel && parentId !== null && id !== scopeId.value
            ? listAreas({ parent: parentId, level: detail.properties.level }, signal)
            : Promise.resolve(null),
          getAreaProfile(id, signal).catch((e: unknown) => {
            if (isAbort(e)) throw e;
            console.warn('profile unavailable', e);
            return null;
          }),
        ]);
        return { detail, kids, peers, prof };
      });
      if (!got) return;
      current.value = got.detail;
      children.value = got.kids ?? { type: 'FeatureCollection', features: [] };
      siblings.value = got.peers ?? { type: 'FeatureCollection', features: [] };
      profile.value = got.prof;
      cityProfile.value = null;
    } catch (e) {
      error.value = e as Error;
    }
  }

  function reset(): void {
    latest.abort();
    scopeId.value = null;
    multiDistrict.value = false;
    current.value = null;
    profile.value = null;
    cityProfile.value = null;
    children.value = { type: 'FeatureCollection', features: [] };
    siblings.value = { type: 'FeatureCollection', features: [] };
  }

  return {
    meta,
    scopeId,
    multiDistrict,
    atCity,
    current,
    children,
    siblings,
    profile,
    cityProfile,
    loading,
    error,
    init,
    drillTo,
    drillToCity,
    reset,
  };
});
