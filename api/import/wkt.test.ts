// WKT reading for CSV/XLSX imports.
import { describe, expect, it } from 'vitest';
import { parseWkt } from './wkt.js';

describe('parseWkt', () => {
  it('reads points, polygons with holes and multipolygons, dropping Z and an SRID prefix', () => {
    expect(parseWkt('POINT (121.45 31.23)')).toEqual({ type: 'Point', coordinates: [121.45, 31.23] });
    expect(parseWkt('SRID=4326;POINT Z (1 2 3)')).toEqual({ type: 'Point', coordinates: [1, 2] });
    expect(parseWkt('POLYGON((0 0,4 0,4 4,0 4,0 0),(1 1,2 1,2 2,1 1))')).toEqual({
      type: 'Polygon',
      coordinates: [
        [
          [0, 0],
          [4, 0],
          [4, 4],
          [0, 4],
          [0, 0],
        ],
        [
          [1, 1],
          [2, 1],
          [2, 2],
          [1, 1],
        ],
      ],
    });
    expect(
      (parseWkt('multipolygon (((0 0, 1 0, 1 1, 0 0)), ((5 5, 6 5, 6 6, 5 5)))') as { coordinates: unknown[] })
        .coordinates,
    ).toHaveLength(2);
    expect(parseWkt('MULTIPOINT ((1 2), (3 4))')).toEqual({
      type: 'MultiPoint',
      coordinates: [
        [1, 2],
        [3, 4],
      ],
    });
    expect(parseWkt('MULTIPOINT (1 2, 3 4)')).toEqual({
      type: 'MultiPoint',
      coordinates: [
        [1, 2],
        [3, 4],
      ],
    });
  });

  it('refuses other types, empty geometries and malformed text with a message', () => {
    expect(() => parseWkt('LINESTRING (0 0, 1 1)')).toThrow(/only POINT/);
    expect(() => parseWkt('POINT EMPTY')).toThrow(/EMPTY/);
    expect(() => parseWkt('POLYGON((0 0, 1 x, 0 0))')).toThrow(SyntaxError);
    expect(() => parseWkt('POLYGON((0 0, 1 1, 0 0)')).toThrow(SyntaxError);
  });
});
