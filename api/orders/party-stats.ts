// Orders by the party that holds them (五级联动): open and overdue now, and over a period what each resolved, on time
// or not, what departments returned and what each level handed up. Aggregates only; scoped by area path.
import type { PartyStatsRow } from '../../contract/order-stats.js';
import type { Queryable } from '../db/index.js';

const rate = (n: number, d: number) => (d > 0 ? Math.round((n / d) * 10000) / 10000 : null);

export async function partyStats(
  q: Queryable,
  scopePath: string,
  from: string,
  to: string,
  now: Date,
): Promise<PartyStatsRow[]> {
  const r = await q.query<{
    kind: PartyStatsRow['kind'];
    area_id: number | null;
    dept: string | null;
    name: string | null;
    open: number;
    overdue: number;
    resolved: number;
    on_time: number;
    returned: number;
    handed_up: number;
  }>(
    /* sql */ `WITH scoped AS (
        SELECT * FROM orders WHERE area_path LIKE $1 || '%' AND status <> 'duplicate'
      ), held AS (
        SELECT holder_kind AS kind,
          CASE WHEN holder_kind = 'department' THEN NULL ELSE holder_area_id END AS area_id,
          holder_dept AS dept,
          count(*) FILTER (WHERE status NOT IN ('closed', 'cancelled', 'resolved'))::int AS open,
          count(*) FILTER (WHERE status NOT IN ('closed', 'cancelled', 'resolved') AND deadline < $4)::int AS overdue,
          count(*) FILTER (WHERE clock_stopped_at >= $2 AND clock_stopped_at < $3 AND status NOT IN ('cancelled'))::int AS resolved,
          count(*) FILTER (WHERE clock_stopped_at >= $2 AND clock_stopped_at < $3 AND status NOT IN ('cancelled')
                           AND clock_stopped_at <= deadline)::int AS on_time
        FROM scoped GROUP BY 1, 2, 3
      ), moved AS (
        -- Who a hand-up or a return moved the order away from.
        SELECT e.data->'fromHolder'->>'kind' AS kind,
          CASE WHEN e.data->'fromHolder'->>'kind' = 'department' THEN NULL
               ELSE (e.data->'fromHolder'->>'areaId')::int END AS area_id,
          e.data->'fromHolder'->>'dept' AS dept,
          count(*) FILTER (WHERE e.action = 'return')::int AS returned,
          count(*) FILTER (WHERE e.action = 'hand_up')::int AS handed_up
        FROM order_events e JOIN scoped o ON o.id = e.order_id
        WHERE e.action IN ('return', 'hand_up') AND e.at >= $2 AND e.at < $3 AND e.data ? 'fromHolder'
        GROUP BY 1, 2, 3
      ), parties AS (
        SELECT kind, area_id, dept FROM held UNION SELECT kind, area_id, dept FROM moved WHERE kind IS NOT NULL
      )
      SELECT p.kind, p.area_id, p.dept,
        CASE WHEN p.kind = 'department' THEN (SELECT d.name FROM departments d WHERE d.code = p.dept)
             ELSE (SELECT a.name FROM areas a WHERE a.id = p.area_id) END AS name,
        coalesce(h.open, 0) AS open, coalesce(h.overdue, 0) AS overdue,
        coalesce(h.resolved, 0) AS resolved, coalesce(h.on_time, 0) AS on_time,
        coalesce(m.returned, 0) AS returned, coalesce(m.handed_up, 0) AS handed_up
      FROM parties p
      LEFT JOIN held h ON h.kind = p.kind AND h.area_id IS NOT DISTINCT FROM p.area_id AND h.dept IS NOT DISTINCT FROM p.dept
      LEFT JOIN moved m ON m.kind = p.kind AND m.area_id IS NOT DISTINCT FROM p.area_id AND m.dept IS NOT DISTINCT FROM p.dept
      ORDER BY array_position(ARRAY['centre', 'street', 'community', 'grid', 'department'], p.kind), open DESC, name`,
    [scopePath, from, to, now.toISOString()],
  );
  return r.rows
    .filter((x) => x.open + x.resolved + x.returned + x.handed_up > 0)
    .map((x) => ({
      kind: x.kind,
      areaId: x.area_id,
      dept: x.dept,
      name: x.name ?? x.dept ?? String(x.area_id),
      open: x.open,
      overdue: x.overdue,
      resolved: x.resolved,
      onTime: x.on_time,
      onTimeRate: rate(x.on_time, x.resolved),
      returned: x.returned,
      handedUp: x.handed_up,
    }));
}
