// The district's own buildings and points of interest on the offline base map (source `basemap`, layers `buildings`
// and `pois`, both in the tiles from z15 only): a faint footprint fill, and small markers. Road names are drawn by
// deck.gl (layers/road-labels-layer.ts): the style has no glyphs.
import type { BasemapStyle } from './basemap-style';

type Layer = BasemapStyle['layers'][number];

export const DISTRICT_COLORS = {
  building: '#3a5a82',
  buildingEdge: '#56789f',
  poi: '#9fd8ff',
  poiEdge: '#040d1e',
} as const;

/** Footprints, drawn under the roads: faint enough that the grid tint still reads through them. */
export function buildingLayers(scale: number): Layer[] {
  return [
    {
      id: 'building-fill',
      type: 'fill',
      source: 'basemap',
      'source-layer': 'buildings',
      minzoom: 15,
      paint: {
        'fill-color': DISTRICT_COLORS.building,
        'fill-opacity': ['interpolate', ['linear'], ['zoom'], 15, 0.25, 17, 0.45],
        'fill-outline-color': DISTRICT_COLORS.buildingEdge,
      },
    } as Layer,
    {
      id: 'building-line',
      type: 'line',
      source: 'basemap',
      'source-layer': 'buildings',
      minzoom: 16,
      paint: { 'line-color': DISTRICT_COLORS.buildingEdge, 'line-width': 0.6 * scale, 'line-opacity': 0.6 },
    } as Layer,
  ];
}

/** Points of interest and service resources: small dots above the area lines. */
export function poiLayers(scale: number): Layer[] {
  return [
    {
      id: 'poi-dot',
      type: 'circle',
      source: 'basemap',
      'source-layer': 'pois',
      minzoom: 15,
      paint: {
        'circle-color': DISTRICT_COLORS.poi,
        'circle-radius': ['interpolate', ['linear'], ['zoom'], 15, 2.5 * scale, 18, 4.5 * scale],
        'circle-stroke-color': DISTRICT_COLORS.poiEdge,
        'circle-stroke-width': 1 * scale,
        'circle-opacity': 0.9,
      },
    } as Layer,
  ];
}
