// One MapLibre map with a deck.gl overlay interleaved in its WebGL context.
// Owns the wall-specific canvas rules: native resolution (pixelRatio 1 on a wall, never
// CSS-scaled), canvas limit raised to 16384 (MapLibre clamps it to MAX_TEXTURE_SIZE).
import { onBeforeUnmount, onMounted, ref, shallowRef, type Ref } from 'vue';
import { Map as MapLibreMap, setWorkerUrl, type LngLatBoundsLike } from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { MapLibreOverlay } from '@deck.gl/maplibre';
import type { LayersList } from '@deck.gl/core';
import type { CityMeta } from '@contract/meta';
import { uiScale } from '../ui/ui-scale';
import {
  buildBasemapStyle,
  hatchImage,
  HATCH_IMAGE_PREFIX,
  MAP_COLORS,
  POLICE_LAYER_IDS,
  SPECIAL_LAYER_IDS,
} from './basemap-style';

setWorkerUrl(workerUrl);

export interface MapSetup {
  areasTiles: string;
  basemapTiles: string;
  minzoom: number;
  maxzoom: number;
  bounds: [number, number, number, number];
}

/** Walls render at native resolution: a device-pixel-ratio canvas would exceed texture limits. */
function pixelRatio(): number {
  return window.innerWidth * window.devicePixelRatio > 3840 ? 1 : window.devicePixelRatio;
}

/** The tile endpoints of a city as absolute URLs MapLibre can fetch ({z}/{x}/{y} kept literal). */
export function tileSources(meta: CityMeta): Pick<MapSetup, 'areasTiles' | 'basemapTiles' | 'minzoom' | 'maxzoom'> {
  const absolute = (path: string) =>
    new URL(path, window.location.origin).href.replace(/%7B/g, '{').replace(/%7D/g, '}');
  return {
    areasTiles: absolute(meta.tiles.areas),
    basemapTiles: absolute(meta.tiles.basemap),
    minzoom: meta.tiles.minzoom,
    maxzoom: meta.tiles.maxzoom,
  };
}

export function useMap(
  container: Ref<HTMLElement | null>,
  setup: () => MapSetup,
  onClick: (lngLat: [number, number], point: [number, number]) => void,
) {
  const map = shallowRef<MapLibreMap | null>(null);
  const ready = ref(false);
  const scale = uiScale();
  let overlay: MapLibreOverlay | null = null;

  onMounted(() => {
    const s = setup();
    const m = new MapLibreMap({
      container: container.value!,
      style: buildBasemapStyle({ ...s, scale }),
      bounds: s.bounds,
      fitBoundsOptions: { padding: 40 * scale },
      maxCanvasSize: [16384, 16384],
      pixelRatio: pixelRatio(),
      attributionControl: false,
      dragRotate: false,
      pitchWithRotate: false,
      fadeDuration: 0,
    });
    m.on('styleimagemissing', (e) => {
      const cls = e.id.startsWith(HATCH_IMAGE_PREFIX)
        ? (e.id.slice(HATCH_IMAGE_PREFIX.length) as keyof typeof MAP_COLORS.special)
        : null;
      if (cls && MAP_COLORS.special[cls] && !m.hasImage(e.id))
        m.addImage(e.id, hatchImage(MAP_COLORS.special[cls], Math.round(12 * scale)));
    });
    m.on('click', (e) => onClick([e.lngLat.lng, e.lngLat.lat], [e.point.x, e.point.y]));
    m.on('error', (e) => console.warn('map error', e.error?.message ?? e));
    m.on('idle', () => {
      if (m.loaded() && m.areTilesLoaded()) ready.value = true;
    });
    m.on('movestart', () => {
      ready.value = false;
    });
    overlay = new MapLibreOverlay({ interleaved: true, layers: [] });
    m.addControl(overlay);
    map.value = m;
  });

  onBeforeUnmount(() => {
    overlay?.finalize();
    map.value?.remove();
    map.value = null;
  });

  function setLayers(layers: LayersList): void {
    overlay?.setProps({ layers });
  }

  /** The topmost deck.gl object of these layers within a few pixels of a point on the map. */
  function pickAt(point: [number, number], layerIds: string[]): { layerId: string; index: number } | null {
    const info = overlay?.pickObject({ x: point[0], y: point[1], radius: Math.round(4 * scale), layerIds });
    return info && info.layer && info.index >= 0 ? { layerId: info.layer.id, index: info.index } : null;
  }

  function fitTo(bounds: [number, number, number, number]): void {
    const m = map.value;
    if (!m) return;
    const b: LngLatBoundsLike = [
      [bounds[0], bounds[1]],
      [bounds[2], bounds[3]],
    ];
    m.fitBounds(b, { padding: 48 * scale, duration: 900, maxZoom: 17 });
  }

  function setSpecialVisible(visible: boolean): void {
    for (const id of SPECIAL_LAYER_IDS) map.value?.setLayoutProperty(id, 'visibility', visible ? 'visible' : 'none');
  }

  function setPoliceVisible(visible: boolean): void {
    for (const id of POLICE_LAYER_IDS) map.value?.setLayoutProperty(id, 'visibility', visible ? 'visible' : 'none');
  }

  return { map, ready, scale, setLayers, pickAt, fitTo, setSpecialVisible, setPoliceVisible };
}
