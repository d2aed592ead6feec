import type { Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { polygonArea, polygonProblems } from './polygon-checks.js';

const poly = (...rings: number[][][]): Polygon => ({ type: 'Polygon', coordinates: rings });

describe('polygonProblems', () => {
  it('accepts a square with a hole', () => {
    const p = poly(
      [
        [0, 0],
        [4, 0],
        [4, 4],
        [0, 4],
        [0, 0],
      ],
      [
        [1, 1],
        [1, 2],
        [2, 2],
        [2, 1],
        [1, 1],
      ],
    );
    expect(polygonProblems(p)).toEqual([]);
    expect(polygonArea(p)).toBe(15);
  });

  it('rejects a bow-tie', () => {
    expect(
      polygonProblems(
        poly([
          [0, 0],
          [2, 2],
          [2, 0],
          [0, 2],
          [0, 0],
        ]),
      ).length,
    ).toBeGreaterThan(0);
  });

  it('rejects a ring that touches itself at a vertex (two squares meeting at a corner)', () => {
    const p = poly([
      [0, 0],
      [1, 0],
      [1, 1],
      [2, 1],
      [2, 2],
      [1, 2],
      [1, 1],
      [0, 1],
      [0, 0],
    ]);
    expect(polygonProblems(p).some((m) => m.includes('touches itself'))).toBe(true);
  });

  it('rejects a clockwise shell and a hole touching the shell', () => {
    expect(
      polygonProblems(
        poly([
          [0, 0],
          [0, 1],
          [1, 1],
          [1, 0],
          [0, 0],
        ]),
      ),
    ).toContain('outer ring is not counter-clockwise');
    const touching = poly(
      [
        [0, 0],
        [4, 0],
        [4, 4],
        [0, 4],
        [0, 0],
      ],
      [
        [0, 0],
        [1, 2],
        [2, 1],
        [0, 0],
      ],
    );
    expect(polygonProblems(touching).some((m) => m.includes('meet'))).toBe(true);
  });
});
