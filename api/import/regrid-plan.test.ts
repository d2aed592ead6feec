// The re-gridding plan: grid sizes within 300–500 households where feasible, cuts on roads when they fit.
import { describe, expect, it } from 'vitest';
import { gridTarget, hilbert, type PlanBuilding, planGrids } from './regrid-plan.js';

/** A w × h lattice of blocks, each with `per` buildings of `hh` households. */
function lattice(w: number, h: number, per: number, hh: (i: number) => number) {
  const blocks: { id: number; x: number; y: number }[] = [];
  const adjacency: [number, number][] = [];
  const buildings: PlanBuilding[] = [];
  let id = 1;
  for (let j = 0; j < h; j++) {
    for (let i = 0; i < w; i++) {
      const b = j * w + i;
      blocks.push({ id: b, x: i + 0.5, y: j + 0.5 });
      if (i > 0) adjacency.push([b, b - 1]);
      if (j > 0) adjacency.push([b, b - w]);
      for (let k = 0; k < per; k++)
        buildings.push({
          id: id++,
          x: i + 0.1 + (0.8 * k) / per,
          y: j + 0.1 + (0.8 * ((k * 7) % per)) / per,
          households: hh(id),
          block: b,
        });
    }
  }
  return { blocks, adjacency, buildings };
}

describe('planGrids', () => {
  it('cuts a community into grids of 300–500 households', () => {
    const l = lattice(4, 3, 6, (i) => 40 + (i % 5) * 10); // 72 buildings, ≈ 4,300 households
    const plan = planGrids({ ...l, min: 300, max: 500 });
    const total = l.buildings.reduce((s, b) => s + b.households, 0);
    expect(plan.households.reduce((a, b) => a + b, 0)).toBe(total);
    for (const h of plan.households) {
      expect(h).toBeGreaterThanOrEqual(300);
      expect(h).toBeLessThanOrEqual(500);
    }
    expect(new Set(plan.gridOf.values()).size).toBe(plan.households.length);
    expect(plan.gridOf.size).toBe(l.buildings.length);
  });

  it('keeps whole blocks together when block sizes allow (grid edges on roads)', () => {
    const l = lattice(4, 2, 5, () => 80); // blocks of 400 households each
    const plan = planGrids({ ...l, min: 300, max: 500 });
    expect(plan.households).toEqual(Array(8).fill(400));
    expect(plan.wholeBlocks.size).toBe(8);
  });

  it('does not put blocks that do not touch in one grid when a cut between them fits', () => {
    // Block 0 touches 1 and 2, which do not touch each other: the walk goes 0, 1, then jumps from 1 to 2.
    const blocks = [
      { id: 0, x: 0.5, y: 0.5 },
      { id: 1, x: 1.5, y: 0.5 },
      { id: 2, x: 2.5, y: 0.5 },
    ];
    const hh = [250, 150, 150];
    const buildings: PlanBuilding[] = blocks.flatMap((b) =>
      [0, 1, 2, 3, 4].map((k) => ({
        id: b.id * 10 + k,
        x: b.x - 0.4 + k * 0.2,
        y: 0.5,
        households: hh[b.id] / 5,
        block: b.id,
      })),
    );
    const plan = planGrids({
      buildings,
      blocks,
      adjacency: [
        [0, 1],
        [0, 2],
      ],
      min: 150,
      max: 450,
    });
    for (let g = 0; g < plan.households.length; g++) {
      const inGrid = new Set(buildings.filter((b) => plan.gridOf.get(b.id) === g).map((b) => b.block));
      expect(inGrid.has(1) && inGrid.has(2) && !inGrid.has(0)).toBe(false);
    }
  });

  it('gives an empty block to the grid of the nearest building, and a small community one grid', () => {
    const l = lattice(2, 1, 3, () => 50);
    l.blocks.push({ id: 99, x: 2.5, y: 0.5 });
    l.adjacency.push([99, 1]);
    const plan = planGrids({ ...l, min: 300, max: 500 });
    expect(plan.households).toEqual([300]);
    expect(plan.wholeBlocks.get(99)).toBe(0);
  });

  it('chooses a feasible number of grids and orders points along a Hilbert curve', () => {
    expect(gridTarget(1000, 300, 500)).toEqual({ grids: 3, target: 1000 / 3 }); // 2 would be 500 each, 3 is nearer 400
    expect(gridTarget(250, 300, 500)).toEqual({ grids: 1, target: 250 });
    expect(hilbert(0, 0, 2)).toBe(0);
    expect(new Set([0, 1, 2, 3].flatMap((i) => [0, 1, 2, 3].map((j) => hilbert(i / 4, j / 4, 2)))).size).toBe(16);
  });
});
