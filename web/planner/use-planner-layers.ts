// Planner map layers as state → data → deck.gl layers: elder density (hex or heat), need heat, resources by
// kind and need ↔ resource gaps. Each layer refetches only when its own settings or the area change.
import { computed, reactive, shallowRef, watch } from 'vue';
import type { Layer } from '@deck.gl/core';
import type { ElderMetric } from '@contract/population';
import type { GapRow, Resource, ResourceKind } from '@contract/resources';
import { getElderDensity } from '../api/population';
import { getGaps, getNeedHeat, listResources } from '../api/needs';
import { createDensityLayers, type DensityCell, type DensityMode } from '../map/layers/elder-density-layer';
import { createGapLayer, createResourceLayer } from '../map/layers/need-layers';

export interface PlannerLayerState {
  elder: { on: boolean; metric: ElderMetric; res: 7 | 8 | 9; mode: DensityMode };
  need: { on: boolean; code: string; res: 7 | 8 | 9; mode: DensityMode };
  resources: { on: boolean; kinds: ResourceKind[] };
  gaps: { on: boolean; need: string; radius: 300 | 500 | 1000 };
}

export function usePlannerLayers(areaId: () => number | undefined, scale: () => number = () => 1) {
  const state = reactive<PlannerLayerState>({
    elder: { on: true, metric: 'e60', res: 8, mode: 'hex' },
    need: { on: false, code: 'elder_canteen', res: 8, mode: 'heat' },
    resources: { on: false, kinds: ['elder_canteen', 'elder_station', 'day_care'] },
    gaps: { on: false, need: 'elder_canteen', radius: 500 },
  });
  const elderCells = shallowRef<DensityCell[]>([]);
  const elderSuppressed = shallowRef(0);
  const needCells = shallowRef<DensityCell[]>([]);
  const resources = shallowRef<Resource[]>([]);
  const gaps = shallowRef<GapRow[]>([]);
  const error = shallowRef<string | null>(null);
  const fail = (e: unknown) => {
    if ((e as Error).name !== 'AbortError') error.value = (e as Error).message;
  };

  let elderCtl: AbortController | null = null;
  watch([() => state.elder.on, () => state.elder.metric, () => state.elder.res, areaId], async ([on, metric, res, area]) => {
    elderCtl?.abort();
    if (!on) return void (elderCells.value = []);
    elderCtl = new AbortController();
    try {
      const d = await getElderDensity({ res, metric, area }, elderCtl.signal);
      elderCells.value = d.cells;
      elderSuppressed.value = d.suppressed;
    } catch (e) {
      fail(e);
    }
  }, { immediate: true });

  let needCtl: AbortController | null = null;
  watch([() => state.need.on, () => state.need.code, () => state.need.res, areaId], async ([on, need, res, area]) => {
    needCtl?.abort();
    if (!on) return void (needCells.value = []);
    needCtl = new AbortController();
    try {
      needCells.value = (await getNeedHeat({ need, res, area }, needCtl.signal)).cells;
    } catch (e) {
      fail(e);
    }
  }, { immediate: true });

  let resCtl: AbortController | null = null;
  watch([() => state.resources.on, () => [...state.resources.kinds], areaId], async ([on, kinds, area]) => {
    resCtl?.abort();
    if (!on || !kinds.length) return void (resources.value = []);
    resCtl = new AbortController();
    try {
      resources.value = await listResources({ kind: kinds, area }, resCtl.signal);
    } catch (e) {
      fail(e);
    }
  }, { immediate: true });

  let gapCtl: AbortController | null = null;
  watch([() => state.gaps.on, () => state.gaps.need, () => state.gaps.radius, areaId], async ([on, need, radius, area]) => {
    gapCtl?.abort();
    if (!on) return void (gaps.value = []);
    gapCtl = new AbortController();
    try {
      gaps.value = (await getGaps({ need, radius, area, limit: 200 }, gapCtl.signal)).rows;
    } catch (e) {
      fail(e);
    }
  }, { immediate: true });

  const layers = computed<Layer[]>(() => [
    ...(state.elder.on ? createDensityLayers('elder', elderCells.value, state.elder.mode, scale()) : []),
    ...(state.need.on ? createDensityLayers('need', needCells.value, state.need.mode, scale()) : []),
    ...(state.gaps.on ? createGapLayer(gaps.value, scale()) : []),
    ...(state.resources.on ? createResourceLayer(resources.value, scale()) : []),
  ]);
  return { state, layers, elderCells, elderSuppressed, needCells, resources, gaps, error };
}
