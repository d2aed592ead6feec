// Metres per degree of longitude (kx) and latitude (ky) at a latitude, on the WGS-84 ellipsoid: the radii of
// curvature in the prime vertical and the meridian (the same formulas as mapbox's cheap-ruler). Across a
// district this local plane is within 0.1 % of the geodesic distance.
import { RAD, WGS84_A, WGS84_E2 } from './wgs84.js';

export interface MetresPerDegree {
  /** Metres per degree of longitude. */
  kx: number;
  /** Metres per degree of latitude. */
  ky: number;
}

export function metresPerDegree(lat: number): MetresPerDegree {
  const m = RAD * WGS84_A;
  const s = Math.sin(lat * RAD);
  const w2 = 1 / (1 - WGS84_E2 * s * s);
  const w = Math.sqrt(w2);
  return { kx: m * w * Math.cos(lat * RAD), ky: m * w * w2 * (1 - WGS84_E2) };
}
