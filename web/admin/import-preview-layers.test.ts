// Which incoming features the preview flags: an error wins over a warning; layer-wide problems flag none.
import { describe, expect, it } from 'vitest';
import type { ImportReport } from '@contract/imports';
import { createImportPreviewLayers, flaggedFeatures, reportBounds } from './import-preview-layers';

const report = (problems: ImportReport['problems']): ImportReport => ({
  id: 1,
  kind: 'areas',
  status: 'pending',
  level: 'grid',
  source: { filename: 'a.geojson', format: 'geojson', encoding: 'utf-8', fields: [] },
  crs: { name: 'wgs84', confidence: 'given', reason: '' },
  counts: { features: 2, insert: 2, update: 0, errors: 0, warnings: 0 },
  problems,
  features: [],
  acceptable: true,
  createdAt: '',
  decidedAt: null,
});

describe('flaggedFeatures', () => {
  it('keeps the worst severity per feature and ignores info and layer-wide problems', () => {
    const f = flaggedFeatures(
      report([
        { severity: 'warning', kind: 'gap', feature: null, message: '', geometry: null },
        { severity: 'warning', kind: 'overlaps_sibling', feature: 0, message: '', geometry: null },
        { severity: 'error', kind: 'duplicate_code', feature: 0, message: '', geometry: null },
        { severity: 'warning', kind: 'outside_parent', feature: 0, message: '', geometry: null },
        { severity: 'info', kind: 'generated_code', feature: 1, message: '', geometry: null },
      ]),
    );
    expect([...f]).toEqual([[0, 'error']]);
  });

  it('draws nothing without a report, and two layers with one', () => {
    expect(createImportPreviewLayers(null, null, 1)).toEqual([]);
    expect(createImportPreviewLayers(report([]), null, 1).map((l) => l.id)).toEqual([
      'import-incoming',
      'import-problems',
    ]);
  });
});

describe('reportBounds', () => {
  it('boxes every ring of every incoming area, and is null for a report without areas', () => {
    const f = (index: number, geometry: unknown) => ({
      index,
      name: '',
      code: '',
      parentId: null,
      parentName: null,
      action: 'insert' as const,
      existingId: null,
      households: null,
      derived: false,
      repaired: false,
      areaM2: 0,
      geometry,
    });
    const r = {
      ...report([]),
      features: [
        f(0, {
          type: 'Polygon',
          coordinates: [
            [
              [121.4, 31.2],
              [121.5, 31.2],
              [121.5, 31.3],
              [121.4, 31.2],
            ],
          ],
        }),
        f(1, {
          type: 'MultiPolygon',
          coordinates: [
            [
              [
                [121.3, 31.25],
                [121.45, 31.35],
                [121.35, 31.3],
                [121.3, 31.25],
              ],
            ],
          ],
        }),
      ],
    };
    expect(reportBounds(r)).toEqual([121.3, 31.2, 121.5, 31.35]);
    expect(reportBounds(report([]))).toBeNull();
    expect(reportBounds(null)).toBeNull();
  });
});
