// Composite scores, competition ranks, rank bands reproducible with a fixed seed, and the progress index.
import { describe, expect, it } from 'vitest';
import { globalWeights, leaves, treeProblems, type TreeNode } from './tree.js';
import { composite, progressIndex, rankBands, ranks, withSpecial } from './scoring.js';

describe('composite and ranks', () => {
  it('is the weighted mean over the indicators with data', () => {
    expect(composite([80, 100], [0.25, 0.75])).toBe(95);
    expect(composite([80, null], [0.25, 0.75])).toBe(80);
    expect(composite([null, null], [0.5, 0.5])).toBeNull();
    expect(withSpecial(99, 3)).toBe(100);
    expect(withSpecial(50, -2)).toBe(48);
  });

  it('ranks highest first and shares ranks on ties', () => {
    expect(ranks([90, 95, 90, null, 80])).toEqual([2, 1, 2, null, 4]);
  });
});

describe('rankBands', () => {
  const scores = [
    [90, 70, 80],
    [85, 85, 85],
    [70, 95, 82],
    [60, 60, 60],
  ];
  const w = [0.4, 0.3, 0.3];
  it('is reproducible with a fixed seed and contains the unperturbed rank', () => {
    const a = rankBands(scores, w, [0, 0, 0, 0], { draws: 400, spread: 0.3, seed: 42 });
    const b = rankBands(scores, w, [0, 0, 0, 0], { draws: 400, spread: 0.3, seed: 42 });
    expect(a).toEqual(b);
    // the close race between the first three areas shows as overlapping bands; the clear last stays last
    expect(a[3]).toEqual({ p5: 4, p95: 4 });
    expect(a[0]!.p5).toBeLessThan(a[0]!.p95);
    const base = ranks(scores.map((r) => composite(r, w)));
    for (const seed of [1, 2, 3]) {
      rankBands(scores, w, [0, 0, 0, 0], { draws: 400, spread: 0.3, seed }).forEach((b, i) => {
        expect(b!.p5).toBeLessThanOrEqual(base[i]!);
        expect(b!.p95).toBeGreaterThanOrEqual(base[i]!);
      });
    }
  });

  it('collapses to the point rank without perturbation', () => {
    const base = ranks(scores.map((r) => composite(r, w)));
    const bands = rankBands(scores, w, [0, 0, 0, 0], { draws: 50, spread: 0, seed: 1 });
    bands.forEach((b, i) => expect(b).toEqual({ p5: base[i], p95: base[i] }));
  });
});

describe('progressIndex', () => {
  it('is the share of the remaining headroom gained', () => {
    const p = progressIndex(80, 85)!;
    expect(p.change).toBe(5);
    expect(p.index).toBeCloseTo(0.25, 12);
    expect(progressIndex(90, 85)!.index).toBeCloseTo(-0.5, 12);
    expect(progressIndex(100, 99)!.index).toBeNull();
    expect(progressIndex(null, 99)).toBeNull();
  });
});

describe('tree', () => {
  const nodes: TreeNode[] = [
    { id: 1, parentId: null, level: 'dimension', weight: 0.6, sort: 1 },
    { id: 2, parentId: null, level: 'dimension', weight: 0.4, sort: 2 },
    { id: 3, parentId: 1, level: 'focus', weight: 1, sort: 1 },
    { id: 4, parentId: 2, level: 'focus', weight: 1, sort: 1 },
    { id: 5, parentId: 3, level: 'indicator', weight: 0.5, sort: 1 },
    { id: 6, parentId: 3, level: 'indicator', weight: 0.5, sort: 2 },
    { id: 7, parentId: 4, level: 'indicator', weight: 1, sort: 1 },
  ];
  it('multiplies weights down the tree', () => {
    const g = globalWeights(nodes);
    expect(leaves(nodes).map((n) => g.get(n.id))).toEqual([0.3, 0.3, 0.4]);
    expect(treeProblems(nodes)).toEqual([]);
  });
  it('reports weights that do not sum to 1 and misplaced levels', () => {
    const bad = nodes.map((n) =>
      n.id === 5 ? { ...n, weight: 0.7 } : n.id === 7 ? { ...n, level: 'focus' as const } : n,
    );
    const p = treeProblems(bad);
    expect(p.some((x) => x.includes('sum to 1.2000'))).toBe(true);
    expect(p.some((x) => x.includes('cannot sit under focus'))).toBe(true);
  });
});
