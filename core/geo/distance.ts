// Distances in metres between [lon, lat] points: great-circle (haversine on the mean sphere) for anything,
// and the fast local-plane distance (ellipsoidal metres per degree at the pair's mid-latitude) for the many
// short hops of tracks, walks and proximity tests.
import { metresPerDegree } from './metres-per-degree.js';
import { MEAN_RADIUS_M, RAD } from './wgs84.js';

export type LonLat = readonly [number, number];

/** Great-circle distance in metres. */
export function haversine(a: LonLat, b: LonLat): number {
  const dLat = (b[1] - a[1]) * RAD;
  const dLon = (b[0] - a[0]) * RAD;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a[1] * RAD) * Math.cos(b[1] * RAD) * Math.sin(dLon / 2) ** 2;
  return 2 * MEAN_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Metres between two nearby points on the local plane at their mid-latitude (exact to 0.1 % below ~500 km). */
export function localDistance(a: LonLat, b: LonLat): number {
  const { kx, ky } = metresPerDegree((a[1] + b[1]) / 2);
  let dLon = b[0] - a[0];
  if (dLon > 180) dLon -= 360;
  else if (dLon < -180) dLon += 360;
  return Math.hypot(dLon * kx, (b[1] - a[1]) * ky);
}
