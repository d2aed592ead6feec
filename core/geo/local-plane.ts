// A local plane around an origin: [lon, lat] ↔ metres east/north, with the ellipsoid's metres per degree at
// the origin's latitude (equirectangular), so circles of a radius in metres stay round across a district.
import { metresPerDegree } from './metres-per-degree.js';

export interface Origin {
  lon0: number;
  lat0: number;
}

export interface LocalPlane {
  origin: Origin;
  kx: number;
  ky: number;
  toXY(lon: number, lat: number): [number, number];
  toLonLat(x: number, y: number): [number, number];
}

export function localPlane(origin: Origin): LocalPlane {
  const { kx, ky } = metresPerDegree(origin.lat0);
  return {
    origin,
    kx,
    ky,
    toXY: (lon, lat) => [(lon - origin.lon0) * kx, (lat - origin.lat0) * ky],
    toLonLat: (x, y) => [origin.lon0 + x / kx, origin.lat0 + y / ky],
  };
}

/** The point `east` and `north` metres from (lon, lat). */
export function offsetBy(lon: number, lat: number, east: number, north: number): [number, number] {
  const { kx, ky } = metresPerDegree(lat);
  return [lon + east / kx, lat + north / ky];
}
