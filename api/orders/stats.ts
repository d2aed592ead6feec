// Order aggregates in SQL: KPI counters, the three rates (三率) by area level or department, and
// root-cause clusters (源头治理). All scoped by the caller's area path; no reporter data leaves here.
import type { Kpis, RateRow, RootCause, StatsGroupBy } from '../../contract/order-stats.js';
import type { Queryable } from '../db/index.js';
import { latestSeq } from '../events/log.js';

/** Position of each level's id in an area path '/district/street/community/grid/'. */
const PATH_PART: Record<Exclude<StatsGroupBy, 'department' | 'category' | 'level'>, number> = {
  district: 2,
  street: 3,
  community: 4,
  grid: 5,
};

const rate = (n: number, d: number) => (d > 0 ? Math.round((n / d) * 10000) / 10000 : null);

export async function kpis(q: Queryable, scopePath: string, now: Date): Promise<Kpis> {
  // Read before the counters: a client replaying from here may see an event again, never miss one.
  const lastSeq = await latestSeq(q);
  const r = await q.query<{
    created: number;
    closed: number;
    open: number;
    overdue: number;
    yellow: number;
    red: number;
    critical: number;
    due: number;
    on_time: number;
    rated: number;
    satisfied: number;
  }>(
    /* sql */ `WITH day AS (SELECT (date_trunc('day', $2::timestamptz AT TIME ZONE 'Asia/Shanghai') AT TIME ZONE 'Asia/Shanghai') AS start)
      SELECT
        count(*) FILTER (WHERE o.reported_at >= day.start)::int AS created,
        count(*) FILTER (WHERE o.closed_at >= day.start)::int AS closed,
        count(*) FILTER (WHERE o.status NOT IN ('closed', 'cancelled', 'duplicate'))::int AS open,
        count(*) FILTER (WHERE o.status IN ('reported', 'accepted', 'dispatched', 'in_progress', 'returned') AND o.deadline < $2)::int AS overdue,
        count(*) FILTER (WHERE o.status NOT IN ('closed', 'cancelled', 'duplicate') AND o.cards_issued = 1)::int AS yellow,
        count(*) FILTER (WHERE o.status NOT IN ('closed', 'cancelled', 'duplicate') AND o.cards_issued = 2)::int AS red,
        count(*) FILTER (WHERE o.status NOT IN ('closed', 'cancelled', 'duplicate') AND o.hazard_level = 'critical')::int AS critical,
        count(*) FILTER (WHERE o.reported_at >= $2::timestamptz - interval '30 days' AND (o.clock_stopped_at IS NOT NULL OR o.deadline < $2) AND o.status NOT IN ('cancelled', 'duplicate'))::int AS due,
        count(*) FILTER (WHERE o.reported_at >= $2::timestamptz - interval '30 days' AND o.clock_stopped_at IS NOT NULL AND o.clock_stopped_at <= o.deadline AND o.status NOT IN ('cancelled', 'duplicate'))::int AS on_time,
        (SELECT count(*) FROM order_events e JOIN orders r ON r.id = e.order_id
          WHERE e.action = 'rate' AND r.area_path LIKE $1 || '%' AND e.at >= $2::timestamptz - interval '30 days')::int AS rated,
        (SELECT count(*) FROM order_events e JOIN orders r ON r.id = e.order_id
          WHERE e.action = 'rate' AND e.data->>'rating' IN ('satisfied', 'basic') AND r.area_path LIKE $1 || '%' AND e.at >= $2::timestamptz - interval '30 days')::int AS satisfied
      FROM orders o, day WHERE o.area_path LIKE $1 || '%'`,
    [scopePath, now.toISOString()],
  );
  const k = r.rows[0];
  return {
    today: { created: k.created, closed: k.closed },
    open: k.open,
    overdue: k.overdue,
    yellow: k.yellow,
    red: k.red,
    critical: k.critical,
    onTimeRate: rate(k.on_time, k.due),
    satisfactionRate: rate(k.satisfied, k.rated),
    lastSeq,
  };
}

export async function rates(
  q: Queryable,
  scopePath: string,
  groupBy: StatsGroupBy,
  from: string,
  to: string,
): Promise<RateRow[]> {
  // category and level rows are named by the client, which knows the catalogue and the level names.
  const key =
    groupBy === 'department'
      ? `coalesce(o.lead_dept, '')`
      : groupBy === 'category'
        ? `o.category_code`
        : groupBy === 'level'
          ? `o.escalation_level::text`
          : `split_part(o.area_path, '/', ${PATH_PART[groupBy]})`;
  const name =
    groupBy === 'department'
      ? `(SELECT d.name FROM departments d WHERE d.code = g.key)`
      : groupBy === 'category' || groupBy === 'level'
        ? `g.key`
        : `(SELECT a.name FROM areas a WHERE a.id::text = g.key)`;
  const r = await q.query<{
    key: string;
    name: string | null;
    total: number;
    responded: number;
    due: number;
    on_time: number;
    rated: number;
    satisfied: number;
  }>(
    /* sql */ `WITH first_response AS (
        SELECT order_id, min(at) AS at FROM order_events WHERE action IN ('accept', 'start') GROUP BY order_id
      ), ratings AS (
        -- Every rating counts, also one that reopened the order before a later, better one.
        SELECT order_id, count(*) AS rated, count(*) FILTER (WHERE data->>'rating' IN ('satisfied', 'basic')) AS satisfied
        FROM order_events WHERE action = 'rate' GROUP BY order_id
      ), g AS (
        SELECT ${key} AS key,
          count(*)::int AS total,
          count(*) FILTER (WHERE fr.at <= o.reported_at + CASE WHEN o.hazard_level = 'critical' THEN interval '15 minutes' ELSE interval '1 hour' END)::int AS responded,
          count(*) FILTER (WHERE (o.clock_stopped_at IS NOT NULL OR o.deadline < $3) AND o.status NOT IN ('cancelled', 'duplicate'))::int AS due,
          count(*) FILTER (WHERE o.clock_stopped_at IS NOT NULL AND o.clock_stopped_at <= o.deadline AND o.status NOT IN ('cancelled', 'duplicate'))::int AS on_time,
          coalesce(sum(rt.rated), 0)::int AS rated,
          coalesce(sum(rt.satisfied), 0)::int AS satisfied
        FROM orders o LEFT JOIN first_response fr ON fr.order_id = o.id LEFT JOIN ratings rt ON rt.order_id = o.id
        WHERE o.area_path LIKE $1 || '%' AND o.reported_at >= $2 AND o.reported_at < $3 AND o.status <> 'duplicate'
        GROUP BY 1
      )
      SELECT g.*, ${name} AS name FROM g WHERE g.key <> '' ORDER BY g.key`,
    [scopePath, from, to],
  );
  return r.rows.map((x) => ({
    key: x.key,
    name: x.name ?? x.key,
    total: x.total,
    responded: x.responded,
    responseRate: rate(x.responded, x.total),
    due: x.due,
    onTime: x.on_time,
    onTimeRate: rate(x.on_time, x.due),
    rated: x.rated,
    satisfied: x.satisfied,
    satisfactionRate: rate(x.satisfied, x.rated),
  }));
}

/**
 * Same category again and again at about the same place: DBSCAN over the last `days` of orders in a
 * metric projection (UTM 51N, EPSG:32651, metres — the zone of Shanghai), eps = radius, minpoints = minCount.
 */
export async function rootCauses(
  q: Queryable,
  scopePath: string,
  now: Date,
  days: number,
  radius: number,
  minCount: number,
): Promise<RootCause[]> {
  const r = await q.query<{
    category_code: string;
    count: number;
    lon: number;
    lat: number;
    grid_id: number;
    first_at: Date;
    last_at: Date;
    ids: number[];
  }>(
    /* sql */ `WITH recent AS (
        SELECT id, category_code, grid_id, reported_at, geom
        FROM orders
        WHERE area_path LIKE $1 || '%' AND status NOT IN ('duplicate', 'cancelled')
          AND reported_at >= $2::timestamptz - make_interval(days => $3) AND reported_at <= $2
      ), clustered AS (
        SELECT *, ST_ClusterDBSCAN(ST_Transform(geom, 32651), eps := $4, minpoints := $5) OVER (PARTITION BY category_code) AS cid
        FROM recent
      )
      SELECT category_code, count(*)::int AS count,
        ST_X(ST_Centroid(ST_Collect(geom))) AS lon, ST_Y(ST_Centroid(ST_Collect(geom))) AS lat,
        mode() WITHIN GROUP (ORDER BY grid_id) AS grid_id,
        min(reported_at) AS first_at, max(reported_at) AS last_at, array_agg(id ORDER BY reported_at) AS ids
      FROM clustered WHERE cid IS NOT NULL
      GROUP BY category_code, cid HAVING count(*) >= $5
      ORDER BY count DESC, last_at DESC LIMIT 200`,
    [scopePath, now.toISOString(), days, radius, minCount],
  );
  return r.rows.map((x) => ({
    categoryCode: x.category_code,
    count: x.count,
    lon: x.lon,
    lat: x.lat,
    gridId: x.grid_id,
    firstAt: new Date(x.first_at).toISOString(),
    lastAt: new Date(x.last_at).toISOString(),
    orderIds: x.ids.map(Number),
  }));
}
