// A level known only by points (residents' committee offices, street offices): each point's Voronoi cell
// within its parent, less the siblings that stay. A point inside a sibling that stays updates it only by
// that sibling's code; otherwise it is reported, since the parent has no room left for a new area there.
import type { AreaLevel } from '../../contract/areas.js';
import { m } from '../../contract/messages/index.js';
import type { Queryable } from '../db/index.js';
import { type AddProblem, type Item, levelName } from './items.js';
import * as sql from './queries.js';
import * as shapes from './shape-queries.js';

export async function cellsOfPoints(
  q: Queryable,
  scopePath: string,
  level: AreaLevel,
  parentLevel: AreaLevel,
  items: Item[],
  parentName: (id: number) => string,
  problem: AddProblem,
): Promise<void> {
  const pts = items.filter((i) => !i.blocked && i.parentId !== null);
  const replaced = pts.map((i) => i.existingId).filter((x): x is number => x !== null);
  const cells = await shapes.voronoiCells(
    q,
    level,
    pts.map((i) => ({ i: i.index, p: i.parentId!, g: i.wgs })),
    replaced,
  );
  const withCell = [...cells.values()].filter((c) => c.geom !== null);
  const areas = await sql.repairPolygons(
    q,
    withCell.map((c) => ({ i: c.i, g: JSON.parse(c.geom!) })),
  );
  for (const a of areas) {
    const it = items[a.i];
    if (a.empty) {
      problem('error', 'unrepairable_geometry', a.i, m('import.voronoiEmpty', { name: it.name }), it.wgs);
      it.blocked = true;
      continue;
    }
    it.stored = a.geom;
    it.areaM2 = a.areaM2;
    it.derived = true;
  }
  const lost = pts.filter((i) => !cells.has(i.index));
  // Where a point outside its declared parent lies instead, so the user can choose that parent.
  const elsewhere = await sql.spatialParents(
    q,
    scopePath,
    parentLevel,
    lost.map((i) => ({ i: i.index, g: i.wgs })),
  );
  const names = new Map((await shapes.areaNames(q, [...new Set(elsewhere.values())])).map((a) => [a.id, a] as const));
  for (const it of pts) {
    const c = cells.get(it.index);
    if (c?.geom) continue;
    it.blocked = true;
    const other = names.get(elsewhere.get(it.index) ?? -1);
    if (c)
      problem(
        'error',
        'point_in_sibling',
        it.index,
        m('import.pointInDividedParent', {
          name: it.name,
          level: levelName(level),
          existing: c.inName ?? '',
          code: c.inCode ?? '',
          parent: parentName(it.parentId!),
        }),
        it.wgs,
      );
    else
      problem(
        'error',
        'outside_parent',
        it.index,
        other
          ? m('import.pointInOtherParent', {
              name: it.name,
              parent: parentName(it.parentId!),
              level: levelName(parentLevel),
              other: other.name,
              code: other.code,
            })
          : m('import.pointOutsideParent', { name: it.name, parent: parentName(it.parentId!) }),
        it.wgs,
      );
  }
  problem('info', 'derived', null, m('import.pointsOnly', { count: pts.length, level: levelName(level) }));
}
