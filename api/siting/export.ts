// A scenario's chosen sites as GeoJSON (with its figures as a foreign member) and as CSV for spreadsheets.
import type { OptimizeResult } from '../../contract/siting.js';
import { toCrs, type ExportCrs } from '../export/formats.js';
import { csvText } from '../http/csv.js';

/** The result with its sites' coordinates in the export CRS (GCJ-02 for Chinese web maps). */
export function sitesInCrs(r: OptimizeResult, crs: ExportCrs): OptimizeResult {
  if (crs === 'wgs84') return r;
  return { ...r, sites: r.sites.map((s) => {
    const g = toCrs({ type: 'Point', coordinates: [s.lon, s.lat] }, crs) as { coordinates: number[] };
    return { ...s, lon: g.coordinates[0], lat: g.coordinates[1] };
  }) };
}

export function scenarioGeoJson(name: string, r: OptimizeResult) {
  return {
    type: 'FeatureCollection' as const,
    name,
    siting: {
      model: r.model,
      kind: r.kind,
      target: r.target,
      radius: r.radius,
      metric: r.metric,
      area: r.area,
      before: r.before,
      after: r.after,
      objective: r.objective,
      exact: r.exact && { objective: r.exact.objective, optimal: r.exact.optimal, gap: r.exact.gap },
    },
    features: r.sites.map((s) => ({
      type: 'Feature' as const,
      geometry: { type: 'Point' as const, coordinates: [s.lon, s.lat] },
      properties: { rank: s.rank, label: s.label, gain: s.gain, reach: s.reach },
    })),
  };
}

/** UTF-8 with a byte-order mark so that Excel reads the Chinese labels. */
export function scenarioCsv(r: OptimizeResult): string {
  const rows: (string | number)[][] = [['rank', 'label', 'lon', 'lat', 'gain', 'reach']];
  for (const s of r.sites) rows.push([s.rank, s.label, s.lon.toFixed(6), s.lat.toFixed(6), Math.round(s.gain * 100) / 100, s.reach]);
  rows.push([]);
  rows.push(['group', 'total', 'covered_before', 'covered_after']);
  for (const g of ['e60', 'e80', 'alone'] as const) rows.push([g, r.before[g].total ?? '', r.before[g].covered ?? '', r.after[g].covered ?? '']);
  rows.push(['mean_distance_m', '', Math.round(r.before.meanDistance), Math.round(r.after.meanDistance)]);
  return csvText(rows);
}
