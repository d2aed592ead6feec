// Each incoming area's parent: the one chosen for the whole layer, else the one its parent column names
// (by code or by name), else the area of the parent level that covers most of it.
import type { AreaLevel } from '../../contract/areas.js';
import { m } from '../../contract/messages/index.js';
import type { Queryable } from '../db/index.js';
import { type AddProblem, type Item, levelName } from './items.js';
import { codeForms, looksLikeCode } from './codes.js';
import * as sql from './queries.js';

export async function assignParents(
  q: Queryable,
  scopePath: string,
  parentLevel: AreaLevel,
  parents: sql.ScopeArea[],
  items: Item[],
  opts: { parentId?: number; parentBy: 'auto' | 'code' | 'name' },
  problem: AddProblem,
): Promise<void> {
  const byCode = new Map(parents.flatMap((p) => codeForms(p.code).map((c) => [c, p] as const)));
  const byName = new Map<string, sql.ScopeArea[]>();
  for (const p of parents) byName.set(p.name, [...(byName.get(p.name) ?? []), p]);
  const spatialNeeded = items.filter((i) => i.geomOk && opts.parentId === undefined && !i.parentKey);
  const spatial = await sql.spatialParents(
    q,
    scopePath,
    parentLevel,
    spatialNeeded.map((i) => ({ i: i.index, g: i.stored ? JSON.parse(i.stored) : i.wgs })),
  );
  for (const it of items) {
    if (!it.geomOk) continue;
    if (opts.parentId !== undefined) it.parentId = opts.parentId;
    else if (it.parentKey) {
      const by = opts.parentBy === 'auto' ? (looksLikeCode(it.parentKey) ? 'code' : 'name') : opts.parentBy;
      const named = byName.get(it.parentKey) ?? [];
      const found = by === 'code' ? byCode.get(it.parentKey) : named.length === 1 ? named[0] : undefined;
      if (by === 'name' && named.length > 1) {
        problem('error', 'missing_parent', it.index, m('import.parentAmbiguous', { parent: it.parentKey }));
      } else if (!found) {
        problem(
          'error',
          'missing_parent',
          it.index,
          m('import.parentMissing', { name: it.name, level: levelName(parentLevel), parent: it.parentKey }),
        );
      }
      it.parentId = found?.id ?? null;
    } else it.parentId = spatial.get(it.index) ?? null;
    if (it.parentId === null) {
      if (!it.parentKey)
        problem(
          'error',
          'missing_parent',
          it.index,
          m('import.inNoParent', { name: it.name, level: levelName(parentLevel) }),
        );
      it.blocked = true;
    }
  }
}
