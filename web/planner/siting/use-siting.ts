// Siting state for the planner: parameters, coverage of existing facilities, hand-placed sites with instant
// what-if coverage, optimizer runs, saved scenarios and their comparison, and the map layers of it all.
import { computed, reactive, ref, shallowRef, watch } from 'vue';
import type { Layer } from '@deck.gl/core';
import type {
  CoverageResponse,
  DemandCells,
  OptimizeRequest,
  OptimizeResult,
  Scenario,
  ScenarioSummary,
  SitingKind,
  SitingModel,
  SitingTarget,
} from '@contract/siting';
import * as api from '../../api/siting';
import { createSitingLayers } from './siting-layers';
import { whatIf } from './what-if';
import { useLatest } from '../../api/use-latest';

export interface SitingParams {
  kind: SitingKind;
  target: SitingTarget;
  radius: number;
  /** Walking speed, m/min: the panel shows the radius as minutes too. */
  speed: number;
  model: Exclude<SitingModel, 'manual'>;
  p: number;
  candidates: 'public' | 'hex' | 'placed';
  capacity: number | null;
  exact: boolean;
}

export function useSiting(areaId: () => number | undefined, scale: () => number = () => 1) {
  const active = ref(false);
  const params = reactive<SitingParams>({
    kind: 'canteen',
    target: 'e60',
    radius: 500,
    speed: 60,
    model: 'mclp',
    p: 5,
    candidates: 'public',
    capacity: null,
    exact: false,
  });
  const coverage = shallowRef<CoverageResponse | null>(null);
  const demand = shallowRef<DemandCells | null>(null);
  const placed = ref<{ lon: number; lat: number }[]>([]);
  const selectedPlaced = ref<number | null>(null);
  const result = shallowRef<OptimizeResult | null>(null);
  const lastRequest = shallowRef<OptimizeRequest | null>(null);
  const scenarios = ref<ScenarioSummary[]>([]);
  const compared = ref<Scenario[]>([]);
  const busy = ref(false);
  const error = ref<string | null>(null);
  const whatIfMs = ref(0);
  const fail = (e: unknown) => {
    if ((e as Error).name !== 'AbortError') error.value = (e as Error).message;
  };

  const inputs = useLatest();
  watch(
    [active, areaId, () => params.kind, () => params.target, () => params.radius],
    async ([on, area, kind, target, radius]) => {
      if (!on) return inputs.abort();
      error.value = null;
      try {
        const got = await inputs.run((signal) =>
          Promise.all([
            api.getCoverage({ kind, radius, area }, signal),
            api.getDemandCells({ kind, target, radius, area }, signal),
          ]),
        );
        if (got) [coverage.value, demand.value] = got;
      } catch (e) {
        fail(e);
      }
    },
    { immediate: true },
  );

  const instant = computed(() => {
    if (!demand.value) return null;
    const t0 = performance.now();
    const w = whatIf(demand.value.cells, placed.value, params.radius, demand.value.circuity);
    whatIfMs.value = performance.now() - t0;
    return w;
  });

  /** A map click: moves the selected placed site there, or places a new one. */
  function clickAt([lon, lat]: [number, number]): void {
    if (selectedPlaced.value !== null) {
      placed.value[selectedPlaced.value] = { lon, lat };
      selectedPlaced.value = null;
    } else placed.value.push({ lon, lat });
  }
  const removePlaced = (k: number) => {
    placed.value.splice(k, 1);
    selectedPlaced.value = null;
  };
  const selectPlaced = (k: number | null) => (selectedPlaced.value = selectedPlaced.value === k ? null : k);

  function request(): OptimizeRequest {
    const fromPlaced = params.candidates === 'placed';
    return {
      // Placed sites, all of them kept: evaluated by walking distance on the server as they are.
      model: fromPlaced && params.model === 'mclp' && params.p >= placed.value.length ? 'manual' : params.model,
      kind: params.kind,
      target: params.target,
      radius: params.radius,
      p: params.p,
      area: areaId(),
      candidates: fromPlaced
        ? { type: 'points', points: placed.value.slice() }
        : params.candidates === 'hex'
          ? { type: 'hex' }
          : { type: 'public' },
      capacity: params.model === 'mclp' && params.capacity ? params.capacity : undefined,
      exact: params.exact,
    };
  }

  async function run(): Promise<void> {
    busy.value = true;
    error.value = null;
    try {
      const req = request();
      result.value = await api.runOptimize(req);
      lastRequest.value = req;
    } catch (e) {
      fail(e);
    } finally {
      busy.value = false;
    }
  }

  const refreshScenarios = async () => {
    try {
      scenarios.value = await api.listScenarios();
    } catch (e) {
      fail(e);
    }
  };
  watch(active, (on) => on && void refreshScenarios(), { immediate: true });

  async function save(name: string): Promise<Scenario | null> {
    if (!lastRequest.value) return null;
    busy.value = true;
    try {
      const s = await api.saveScenario({ name, request: lastRequest.value });
      await refreshScenarios();
      return s;
    } catch (e) {
      fail(e);
      return null;
    } finally {
      busy.value = false;
    }
  }

  async function toggleCompare(id: number): Promise<void> {
    const at = compared.value.findIndex((s) => s.id === id);
    if (at >= 0) return void compared.value.splice(at, 1);
    try {
      const s = await api.getScenario(id);
      compared.value = [...compared.value, s].slice(-3);
    } catch (e) {
      fail(e);
    }
  }

  async function remove(id: number): Promise<void> {
    try {
      await api.deleteScenario(id);
      compared.value = compared.value.filter((s) => s.id !== id);
      await refreshScenarios();
    } catch (e) {
      fail(e);
    }
  }

  const layers = computed<Layer[]>(() =>
    active.value
      ? createSitingLayers({
          uncovered: coverage.value?.uncoveredCells ?? [],
          facilities: coverage.value?.facilities ?? [],
          placed: placed.value,
          selectedPlaced: selectedPlaced.value,
          chosen: result.value?.sites ?? [],
          radius: params.radius,
          scale: scale(),
        })
      : [],
  );

  return {
    active,
    params,
    coverage,
    demand,
    placed,
    selectedPlaced,
    instant,
    whatIfMs,
    result,
    scenarios,
    compared,
    busy,
    error,
    layers,
    clickAt,
    removePlaced,
    selectPlaced,
    run,
    save,
    toggleCompare,
    remove,
  };
}

export type Siting = ReturnType<typeof useSiting>;
