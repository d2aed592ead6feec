// Road names for a map: read from the base map's loaded tiles whenever the map settles, placed for the view, and
// handed back as one deck.gl layer (null below the zooms that name roads). A new layer only when the names change.
import { shallowRef, watch, type ShallowRef } from 'vue';
import type { Map as MapLibreMap } from 'maplibre-gl';
import type { Layer } from '@deck.gl/core';
import {
  createRoadLabelsLayer,
  placeRoadLabels,
  ROAD_LABEL_MIN_ZOOM,
  roadLabelsFromFeatures,
  type PlacedRoadLabel,
} from './layers/road-labels-layer';

const MIN_ZOOM = Math.min(...Object.values(ROAD_LABEL_MIN_ZOOM));

export function useRoadLabels(map: ShallowRef<MapLibreMap | null>, scale: number) {
  const layer = shallowRef<Layer | null>(null);
  const placed = shallowRef<PlacedRoadLabel[]>([]);
  let key = '';

  function update(m: MapLibreMap): void {
    const zoom = m.getZoom();
    let next: PlacedRoadLabel[] = [];
    if (zoom >= MIN_ZOOM && m.getSource('basemap')) {
      const el = m.getContainer();
      next = placeRoadLabels(
        roadLabelsFromFeatures(m.querySourceFeatures('basemap', { sourceLayer: 'roadlabels' })),
        {
          zoom,
          bearing: m.getBearing(),
          width: el.clientWidth,
          height: el.clientHeight,
          project: (lon, lat) => {
            const p = m.project([lon, lat]);
            return [p.x, p.y];
          },
        },
        scale,
      );
    }
    const nextKey = next.map((l) => `${l.name}@${l.lon},${l.lat},${l.screenAngle}`).join('|');
    if (nextKey === key) return;
    key = nextKey;
    placed.value = next;
    layer.value = next.length ? createRoadLabelsLayer(next, scale) : null;
  }

  watch(
    map,
    (m, _previous, onCleanup) => {
      if (!m) return;
      const onSettle = () => update(m);
      m.on('idle', onSettle);
      m.on('moveend', onSettle);
      onCleanup(() => {
        m.off('idle', onSettle);
        m.off('moveend', onSettle);
      });
    },
    { immediate: true },
  );

  return { layer, placed };
}
