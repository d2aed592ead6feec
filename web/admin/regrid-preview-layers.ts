// deck.gl layers of a re-gridding proposal's units over its grids: the road-bounded blocks (outlines) and
// the buildings (dots coloured by their proposed grid), both pickable so the planner can pick what to move.
import { GeoJsonLayer, ScatterplotLayer } from '@deck.gl/layers';
import type { RegridProposal } from '@contract/imports';
import { shown, shownFeatures } from '../map/display-datum';

type Rgba = [number, number, number, number];
const PALETTE: Rgba[] = [
  [53, 212, 255, 255],
  [25, 227, 177, 255],
  [255, 184, 77, 255],
  [190, 140, 255, 255],
  [255, 120, 190, 255],
  [140, 220, 90, 255],
  [255, 230, 90, 255],
  [120, 170, 255, 255],
];
const PICKED: Rgba = [255, 255, 255, 255];

export const gridColour = (grid: number): Rgba => PALETTE[grid % PALETTE.length];

/** What the planner picked on the map to move. */
export interface PickedUnit {
  kind: 'block' | 'building';
  id: number;
}

export const REGRID_UNIT_LAYERS = ['regrid-blocks', 'regrid-buildings'] as const;

export function createRegridUnitLayers(
  p: RegridProposal | undefined,
  selectedGrid: number | null,
  picked: PickedUnit | null,
  scale: number,
) {
  if (!p) return [];
  const blocks = p.blocks.map((b) => ({
    type: 'Feature' as const,
    geometry: b.geometry as GeoJSON.Geometry,
    properties: { id: b.id, grid: b.grid },
  }));
  const isPicked = (kind: PickedUnit['kind'], id: number) => picked?.kind === kind && picked.id === id;
  return [
    new GeoJsonLayer({
      id: 'regrid-blocks',
      data: shownFeatures(blocks),
      filled: true,
      stroked: true,
      lineWidthUnits: 'pixels',
      getFillColor: (f) => (isPicked('block', f.properties.id) ? [255, 255, 255, 50] : [0, 0, 0, 1]),
      getLineColor: (f) => (isPicked('block', f.properties.id) ? PICKED : [200, 220, 255, 110]),
      getLineWidth: (f) => (isPicked('block', f.properties.id) ? 3 : 1) * scale,
      updateTriggers: {
        getFillColor: [picked?.kind, picked?.id],
        getLineColor: [picked?.kind, picked?.id],
        getLineWidth: [picked?.kind, picked?.id, scale],
      },
      pickable: true,
    }),
    new ScatterplotLayer({
      id: 'regrid-buildings',
      data: p.buildings,
      radiusUnits: 'pixels',
      getPosition: (b) => shown(b.x, b.y),
      getRadius: (b) => (isPicked('building', b.id) ? 7 : b.grid === selectedGrid ? 5 : 3.5) * scale,
      getFillColor: (b) => (isPicked('building', b.id) ? PICKED : gridColour(b.grid)),
      stroked: true,
      lineWidthUnits: 'pixels',
      getLineColor: [4, 16, 36, 255],
      getLineWidth: scale,
      updateTriggers: {
        getRadius: [selectedGrid, picked?.kind, picked?.id, scale],
        getFillColor: [picked?.kind, picked?.id],
      },
      pickable: true,
    }),
  ];
}
