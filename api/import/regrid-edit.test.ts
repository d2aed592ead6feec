import { describe, expect, it } from 'vitest';
import { matchGrids, mergeGrids, moveUnits, splitGrid, type Units } from './regrid-edit.js';

// Four blocks in a row (1–2–3–4, each sharing an edge with the next), two buildings each; grids 0 = blocks 1–2, 1 = blocks 3–4.
const adjacency: [number, number][] = [
  [1, 2],
  [2, 3],
  [3, 4],
];
const units = (): Units => ({
  blocks: [1, 2, 3, 4].map((id) => ({ id, x: id, y: 0, grid: id <= 2 ? 0 : 1, geometry: null })),
  buildings: [1, 2, 3, 4].flatMap((k) =>
    [0, 1].map((j) => ({ id: k * 10 + j, x: k + j * 0.1, y: 0, households: 50, block: k, grid: k <= 2 ? 0 : 1 })),
  ),
});
const gridsOf = (u: Units) => u.buildings.map((b) => b.grid);

describe('moveUnits', () => {
  it('moves a block to the neighbouring grid and keeps the block whole', () => {
    const u = moveUnits(units(), adjacency, { blockIds: [2], buildingIds: [], toGrid: 1 });
    expect(gridsOf(u)).toEqual([0, 0, 1, 1, 1, 1, 1, 1]);
    expect(u.blocks.map((k) => k.grid)).toEqual([0, 1, 1, 1]);
  });

  it('moves one building, leaving its block split between two grids', () => {
    const u = moveUnits(units(), adjacency, { blockIds: [], buildingIds: [21], toGrid: 1 });
    expect(u.buildings.find((b) => b.id === 21)!.grid).toBe(1);
    expect(u.blocks.find((k) => k.id === 2)!.grid).toBeNull();
  });

  it('refuses a grid that does not border the block, and a move that empties a grid', () => {
    expect(() => moveUnits(units(), adjacency, { blockIds: [1], buildingIds: [], toGrid: 1 })).toThrow(
      /does not border block 1/,
    );
    expect(() => moveUnits(units(), adjacency, { blockIds: [1, 2], buildingIds: [], toGrid: 1 })).toThrow(
      /without buildings/,
    );
    expect(() => moveUnits(units(), adjacency, { blockIds: [9], buildingIds: [], toGrid: 1 })).toThrow(/no block 9/);
  });
});

describe('mergeGrids and splitGrid', () => {
  it('merges two bordering grids and renumbers the rest', () => {
    const three = splitGrid(units(), adjacency, 1);
    expect(new Set(gridsOf(three))).toEqual(new Set([0, 1, 2]));
    const merged = mergeGrids(three, adjacency, [0, 1]);
    expect(new Set(gridsOf(merged))).toEqual(new Set([0, 1]));
    expect(
      merged.buildings
        .filter((b) => b.grid === 0)
        .map((b) => b.households)
        .reduce((a, b) => a + b),
    ).toBeGreaterThan(200);
  });

  it('splits a grid into two halves along its walk, the second appended', () => {
    const u = splitGrid(units(), adjacency, 0);
    const hh = [0, 1, 2].map((g) => u.buildings.filter((b) => b.grid === g).reduce((s, b) => s + b.households, 0));
    expect(hh).toEqual([100, 200, 100]);
    expect(u.buildings.filter((b) => b.grid === 1).map((b) => b.block)).toEqual([3, 3, 4, 4]);
  });

  it('refuses merging grids that do not border each other or a grid with itself, and splitting a one-building grid', () => {
    const three = splitGrid(units(), adjacency, 0); // grid 0 = block 1 or 2, grid 2 = the other: both border grid 1 only through block 2–3
    const far = three.buildings.find((b) => b.block === 1)!.grid;
    expect(() => mergeGrids(three, adjacency, [far, 1])).toThrow(/do not border/);
    expect(() => mergeGrids(units(), adjacency, [0, 0])).toThrow(/two different/);
    const lone: Units = {
      blocks: [{ id: 1, x: 0, y: 0, grid: 0, geometry: null }],
      buildings: [{ id: 1, x: 0, y: 0, households: 400, block: 1, grid: 0 }],
    };
    expect(() => splitGrid(lone, [], 0)).toThrow(/cannot be split/);
  });
});

describe('matchGrids', () => {
  it('pairs old and proposed grids one to one, largest overlap share first', () => {
    const m = matchGrids([
      { old: 7, grid: 0, share: 0.4 },
      { old: 7, grid: 1, share: 0.9 },
      { old: 8, grid: 1, share: 0.5 },
      { old: 8, grid: 0, share: 0.3 },
      { old: 9, grid: 2, share: 0 },
    ]);
    expect([...m.entries()].sort()).toEqual([
      [0, 8],
      [1, 7],
    ]);
  });
});
