// Which area lies under a clicked point: core/geo's even-odd test over the loaded features,
// so drilling does not depend on what the tiles happened to render.
import type { AreaFeature } from '@contract/areas';
import { pointInPolygon, polygonBounds } from '../../core/geo/index';

export function areaAt(features: readonly AreaFeature[], [lon, lat]: [number, number]): AreaFeature | null {
  for (const f of features) {
    if (pointInPolygon(lon, lat, f.geometry)) return f;
  }
  return null;
}

/** [west, south, east, north] of a feature. */
export function featureBounds(f: Pick<AreaFeature, 'geometry'>): [number, number, number, number] {
  return polygonBounds(f.geometry);
}
