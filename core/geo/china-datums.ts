// WGS84 ⇄ GCJ-02 (国测局坐标) ⇄ BD-09 (百度坐标), from the published formulas; pure, so the server (import, export,
// tiles) and the browser (display over a GCJ-02 base map) share one implementation. CGCS2000 is WGS84 to
// within centimetres and is treated as WGS84. The inverse directions are iterative, to well under 0.5 m.
export type LonLat = [number, number];

const A = 6378245.0; // Krasovsky 1940 semi-major axis used by the GCJ-02 formula
const EE = 0.006693421622965943;
const X_PI = (Math.PI * 3000.0) / 180.0;

/** GCJ-02 leaves points outside mainland China's rough box unshifted. */
export function outOfChina(lon: number, lat: number): boolean {
  return lon < 72.004 || lon > 137.8347 || lat < 0.8293 || lat > 55.8271;
}

function shiftLat(x: number, y: number): number {
  let r = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.sqrt(Math.abs(x));
  r += ((20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0) / 3.0;
  r += ((20.0 * Math.sin(y * Math.PI) + 40.0 * Math.sin((y / 3.0) * Math.PI)) * 2.0) / 3.0;
  r += ((160.0 * Math.sin((y / 12.0) * Math.PI) + 320 * Math.sin((y * Math.PI) / 30.0)) * 2.0) / 3.0;
  return r;
}

function shiftLon(x: number, y: number): number {
  let r = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.sqrt(Math.abs(x));
  r += ((20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0) / 3.0;
  r += ((20.0 * Math.sin(x * Math.PI) + 40.0 * Math.sin((x / 3.0) * Math.PI)) * 2.0) / 3.0;
  r += ((150.0 * Math.sin((x / 12.0) * Math.PI) + 300.0 * Math.sin((x / 30.0) * Math.PI)) * 2.0) / 3.0;
  return r;
}

export function wgs84ToGcj02([lon, lat]: LonLat): LonLat {
  if (outOfChina(lon, lat)) return [lon, lat];
  let dLat = shiftLat(lon - 105.0, lat - 35.0);
  let dLon = shiftLon(lon - 105.0, lat - 35.0);
  const radLat = (lat / 180.0) * Math.PI;
  let magic = Math.sin(radLat);
  magic = 1 - EE * magic * magic;
  const sqrtMagic = Math.sqrt(magic);
  dLat = (dLat * 180.0) / (((A * (1 - EE)) / (magic * sqrtMagic)) * Math.PI);
  dLon = (dLon * 180.0) / ((A / sqrtMagic) * Math.cos(radLat) * Math.PI);
  return [lon + dLon, lat + dLat];
}

/** Inverts a forward transform by fixed-point iteration (the shift varies slowly, so it converges fast). */
function invert(forward: (p: LonLat) => LonLat, target: LonLat, start: LonLat): LonLat {
  let [lon, lat] = start;
  for (let i = 0; i < 30; i++) {
    const [fl, fa] = forward([lon, lat]);
    const dl = fl - target[0];
    const da = fa - target[1];
    lon -= dl;
    lat -= da;
    if (Math.abs(dl) < 1e-10 && Math.abs(da) < 1e-10) break;
  }
  return [lon, lat];
}

export function gcj02ToWgs84(p: LonLat): LonLat {
  if (outOfChina(p[0], p[1])) return [p[0], p[1]];
  return invert(wgs84ToGcj02, p, p);
}

export function gcj02ToBd09([lon, lat]: LonLat): LonLat {
  const z = Math.sqrt(lon * lon + lat * lat) + 0.00002 * Math.sin(lat * X_PI);
  const theta = Math.atan2(lat, lon) + 0.000003 * Math.cos(lon * X_PI);
  return [z * Math.cos(theta) + 0.0065, z * Math.sin(theta) + 0.006];
}

export function bd09ToGcj02(p: LonLat): LonLat {
  // The published closed-form inverse, refined by iteration against the forward formula.
  const x = p[0] - 0.0065;
  const y = p[1] - 0.006;
  const z = Math.sqrt(x * x + y * y) - 0.00002 * Math.sin(y * X_PI);
  const theta = Math.atan2(y, x) - 0.000003 * Math.cos(x * X_PI);
  return invert(gcj02ToBd09, p, [z * Math.cos(theta), z * Math.sin(theta)]);
}

export const wgs84ToBd09 = (p: LonLat): LonLat => gcj02ToBd09(wgs84ToGcj02(p));
export const bd09ToWgs84 = (p: LonLat): LonLat => gcj02ToWgs84(bd09ToGcj02(p));
