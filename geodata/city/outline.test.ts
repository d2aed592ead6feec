import { describe, expect, it } from 'vitest';
import { signedArea2, traceRings } from './outline.js';

// Cells drawn north (top row) to south; '#' is in the set.
function cellsOf(rows: string[]) {
  const ny = rows.length;
  const nx = rows[0].length;
  const set = new Set<number>();
  rows.forEach((row, r) => {
    for (let i = 0; i < nx; i++) if (row[i] === '#') set.add((ny - 1 - r) * nx + i);
  });
  return { g: { nx, ny }, cells: [...set], inSet: (c: number) => set.has(c) };
}
const never = () => false;

describe('traceRings', () => {
  it('traces a block of cells as one counter-clockwise ring of its four corners', () => {
    const { g, cells, inSet } = cellsOf(['##', '##']);
    const rings = traceRings(g, cells, inSet, never);
    expect(rings).toHaveLength(1);
    expect(rings[0]).toHaveLength(5);
    expect(signedArea2(rings[0])).toBe(8);
  });

  it('keeps an L shape to its six corners', () => {
    const { g, cells, inSet } = cellsOf(['#.', '##']);
    const rings = traceRings(g, cells, inSet, never);
    expect(rings[0]).toHaveLength(7);
    expect(signedArea2(rings[0])).toBe(6);
  });

  it('gives a ring of cells an outer ring and a clockwise hole', () => {
    const { g, cells, inSet } = cellsOf(['###', '#.#', '###']);
    const rings = traceRings(g, cells, inSet, never);
    expect(rings.map(signedArea2).sort((a, b) => a - b)).toEqual([-2, 18]);
  });

  it('keeps straight-through vertices that are marked as junctions', () => {
    const { g, cells, inSet } = cellsOf(['##']);
    const rings = traceRings(g, cells, inSet, (i, j) => i === 1 && j === 0);
    expect(rings[0]).toContainEqual([1, 0]);
    expect(rings[0]).not.toContainEqual([1, 1]);
  });

  it('refuses cells that touch only at a corner', () => {
    const { g, cells, inSet } = cellsOf(['.#', '#.']);
    expect(() => traceRings(g, cells, inSet, never)).toThrow(/pinch/);
  });
});
