// Topology of the incoming areas against their parents and siblings as they would be after the import.
// More than the tolerance outside the parent is an error to resolve (choose the parent, or fix the file),
// saying how much lies outside and which area holds it instead; overlaps and gaps are warnings.
import type { AreaLevel } from '../../contract/areas.js';
import { m } from '../../contract/messages/index.js';
import type { Queryable } from '../db/index.js';
import { type AddProblem, type Item, levelName } from './items.js';
import * as sql from './queries.js';
import * as shapes from './shape-queries.js';

const pct = (r: number) => `${(r * 100).toFixed(1)}%`;

export async function checkTopology(
  q: Queryable,
  scopePath: string,
  level: AreaLevel,
  parentLevel: AreaLevel,
  ready: Item[],
  items: Item[],
  tolerance: number,
  parentName: (id: number) => string,
  problem: AddProblem,
): Promise<void> {
  const checks = await sql.topologyChecks(
    q,
    level,
    ready.map((i) => ({ i: i.index, p: i.parentId!, e: i.existingId, g: JSON.parse(i.stored!) })),
    tolerance,
    level !== 'special',
  );
  const outside = checks.filter((c) => c.kind === 'outside');
  // Where each area that leaves its parent lies instead: the area of the parent level covering most of it.
  const elsewhere = await sql.spatialParents(
    q,
    scopePath,
    parentLevel,
    outside.map((c) => ({ i: c.i!, g: JSON.parse(items[c.i!].stored!) })),
  );
  const names = new Map((await shapes.areaNames(q, [...new Set(elsewhere.values())])).map((a) => [a.id, a] as const));
  for (const c of checks) {
    const it = c.i !== null ? items[c.i] : null;
    const geom = c.geom ? JSON.parse(c.geom) : null;
    if (c.kind === 'outside') {
      const other = elsewhere.get(c.i!);
      const declared = it!.parentId!;
      const params = {
        name: it!.name,
        share: pct(c.ratio),
        parent: parentName(declared),
        level: levelName(parentLevel),
      };
      problem(
        'error',
        'outside_parent',
        c.i,
        other !== undefined && other !== declared
          ? m('import.outsideParentElsewhere', {
              ...params,
              other: names.get(other)?.name ?? '',
              code: names.get(other)?.code ?? '',
            })
          : other === undefined
            ? m('import.outsideParentNowhere', params)
            : m('import.outsideParent', params),
        geom,
      );
    } else if (c.kind === 'overlap_incoming')
      problem(
        'warning',
        'overlaps_sibling',
        c.i,
        m('import.overlapIncoming', { name: it!.name, other: items[c.other!].name, share: pct(c.ratio) }),
        geom,
      );
    else if (c.kind === 'overlap_existing')
      problem(
        'warning',
        'overlaps_sibling',
        c.i,
        m('import.overlapExisting', {
          name: it!.name,
          level: levelName(level),
          other: c.otherName ?? '',
          share: pct(c.ratio),
        }),
        geom,
      );
    else
      problem(
        'warning',
        'gap',
        null,
        m('import.gap', { name: c.otherName ?? '', share: pct(c.ratio), level: levelName(level) }),
        geom,
      );
  }
}
