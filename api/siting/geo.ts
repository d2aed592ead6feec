// Points in local planar metres (see core/geo's local plane), precise enough across a district for walking
// distances; every siting computation works in these coordinates.
import type { LocalPlane } from '../../core/geo/index.js';

/** Points as parallel coordinate arrays in local metres. */
export interface Points {
  x: Float64Array;
  y: Float64Array;
}

export function projectPoints(p: LocalPlane, lonLat: readonly (readonly [number, number])[]): Points {
  const x = new Float64Array(lonLat.length);
  const y = new Float64Array(lonLat.length);
  lonLat.forEach(([lon, lat], i) => {
    [x[i], y[i]] = p.toXY(lon, lat);
  });
  return { x, y };
}
