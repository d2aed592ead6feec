import { describe, expect, it } from 'vitest';
import { bisect, partsAreClean, repairParts } from './partition.js';
import { Rng } from './rng.js';

const g = { nx: 30, ny: 20 };
const all = Array.from({ length: g.nx * g.ny }, (_, c) => c);

describe('bisect', () => {
  it('splits cells into parts whose weights follow the targets', () => {
    const weight = all.map((c) => 1 + (c % 7));
    const total = weight.reduce((a, b) => a + b, 0);
    const parts = bisect(g, all, [1, 2, 1, 4], weight, new Rng(1));
    expect(parts).toHaveLength(4);
    expect(parts.flat().sort((a, b) => a - b)).toEqual(all);
    const shares = parts.map((p) => p.reduce((s, c) => s + weight[c], 0) / total);
    [1 / 8, 2 / 8, 1 / 8, 4 / 8].forEach((t, k) => expect(Math.abs(shares[k] - t)).toBeLessThan(0.02));
  });
});

describe('repairParts', () => {
  const parentOf = new Int32Array(all.length);
  const at = (i: number, j: number) => j * g.nx + i;

  it('reunites a part split in two, keeping every cell within the parent', () => {
    const label = new Int32Array(all.length).fill(1);
    for (const c of all) if (c % g.nx >= 15) label[c] = 2;
    label[at(20, 5)] = 1; // island of part 1 inside part 2
    const parts = repairParts(g, label, parentOf, all, new Rng(2));
    expect(partsAreClean(g, label, parts)).toBe(true);
    expect(label[at(20, 5)]).toBe(2);
    expect([...parts.values()].flat().sort((a, b) => a - b)).toEqual(all);
  });

  it('removes a corner-only contact of a part with itself', () => {
    // Part 2 wraps around a one-cell part 3 and touches itself diagonally at the vertex (2, 2).
    const label = new Int32Array(all.length).fill(1);
    for (const [i, j] of [
      [1, 1],
      [1, 0],
      [2, 0],
      [3, 0],
      [3, 1],
      [3, 2],
      [2, 2],
    ])
      label[at(i, j)] = 2;
    label[at(2, 1)] = 3;
    expect(
      partsAreClean(
        g,
        label,
        new Map([
          [1, all.filter((c) => label[c] === 1)],
          [2, all.filter((c) => label[c] === 2)],
        ]),
      ),
    ).toBe(false);
    const parts = repairParts(g, label, parentOf, all, new Rng(2));
    expect(partsAreClean(g, label, parts)).toBe(true);
    expect([...parts.values()].flat().sort((a, b) => a - b)).toEqual(all);
  });
});
