// Mediation statistics (aggregates only, under the disclosure rule of api/population/disclosure.ts) and the
// root-cause alarms that frequent causes in one community raise (源头治理).
import { causeByCode } from '../../contract/dispute-causes.js';
import type { MediationStats, MediationStatsQuery, MediationStatsRow } from '../../contract/mediation.js';
import { m, named } from '../../contract/messages/index.js';
import type { Queryable } from '../db/index.js';
import * as eventLog from '../events/log.js';
import type { Published } from '../events/log.js';
import { disclosureKey, discloseRate } from '../population/disclosure.js';
import { disclosureOf } from '../population/queries.js';
import type { OrderDeps } from '../orders/service.js';

/** A group's rate and cycle time are published when at least this many of its mediations have ended. */
export const MIN_CLOSED = 10;

const GROUP_SQL = {
  stage: /* sql */ `m.stage`,
  type: /* sql */ `o.category_code`,
  cause: /* sql */ `m.cause_code`,
  // The child area of the scope that holds the mediation: the first id after the scope's path.
  area: /* sql */ `split_part(substr(m.area_path, length($1) + 1), '/', 1)`,
} as const;

interface Raw {
  key: string | null;
  n: number;
  open: number;
  settled: number;
  closed: number;
  median_days: number | null;
}

export async function mediationStats(
  q: Queryable,
  scopePath: string,
  query: MediationStatsQuery,
  now: Date,
): Promise<MediationStats> {
  const to = query.to ?? now.toISOString();
  const from = query.from ?? new Date(now.getTime() - 365 * 86_400_000).toISOString();
  const groupBy = query.groupBy;
  const r = await q.query<Raw>(
    /* sql */ `SELECT ${GROUP_SQL[groupBy]} AS key, count(*)::int AS n,
        count(*) FILTER (WHERE m.status = 'open')::int AS open,
        count(*) FILTER (WHERE m.status = 'agreement')::int AS settled,
        count(*) FILTER (WHERE m.status <> 'open')::int AS closed,
        percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM m.closed_at - m.opened_at) / 86400)
          FILTER (WHERE m.status <> 'open') AS median_days
      FROM mediations m JOIN orders o ON o.id = m.order_id
      WHERE m.area_path LIKE $1 || '%' AND m.opened_at >= $2 AND m.opened_at <= $3
      GROUP BY ROLLUP (${GROUP_SQL[groupBy]}) ORDER BY 1`,
    [scopePath, from, to],
  );
  const d = await disclosureOf(q);
  const names = new Map<string, string>();
  if (groupBy === 'area') {
    const ids = r.rows.map((x) => Number(x.key)).filter((x) => Number.isInteger(x) && x > 0);
    const a = await q.query<{ id: number; name: string }>(/* sql */ `SELECT id, name FROM areas WHERE id = ANY($1)`, [
      ids,
    ]);
    for (const x of a.rows) names.set(String(x.id), x.name);
  }
  const publish = (x: Raw, key: string): MediationStatsRow => {
    const k = (measure: string) => disclosureKey.of('mediation', scopePath, groupBy, key, from, to, measure);
    const count = d.count(x.n, k('count'));
    const enough = count !== null && x.closed >= MIN_CLOSED;
    return {
      key,
      ...(names.has(key) ? { name: names.get(key)! } : {}),
      count,
      open: count === null ? null : d.count(x.open, k('open')),
      settled: count === null ? null : d.count(x.settled, k('settled')),
      settlementRate: enough ? discloseRate(x.settled / x.closed) : null,
      medianDays: enough && x.median_days !== null ? Math.round(Number(x.median_days) * 10) / 10 : null,
    };
  };
  const totalRaw = r.rows.find((x) => x.key === null) ?? {
    key: null,
    n: 0,
    open: 0,
    settled: 0,
    closed: 0,
    median_days: null,
  };
  const groups = r.rows.filter((x) => x.key !== null).map((x) => publish(x, x.key!));
  return {
    total: publish(totalRaw, 'total'),
    rows: groups.filter((g) => g.count !== null),
    suppressed: groups.filter((g) => g.count === null).length,
  };
}

/** Frequent causes: the same cause mediated this many times in one community within the window. */
export const CAUSE_RULE = { days: 30, minCount: 3 } as const;

export async function raiseCauseAlarms(deps: OrderDeps, rule = CAUSE_RULE): Promise<Published[]> {
  const now = deps.now().toISOString();
  const items = await deps.db.query<{
    cause_code: string;
    community_id: number;
    path: string;
    name: string;
    n: number;
    last_order: number;
  }>(
    /* sql */ `SELECT m.cause_code, c.id AS community_id, c.path, c.name, count(*)::int AS n, max(m.order_id) AS last_order
      FROM mediations m JOIN areas c ON c.level = 'community' AND m.area_path LIKE c.path || '%'
      WHERE m.opened_at > $1::timestamptz - make_interval(days => $2) AND m.opened_at <= $1 AND m.cause_code <> 'other'
      GROUP BY m.cause_code, c.id, c.path, c.name HAVING count(*) >= $3`,
    [now, rule.days, rule.minCount],
  );
  const published: Published[] = [];
  for (const item of items.rows) {
    await deps.db.tx(async (q) => {
      await eventLog.lock(q);
      const seen = await q.query(
        /* sql */ `SELECT 1 FROM mediation_cause_alarms WHERE cause_code = $1 AND community_id = $2
          AND raised_at > $3::timestamptz - make_interval(days => $4) LIMIT 1`,
        [item.cause_code, item.community_id, now, rule.days],
      );
      if (seen.rowCount > 0) return;
      const cause = causeByCode(item.cause_code);
      const alarm = await eventLog.append(q, {
        topic: 'alarm',
        areaPath: item.path,
        body: {
          kind: 'root_cause',
          severity: 'warning',
          message: m('mediation.alarm.cause', {
            community: item.name,
            cause: cause ? named(cause) : item.cause_code,
            days: rule.days,
            count: item.n,
          }),
          orderId: Number(item.last_order),
          areaId: Number(item.community_id),
        },
      });
      await q.query(
        /* sql */ `INSERT INTO mediation_cause_alarms (cause_code, community_id, mediation_count, push_seq, raised_at)
          VALUES ($1, $2, $3, $4, $5)`,
        [item.cause_code, item.community_id, item.n, alarm.payload.seq, now],
      );
      published.push(alarm);
    });
  }
  return published;
}
