// The area hierarchy as the wall sees it: city meta, the user's scope, the area drilled into,
// its children (next level) and its aggregate profile. Requests for a superseded drill are aborted.
import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import type { AreaCollection, AreaCrumb, AreaDetail, AreaProfile } from '@contract/areas';
import type { CityMeta } from '@contract/meta';
import { getArea, getAreaProfile, listAreas } from '../api/areas';
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
  const latest = useLatest();
  const loading = latest.pending;
  const error = ref<Error | null>(null);

  /** Ancestors from the scope root down to the current area (nothing above the user's scope). */
  const breadcrumb = computed<AreaCrumb[]>(() => {
    const area = current.value;
    if (!area) return [];
    const self: AreaCrumb = { id: area.id, name: area.properties.name, level: area.properties.level };
    const chain = [...area.ancestors, self];
    const start = chain.findIndex((c) => c.id === scopeId.value);
    return start > 0 ? chain.slice(start) : chain;
  });

  /**
   * scope null: an administrator of the whole installation. With one district the view starts there; with several
   * it starts above them (the districts are the children); with none there is nothing to show (meta.districts 0).
   */
  async function init(scope: number | null): Promise<void> {
    meta.value ??= await getMeta();
    const root = scope ?? (meta.value.districts === 1 ? meta.value.districtId : null);
    scopeId.value = root;
    if (root !== null) await drillTo(root);
    else if (meta.value.districts > 1) children.value = await listAreas({ level: 'district' });
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
    } catch (e) {
      error.value = e as Error;
    }
  }

  function reset(): void {
    latest.abort();
    scopeId.value = null;
    current.value = null;
    profile.value = null;
    children.value = { type: 'FeatureCollection', features: [] };
    siblings.value = { type: 'FeatureCollection', features: [] };
  }

  return { meta, scopeId, current, children, siblings, profile, loading, error, breadcrumb, init, drillTo, reset };
});
