import { describe, expect, it } from 'vitest';
import { isValidTile, tileBounds, toTilePixels } from './tile-math.js';

describe('tile math', () => {
  it('covers the Web Mercator square at z0 and halves it per zoom', () => {
    const w = tileBounds(0, 0, 0);
    expect(w.minx).toBeCloseTo(-20037508.34, 1);
    expect(w.maxy).toBeCloseTo(20037508.34, 1);
    const t = tileBounds(1, 1, 0);
    expect(t.minx).toBeCloseTo(0, 6);
    expect(t.miny).toBeCloseTo(0, 6);
  });

  it("puts a tile's north-west corner at pixel (0, 0) and south-east at (4096, 4096)", () => {
    const b = tileBounds(12, 3430, 1673);
    expect(toTilePixels(b, b.minx, b.maxy)).toEqual([0, 0]);
    expect(toTilePixels(b, b.maxx, b.miny)).toEqual([4096, 4096]);
  });

  it('knows which tiles exist', () => {
    expect(isValidTile(0, 0, 0)).toBe(true);
    expect(isValidTile(2, 4, 0)).toBe(false);
    expect(isValidTile(23, 0, 0)).toBe(false);
    expect(isValidTile(1.5, 0, 0)).toBe(false);
  });
});
