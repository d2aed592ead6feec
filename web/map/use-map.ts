// One MapLibre map with a deck.gl overlay interleaved in its WebGL context.
// Owns the wall-specific canvas rules: native resolution (pixelRatio 1 on a wall, never
// CSS-scaled), canvas limit raised to 16384 (MapLibre clamps it to MAX_TEXTURE_SIZE).
import { onBeforeUnmount, onMounted, ref, shallowRef, type Ref } from 'vue';
import { Map as MapLibreMap, setWorkerUrl, type LngLatBoundsLike } from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { MapLibreOverlay } from '@deck.gl/maplibre';
import type { LayersList } from '@deck.gl/core';
import type { Basemap, CityMeta } from '@contract/meta';
import { uiScale } from '../ui/ui-scale';
import {
  type BasemapStyle,
  buildBasemapStyle,
  hatchImage,
  HATCH_IMAGE_PREFIX,
  MAP_COLORS,
  overExternalStyle,
  POLICE_LAYER_IDS,
  SPECIAL_LAYER_IDS,
  withRasterBasemap,
  withVectorFileBasemap,
} from './basemap-style';
import { shownBounds, unshown } from './display-datum';

setWorkerUrl(workerUrl);

export interface MapSetup {
  areasTiles: string;
  basemapTiles: string;
  minzoom: number;
  maxzoom: number;
  /** The base map under the areas: Gridwall's own, or an external one (its URLs absolute). */
  basemap: Basemap;
  /** The box to show first, as stored (WGS84). */
  bounds: [number, number, number, number];
}

/** Walls render at native resolution: a device-pixel-ratio canvas would exceed texture limits. */
function pixelRatio(): number {
  return window.innerWidth * window.devicePixelRatio > 3840 ? 1 : window.devicePixelRatio;
}

/** The tile endpoints of a city as absolute URLs MapLibre can fetch ({z}/{x}/{y} kept literal). */
export function tileSources(
  meta: CityMeta,
): Pick<MapSetup, 'areasTiles' | 'basemapTiles' | 'minzoom' | 'maxzoom' | 'basemap'> {
  const absolute = (path: string) =>
    new URL(path, window.location.origin).href.replace(/%7B/g, '{').replace(/%7D/g, '}');
  const b = meta.basemap;
  return {
    areasTiles: absolute(meta.tiles.areas),
    basemapTiles: absolute(meta.tiles.basemap),
    minzoom: meta.tiles.minzoom,
    maxzoom: meta.tiles.maxzoom,
    basemap: { ...b, tiles: b.tiles && absolute(b.tiles), style: b.style && absolute(b.style) },
  };
}

/**
 * The map's style: the own one, over an external raster service or the server's MBTiles/PMTiles file, or laid over
 * an external style document.
 */
async function styleFor(s: MapSetup, scale: number): Promise<BasemapStyle> {
  const own = buildBasemapStyle({ ...s, scale });
  if (s.basemap.kind === 'mbtiles' || s.basemap.kind === 'pmtiles')
    return s.basemap.type === 'raster'
      ? withRasterBasemap(own, s.basemap)
      : withVectorFileBasemap(own, s.basemap, scale);
  if (s.basemap.kind === 'xyz' || s.basemap.kind === 'tms') return withRasterBasemap(own, s.basemap);
  if (s.basemap.kind !== 'style' || !s.basemap.style) return own;
  try {
    const r = await fetch(s.basemap.style);
    if (!r.ok) throw new Error(`HTTP ${r.status}`);
    return overExternalStyle(await r.json(), s.basemap.style, own);
  } catch (err) {
    // The areas still show over Gridwall's own roads and water: a wall never goes blank for a missing base map.
    console.warn('base map style unavailable', s.basemap.style, err);
    return own;
  }
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

  let unmounted = false;

  onMounted(async () => {
    const s = setup();
    const style = await styleFor(s, scale);
    if (unmounted || !container.value) return;
    const m = new MapLibreMap({
      container: container.value,
      style,
      bounds: shownBounds(s.bounds),
      fitBoundsOptions: { padding: 40 * scale },
      maxCanvasSize: [16384, 16384],
      pixelRatio: pixelRatio(),
      // An external base map is credited as its terms ask; the own one needs no credit.
      attributionControl:
        s.basemap.kind === 'own' ? false : { compact: true, customAttribution: s.basemap.attribution ?? undefined },
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
    // A click is read off the map as drawn (over a GCJ-02 base map, shifted): what is used and sent is stored WGS84.
    m.on('click', (e) => onClick(unshown([e.lngLat.lng, e.lngLat.lat]), [e.point.x, e.point.y]));
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
    unmounted = true;
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
    const [w, s, e, n] = shownBounds(bounds);
    const b: LngLatBoundsLike = [
      [w, s],
      [e, n],
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
