// Elder density on the map: H3 hexagons coloured by count (H3HexagonLayer) or a heat map over the cell centres
// (HeatmapLayer). Only aggregate cells of 10+ people reach the browser; the layers draw what the API sends.
import { HeatmapLayer } from '@deck.gl/aggregation-layers';
import type { Layer } from '@deck.gl/core';
import { RAMP, rampColor, scaleMax } from './elder-scale';
import { shown } from '../display-datum';
import { createHexagonCellsLayer } from './hexagon-cells-layer';

export interface DensityCell {
  h3: string;
  lon: number;
  lat: number;
  value: number;
}

export type DensityMode = 'hex' | 'heat';

export function createDensityLayers(id: string, cells: DensityCell[], mode: DensityMode, scale = 1): Layer[] {
  if (!cells.length) return [];
  const max = scaleMax(cells.map((c) => c.value));
  if (mode === 'heat') {
    return [
      new HeatmapLayer<DensityCell>({
        id: `${id}-heat`,
        data: cells,
        getPosition: (c) => shown(c.lon, c.lat),
        getWeight: (c) => c.value,
        radiusPixels: 40 * scale,
        intensity: 1,
        threshold: 0.04,
        colorRange: RAMP,
        aggregation: 'SUM',
      }),
    ];
  }
  return [
    createHexagonCellsLayer<DensityCell>({
      id: `${id}-hex`,
      data: cells,
      getHexagon: (c) => c.h3,
      getFillColor: (c) => rampColor(c.value, max, 160),
      getLineColor: [10, 25, 45, 160],
      lineWidthUnits: 'pixels',
      getLineWidth: 1,
      stroked: true,
      filled: true,
      extruded: false,
      highPrecision: 'auto',
      pickable: true,
      updateTriggers: { getFillColor: max },
      parameters: { depthWriteEnabled: false },
    }),
  ];
}
