// Adjusting a 网格划分 proposal as pure edits of its units (blocks and buildings, each in a grid by index):
// move units to a neighbouring grid, merge two neighbouring grids, split one grid in two by the same walk
// and cut as the proposal; and the one-to-one matching of proposed grids to the community's old ones.
import type { RegridProposal } from '../../contract/imports.js';
import { Invalid } from '../http/errors.js';
import { planGrids } from './regrid-plan.js';
import { m } from '../../contract/messages/index.js';

export type Units = Pick<RegridProposal, 'blocks' | 'buildings'>;
type Adjacency = [number, number][];

export const gridCount = (u: Units): number => u.buildings.reduce((n, b) => Math.max(n, b.grid + 1), 0);

/** A block with buildings belongs wholly to a grid when all its buildings do; an empty block keeps its grid. */
export function settleBlocks(u: Units): Units {
  const grids = new Map<number, Set<number>>();
  for (const b of u.buildings) grids.set(b.block, (grids.get(b.block) ?? new Set()).add(b.grid));
  return {
    buildings: u.buildings,
    blocks: u.blocks.map((k) => {
      const gs = grids.get(k.id);
      return gs ? { ...k, grid: gs.size === 1 ? [...gs][0] : null } : k;
    }),
  };
}

/** Grid indices made 0…n-1 again (order kept) after a merge emptied one. */
export function renumber(u: Units): Units {
  const used = [...new Set(u.buildings.map((b) => b.grid))].sort((a, b) => a - b);
  const to = new Map(used.map((g, i) => [g, i]));
  return {
    buildings: u.buildings.map((b) => ({ ...b, grid: to.get(b.grid)! })),
    blocks: u.blocks.map((k) => ({ ...k, grid: k.grid === null ? null : (to.get(k.grid) ?? null) })),
  };
}

/** The grids present in a block or in a block sharing an edge with it. */
function gridsAround(u: Units, adjacency: Adjacency): (block: number) => Set<number> {
  const near = new Map<number, number[]>();
  for (const [a, b] of adjacency) {
    near.set(a, [...(near.get(a) ?? []), b]);
    near.set(b, [...(near.get(b) ?? []), a]);
  }
  const inBlock = new Map<number, Set<number>>();
  for (const b of u.buildings) inBlock.set(b.block, (inBlock.get(b.block) ?? new Set()).add(b.grid));
  for (const k of u.blocks) if (k.grid !== null && !inBlock.has(k.id)) inBlock.set(k.id, new Set([k.grid]));
  return (block) => new Set([block, ...(near.get(block) ?? [])].flatMap((k) => [...(inBlock.get(k) ?? [])]));
}

function checkGrid(u: Units, g: number): void {
  if (!Number.isInteger(g) || g < 0 || g >= gridCount(u))
    throw new Invalid(m('import.regrid.noSuchGrid', { n: g + 1, count: gridCount(u) }));
}

function noEmptyGrid(before: Units, after: Units): void {
  const left = new Set(after.buildings.map((b) => b.grid));
  for (let g = 0; g < gridCount(before); g++) {
    if (!left.has(g)) throw new Invalid(m('import.regrid.gridLeftEmpty', { n: g + 1 }));
  }
}

/** Moves whole blocks and single buildings to `toGrid`, which must already be present in or next to each of their blocks. */
export function moveUnits(
  u: Units,
  adjacency: Adjacency,
  move: { blockIds: number[]; buildingIds: number[]; toGrid: number },
): Units {
  checkGrid(u, move.toGrid);
  if (move.blockIds.length + move.buildingIds.length === 0) throw new Invalid(m('import.regrid.nothingToMove'));
  const blocks = new Set(move.blockIds);
  const buildings = new Set(move.buildingIds);
  const blockOf = new Map(u.buildings.map((b) => [b.id, b.block]));
  for (const id of blocks)
    if (!u.blocks.some((k) => k.id === id)) throw new Invalid(m('import.regrid.noSuchBlock', { id }));
  for (const id of buildings) if (!blockOf.has(id)) throw new Invalid(m('import.regrid.noSuchBuilding', { id }));
  const moved: Units = {
    buildings: u.buildings.map((b) => (blocks.has(b.block) || buildings.has(b.id) ? { ...b, grid: move.toGrid } : b)),
    blocks: u.blocks.map((k) => (blocks.has(k.id) ? { ...k, grid: move.toGrid } : k)),
  };
  if (
    moved.buildings.every((b, i) => b.grid === u.buildings[i].grid) &&
    moved.blocks.every((k, i) => k.grid === u.blocks[i].grid)
  ) {
    throw new Invalid(m('import.regrid.alreadyInGrid', { n: move.toGrid + 1 }));
  }
  noEmptyGrid(u, moved);
  const around = gridsAround(u, adjacency);
  for (const k of new Set([...blocks, ...[...buildings].map((id) => blockOf.get(id)!)])) {
    if (!around(k).has(move.toGrid))
      throw new Invalid(m('import.regrid.notNeighbour', { n: move.toGrid + 1, block: k }));
  }
  return settleBlocks(moved);
}

/** Grid b joins grid a (they must share a block or neighbouring blocks); later grids move down one index. */
export function mergeGrids(u: Units, adjacency: Adjacency, [a, b]: [number, number]): Units {
  checkGrid(u, a);
  checkGrid(u, b);
  if (a === b) throw new Invalid(m('import.regrid.sameGrid'));
  const around = gridsAround(u, adjacency);
  const touching = u.buildings.some((x) => x.grid === b && around(x.block).has(a));
  if (!touching) throw new Invalid(m('import.regrid.notBordering', { a: a + 1, b: b + 1 }));
  const to = (g: number) => (g === b ? a : g);
  return renumber(
    settleBlocks({
      buildings: u.buildings.map((x) => ({ ...x, grid: to(x.grid) })),
      blocks: u.blocks.map((k) => ({ ...k, grid: k.grid === null ? null : to(k.grid) })),
    }),
  );
}

/** Re-runs the walk and cut inside one grid, aiming at two halves: the first keeps the index, the second is appended. */
export function splitGrid(u: Units, adjacency: Adjacency, g: number): Units {
  checkGrid(u, g);
  const mine = u.buildings.filter((b) => b.grid === g);
  const total = mine.reduce((s, b) => s + b.households, 0);
  if (mine.length < 2 || total < 2)
    throw new Invalid(m('import.regrid.tooFewToSplit', { n: g + 1, count: mine.length }));
  const ids = new Set([...mine.map((b) => b.block), ...u.blocks.filter((k) => k.grid === g).map((k) => k.id)]);
  const min = Math.max(1, Math.floor(total * 0.3));
  const max = Math.min(total - 1, Math.max(min + 1, Math.ceil(total * 0.7)));
  const plan = planGrids({
    buildings: mine,
    blocks: u.blocks.filter((k) => ids.has(k.id)),
    adjacency: adjacency.filter(([a, b]) => ids.has(a) && ids.has(b)),
    min,
    max,
  });
  if (plan.households.length < 2) throw new Invalid(m('import.regrid.cannotCut', { n: g + 1 }));
  const n = gridCount(u);
  const to = (k: number) => (k === 0 ? g : n + k - 1);
  const split: Units = {
    buildings: u.buildings.map((b) => (b.grid === g ? { ...b, grid: to(plan.gridOf.get(b.id)!) } : b)),
    blocks: u.blocks.map((k) =>
      k.grid === g && plan.wholeBlocks.has(k.id) ? { ...k, grid: to(plan.wholeBlocks.get(k.id)!) } : k,
    ),
  };
  return settleBlocks(split);
}

/** One-to-one: the pairs of (old grid, proposed grid) taken greedily by overlap share (intersection over union), largest first. */
export function matchGrids(overlaps: { old: number; grid: number; share: number }[]): Map<number, number> {
  const byGrid = new Map<number, number>();
  const oldTaken = new Set<number>();
  for (const o of [...overlaps]
    .filter((x) => x.share > 0)
    .sort((a, b) => b.share - a.share || a.grid - b.grid || a.old - b.old)) {
    if (byGrid.has(o.grid) || oldTaken.has(o.old)) continue;
    byGrid.set(o.grid, o.old);
    oldTaken.add(o.old);
  }
  return byGrid;
}
