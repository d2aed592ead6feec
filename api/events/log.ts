// The event log every domain writes through (an outbox): an event is appended inside the caller's transaction
// with a seq drawn under the event lock, so events commit in seq order and "everything after seq N" never skips
// one that committed late; the caller publishes it after commit (realtime/hub.ts), a reconnecting client gets
// what it missed from here (since / between), and the newest seq is the watermark clients check counts against.
// An event may name where its subject was before (`fromPath`, an order that a re-gridding moved): a scope that
// held it there and does not hold where it went hears only that it left (viewFor), never what it became.
import type { Queryable } from '../db/index.js';

export const TOPICS = [
  'order:created',
  'order:updated',
  'order:escalated',
  'order:moved',
  'alarm',
  'alarm:ack',
] as const;
export type Topic = (typeof TOPICS)[number];

/** An appended event as it is published after commit; its seq is inside the payload. */
export interface Published {
  topic: Topic;
  areaPath: string;
  /** Where the subject was before it moved here. */
  fromPath?: string;
  payload: { seq: number } & Record<string, unknown>;
  /** The departments that hear it (an order's holder, lead and assisting ones); none for other pushes. */
  depts?: string[];
}

/** An event to append: the log draws its seq and puts it in the payload. */
export interface NewEvent {
  topic: Topic;
  areaPath: string;
  fromPath?: string;
  body: Record<string, unknown>;
}

/** An event read back from the log. */
export interface LoggedEvent extends Published {
  at: string;
}

/** The advisory lock key of the event stream. */
const EVENT_LOCK = 740311;

/**
 * For one statement that writes an event beside other rows (orders/queries.ts: a report is one round trip):
 * the lock to take before drawing its seq, the seq, and the insert into the log.
 */
export const EVENT_SQL = {
  lock: `pg_advisory_xact_lock(${EVENT_LOCK})`,
  nextSeq: `nextval('event_seq')`,
  insert: `INSERT INTO pushes (seq, topic, area_path, payload)`,
} as const;

/**
 * Takes the event lock for the rest of this transaction. Seqs are drawn only under it (drawSeq takes it too), so
 * events commit in seq order on every driver. A use case that reads state it will change takes it first, so two
 * of them queue here rather than on each other's rows.
 */
export async function lock(q: Queryable): Promise<void> {
  await q.query(/* sql */ `SELECT ${EVENT_SQL.lock}`);
}

/** The next seq, under the event lock (taken here if this transaction does not hold it yet). */
export async function drawSeq(q: Queryable): Promise<number> {
  return (await drawSeqs(q, 1))[0];
}

/** `n` seqs in increasing order, under the event lock. */
export async function drawSeqs(q: Queryable, n: number): Promise<number[]> {
  if (n <= 0) return [];
  const r = await q.query<{ seq: string | number }>(
    /* sql */ `WITH l AS MATERIALIZED (SELECT ${EVENT_SQL.lock})
      SELECT ${EVENT_SQL.nextSeq} AS seq FROM l, generate_series(1, $1) ORDER BY 1`,
    [n],
  );
  return r.rows.map((x) => Number(x.seq));
}

/**
 * A block of `n` consecutive seqs for history that is stored but never pushed (the seeder's year of orders);
 * returns the first. Under the event lock, so no live event interleaves with the block.
 */
export async function reserve(q: Queryable, n: number): Promise<number> {
  const first = await drawSeq(q);
  if (n > 1) await q.query(/* sql */ `SELECT setval('event_seq', $1)`, [first + n - 1]);
  return first;
}

/** Writes events whose seqs the caller drew (drawSeqs) because other rows carry them too (an order's updated_seq). */
export async function write(q: Queryable, events: Published[]): Promise<Published[]> {
  if (!events.length) return events;
  await q.query(
    /* sql */ `INSERT INTO pushes (seq, topic, area_path, from_path, payload, depts)
      SELECT s, t, a, f, p, string_to_array(d, ',')
      FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::jsonb[], $6::text[]) AS x(s, t, a, f, p, d)`,
    [
      events.map((e) => e.payload.seq),
      events.map((e) => e.topic),
      events.map((e) => e.areaPath),
      events.map((e) => e.fromPath ?? null),
      events.map((e) => JSON.stringify(e.payload)),
      events.map((e) => (e.depts?.length ? e.depts.join(',') : null)),
    ],
  );
  return events;
}

/** Appends one event in the caller's transaction: draws its seq and writes it. Publish it after commit. */
export async function append(q: Queryable, e: NewEvent): Promise<Published> {
  return (await appendMany(q, [e]))[0];
}

/** Appends events in the given order, seqs increasing: one round trip for the seqs, one for the rows. */
export async function appendMany(q: Queryable, events: NewEvent[]): Promise<Published[]> {
  const seqs = await drawSeqs(q, events.length);
  return write(
    q,
    events.map((e, i) => ({
      topic: e.topic,
      areaPath: e.areaPath,
      ...(e.fromPath !== undefined ? { fromPath: e.fromPath } : {}),
      payload: { seq: seqs[i], ...e.body },
    })),
  );
}

type Row = {
  seq: string | number;
  topic: Topic;
  area_path: string;
  from_path: string | null;
  payload: Published['payload'];
  at: unknown;
};
const toLogged = (r: Row): LoggedEvent => ({
  topic: r.topic,
  areaPath: r.area_path,
  ...(r.from_path !== null ? { fromPath: r.from_path } : {}),
  payload: r.payload,
  at: new Date(r.at as string).toISOString(),
});
const COLUMNS = /* sql */ `seq, topic, area_path, from_path, payload, at`;
/** Events a scope hears: those of an area under it, and those whose subject left an area under it. */
const IN_SCOPE = /* sql */ `(area_path LIKE $1 || '%' OR from_path LIKE $1 || '%')`;
/** A department account ($n its department) hears only the pushes of the orders its department is part of. */
const HEARS = (n: number) => /* sql */ `($${n}::text IS NULL OR $${n} = ANY(depts))`;

/** Events after `after` that a scope hears, in seq order, at most `limit`: what a reconnecting client missed. */
export async function since(
  q: Queryable,
  scopePath: string,
  after: number,
  limit: number,
  dept: string | null = null,
): Promise<LoggedEvent[]> {
  const r = await q.query<Row>(
    /* sql */ `SELECT ${COLUMNS} FROM pushes WHERE ${IN_SCOPE} AND ${HEARS(4)} AND seq > $2 ORDER BY seq LIMIT $3`,
    [scopePath, after, limit, dept],
  );
  return r.rows.map(toLogged);
}

/** Events of the seq range (after, upTo] that a scope hears, in order. */
export async function between(
  q: Queryable,
  scopePath: string,
  after: number,
  upTo: number,
  dept: string | null = null,
): Promise<LoggedEvent[]> {
  const r = await q.query<Row>(
    /* sql */ `SELECT ${COLUMNS} FROM pushes WHERE ${IN_SCOPE} AND ${HEARS(4)} AND seq > $2 AND seq <= $3 ORDER BY seq`,
    [scopePath, after, upTo, dept],
  );
  return r.rows.map(toLogged);
}

/** How many events of the seq range (after, upTo] a scope hears: what a client checks its count against. */
export async function countBetween(
  q: Queryable,
  scopePath: string,
  after: number,
  upTo: number,
  dept: string | null = null,
): Promise<number> {
  const r = await q.query<{ n: number }>(
    /* sql */ `SELECT count(*)::int AS n FROM pushes WHERE ${IN_SCOPE} AND ${HEARS(4)} AND seq > $2 AND seq <= $3`,
    [scopePath, after, upTo, dept],
  );
  return r.rows[0].n;
}

/** One event of a topic, if its area is in the scope (an alarm being acknowledged). */
export async function eventInScope(
  q: Queryable,
  scopePath: string,
  seq: number,
  topic: Topic,
): Promise<LoggedEvent | null> {
  const r = await q.query<Row>(
    /* sql */ `SELECT ${COLUMNS} FROM pushes WHERE area_path LIKE $1 || '%' AND seq = $2 AND topic = $3`,
    [scopePath, seq, topic],
  );
  return r.rows[0] ? toLogged(r.rows[0]) : null;
}

/** The newest seq in the log (0 when empty): where a client that loads a snapshot now starts its replay. */
export async function latestSeq(q: Queryable): Promise<number> {
  const r = await q.query<{ seq: string | number | null }>(/* sql */ `SELECT max(seq) AS seq FROM pushes`);
  return Number(r.rows[0]?.seq ?? 0);
}

/**
 * The watermark: asked every interval, it answers the newest seq of the interval before (null the first time,
 * or while the log is empty). By then every event up to it was committed and published, so a client missing one
 * below it lost it (contract/push-check.ts). `reset` after a failure: it starts over when the database is back.
 */
export function watermark(q: Queryable) {
  let previous: number | null = null;
  return {
    async next(): Promise<number | null> {
      const latest = await latestSeq(q);
      const out = previous;
      previous = latest;
      return out !== null && out > 0 ? out : null;
    },
    reset(): void {
      previous = null;
    },
  };
}

/** A topic and payload as one socket receives them. */
export interface View {
  topic: string;
  payload: Record<string, unknown>;
}

/** What a scope hears of an event: the event itself, or, for one whose subject left it, that it left. */
export function viewFor(e: Pick<Published, 'topic' | 'areaPath' | 'fromPath' | 'payload'>, scopePath: string): View {
  if (e.fromPath === undefined || e.areaPath.startsWith(scopePath)) return { topic: e.topic, payload: e.payload };
  return leaveOf(e);
}

/** What the scopes of `fromPath` that do not hold `areaPath` hear: only that the subject left, and when. */
export function leaveOf(e: Pick<Published, 'topic' | 'payload'>): View {
  const order = e.payload.order as { id: number } | undefined;
  return { topic: 'order:left', payload: { seq: e.payload.seq, orderId: order?.id ?? e.payload.orderId } };
}
