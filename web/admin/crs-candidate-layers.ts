// deck.gl layers of an undecided CRS: the layer placed as WGS84, GCJ-02 and BD-09 over the base map, each in
// its own colour (the legend's), so the user can see which one sits where the district really is.
import { GeoJsonLayer } from '@deck.gl/layers';
import type { ImportReport } from '@contract/imports';
import { CANDIDATE_COLOURS } from './crs-choices';
import { shownFeatures } from '../map/display-datum';

type Candidate = NonNullable<ImportReport['crs']['candidates']>[number];

/** The candidates of a report as GeoJSON features (empty unless its CRS is undecided and it is pending). */
export function candidateFeatures(report: ImportReport | null) {
  if (!report || report.status !== 'pending' || !report.crs.undecided) return [];
  return (report.crs.candidates ?? []).map((c: Candidate) => ({
    type: 'Feature' as const,
    geometry: c.geometry as GeoJSON.Geometry,
    properties: { crs: c.crs },
  }));
}

/** The box [w, s, e, n] around every candidate, so the map can show them all; null without candidates. */
export function candidateBounds(report: ImportReport | null): [number, number, number, number] | null {
  const box: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  const visit = (c: unknown): void => {
    if (!Array.isArray(c)) return;
    if (typeof c[0] === 'number' && typeof c[1] === 'number') {
      box[0] = Math.min(box[0], c[0]);
      box[1] = Math.min(box[1], c[1]);
      box[2] = Math.max(box[2], c[0]);
      box[3] = Math.max(box[3], c[1]);
    } else c.forEach(visit);
  };
  for (const f of candidateFeatures(report)) visit((f.geometry as { coordinates?: unknown }).coordinates);
  return Number.isFinite(box[0]) ? box : null;
}

export function createCandidateLayers(report: ImportReport | null, scale: number): GeoJsonLayer[] {
  const data = candidateFeatures(report);
  if (data.length === 0) return [];
  return [
    new GeoJsonLayer({
      id: 'import-crs-candidates',
      data: shownFeatures(data),
      filled: true,
      stroked: true,
      pointType: 'circle',
      pointRadiusUnits: 'pixels',
      getPointRadius: 5 * scale,
      lineWidthUnits: 'pixels',
      getFillColor: (f) => [...CANDIDATE_COLOURS[f.properties.crs as Candidate['crs']], 28],
      getLineColor: (f) => [...CANDIDATE_COLOURS[f.properties.crs as Candidate['crs']], 255],
      getLineWidth: 2.5 * scale,
      updateTriggers: { getPointRadius: scale, getLineWidth: scale },
    }),
  ];
}
