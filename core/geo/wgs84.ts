// The one set of Earth constants: the WGS-84 ellipsoid (also CGCS2000's to well under a millimetre here) and
// the mean radius derived from it for great-circle distances. Every metres ↔ degrees conversion starts here.

/** Semi-major axis, metres. */
export const WGS84_A = 6_378_137;
/** Flattening. */
export const WGS84_F = 1 / 298.257223563;
/** First eccentricity squared. */
export const WGS84_E2 = WGS84_F * (2 - WGS84_F);
/** Mean radius R1 = (2a + b) / 3, the sphere for haversine distances (as in turf). */
export const MEAN_RADIUS_M = 6_371_008.8;

export const RAD = Math.PI / 180;
