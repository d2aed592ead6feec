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
import { useLatest } from '../api/use-latest';

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
    error.value = (e as Error).message;
  };
  /** Each layer keeps only its latest answer; a layer switched off drops its request and its data. */
  const elder = useLatest();
  const need = useLatest();
  const res = useLatest();
  const gap = useLatest();

  watch(
    [() => state.elder.on, () => state.elder.metric, () => state.elder.res, areaId],
    async ([on, metric, h3res, area]) => {
      if (!on) {
        elder.abort();
        elderCells.value = [];
        return;
      }
      try {
        const d = await elder.run((signal) => getElderDensity({ res: h3res, metric, area }, signal));
        if (!d) return;
        elderCells.value = d.cells;
        elderSuppressed.value = d.suppressed;
      } catch (e) {
        fail(e);
      }
    },
    { immediate: true },
  );

  watch(
    [() => state.need.on, () => state.need.code, () => state.need.res, areaId],
    async ([on, code, h3res, area]) => {
      if (!on) {
        need.abort();
        needCells.value = [];
        return;
      }
      try {
        const d = await need.run((signal) => getNeedHeat({ need: code, res: h3res, area }, signal));
        if (d) needCells.value = d.cells;
      } catch (e) {
        fail(e);
      }
    },
    { immediate: true },
  );

  watch(
    [() => state.resources.on, () => [...state.resources.kinds], areaId],
    async ([on, kinds, area]) => {
      if (!on || !kinds.length) {
        res.abort();
        resources.value = [];
        return;
      }
      try {
        const d = await res.run((signal) => listResources({ kind: kinds, area }, signal));
        if (d) resources.value = d;
      } catch (e) {
        fail(e);
      }
    },
    { immediate: true },
  );

  watch(
    [() => state.gaps.on, () => state.gaps.need, () => state.gaps.radius, areaId],
    async ([on, code, radius, area]) => {
      if (!on) {
        gap.abort();
        gaps.value = [];
        return;
      }
      try {
        const d = await gap.run((signal) => getGaps({ need: code, radius, area, limit: 200 }, signal));
        if (d) gaps.value = d.rows;
      } catch (e) {
        fail(e);
      }
    },
    { immediate: true },
  );

  const layers = computed<Layer[]>(() => [
    ...(state.elder.on ? createDensityLayers('elder', elderCells.value, state.elder.mode, scale()) : []),
    ...(state.need.on ? createDensityLayers('need', needCells.value, state.need.mode, scale()) : []),
    ...(state.gaps.on ? createGapLayer(gaps.value, scale()) : []),
    ...(state.resources.on ? createResourceLayer(resources.value, scale()) : []),
  ]);
  return { state, layers, elderCells, elderSuppressed, needCells, resources, gaps, error };
}
