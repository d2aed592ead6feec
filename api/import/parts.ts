// One area in several features (the same code, or the same name under the same parent without a code) is
// merged into one MultiPolygon; different areas of one name under one parent are flagged.
import type { AreaLevel } from '../../contract/areas.js';
import { m } from '../../contract/messages/index.js';
import type { Queryable } from '../db/index.js';
import { type AddProblem, type Item, levelName } from './items.js';
import * as shapes from './shape-queries.js';

export async function mergeParts(q: Queryable, items: Item[], problem: AddProblem): Promise<void> {
  const groups = new Map<string, Item[]>();
  for (const it of items) {
    if (it.blocked || it.isPoint || !it.stored) continue;
    if (!it.code && it.parentId === null) continue;
    const key = it.code ? `code:${it.code}` : `name:${it.parentId}:${it.name}`;
    groups.set(key, [...(groups.get(key) ?? []), it]);
  }
  // A code on features of different names is a clash, reported with the codes, not one area.
  const merging = [...groups.values()].filter((g) => g.length > 1 && new Set(g.map((i) => i.name)).size === 1);
  const merged = await shapes.mergeGeometries(
    q,
    merging.map((g) => ({ i: g[0].index, gs: g.map((i) => JSON.parse(i.stored!)) })),
  );
  const byFirst = new Map(merged.map((r) => [r.i, r]));
  for (const g of merging) {
    const [first, ...rest] = g;
    const r = byFirst.get(first.index)!;
    first.stored = r.geom;
    first.areaM2 = r.areaM2;
    first.repaired = g.some((i) => i.repaired);
    first.households = g.find((i) => i.households !== null)?.households ?? null;
    for (const it of rest) {
      it.partOf = first.index;
      it.blocked = true;
    }
    problem(
      'info',
      'merged_parts',
      first.index,
      m('import.partsMerged', { name: first.name, n: g.length, features: g.map((i) => i.index + 1).join(', ') }),
    );
  }
}

/** Warns of areas that would share a name under one parent: in the file, or with a sibling that stays. */
export async function flagDuplicateNames(
  q: Queryable,
  level: AreaLevel,
  items: Item[],
  parentName: (id: number) => string,
  problem: AddProblem,
): Promise<void> {
  const live = items.filter((i) => !i.blocked && i.partOf === null && i.parentId !== null);
  const replaced = new Set(live.map((i) => i.existingId).filter((x) => x !== null));
  const stay = (await shapes.childrenOf(q, [...new Set(live.map((i) => i.parentId!))], level)).filter(
    (s) => !replaced.has(s.id),
  );
  const key = (p: number, name: string) => `${p}:${name}`;
  const inFile = new Map<string, Item[]>();
  for (const it of live)
    inFile.set(key(it.parentId!, it.name), [...(inFile.get(key(it.parentId!, it.name)) ?? []), it]);
  const stored = new Map(stay.map((s) => [key(s.parentId, s.name), s]));
  for (const it of live) {
    const same = inFile.get(key(it.parentId!, it.name))!;
    const other = stored.get(key(it.parentId!, it.name));
    if (same.length > 1)
      problem(
        'warning',
        'duplicate_name',
        it.index,
        m('import.duplicateName', {
          name: it.name,
          n: same.length,
          level: levelName(level),
          parent: parentName(it.parentId!),
          codes: same.map((i) => i.code).join(', '),
        }),
      );
    if (other && other.code !== it.code)
      problem(
        'warning',
        'duplicate_name',
        it.index,
        m('import.duplicateNameStored', {
          name: it.name,
          level: levelName(level),
          parent: parentName(it.parentId!),
          code: other.code,
        }),
      );
  }
}
