// Geodesy for both server and browser: one set of WGS-84 constants, metres ↔ degrees, distances, point in
// polygon and a point index. Pure: no I/O, no DOM, no Node.
export { MEAN_RADIUS_M, RAD, WGS84_A, WGS84_E2, WGS84_F } from './wgs84.js';
export { type MetresPerDegree, metresPerDegree } from './metres-per-degree.js';
export { type LonLat, haversine, localDistance } from './distance.js';
export { type LocalPlane, type Origin, localPlane, offsetBy } from './local-plane.js';
export {
  type PolygonRings,
  type Ring,
  PolygonIndex,
  pointInPolygon,
  pointInRing,
  pointInRings,
  polygonBounds,
} from './point-in-polygon.js';
export { type PlanePoints, PointIndex } from './point-index.js';
export {
  bd09ToGcj02,
  bd09ToWgs84,
  gcj02ToBd09,
  gcj02ToWgs84,
  outOfChina,
  wgs84ToBd09,
  wgs84ToGcj02,
} from './china-datums.js';
