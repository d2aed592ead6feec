// The candidate placements of an undecided CRS are drawn only while the report is pending and undecided, each
// reading in its own legend colour, and the map frames all of them.
import { describe, expect, it } from 'vitest';
import type { ImportReport } from '@contract/imports';
import { candidateBounds, candidateFeatures, createCandidateLayers } from './crs-candidate-layers';
import { CANDIDATE_COLOURS } from './crs-choices';

const square = (x: number, y: number) => ({
  type: 'MultiPolygon',
  coordinates: [
    [
      [
        [x, y],
        [x + 0.01, y],
        [x + 0.01, y + 0.01],
        [x, y],
      ],
    ],
  ],
});
const report = (over: Partial<ImportReport['crs']>, status: ImportReport['status'] = 'pending') =>
  ({
    status,
    crs: {
      name: 'wgs84',
      confidence: 'low',
      reason: 'undecided',
      undecided: true,
      candidates: [
        { crs: 'wgs84', geometry: square(118.78, 32.06), offsets: { wgs84: 0, gcj02: 480, bd09: 1100 } },
        { crs: 'gcj02', geometry: square(118.775, 32.062), offsets: { wgs84: 480, gcj02: 0, bd09: 700 } },
        { crs: 'bd09', geometry: square(118.768, 32.055), offsets: { wgs84: 1100, gcj02: 700, bd09: 0 } },
      ],
      ...over,
    },
  }) as unknown as ImportReport;

describe('CRS candidate layers', () => {
  it('draws the three placements of a pending undecided report, in distinct colours', () => {
    expect(candidateFeatures(report({})).map((f) => f.properties.crs)).toEqual(['wgs84', 'gcj02', 'bd09']);
    expect(createCandidateLayers(report({}), 1)).toHaveLength(1);
    const colours = new Set(Object.values(CANDIDATE_COLOURS).map((c) => c.join(',')));
    expect(colours.size).toBe(3);
  });

  it('frames every candidate', () => {
    const [w, s, e, n] = candidateBounds(report({}))!;
    expect([w, s]).toEqual([118.768, 32.055]);
    expect(e).toBeCloseTo(118.79, 9);
    expect(n).toBeCloseTo(32.072, 9);
  });

  it('draws nothing once decided, accepted or cancelled', () => {
    expect(candidateFeatures(report({ undecided: undefined }))).toEqual([]);
    expect(candidateFeatures(report({}, 'cancelled'))).toEqual([]);
    expect(candidateBounds(null)).toBeNull();
    expect(createCandidateLayers(report({ candidates: [] }), 1)).toEqual([]);
  });
});
