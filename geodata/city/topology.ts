// Cell-set topology on the lattice: 4-connected components and "pinch" vertices
// (two cells of a set touching only at a corner), which would make a polygon invalid.

export interface CellGrid {
  nx: number;
  ny: number;
}

/** Label of cell (i, j), or -2 off the lattice. */
function labelAt(g: CellGrid, label: Int32Array, i: number, j: number): number {
  if (i < 0 || j < 0 || i >= g.nx || j >= g.ny) return -2;
  return label[j * g.nx + i];
}

/**
 * 4-connected components of `cells`, where neighbours are joined when they carry the same label.
 * Returned largest first (ties: the one found first).
 */
export function components(g: CellGrid, label: Int32Array, cells: readonly number[]): number[][] {
  const seen = new Set<number>();
  const out: number[][] = [];
  for (const start of cells) {
    if (seen.has(start)) continue;
    const lab = label[start];
    const comp: number[] = [start];
    seen.add(start);
    for (let k = 0; k < comp.length; k++) {
      const c = comp[k];
      const i = c % g.nx;
      const j = (c - i) / g.nx;
      const nbs = [i > 0 ? c - 1 : -1, i < g.nx - 1 ? c + 1 : -1, j > 0 ? c - g.nx : -1, j < g.ny - 1 ? c + g.nx : -1];
      for (const d of nbs) {
        if (d >= 0 && !seen.has(d) && label[d] === lab) {
          seen.add(d);
          comp.push(d);
        }
      }
    }
    out.push(comp);
  }
  out.sort((a, b) => b.length - a.length || a[0] - b[0]);
  return out;
}

export interface Pinch {
  /** The two same-label cells meeting only at a corner. */
  cellA: number;
  cellB: number;
  /** The two cells sharing an edge with both (-1 when off the lattice). */
  sideA: number;
  sideB: number;
}

/** Every pinch of the labels carried by `cells` (a configuration may be reported more than once). */
export function findPinches(g: CellGrid, label: Int32Array, cells: readonly number[]): Pinch[] {
  const out: Pinch[] = [];
  for (const c of cells) {
    const lab = label[c];
    const i = c % g.nx;
    const j = (c - i) / g.nx;
    // Look at the north-east and north-west diagonals only: each diagonal pair is seen once from its southern cell.
    for (const di of [1, -1]) {
      if (labelAt(g, label, i + di, j + 1) !== lab) continue;
      const s1 = labelAt(g, label, i + di, j);
      const s2 = labelAt(g, label, i, j + 1);
      if (s1 === lab || s2 === lab) continue;
      const inGrid = (x: number, y: number) => (x >= 0 && y >= 0 && x < g.nx && y < g.ny ? y * g.nx + x : -1);
      out.push({ cellA: c, cellB: inGrid(i + di, j + 1), sideA: inGrid(i + di, j), sideB: inGrid(i, j + 1) });
    }
  }
  return out;
}
