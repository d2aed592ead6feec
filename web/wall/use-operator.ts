// What an operator steers on the wall, from its keyboard or a remote page: the time range of the rates and
// root causes, an automatic tour across the areas under the wall's scope (streets under a district; with several
// districts, each district and then its streets), a
// "follow the newest alarm" mode, and full screen. Keys: ←/→ previous/next area, Home back to the scope,
// T tour, L follow alarms, 1/2/3 today/7 days/30 days, F full screen, H alarm history.
import { onBeforeUnmount, onMounted, ref, watch } from 'vue';
import type { AreaFeature } from '@contract/areas';
import type { AlarmPush } from '@contract/orders';
import type { WallCommand } from '@contract/wall';
import { listAreas } from '../api/areas';
import { cityTourStops } from './city-drill';

export type WallRange = 'today' | '7d' | '30d' | 'custom';
export const RANGE_DAYS: Record<Exclude<WallRange, 'custom'>, number> = { today: 1, '7d': 7, '30d': 30 };
/** A custom range: first and last day (YYYY-MM-DD, local). */
export interface Days {
  from: string;
  to: string;
}
export const TOUR_MS = 20_000;

const localMidnight = (day: string) => {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(y, m - 1, d);
};

/**
 * The window of a range as ISO times: today from local midnight, 7/30 days back from now, a custom one from
 * the first day's midnight to the end of the last day; `days` is its length for the root-cause search.
 */
export function rangeWindow(
  range: WallRange,
  custom: Days | null,
  now = new Date(),
): { from: string; to?: string; days: number } {
  if (range === 'custom' && custom) {
    const from = localMidnight(custom.from);
    const end = localMidnight(custom.to);
    end.setDate(end.getDate() + 1);
    return {
      from: from.toISOString(),
      to: end.toISOString(),
      days: Math.max(1, Math.min(365, Math.round((end.getTime() - from.getTime()) / 86400_000))),
    };
  }
  const r = range === 'custom' ? '30d' : range;
  if (r === 'today') return { from: new Date(now.getFullYear(), now.getMonth(), now.getDate()).toISOString(), days: 1 };
  return { from: new Date(now.getTime() - RANGE_DAYS[r] * 86400_000).toISOString(), days: RANGE_DAYS[r] };
}

/** The next stop of a tour through `ids` after `current` (the first when current is not among them). */
export function nextStop(ids: readonly number[], current: number | undefined, step: 1 | -1): number | undefined {
  if (!ids.length) return undefined;
  const i = current === undefined ? -1 : ids.indexOf(current);
  if (i < 0) return step === 1 ? ids[0] : ids[ids.length - 1];
  return ids[(i + step + ids.length) % ids.length];
}

export interface OperatorDeps {
  /**
   * The wall's scope (the account's area): Home goes back here and the tour runs through its children. null: the
   * city above several districts; undefined: not known yet.
   */
  scopeId: () => number | null | undefined;
  currentId: () => number | undefined;
  /** An area, or null: the city. */
  goTo: (id: number | null) => void;
  openOrder: (id: number) => void;
  openHistory: () => void;
  alarms: () => readonly AlarmPush[];
  toggleLayer?: (layer: string, on: boolean) => void;
}

export function useOperator(deps: OperatorDeps) {
  const range = ref<WallRange>('30d');
  const custom = ref<Days | null>(null);
  const touring = ref(false);
  const following = ref(false);
  const stops = ref<AreaFeature[]>([]);
  let tourTimer: ReturnType<typeof setInterval> | undefined;

  async function loadStops(): Promise<void> {
    const scope = deps.scopeId();
    if (scope === undefined) return;
    if (scope === null) {
      const [districts, streets] = await Promise.all([
        listAreas({ level: 'district' }),
        listAreas({ level: 'street' }),
      ]);
      stops.value = cityTourStops(districts.features, streets.features);
    } else stops.value = (await listAreas({ parent: scope })).features;
  }

  /** The next or previous stop; the stops are loaded first when the scope was not known yet when the wall opened. */
  function step(dir: 1 | -1): void {
    void (stops.value.length ? Promise.resolve() : loadStops())
      .then(() => {
        const id = nextStop(
          stops.value.map((s) => s.id),
          deps.currentId(),
          dir,
        );
        if (id !== undefined) deps.goTo(id);
      })
      .catch(() => undefined);
  }

  function home(): void {
    const scope = deps.scopeId();
    if (scope !== undefined) deps.goTo(scope);
  }

  // The scope becomes known once the wall has read its meta: the stops follow it.
  watch(
    () => deps.scopeId(),
    (scope, before) => {
      if (scope === before) return;
      stops.value = [];
      void loadStops().catch(() => undefined);
    },
  );

  watch(touring, (on) => {
    clearInterval(tourTimer);
    if (!on) return;
    step(1);
    tourTimer = setInterval(() => step(1), TOUR_MS);
  });

  // Follow mode: each new open alarm takes the map to its area and opens its order.
  watch(
    () => deps.alarms()[0]?.seq ?? 0,
    (seq, old) => {
      if (!following.value || !old || seq <= old) return;
      const a = deps.alarms()[0];
      if (a.ack) return;
      touring.value = false;
      if (a.areaId) deps.goTo(a.areaId);
      if (a.orderId) deps.openOrder(a.orderId);
    },
  );

  function fullScreen(): void {
    if (document.fullscreenElement) void document.exitFullscreen();
    else void document.documentElement.requestFullscreen?.().catch(() => undefined);
  }

  function run(c: WallCommand): void {
    switch (c.command) {
      case 'tour':
        touring.value = c.on;
        break;
      case 'next':
        touring.value = false;
        step(1);
        break;
      case 'previous':
        touring.value = false;
        step(-1);
        break;
      case 'home':
        touring.value = false;
        home();
        break;
      case 'area':
        touring.value = false;
        deps.goTo(c.areaId);
        break;
      case 'range':
        if (c.range === 'custom' && c.from && c.to) custom.value = { from: c.from, to: c.to };
        range.value = c.range;
        break;
      case 'follow':
        following.value = c.on;
        break;
      case 'layer':
        deps.toggleLayer?.(c.layer, c.on);
        break;
    }
  }

  function onKey(e: KeyboardEvent): void {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    const target = e.target as HTMLElement | null;
    if (target && ['INPUT', 'SELECT', 'TEXTAREA'].includes(target.tagName)) return;
    const keys: Record<string, () => void> = {
      ArrowRight: () => run({ command: 'next' }),
      ArrowLeft: () => run({ command: 'previous' }),
      Home: () => run({ command: 'home' }),
      t: () => run({ command: 'tour', on: !touring.value }),
      l: () => run({ command: 'follow', on: !following.value }),
      '1': () => run({ command: 'range', range: 'today' }),
      '2': () => run({ command: 'range', range: '7d' }),
      '3': () => run({ command: 'range', range: '30d' }),
      f: fullScreen,
      h: deps.openHistory,
    };
    const action = keys[e.key.length === 1 ? e.key.toLowerCase() : e.key];
    if (!action) return;
    e.preventDefault();
    action();
  }

  onMounted(() => {
    window.addEventListener('keydown', onKey);
    void loadStops().catch(() => undefined);
  });
  onBeforeUnmount(() => {
    window.removeEventListener('keydown', onKey);
    clearInterval(tourTimer);
  });

  return { range, custom, touring, following, stops, run, fullScreen, loadStops };
}
