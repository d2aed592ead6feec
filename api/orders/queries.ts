// SQL for work orders. Every read takes the caller's scope path; writes happen inside the service's transaction.
import type { OrderEvent, OrderStatus } from '../../contract/orders.js';
import type { Queryable } from '../db/index.js';
import type { Party } from '../../contract/parties.js';
import type { ResponsibilityRule } from '../../core/orders/departments.js';
import type { NewOrderEvent, OrderRecord, OrderState } from '../../core/orders/state.js';
import { EVENT_SQL } from '../events/log.js';

export type { OrderRecord };

const iso = (v: unknown): string | null => (v === null || v === undefined ? null : new Date(v as string).toISOString());

const ORDER_COLUMNS = /* sql */ `
  o.id, o.status, o.category_code, o.hazard_level, o.source, o.grid_id, o.reported_at, o.reported_by,
  o.reporter_name, o.reporter_phone, o.lead_dept, o.assist_depts, o.dispatched_by, o.reviewed_by,
  o.clock_start, o.clock_stopped_at, o.held_since, o.held_from, o.paused_ms, o.rating, o.reopen_count,
  o.callback_due, o.escalation_level, o.cards_issued, o.duplicate_of, o.closed_at, o.description,
  ST_X(o.geom) AS lon, ST_Y(o.geom) AS lat, o.area_path, o.fields, o.photos, o.deadline, o.updated_seq,
  o.holder_kind, o.holder_area_id, o.holder_dept, o.dispatched_party_kind, o.dispatched_party_area_id, o.extension_ms,
  (SELECT x.hours FROM order_extensions x WHERE x.order_id = o.id AND x.status = 'pending') AS pending_hours,
  (SELECT coalesce(jsonb_agg(jsonb_build_object('dept', x.dept, 'status', x.status) ORDER BY x.requested_at, x.dept), '[]'::jsonb)
     FROM order_assists x WHERE x.order_id = o.id) AS assists`;

/** The party columns of a row; a centre or department with no area yet stands for the order's district. */
function partyOf(kind: unknown, areaId: unknown, dept: unknown, areaPath: string): Party {
  const id = areaId === null || areaId === undefined ? Number(areaPath.split('/').filter(Boolean)[0]) : Number(areaId);
  return { kind: kind as Party['kind'], areaId: id, ...(dept ? { dept: dept as string } : {}) };
}

function toRecord(r: Record<string, unknown>): OrderRecord {
  return {
    id: r.id as number,
    status: r.status as OrderStatus,
    categoryCode: r.category_code as string,
    hazardLevel: r.hazard_level as OrderRecord['hazardLevel'],
    source: r.source as OrderRecord['source'],
    gridId: r.grid_id as number,
    reportedAt: iso(r.reported_at)!,
    reportedBy: r.reported_by as number,
    hasReporter: r.reporter_phone !== null,
    leadDept: (r.lead_dept as string) ?? null,
    assistDepts: (r.assist_depts as string[]) ?? [],
    dispatchedBy: (r.dispatched_by as number) ?? null,
    reviewedBy: (r.reviewed_by as number) ?? null,
    clockStart: iso(r.clock_start)!,
    clockStoppedAt: iso(r.clock_stopped_at),
    heldSince: iso(r.held_since),
    heldFrom: (r.held_from as OrderStatus) ?? null,
    pausedMs: Number(r.paused_ms),
    rating: (r.rating as OrderRecord['rating']) ?? null,
    reopenCount: r.reopen_count as number,
    callbackDue: iso(r.callback_due),
    escalationLevel: r.escalation_level as number,
    cardsIssued: r.cards_issued as number,
    duplicateOf: (r.duplicate_of as number) ?? null,
    closedAt: iso(r.closed_at),
    description: r.description as string,
    lon: r.lon as number,
    lat: r.lat as number,
    areaPath: r.area_path as string,
    fields: (r.fields as Record<string, string | number>) ?? {},
    photos: (r.photos as string[]) ?? [],
    reporterName: (r.reporter_name as string) ?? null,
    reporterPhone: (r.reporter_phone as string) ?? null,
    deadline: iso(r.deadline)!,
    updatedSeq: Number(r.updated_seq),
    holder: partyOf(r.holder_kind ?? 'centre', r.holder_area_id, r.holder_dept, r.area_path as string),
    dispatchedParty: r.dispatched_party_kind
      ? partyOf(r.dispatched_party_kind, r.dispatched_party_area_id, null, r.area_path as string)
      : null,
    extensionMs: Number(r.extension_ms ?? 0),
    pendingExtensionHours: r.pending_hours === null || r.pending_hours === undefined ? null : Number(r.pending_hours),
    assists: (r.assists as OrderRecord['assists']) ?? [],
  };
}

/** The comprehensive grid a WGS84 point falls in, with the ids from the district down to it. */
export async function gridAt(q: Queryable, lon: number, lat: number): Promise<{ id: number; path: string } | null> {
  const r = await q.query<{ id: number; path: string }>(
    /* sql */ `SELECT id, path FROM areas WHERE level = 'grid' AND ST_Covers(geom, ST_SetSRID(ST_MakePoint($1, $2), 4326)) ORDER BY id LIMIT 1`,
    [lon, lat],
  );
  return r.rows[0] ?? null;
}

const ORDER_INSERT_COLUMNS = /* sql */ `id, category_code, description, hazard_level, status, source, grid_id, area_path, geom,
  fields, photos, reporter_name, reporter_phone, reported_by, reported_at, lead_dept, assist_depts, dispatched_by,
  reviewed_by, clock_start, clock_stopped_at, deadline, held_since, held_from, paused_ms, rating, reopen_count,
  callback_due, escalation_level, cards_issued, duplicate_of, closed_at, updated_seq, holder_kind, holder_area_id,
  holder_dept`;

/** $1…$32: an order row after its id; the geometry takes two ($8, $9); id and updated_seq are the caller's. */
const ORDER_INSERT_VALUES = /* sql */ `$1, $2, $3, $4, $5, $6, $7, ST_SetSRID(ST_MakePoint($8, $9), 4326), $10, $11, $12,
  $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25, $26, $27, $28, $29, $30, $31, $32`;

function orderParams(o: OrderRecord): unknown[] {
  return [
    o.categoryCode,
    o.description,
    o.hazardLevel,
    o.status,
    o.source,
    o.gridId,
    o.areaPath,
    o.lon,
    o.lat,
    JSON.stringify(o.fields),
    o.photos,
    o.reporterName,
    o.reporterPhone,
    o.reportedBy,
    o.reportedAt,
    o.leadDept,
    o.assistDepts,
    o.dispatchedBy,
    o.reviewedBy,
    o.clockStart,
    o.clockStoppedAt,
    o.deadline,
    o.heldSince,
    o.heldFrom,
    o.pausedMs,
    o.rating,
    o.reopenCount,
    o.callbackDue,
    o.escalationLevel,
    o.cardsIssued,
    o.duplicateOf,
    o.closedAt,
  ];
}

const EVENT_COLUMNS = /* sql */ `seq, order_id, at, actor_id, actor_role, actor_name, action, from_status, to_status, reason, data`;
/** An event's values after its seq and order id. */
const eventParams = (e: NewOrderEvent): unknown[] => [
  e.at,
  e.actor.id,
  e.actor.role,
  e.actor.name,
  e.action,
  e.from,
  e.to,
  e.reason ?? null,
  e.data ? JSON.stringify(e.data) : null,
];

export interface IdempotencyClaim {
  accountId: number;
  key: string;
  requestHash: string;
}

/**
 * A new order, its report event and the push that announces it, in one statement that also claims the
 * Idempotency-Key, draws the order id, takes the event lock and draws the seq. Run on its own it is its
 * own transaction, so the lock is held only while the server executes and commits it — no round trip
 * to this process in between; inside a longer transaction the lock is held until that commits.
 * `o.id` and `e.orderId` are ignored (the id is drawn here); the push payload gets its order id, seq and
 * updatedSeq filled in. Returns null, and writes nothing, when the key was already claimed.
 */
export async function insertReportedOrder(
  q: Queryable,
  o: OrderRecord,
  e: NewOrderEvent,
  payload: { order: object },
  claim?: IdempotencyClaim,
): Promise<{ id: number; seq: number } | null> {
  const r = await q.query<{ id: string | number; seq: string | number }>(
    /* sql */ `WITH i AS MATERIALIZED (SELECT nextval(pg_get_serial_sequence('orders', 'id')) AS id),
      k AS (
        INSERT INTO idempotency_keys (account_id, key, request_hash, order_id)
        SELECT $43, $44, $45, i.id FROM i WHERE $44::text IS NOT NULL
        ON CONFLICT (account_id, key) DO NOTHING RETURNING order_id),
      go AS MATERIALIZED (SELECT i.id FROM i WHERE $44::text IS NULL OR EXISTS (SELECT FROM k)),
      l AS MATERIALIZED (SELECT go.id, ${EVENT_SQL.lock} AS locked FROM go),
      s AS MATERIALIZED (SELECT l.id, ${EVENT_SQL.nextSeq} AS seq FROM l),
      o AS (INSERT INTO orders (${ORDER_INSERT_COLUMNS}) SELECT s.id, ${ORDER_INSERT_VALUES}, s.seq, $46, $47, $48 FROM s),
      e AS (INSERT INTO order_events (${EVENT_COLUMNS}) SELECT s.seq, s.id, $33, $34, $35, $36, $37, $38, $39, $40, $41 FROM s)
      ${EVENT_SQL.insert}
      SELECT s.seq, 'order:created', $7,
        jsonb_set(jsonb_set(jsonb_set($42::jsonb, '{seq}', to_jsonb(s.seq)), '{order,updatedSeq}', to_jsonb(s.seq)), '{order,id}', to_jsonb(s.id))
      FROM s
      RETURNING seq, (SELECT id FROM s) AS id`,
    [
      ...orderParams(o),
      ...eventParams(e),
      JSON.stringify({ seq: 0, ...payload }),
      claim?.accountId ?? null,
      claim?.key ?? null,
      claim?.requestHash ?? null,
      o.holder.kind,
      o.holder.areaId,
      o.holder.dept ?? null,
    ],
  );
  const row = r.rows[0];
  return row ? { id: Number(row.id), seq: Number(row.seq) } : null;
}

/** Writes the rule state back; content (description, place, reporter) never changes after the report. */
export async function updateOrderState(
  q: Queryable,
  o: OrderState,
  deadline: string,
  updatedSeq: number,
): Promise<void> {
  await q.query(
    /* sql */ `UPDATE orders SET status = $2, hazard_level = $3, lead_dept = $4, assist_depts = $5, dispatched_by = $6,
        reviewed_by = $7, clock_start = $8, clock_stopped_at = $9, deadline = $10, held_since = $11, held_from = $12,
        paused_ms = $13, rating = $14, reopen_count = $15, callback_due = $16, escalation_level = $17,
        cards_issued = $18, duplicate_of = $19, closed_at = $20, updated_seq = $21, holder_kind = $22,
        holder_area_id = $23, holder_dept = $24, dispatched_party_kind = $25, dispatched_party_area_id = $26,
        extension_ms = $27
      WHERE id = $1`,
    [
      o.id,
      o.status,
      o.hazardLevel,
      o.leadDept,
      o.assistDepts,
      o.dispatchedBy,
      o.reviewedBy,
      o.clockStart,
      o.clockStoppedAt,
      deadline,
      o.heldSince,
      o.heldFrom,
      o.pausedMs,
      o.rating,
      o.reopenCount,
      o.callbackDue,
      o.escalationLevel,
      o.cardsIssued,
      o.duplicateOf,
      o.closedAt,
      updatedSeq,
      o.holder.kind,
      o.holder.areaId,
      o.holder.kind === 'department' ? (o.holder.dept ?? null) : null,
      o.dispatchedParty?.kind ?? null,
      o.dispatchedParty?.areaId ?? null,
      o.extensionMs,
    ],
  );
}

/** The order's event and its entry in the event log (seq drawn by the caller under the lock), in one statement. */
export async function appendEvent(
  q: Queryable,
  seq: number,
  e: NewOrderEvent,
  topic: string,
  areaPath: string,
  payload: unknown,
  depts: string[] = [],
): Promise<void> {
  await q.query(
    /* sql */ `WITH e AS (
        INSERT INTO order_events (seq, order_id, at, actor_id, actor_role, actor_name, action, from_status, to_status, reason, data)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
      )
      INSERT INTO pushes (seq, topic, area_path, payload, depts) VALUES ($1, $12, $13, $14, $15)`,
    [
      seq,
      e.orderId,
      e.at,
      e.actor.id,
      e.actor.role,
      e.actor.name,
      e.action,
      e.from,
      e.to,
      e.reason ?? null,
      e.data ? JSON.stringify(e.data) : null,
      topic,
      areaPath,
      JSON.stringify(payload),
      depts.length ? depts : null,
    ],
  );
}

/** An order that a bulk change put on another grid, with where it was. */
export interface OrderMove {
  id: number;
  fromGridId: number;
  fromPath: string;
}

/**
 * Puts each order of the grids `from` (and, with `inside`, each order lying in that area) on the nearest of the
 * grids `to`, where that differs from its grid now (an order its grid holds goes with it to the new grid); returns the
 * orders moved. Distances in degrees (EPSG:4326):
 * enough to rank grids that cover or touch the point.
 */
export async function moveOrdersToNearestGrid(
  q: Queryable,
  to: number[],
  from: number[],
  inside: number | null,
): Promise<OrderMove[]> {
  const r = await q.query<OrderMove>(
    /* sql */ `UPDATE orders o SET grid_id = n.id, area_path = n.path,
        holder_area_id = CASE WHEN o.holder_kind = 'grid' THEN n.id ELSE o.holder_area_id END FROM (
        SELECT o2.id AS oid, o2.grid_id AS from_grid, o2.area_path AS from_path, g.id, g.path FROM orders o2
          CROSS JOIN LATERAL (SELECT g.id, g.path FROM areas g WHERE g.id = ANY($1) ORDER BY ST_Distance(g.geom, o2.geom), g.id LIMIT 1) g
        WHERE o2.grid_id = ANY($2) OR ($3::int IS NOT NULL AND ST_Intersects((SELECT geom FROM areas WHERE id = $3), o2.geom))) n
      WHERE o.id = n.oid AND (o.grid_id <> n.id OR o.area_path <> n.path)
      RETURNING o.id, n.from_grid AS "fromGridId", n.from_path AS "fromPath"`,
    [to, from, inside],
  );
  return r.rows.sort((a, b) => a.id - b.id);
}

/** Each moved order's timeline gets a 'regrid' event at its seq, which also becomes its updated_seq. */
export async function recordMoves(
  q: Queryable,
  moves: (OrderMove & { seq: number })[],
  actor: { id: number; role: string; name: string },
  at: string,
  data: Record<string, unknown>,
): Promise<void> {
  await q.query(
    /* sql */ `WITH m AS (SELECT * FROM unnest($1::int[], $2::bigint[], $3::int[]) AS m(id, seq, from_grid)),
      u AS (UPDATE orders o SET updated_seq = m.seq FROM m WHERE o.id = m.id RETURNING o.id, o.status, o.grid_id, m.seq, m.from_grid)
      INSERT INTO order_events (${EVENT_COLUMNS})
      SELECT u.seq, u.id, $4, $5, $6, $7, 'regrid', u.status, u.status, NULL,
        $8::jsonb || jsonb_build_object('fromGridId', u.from_grid, 'toGridId', u.grid_id)
      FROM u`,
    [
      moves.map((m) => m.id),
      moves.map((m) => m.seq),
      moves.map((m) => m.fromGridId),
      at,
      actor.id,
      actor.role,
      actor.name,
      JSON.stringify(data),
    ],
  );
}

export async function ordersByIds(q: Queryable, ids: number[]): Promise<OrderRecord[]> {
  const r = await q.query(/* sql */ `SELECT ${ORDER_COLUMNS} FROM orders o WHERE o.id = ANY($1) ORDER BY o.id`, [ids]);
  return r.rows.map(toRecord);
}

/**
 * What a department account sees of the orders in its scope: those its department holds, leads or assists.
 * `$n` is the department code, or null for every other account.
 */
const deptSees = (n: number) => /* sql */ `($${n}::text IS NULL OR o.holder_dept = $${n} OR o.lead_dept = $${n}
  OR EXISTS (SELECT FROM order_assists x WHERE x.order_id = o.id AND x.dept = $${n}))`;

/** The order, locked for update when inside a transaction that will change it; `dept`: a department account's. */
export async function orderInScope(
  q: Queryable,
  scopePath: string,
  id: number,
  forUpdate = false,
  dept: string | null = null,
): Promise<OrderRecord | null> {
  const r = await q.query(
    /* sql */ `SELECT ${ORDER_COLUMNS} FROM orders o WHERE o.id = $1 AND o.area_path LIKE $2 || '%' AND ${deptSees(3)}
      ${forUpdate ? 'FOR UPDATE OF o' : ''}`,
    [id, scopePath, dept],
  );
  return r.rows[0] ? toRecord(r.rows[0]) : null;
}

export interface OrderFilter {
  status?: OrderStatus[];
  category?: string;
  areaPath?: string;
  from?: string;
  to?: string;
  overdue?: boolean;
  limit: number;
  before?: number;
  /** A department account's department: only the orders it holds, leads or assists. */
  dept?: string | null;
  /** holder=mine: held by this party (kind, and area unless null), or for a department held or assisted by it. */
  mine?: { kind: string; areaId: number | null } | { dept: string } | 'none';
}

export async function ordersInScope(q: Queryable, scopePath: string, f: OrderFilter): Promise<OrderRecord[]> {
  const r = await q.query(
    /* sql */ `SELECT ${ORDER_COLUMNS} FROM orders o
      WHERE o.area_path LIKE $1 || '%'
        AND ($2::text[] IS NULL OR o.status = ANY($2))
        AND ($3::text IS NULL OR o.category_code = $3)
        AND ($4::text IS NULL OR o.area_path LIKE $4 || '%')
        AND ($5::timestamptz IS NULL OR o.reported_at >= $5)
        AND ($6::timestamptz IS NULL OR o.reported_at < $6)
        AND ($7::boolean IS NULL OR ($7 = (o.deadline < coalesce(o.clock_stopped_at, now()) AND o.status NOT IN ('cancelled', 'duplicate'))))
        AND ($8::int IS NULL OR o.id < $8)
        AND ${deptSees(10)}
        AND ($11::text IS NULL OR (o.holder_kind = $11 AND ($12::int IS NULL OR o.holder_area_id = $12)))
        AND ($13::text IS NULL OR o.holder_dept = $13
          OR EXISTS (SELECT FROM order_assists x WHERE x.order_id = o.id AND x.dept = $13))
        AND NOT $14::boolean
      ORDER BY o.id DESC LIMIT $9`,
    [
      scopePath,
      f.status ?? null,
      f.category ?? null,
      f.areaPath ?? null,
      f.from ?? null,
      f.to ?? null,
      f.overdue ?? null,
      f.before ?? null,
      f.limit,
      f.dept ?? null,
      f.mine && f.mine !== 'none' && 'kind' in f.mine ? f.mine.kind : null,
      f.mine && f.mine !== 'none' && 'kind' in f.mine ? f.mine.areaId : null,
      f.mine && f.mine !== 'none' && 'dept' in f.mine ? f.mine.dept : null,
      f.mine === 'none',
    ],
  );
  return r.rows.map(toRecord);
}

/** Open orders the escalation scheduler looks at. */
export async function openOrders(q: Queryable, statuses: readonly OrderStatus[]): Promise<OrderRecord[]> {
  const r = await q.query(/* sql */ `SELECT ${ORDER_COLUMNS} FROM orders o WHERE o.status = ANY($1) ORDER BY o.id`, [
    statuses,
  ]);
  return r.rows.map(toRecord);
}

export async function eventsOfOrder(q: Queryable, orderId: number): Promise<OrderEvent[]> {
  const r = await q.query<Record<string, unknown>>(
    /* sql */ `SELECT seq, order_id, at, actor_id, actor_role, actor_name, action, from_status, to_status, reason, data
      FROM order_events WHERE order_id = $1 ORDER BY seq`,
    [orderId],
  );
  return r.rows.map((e) => ({
    seq: Number(e.seq),
    orderId: e.order_id as number,
    at: iso(e.at)!,
    actor: {
      id: e.actor_id as number,
      role: e.actor_role as OrderEvent['actor']['role'],
      name: e.actor_name as string,
    },
    action: e.action as OrderEvent['action'],
    from: (e.from_status as OrderStatus) ?? null,
    to: e.to_status as OrderStatus,
    ...(e.reason ? { reason: e.reason as string } : {}),
    ...(e.data ? { data: e.data as Record<string, unknown> } : {}),
  }));
}

/**
 * The rules that route new orders: a rule whose lead department is inactive routes nothing (a more general rule
 * then applies), and inactive assisting departments are left out.
 */
export async function responsibilityRules(q: Queryable): Promise<ResponsibilityRule[]> {
  const r =
    await q.query<ResponsibilityRule>(/* sql */ `SELECT category_code AS "categoryCode", area_id AS "areaId", hazard_level AS "hazardLevel",
        lead_dept AS "leadDept",
        ARRAY(SELECT x.code FROM unnest(r.assist_depts) WITH ORDINALITY AS x (code, k)
          JOIN departments a ON a.code = x.code AND a.active ORDER BY x.k) AS "assistDepts"
      FROM responsibilities r JOIN departments d ON d.code = r.lead_dept AND d.active`);
  return r.rows;
}

export async function idempotentOrder(
  q: Queryable,
  accountId: number,
  key: string,
): Promise<{ orderId: number; requestHash: string } | null> {
  const r = await q.query<{ orderId: number; requestHash: string }>(
    /* sql */ `SELECT order_id AS "orderId", request_hash AS "requestHash" FROM idempotency_keys WHERE account_id = $1 AND key = $2`,
    [accountId, key],
  );
  return r.rows[0] ?? null;
}

/**
 * Claims an Idempotency-Key for the order about to be written. A retry racing the first request waits on
 * the unique key until that one commits, then finds the key taken: false, and it returns the first order.
 */
/** Open orders of the same category within `metres` of a point (geography: metres on the spheroid). */
export async function nearbyOpenOrders(
  q: Queryable,
  scopePath: string,
  categoryCode: string,
  lon: number,
  lat: number,
  metres: number,
  excludeId: number | null,
) {
  const r = await q.query<{ id: number; distance: number; status: OrderStatus; reportedAt: string }>(
    /* sql */ `SELECT id, round(ST_Distance(geom::geography, ST_SetSRID(ST_MakePoint($3, $4), 4326)::geography))::int AS distance,
        status, reported_at AS "reportedAt"
      FROM orders
      WHERE area_path LIKE $1 || '%' AND category_code = $2
        AND status NOT IN ('closed', 'cancelled', 'duplicate')
        AND ($6::int IS NULL OR id <> $6)
        -- A degree box first, so the GiST index on geom does the work (1.5 × metres per degree covers
        -- longitude shrinkage below ~48° latitude); then the exact distance on the spheroid.
        AND geom && ST_Expand(ST_SetSRID(ST_MakePoint($3, $4), 4326), $5 * 1.5 / 111320.0)
        AND ST_DWithin(geom::geography, ST_SetSRID(ST_MakePoint($3, $4), 4326)::geography, $5)
      ORDER BY distance, id LIMIT 10`,
    [scopePath, categoryCode, lon, lat, metres, excludeId],
  );
  return r.rows.map((x) => ({ ...x, reportedAt: iso(x.reportedAt)! }));
}

export async function photosUploadedBy(q: Queryable, accountId: number, ids: string[]): Promise<string[]> {
  const r = await q.query<{ id: string }>(/* sql */ `SELECT id FROM photos WHERE uploaded_by = $1 AND id = ANY($2)`, [
    accountId,
    ids,
  ]);
  return r.rows.map((x) => x.id);
}

export async function knownDepartments(q: Queryable, codes: string[]): Promise<string[]> {
  const r = await q.query<{ code: string }>(/* sql */ `SELECT code FROM departments WHERE active AND code = ANY($1)`, [
    codes,
  ]);
  return r.rows.map((x) => x.code);
}
