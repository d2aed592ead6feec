// The CRS picker's choices: auto-detect, the lon/lat systems, and the CGCS2000 3-degree Gauss-Krüger zones of
// eastern China (zones 37–43, central meridians 111°E–129°E), with and without the zone number prefixed to the
// easting — EPSG 4513 + (zone − 25) prefixed, 4534 + (zone − 25) not, as geodata/crs/projected.ts reads them.
const gk3Epsg = (zone: number, prefixed: boolean): number => (prefixed ? 4513 : 4534) + zone - 25;

export interface CrsChoice {
  value: string;
  /** A fixed label, or an i18n key with its parameters. */
  label?: string;
  key?: string;
  params?: Record<string, string | number>;
}

const zones = [37, 38, 39, 40, 41, 42, 43];
export const CRS_CHOICES: CrsChoice[] = [
  { value: 'auto', key: 'imports.crsAuto' },
  { value: 'wgs84', label: 'WGS84' },
  { value: 'cgcs2000', label: 'CGCS2000' },
  { value: 'gcj02', key: 'imports.crsGcj' },
  { value: 'bd09', key: 'imports.crsBd' },
  ...zones.map((z) => ({
    value: `epsg:${gk3Epsg(z, false)}`,
    key: 'imports.crsZone',
    params: { epsg: gk3Epsg(z, false), cm: z * 3 },
  })),
  ...zones.map((z) => ({
    value: `epsg:${gk3Epsg(z, true)}`,
    key: 'imports.crsZonePrefixed',
    params: { epsg: gk3Epsg(z, true), cm: z * 3, zone: z },
  })),
];

/** The colours of the candidate placements of an undecided CRS, on the map and in its legend (distinct from the preview's). */
export const CANDIDATE_COLOURS: Record<'wgs84' | 'gcj02' | 'bd09', [number, number, number]> = {
  wgs84: [66, 133, 244],
  gcj02: [234, 67, 211],
  bd09: [255, 214, 0],
};
/** The label of a candidate reading, as the picker names it. */
export const CANDIDATE_LABELS: Record<'wgs84' | 'gcj02' | 'bd09', CrsChoice> = {
  wgs84: { value: 'wgs84', label: 'WGS84' },
  gcj02: { value: 'gcj02', key: 'imports.crsGcj' },
  bd09: { value: 'bd09', key: 'imports.crsBd' },
};
