// A scenario's chosen sites as GeoJSON (with its figures as a foreign member) and as CSV for spreadsheets.
import type { OptimizeResult, Verdict } from '../../contract/siting.js';
import { toCrs, type ExportCrs } from '../export/formats.js';
import { csvText } from '../http/csv.js';

/** A result's verdict; results saved before verdicts existed say "unknown" rather than guess. */
export function verdictOf(r: OptimizeResult): Verdict {
  return (
    r.verdict ?? {
      foundBy: r.model === 'manual' ? 'given' : 'heuristic',
      proof: 'unknown',
      bound: null,
      boundBy: null,
      gap: null,
      dropped: 0,
    }
  );
}

/** A gap as a percentage with four decimals, '' when unknown (never 0 for a missing number). */
const pct = (g: number | null | undefined) =>
  g === null || g === undefined || !Number.isFinite(g) ? '' : (100 * g).toFixed(4);

/** The result with its sites' coordinates in the export CRS (GCJ-02 for Chinese web maps). */
export function sitesInCrs(r: OptimizeResult, crs: ExportCrs): OptimizeResult {
  if (crs === 'wgs84') return r;
  return {
    ...r,
    sites: r.sites.map((s) => {
      const g = toCrs({ type: 'Point', coordinates: [s.lon, s.lat] }, crs) as { coordinates: number[] };
      return { ...s, lon: g.coordinates[0], lat: g.coordinates[1] };
    }),
  };
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
      verdict: verdictOf(r),
      exact: r.exact && {
        status: r.exact.status,
        objective: r.exact.objective,
        bound: r.exact.bound,
        optimal: r.exact.optimal,
        gap: r.exact.gap,
        solverStatus: r.exact.solverStatus,
      },
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
  for (const s of r.sites)
    rows.push([s.rank, s.label, s.lon.toFixed(6), s.lat.toFixed(6), Math.round(s.gain * 100) / 100, s.reach]);
  rows.push([]);
  rows.push(['group', 'total', 'covered_before', 'covered_after']);
  for (const g of ['e60', 'e80', 'alone'] as const)
    rows.push([g, r.before[g].total ?? '', r.before[g].covered ?? '', r.after[g].covered ?? '']);
  rows.push(['mean_distance_m', '', Math.round(r.before.meanDistance), Math.round(r.after.meanDistance)]);
  // What the answer is worth: proof (optimal / bounded / unknown), who found it, the bound and the gap to it (≤).
  const v = verdictOf(r);
  rows.push([]);
  rows.push([
    'objective',
    'found_by',
    'proof',
    'bound',
    'bound_by',
    'gap_at_most_pct',
    'sites_adding_nothing_left_out',
  ]);
  rows.push([r.objective, v.foundBy, v.proof, v.bound ?? '', v.boundBy ?? '', pct(v.gap), v.dropped]);
  if (r.exact) {
    rows.push([]);
    rows.push([
      'exact_status',
      'exact_objective',
      'exact_bound',
      'exact_gap_at_most_pct',
      'solver_status',
      'nonzeros',
      'ms',
    ]);
    rows.push([
      r.exact.status,
      r.exact.objective ?? '',
      r.exact.bound ?? '',
      pct(r.exact.gap),
      r.exact.solverStatus,
      r.exact.nonzeros,
      Math.round(r.exact.ms),
    ]);
  }
  return csvText(rows);
}
