// Highlight of the area drilled into: a warm glow outline over the tiles, so it reads from afar.
import { GeoJsonLayer } from '@deck.gl/layers';
import type { AreaDetail } from '@contract/areas';
import { shownFeatures } from '../display-datum';

export const HIGHLIGHT_COLOR: [number, number, number] = [255, 201, 77];

export function createSelectedAreaLayers(area: AreaDetail | null, scale: number): GeoJsonLayer[] {
  if (!area) return [];
  const data = shownFeatures([{ type: 'Feature' as const, geometry: area.geometry, properties: { id: area.id } }]);
  const common = {
    data,
    filled: false,
    stroked: true,
    lineWidthUnits: 'pixels' as const,
    lineJointRounded: true,
    parameters: { depthWriteEnabled: false, depthCompare: 'always' as const },
  };
  return [
    new GeoJsonLayer({
      ...common,
      id: 'selected-area-glow',
      getLineColor: [...HIGHLIGHT_COLOR, 60],
      getLineWidth: 10 * scale,
      updateTriggers: { getLineWidth: scale },
    }),
    new GeoJsonLayer({
      ...common,
      id: 'selected-area',
      filled: true,
      getFillColor: [...HIGHLIGHT_COLOR, 14],
      getLineColor: [...HIGHLIGHT_COLOR, 255],
      getLineWidth: 2.5 * scale,
      updateTriggers: { getLineWidth: scale },
    }),
  ];
}
