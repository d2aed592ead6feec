// window.__gridwall: a read-only window into the map and the live orders for end-to-end tests and
// for the operator's console (is the map ready, where is a label on screen, how many orders are live).
import { onBeforeUnmount, watchEffect, type Ref, type ShallowRef } from 'vue';
import type { Map as MapLibreMap } from 'maplibre-gl';
import type { AreaFeature } from '@contract/areas';
import type { PlacedRoadLabel } from './layers/road-labels-layer';
import { shown } from './display-datum';

export interface GridwallTestHooks {
  mapReady: boolean;
  map: MapLibreMap | null;
  /** Screen positions (CSS px, page coordinates) of the labelled areas. */
  labelPoints(): { id: number; name: string; x: number; y: number }[];
  /** The road names drawn in the view, with their screen positions (CSS px, page coordinates). */
  roadLabels(): { name: string; roadClass: string; angle: number; x: number; y: number }[];
  /** Screen position (CSS px, page coordinates) of a lon/lat. */
  project(lon: number, lat: number): { x: number; y: number } | null;
  /** The live-orders store of the page, when it has one. */
  readonly orders: OrdersTestHooks | null;
}

export interface OrdersTestHooks {
  count(): number;
  ids(): number[];
  lastSeq(): number;
  connection(): string;
}

let ordersHooks: OrdersTestHooks | null = null;

/** Registers the page's live orders; window.__gridwall.orders reads them while the page is mounted. */
export function exposeOrdersForTests(hooks: OrdersTestHooks): void {
  ordersHooks = hooks;
  onBeforeUnmount(() => {
    if (ordersHooks === hooks) ordersHooks = null;
  });
}

declare global {
  interface Window {
    __gridwall?: GridwallTestHooks;
  }
}

export function exposeMapForTests(
  map: ShallowRef<MapLibreMap | null>,
  ready: Ref<boolean>,
  labels: () => AreaFeature[],
  roadLabels: () => PlacedRoadLabel[] = () => [],
): void {
  const hooks: GridwallTestHooks = {
    mapReady: false,
    map: null,
    labelPoints() {
      const m = map.value;
      if (!m) return [];
      const rect = m.getContainer().getBoundingClientRect();
      return labels().map((f) => {
        const p = m.project(shown(f.properties.labelLon, f.properties.labelLat));
        return { id: f.id, name: f.properties.name, x: rect.left + p.x, y: rect.top + p.y };
      });
    },
    roadLabels() {
      const m = map.value;
      if (!m) return [];
      const rect = m.getContainer().getBoundingClientRect();
      return roadLabels().map((l) => {
        const p = m.project([l.lon, l.lat]);
        return { name: l.name, roadClass: l.roadClass, angle: l.screenAngle, x: rect.left + p.x, y: rect.top + p.y };
      });
    },
    project(lon, lat) {
      const m = map.value;
      if (!m) return null;
      const rect = m.getContainer().getBoundingClientRect();
      const p = m.project(shown(lon, lat));
      return { x: rect.left + p.x, y: rect.top + p.y };
    },
    get orders() {
      return ordersHooks;
    },
  };
  window.__gridwall = hooks;
  watchEffect(() => {
    hooks.mapReady = ready.value;
    hooks.map = map.value;
  });
  onBeforeUnmount(() => {
    if (window.__gridwall === hooks) delete window.__gridwall;
  });
}
