// window.__gridwall: a read-only window into the map for end-to-end tests and for the
// operator's console (is the map ready, where is a label on screen).
import { onBeforeUnmount, watchEffect, type Ref, type ShallowRef } from 'vue';
import type { Map as MapLibreMap } from 'maplibre-gl';
import type { AreaFeature } from '@contract/areas';

export interface GridwallTestHooks {
  mapReady: boolean;
  map: MapLibreMap | null;
  /** Screen positions (CSS px, page coordinates) of the labelled areas. */
  labelPoints(): { id: number; name: string; x: number; y: number }[];
}

declare global {
  interface Window {
    __gridwall?: GridwallTestHooks;
  }
}

export function exposeMapForTests(map: ShallowRef<MapLibreMap | null>, ready: Ref<boolean>, labels: () => AreaFeature[]): void {
  const hooks: GridwallTestHooks = {
    mapReady: false,
    map: null,
    labelPoints() {
      const m = map.value;
      if (!m) return [];
      const rect = m.getContainer().getBoundingClientRect();
      return labels().map((f) => {
        const p = m.project([f.properties.labelLon, f.properties.labelLat]);
        return { id: f.id, name: f.properties.name, x: rect.left + p.x, y: rect.top + p.y };
      });
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
