// Siting layers on the planner's map: uncovered-elders hexagons, existing facilities with their reach,
// hand-placed sites (movable) and optimizer picks with their rank. Built from the siting state only.
import { ScatterplotLayer, TextLayer } from '@deck.gl/layers';
import type { Layer } from '@deck.gl/core';
import type { ChosenSite, Facility } from '@contract/siting';
import { shown } from '../../map/display-datum';
import { createHexagonCellsLayer } from '../../map/layers/hexagon-cells-layer';

export interface SitingLayerInput {
  uncovered: { h3: string; uncovered: number }[];
  facilities: Facility[];
  placed: { lon: number; lat: number }[];
  selectedPlaced: number | null;
  chosen: ChosenSite[];
  radius: number;
  scale?: number;
}

export const PLACED_LAYER = 'siting-placed';

export function createSitingLayers(s: SitingLayerInput): Layer[] {
  const scale = s.scale ?? 1;
  const layers: Layer[] = [];
  if (s.uncovered.length) {
    const max = Math.max(...s.uncovered.map((c) => c.uncovered));
    layers.push(
      createHexagonCellsLayer<{ h3: string; uncovered: number }>({
        id: 'siting-uncovered',
        data: s.uncovered,
        getHexagon: (c) => c.h3,
        getFillColor: (c) => [170, 90, 255, Math.round(50 + 170 * Math.sqrt(c.uncovered / max))],
        getLineColor: [200, 150, 255, 140],
        lineWidthUnits: 'pixels',
        getLineWidth: 1,
        stroked: true,
        extruded: false,
        updateTriggers: { getFillColor: max },
        parameters: { depthWriteEnabled: false },
      }),
    );
  }
  const reach = (id: string, data: { lon: number; lat: number }[], color: [number, number, number]) =>
    new ScatterplotLayer<{ lon: number; lat: number }>({
      id,
      data,
      getPosition: (p) => shown(p.lon, p.lat),
      radiusUnits: 'meters',
      getRadius: s.radius,
      stroked: true,
      filled: true,
      getFillColor: [...color, 14],
      getLineColor: [...color, 200],
      lineWidthUnits: 'pixels',
      getLineWidth: 1.5 * scale,
      updateTriggers: { getRadius: s.radius },
      parameters: { depthWriteEnabled: false },
    });
  const dots = (
    id: string,
    data: { lon: number; lat: number }[],
    color: [number, number, number],
    pickable = false,
    selected: number | null = null,
  ) =>
    new ScatterplotLayer<{ lon: number; lat: number }>({
      id,
      data,
      getPosition: (p) => shown(p.lon, p.lat),
      radiusUnits: 'pixels',
      getRadius: (_p, { index }) => (index === selected ? 10 : 7) * scale,
      getFillColor: (_p, { index }) => (index === selected ? [255, 255, 255, 255] : [...color, 255]),
      getLineColor: [5, 15, 30, 255],
      stroked: true,
      lineWidthUnits: 'pixels',
      getLineWidth: 2,
      pickable,
      updateTriggers: { getRadius: [selected, scale], getFillColor: selected },
    });
  if (s.facilities.length)
    layers.push(
      reach('siting-facility-reach', s.facilities, [255, 170, 80]),
      dots('siting-facilities', s.facilities, [255, 170, 80]),
    );
  if (s.chosen.length) {
    layers.push(
      reach('siting-chosen-reach', s.chosen, [80, 220, 255]),
      dots('siting-chosen', s.chosen, [80, 220, 255]),
      new TextLayer<ChosenSite>({
        id: 'siting-chosen-rank',
        data: s.chosen,
        getPosition: (c) => shown(c.lon, c.lat),
        getText: (c) => String(c.rank),
        getSize: 14 * scale,
        getColor: [230, 250, 255, 255],
        getPixelOffset: [0, -18 * scale],
        fontWeight: 700,
        outlineWidth: 3,
        outlineColor: [4, 16, 36, 255],
        fontSettings: { sdf: true },
      }),
    );
  }
  if (s.placed.length)
    layers.push(
      reach('siting-placed-reach', s.placed, [120, 255, 160]),
      dots(PLACED_LAYER, s.placed, [120, 255, 160], true, s.selectedPlaced),
    );
  return layers;
}
