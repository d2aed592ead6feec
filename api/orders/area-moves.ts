// Orders follow their grids when a bulk change redraws them (网格划分 re-gridding): each order put on another
// grid gets a 'regrid' event in its timeline and an `order:moved` event in the log, naming where it was, so an
// open wall or console in the new area shows it there and one that held it only in the old area drops it.
import type { AuthUser } from '../auth/session.js';
import type { Queryable } from '../db/index.js';
import * as eventLog from '../events/log.js';
import type { Published } from '../events/log.js';
import type { EscalationPolicy } from '../../core/orders/escalation.js';
import * as sql from './queries.js';
import { toSummary } from './service.js';

export interface MoveDeps {
  policy: EscalationPolicy;
  now: () => Date;
}

/**
 * Inside the caller's transaction: puts the orders of the grids `from` (and with `inside`, those lying in that
 * area) on the nearest of the grids `to`, and appends an event for each one moved. Returns what to publish
 * after commit. The event lock is taken before any order row, in the same order as every order use case.
 */
export async function moveOrdersToGrids(
  q: Queryable,
  deps: MoveDeps,
  user: AuthUser,
  grids: { to: number[]; from: number[]; inside: number | null },
  data: Record<string, unknown> = {},
): Promise<Published[]> {
  await eventLog.lock(q);
  const moves = await sql.moveOrdersToNearestGrid(q, grids.to, grids.from, grids.inside);
  if (!moves.length) return [];
  const now = deps.now();
  const seqs = await eventLog.drawSeqs(q, moves.length);
  const actor = { id: user.id, role: user.role, name: user.displayName };
  await sql.recordMoves(
    q,
    moves.map((m, i) => ({ ...m, seq: seqs[i] })),
    actor,
    now.toISOString(),
    data,
  );
  const orders = new Map(
    (
      await sql.ordersByIds(
        q,
        moves.map((m) => m.id),
      )
    ).map((o) => [o.id, o]),
  );
  const published = moves.map((m, i): Published => {
    const o = orders.get(m.id)!;
    return {
      topic: 'order:moved',
      areaPath: o.areaPath,
      fromPath: m.fromPath,
      payload: { seq: seqs[i], order: toSummary(o, deps.policy, now), fromGridId: m.fromGridId },
    };
  });
  return eventLog.write(q, published);
}
