// Planner map layers for needs and resources: resources as dots coloured by kind, and need ↔ resource gaps as
// rings on the grids where a need is high and no matching resource is near (size by the gap score).
import { ScatterplotLayer } from '@deck.gl/layers';
import type { Layer } from '@deck.gl/core';
import type { GapRow, Resource, ResourceKind } from '@contract/resources';
import { shown } from '../display-datum';

export const KIND_COLORS: Record<ResourceKind, [number, number, number]> = {
  community_office: [160, 170, 190],
  parcel_locker: [120, 160, 255],
  sports: [80, 220, 140],
  culture: [200, 140, 255],
  elder_station: [255, 170, 80],
  elder_canteen: [255, 110, 90],
  day_care: [255, 200, 120],
  clinic: [90, 230, 230],
  market: [200, 220, 90],
  school: [240, 240, 160],
  shared_hut: [255, 140, 200],
  social_org: [180, 200, 255],
};

export function createResourceLayer(resources: Resource[], scale = 1): Layer[] {
  if (!resources.length) return [];
  return [
    new ScatterplotLayer<Resource>({
      id: 'need-resources',
      data: resources,
      getPosition: (r) => shown(r.lon, r.lat),
      getFillColor: (r) => [...KIND_COLORS[r.kind], 230],
      getLineColor: [5, 15, 30, 255],
      stroked: true,
      lineWidthUnits: 'pixels',
      getLineWidth: 1,
      radiusUnits: 'pixels',
      getRadius: 5 * scale,
      pickable: true,
    }),
  ];
}

export function createGapLayer(rows: GapRow[], scale = 1): Layer[] {
  if (!rows.length) return [];
  const top = Math.max(...rows.map((r) => r.score));
  return [
    new ScatterplotLayer<GapRow>({
      id: 'need-gaps',
      data: rows,
      getPosition: (r) => shown(r.lon, r.lat),
      getFillColor: [255, 60, 90, 50],
      getLineColor: [255, 80, 110, 230],
      stroked: true,
      lineWidthUnits: 'pixels',
      getLineWidth: 2 * scale,
      radiusUnits: 'pixels',
      getRadius: (r) => (6 + 22 * Math.sqrt(r.score / (top || 1))) * scale,
      pickable: true,
      updateTriggers: { getRadius: [top, scale] },
    }),
  ];
}
