// deck.gl layers of an import's map preview: incoming areas (new, updated, derived) over the existing
// boundaries of the base map, and the places of its problems (errors red, warnings amber).
import { GeoJsonLayer } from '@deck.gl/layers';
import type { ImportReport } from '@contract/imports';
import { shownFeatures } from '../map/display-datum';

type Rgba = [number, number, number, number];
const NEW: Rgba = [53, 212, 255, 255];
const UPDATE: Rgba = [25, 227, 177, 255];
const FLAGGED: Rgba = [255, 111, 145, 255];
const WARN: Rgba = [255, 184, 77, 255];

/** Features with an error or warning of their own, by index. */
export function flaggedFeatures(report: ImportReport): Map<number, 'error' | 'warning'> {
  const out = new Map<number, 'error' | 'warning'>();
  for (const p of report.problems) {
    if (p.feature === null || p.severity === 'info') continue;
    if (out.get(p.feature) !== 'error') out.set(p.feature, p.severity);
  }
  return out;
}

export function createImportPreviewLayers(
  report: ImportReport | null,
  selected: number | null,
  scale: number,
): GeoJsonLayer[] {
  if (!report) return [];
  const flagged = flaggedFeatures(report);
  const features = report.features.map((f) => ({
    type: 'Feature' as const,
    geometry: f.geometry as GeoJSON.Geometry,
    properties: { index: f.index, action: f.action, derived: f.derived },
  }));
  const colour = (index: number, action: string): Rgba =>
    flagged.get(index) === 'error'
      ? FLAGGED
      : flagged.get(index) === 'warning'
        ? WARN
        : action === 'update'
          ? UPDATE
          : NEW;
  const problems = report.problems
    .filter((p) => p.geometry)
    .map((p, k) => ({
      type: 'Feature' as const,
      geometry: p.geometry as GeoJSON.Geometry,
      properties: { k, severity: p.severity },
    }));
  return [
    new GeoJsonLayer({
      id: 'import-incoming',
      data: shownFeatures(features),
      filled: true,
      stroked: true,
      lineWidthUnits: 'pixels',
      getFillColor: (f) =>
        [
          ...colour(f.properties.index, f.properties.action).slice(0, 3),
          f.properties.index === selected ? 90 : f.properties.derived ? 26 : 40,
        ] as Rgba,
      getLineColor: (f) => colour(f.properties.index, f.properties.action),
      getLineWidth: (f) => (f.properties.index === selected ? 4 : 2) * scale,
      updateTriggers: { getFillColor: selected, getLineWidth: [selected, scale] },
      pickable: true,
    }),
    new GeoJsonLayer({
      id: 'import-problems',
      data: shownFeatures(problems),
      filled: true,
      stroked: true,
      pointType: 'circle',
      pointRadiusUnits: 'pixels',
      getPointRadius: 7 * scale,
      lineWidthUnits: 'pixels',
      getFillColor: (f) => [...(f.properties.severity === 'error' ? FLAGGED : WARN).slice(0, 3), 150] as Rgba,
      getLineColor: (f) => (f.properties.severity === 'error' ? FLAGGED : WARN),
      getLineWidth: 2 * scale,
      updateTriggers: { getPointRadius: scale, getLineWidth: scale },
    }),
  ];
}

/** The box [w, s, e, n] around every incoming area of a report, or null when it has none. */
export function reportBounds(report: ImportReport | null): [number, number, number, number] | null {
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
  for (const f of report?.features ?? []) visit((f.geometry as { coordinates?: unknown } | null)?.coordinates);
  return Number.isFinite(box[0]) ? box : null;
}
