// Projected coordinate systems: CGCS2000 3-degree Gauss-Krüger zones (EPSG:4513–4533 with the zone number
// prefixed to the false easting, EPSG:4534–4554 without) and any .prj WKT, through proj4, to WGS84 lon/lat.
import proj4 from 'proj4';
import type { LonLat } from './china.js';

export interface Projected {
  /** 'EPSG:4549', or the .prj's PROJCS name. */
  name: string;
  /** Projected metres → WGS84 (CGCS2000) lon/lat. */
  inverse(xy: [number, number]): LonLat;
  forward(p: LonLat): [number, number];
}

/** Zones 25–45 have central meridians 75°E–135°E; EPSG 4513+i prefixes the zone, 4534+i does not. */
export const GK3_ZONES = { first: 25, last: 45 } as const;

export function gk3Proj4(centralMeridian: number, zonePrefix: number | null): string {
  const x0 = (zonePrefix ?? 0) * 1_000_000 + 500_000;
  return `+proj=tmerc +lat_0=0 +lon_0=${centralMeridian} +k=1 +x_0=${x0} +y_0=0 +ellps=GRS80 +units=m +no_defs`;
}

/** The CGCS2000 3-degree zone for an EPSG code in 4513–4554, or null. */
export function gk3FromEpsg(epsg: number): { zone: number; centralMeridian: number; prefixed: boolean } | null {
  if (epsg >= 4513 && epsg <= 4533) {
    const zone = GK3_ZONES.first + (epsg - 4513);
    return { zone, centralMeridian: zone * 3, prefixed: true };
  }
  if (epsg >= 4534 && epsg <= 4554) {
    const zone = GK3_ZONES.first + (epsg - 4534);
    return { zone, centralMeridian: zone * 3, prefixed: false };
  }
  return null;
}

export function gk3Epsg(zone: number, prefixed: boolean): number {
  return (prefixed ? 4513 : 4534) + zone - GK3_ZONES.first;
}

function fromProj4(name: string, def: string): Projected {
  const conv = proj4(def, 'WGS84');
  return {
    name,
    inverse: (xy) => conv.forward(xy) as LonLat,
    forward: (p) => conv.inverse(p) as [number, number],
  };
}

export function gk3(zone: number, prefixed: boolean): Projected {
  if (!Number.isInteger(zone) || zone < GK3_ZONES.first || zone > GK3_ZONES.last) {
    throw new RangeError(`3-degree zone ${zone} is outside China's 25–45`);
  }
  return fromProj4(`EPSG:${gk3Epsg(zone, prefixed)}`, gk3Proj4(zone * 3, prefixed ? zone : null));
}

export function fromEpsg(epsg: number): Projected | null {
  const z = gk3FromEpsg(epsg);
  return z ? gk3(z.zone, z.prefixed) : null;
}

/** What a .prj says: a projected CRS (converted through proj4) or geographic (lon/lat on WGS84/CGCS2000 or another datum). */
export type PrjInfo = { kind: 'projected'; projected: Projected } | { kind: 'geographic'; name: string };

export function parsePrj(wkt: string): PrjInfo {
  const text = wkt.trim();
  if (!/^(PROJCS|GEOGCS|PROJCRS|GEOGCRS|GEODCRS)\s*\[/i.test(text)) throw new Error('the .prj is not WKT');
  const name = /^\w+\s*\[\s*"([^"]*)"/.exec(text)?.[1] ?? 'unnamed';
  if (/^(GEOGCS|GEOGCRS|GEODCRS)/i.test(text)) return { kind: 'geographic', name };
  // proj4 reads OGC and ESRI WKT alike (ESRI's "Gauss_Kruger" is a Transverse Mercator).
  const epsg = /AUTHORITY\s*\[\s*"EPSG"\s*,\s*"?(\d+)"?\s*\]\s*\]\s*$/i.exec(text);
  const known = epsg ? fromEpsg(Number(epsg[1])) : null;
  if (known) return { kind: 'projected', projected: known };
  const def = text.replace(/"Gauss_Kruger"/gi, '"Transverse_Mercator"');
  try {
    return { kind: 'projected', projected: fromProj4(name, def) };
  } catch (e) {
    throw new Error(`the .prj's projection is not understood (${(e as Error).message})`, { cause: e });
  }
}

/**
 * A Gauss-Krüger zone guessed from eastings: 8-digit eastings carry the zone number before the 500 km
 * false easting (e.g. 40 500 000 → zone 40, 120°E); 6-digit ones need the central meridian from elsewhere.
 */
export function zoneFromEastings(
  xs: number[],
): { zone: number; prefixed: true } | { zone: null; prefixed: false } | null {
  if (xs.length === 0) return null;
  const zones = new Set(xs.map((x) => Math.floor(x / 1_000_000)));
  if (zones.size === 1) {
    const zone = [...zones][0];
    if (zone >= GK3_ZONES.first && zone <= GK3_ZONES.last) return { zone, prefixed: true };
    if (zone === 0 && xs.every((x) => x > 0 && x < 1_000_000)) return { zone: null, prefixed: false };
  }
  return null;
}

/** The 3-degree zone whose central meridian is nearest to a longitude. */
export const zoneForLon = (lon: number): number => Math.round(lon / 3);
