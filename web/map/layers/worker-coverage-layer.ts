// Patrol coverage choropleth: each grid filled by its coverage (dark → cyan), grids with no patrol in the
// period outlined in red.
import { GeoJsonLayer } from '@deck.gl/layers';
import type { AreaFeature } from '@contract/areas';
import type { GridCoverage } from '@contract/workers';
import { shownFeatures } from '../display-datum';

export const WORKER_COVERAGE_LAYER_ID = 'worker-coverage';

/** 0 → deep blue, 1 → bright cyan-green; alpha rises with coverage so the base map shows through. */
export function coverageColor(c: number): [number, number, number, number] {
  const x = Math.max(0, Math.min(1, c));
  return [Math.round(20 + 20 * x), Math.round(60 + 170 * x), Math.round(120 + 80 * x), Math.round(70 + 140 * x)];
}

export function createWorkerCoverageLayer(grids: AreaFeature[], rows: readonly GridCoverage[]) {
  const by = new Map(rows.map((r) => [r.gridId, r]));
  const key = rows.map((r) => `${r.gridId}:${r.coverage}:${r.unpatrolled ? 1 : 0}`).join(',');
  return new GeoJsonLayer<AreaFeature['properties']>({
    id: WORKER_COVERAGE_LAYER_ID,
    data: shownFeatures(grids) as never,
    filled: true,
    stroked: true,
    getFillColor: (f) => {
      const r = by.get(f.properties.id);
      return r ? coverageColor(r.coverage) : [0, 0, 0, 0];
    },
    getLineColor: (f) => (by.get(f.properties.id)?.unpatrolled ? [255, 80, 110, 255] : [53, 212, 255, 90]),
    getLineWidth: (f) => (by.get(f.properties.id)?.unpatrolled ? 2.5 : 1),
    lineWidthUnits: 'pixels',
    pickable: true,
    updateTriggers: { getFillColor: key, getLineColor: key, getLineWidth: key },
  });
}
