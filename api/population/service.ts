// Population use cases: elder density in the caller's scope (or an area inside it), small cells withheld and the
// rest rounded (disclosure.ts).
import { type ElderDensity, type ElderDensityQuery, MIN_CELL_COUNT } from '../../contract/population.js';
import { areaInScope } from '../areas/queries.js';
import type { AuthUser } from '../auth/session.js';
import type { Queryable } from '../db/index.js';
import { NotFound } from '../http/errors.js';
import { elderCells } from './queries.js';
import { m } from '../../contract/messages/index.js';

/** The path to aggregate under: the caller's scope, or an area inside it. */
export async function scopePath(q: Queryable, user: AuthUser, areaId?: number): Promise<string> {
  if (areaId === undefined) return user.areaPath;
  const a = await areaInScope(q, user.areaPath, areaId);
  if (!a) throw new NotFound(m('areas.notFoundInScope', { id: areaId }));
  return a.path;
}

export async function elderDensity(q: Queryable, user: AuthUser, query: ElderDensityQuery): Promise<ElderDensity> {
  const path = await scopePath(q, user, query.area);
  const { cells, suppressed } = await elderCells(q, {
    res: query.res,
    metric: query.metric,
    path,
    bbox: query.bbox,
    minCount: MIN_CELL_COUNT,
  });
  return { res: query.res, metric: query.metric, minCount: MIN_CELL_COUNT, cells, suppressed };
}
