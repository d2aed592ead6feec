import { describe, expect, it } from 'vitest';
import { components, findPinches } from './topology.js';

// Builds a label array from rows drawn north (top) to south (bottom); '.' is -1.
function grid(rows: string[]) {
  const ny = rows.length;
  const nx = rows[0].length;
  const label = new Int32Array(nx * ny);
  rows.forEach((row, r) => {
    const j = ny - 1 - r;
    for (let i = 0; i < nx; i++) label[j * nx + i] = row[i] === '.' ? -1 : row.charCodeAt(i) - 65;
  });
  const cellsOf = (ch: string) => {
    const out: number[] = [];
    const v = ch.charCodeAt(0) - 65;
    for (let c = 0; c < label.length; c++) if (label[c] === v) out.push(c);
    return out;
  };
  return { g: { nx, ny }, label, cellsOf };
}

describe('components', () => {
  it('splits a label into its edge-connected pieces, largest first', () => {
    const { g, label, cellsOf } = grid(['AA.A', 'A..A', '...A']);
    const comps = components(g, label, cellsOf('A'));
    expect(comps.map((c) => c.length)).toEqual([3, 3]);
  });

  it('does not join cells that touch only at a corner', () => {
    const { g, label, cellsOf } = grid(['A.', '.A']);
    expect(components(g, label, cellsOf('A'))).toHaveLength(2);
  });
});

describe('findPinches', () => {
  it('finds two cells of a label meeting only at a corner', () => {
    const { g, label, cellsOf } = grid(['AB', 'BA']);
    expect(findPinches(g, label, cellsOf('A'))).toHaveLength(1);
    expect(findPinches(g, label, cellsOf('B'))).toHaveLength(1);
  });

  it('finds none in an L shape or a solid block', () => {
    const { g, label, cellsOf } = grid(['AB', 'AA']);
    expect(findPinches(g, label, cellsOf('A'))).toHaveLength(0);
    expect(findPinches(g, label, cellsOf('B'))).toHaveLength(0);
  });
});
