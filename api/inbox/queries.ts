// SQL of the inbox: the order events addressed to a party, read straight from order_events (nothing is written
// twice), and the account's read marks. The same rules, turned around, find who an event is for (recipients).
import type { InboxItem, InboxReason } from '../../contract/inbox.js';
import type { Queryable } from '../db/index.js';
import type { InboxParty } from './party.js';

/** The events an inbox can hold at all (order_events_inbox_idx has the same predicate). */
const CANDIDATE = /* sql */ `(e.data ? 'holder' OR e.data ? 'supervisor' OR e.action IN ('request_extension', 'request_assist'))`;

/** `field` of the event's data names the party $3 (kind), $4 (areas, null = any), $5 (department). */
const partyIs = (field: string) => /* sql */ `(e.data -> '${field}' ->> 'kind' = $3
  AND ($4::int[] IS NULL OR (e.data -> '${field}' ->> 'areaId')::int = ANY($4::int[]))
  AND coalesce(e.data -> '${field}' ->> 'dept', '') = coalesce($5::text, ''))`;

const REASON = /* sql */ `CASE
  WHEN ${partyIs('holder')} THEN 'handed'
  WHEN ${partyIs('supervisor')} THEN 'escalated'
  WHEN e.action = 'request_extension' AND o.dispatched_party_kind = $3
    AND ($4::int[] IS NULL OR o.dispatched_party_area_id = ANY($4::int[])) THEN 'extension'
  WHEN e.action = 'request_assist' AND $5::text IS NOT NULL
    AND jsonb_typeof(e.data -> 'depts') = 'array' AND (e.data -> 'depts') @> jsonb_build_array($5::text) THEN 'assist'
  END`;

const READ = /* sql */ `(e.seq <= coalesce((SELECT read_upto FROM inbox_marks WHERE account_id = $2), 0)
  OR EXISTS (SELECT 1 FROM inbox_reads r WHERE r.account_id = $2 AND r.seq = e.seq))`;

/**
 * The inbox of account $2 acting for `party`, newest first: events in its scope that others did. $1 scope path,
 * $6 unread only, $7 limit.
 */
export async function inboxItems(
  q: Queryable,
  scopePath: string,
  accountId: number,
  party: InboxParty,
  unreadOnly: boolean,
  limit: number,
): Promise<{ items: InboxItem[]; unread: number }> {
  const hits = /* sql */ `SELECT e.seq, e.order_id, e.at, e.action, o.category_code, o.status, o.hazard_level,
      ${REASON} AS reason, ${READ} AS read
    FROM order_events e JOIN orders o ON o.id = e.order_id
    WHERE ${CANDIDATE} AND o.area_path LIKE $1 || '%' AND e.actor_id <> $2`;
  const base = [scopePath, accountId, party.kind, party.areaIds, party.dept];
  const r = await q.query<Record<string, unknown>>(
    /* sql */ `SELECT * FROM (${hits}) h WHERE reason IS NOT NULL AND (NOT $6::boolean OR NOT read)
      ORDER BY seq DESC LIMIT $7`,
    [...base, unreadOnly, limit],
  );
  const c = await q.query<{ n: number }>(
    /* sql */ `SELECT count(*)::int AS n FROM (${hits}) h WHERE reason IS NOT NULL AND NOT read`,
    base,
  );
  const unread = c.rows[0].n;
  return {
    unread,
    items: r.rows.map((x) => ({
      seq: Number(x.seq),
      orderId: x.order_id as number,
      at: new Date(x.at as string).toISOString(),
      action: x.action as string,
      reason: x.reason as InboxReason,
      categoryCode: x.category_code as string,
      status: x.status as InboxItem['status'],
      hazardLevel: x.hazard_level as InboxItem['hazardLevel'],
      read: x.read as boolean,
    })),
  };
}

/** Marks everything up to `upTo` read (never lowers the mark), and the events `ids`. */
export async function markRead(
  q: Queryable,
  accountId: number,
  upTo: number | undefined,
  ids: number[],
): Promise<void> {
  if (upTo !== undefined)
    await q.query(
      /* sql */ `INSERT INTO inbox_marks (account_id, read_upto) VALUES ($1, $2)
        ON CONFLICT (account_id) DO UPDATE SET read_upto = greatest(inbox_marks.read_upto, EXCLUDED.read_upto)`,
      [accountId, upTo],
    );
  if (ids.length)
    await q.query(
      /* sql */ `INSERT INTO inbox_reads (account_id, seq) SELECT $1, s FROM unnest($2::bigint[]) s
        ON CONFLICT DO NOTHING`,
      [accountId, ids],
    );
  // Single marks at or below the mark say nothing more.
  await q.query(
    /* sql */ `DELETE FROM inbox_reads r USING inbox_marks m
      WHERE r.account_id = $1 AND m.account_id = $1 AND r.seq <= m.read_upto`,
    [accountId],
  );
}

/** One party an event is addressed to, and why. */
export interface Target {
  seq: number;
  orderId: number;
  kind: string;
  areaId: number | null;
  dept: string | null;
  reason: InboxReason;
  orderPath: string;
  actorId: number;
}

/** The facts of events that decide their addressees. */
export async function eventFacts(
  q: Queryable,
  seqs: number[],
): Promise<
  {
    seq: number;
    orderId: number;
    action: string;
    data: Record<string, unknown> | null;
    orderPath: string;
    actorId: number;
    dispatchedKind: string | null;
    dispatchedAreaId: number | null;
  }[]
> {
  const r = await q.query<Record<string, unknown>>(
    /* sql */ `SELECT e.seq, e.order_id, e.action, e.data, e.actor_id, o.area_path,
        o.dispatched_party_kind, o.dispatched_party_area_id
      FROM order_events e JOIN orders o ON o.id = e.order_id
      WHERE e.seq = ANY($1::bigint[]) AND ${CANDIDATE}`,
    [seqs],
  );
  return r.rows.map((x) => ({
    seq: Number(x.seq),
    orderId: x.order_id as number,
    action: x.action as string,
    data: (x.data as Record<string, unknown>) ?? null,
    orderPath: x.area_path as string,
    actorId: x.actor_id as number,
    dispatchedKind: (x.dispatched_party_kind as string) ?? null,
    dispatchedAreaId: (x.dispatched_party_area_id as number) ?? null,
  }));
}

/** The active accounts whose party is a target, within whose scope the order lies (never the actor). */
export async function recipients(
  q: Queryable,
  targets: Target[],
): Promise<{ accountId: number; seq: number; orderId: number; reason: InboxReason }[]> {
  if (!targets.length) return [];
  const r = await q.query<Record<string, unknown>>(
    /* sql */ `WITH t AS (
        SELECT * FROM jsonb_to_recordset($1::jsonb) AS t(
          seq bigint, "orderId" int, kind text, "areaId" int, dept text, reason text, "orderPath" text, "actorId" int)
      )
      SELECT DISTINCT ON (a.id, t.seq) a.id AS account_id, t.seq, t."orderId" AS order_id, t.reason
      FROM t JOIN accounts a ON a.active AND a.id <> t."actorId"
        JOIN areas s ON s.id = a.area_id
      WHERE t."orderPath" LIKE s.path || '%' AND (
        (t.kind = 'grid' AND a.role = 'grid_worker'
          AND EXISTS (SELECT 1 FROM areas g WHERE g.id = t."areaId" AND g.path LIKE s.path || '%'))
        OR (t.kind IN ('community', 'street', 'centre') AND a.role = 'dispatcher' AND a.area_id = t."areaId"
          AND s.level = CASE t.kind WHEN 'centre' THEN 'district' ELSE t.kind END)
        OR (t.kind = 'department' AND a.role = 'department' AND a.department_code = t.dept))
      ORDER BY a.id, t.seq`,
    [JSON.stringify(targets)],
  );
  return r.rows.map((x) => ({
    accountId: x.account_id as number,
    seq: Number(x.seq),
    orderId: x.order_id as number,
    reason: x.reason as InboxReason,
  }));
}
