// Loads a generated year of work-order history into orders and order_events, in one transaction.
// Every event gets a seq from a block the event log reserves, in chronological order, so history sorts before
// anything live. Nothing is appended to the log: the wall replays the log only, so a client's replay starts after the
// history (history is read through GET /api/orders and the order detail, never pushed).
// Actor ids in history: 0 system; the generator's placeholder staff (2 dispatcher, 3 admin) become the
// accounts 'dispatcher' and 'admin'; a grid worker is -(grid_workers.id), except the one behind the
// 'worker1' account, who becomes that account; the community's and street's staff (placeholders by area) become
// community_staff and street_staff on the demo accounts' line, and department staff become dept_<code>.
import type { City, Progress } from '../../geodata/city/types.js';
import {
  HISTORY_DISPATCHER,
  HISTORY_REVIEWER,
  generateOrderHistory,
  type OrderHistory,
} from '../../geodata/orders/history.js';
import { HISTORY_DEPT_BASE_ID, historyCommunityId, historyStreetId } from '../../geodata/orders/script.js';
import { DEPARTMENTS } from '../../contract/order-categories.js';
import type { Db, Queryable } from '../db/index.js';
import * as eventLog from '../events/log.js';

const ORDER_BATCH = 5000;
const EVENT_BATCH = 20_000;
export const HISTORY_STEP = '工单历史 order history';

/** Orders in a year of history, by city size. */
export const HISTORY_COUNT = { small: 600, full: 20_000 } as const;

interface Staff {
  id: number;
  name: string;
}

async function accountMap(q: Queryable): Promise<{ ids: Map<number, Staff> }> {
  const r = await q.query<{
    id: number;
    username: string;
    display_name: string;
    worker_id: number | null;
    area_id: number | null;
  }>(/* sql */ `SELECT id, username, display_name, worker_id, area_id FROM accounts
      WHERE username IN ('dispatcher', 'admin', 'worker1', 'community_staff', 'street_staff') OR username LIKE 'dept\\_%'`);
  const by = new Map(r.rows.map((a) => [a.username, a]));
  const need = (u: string) => {
    const a = by.get(u);
    if (!a)
      throw new Error(`order history needs the demo account '${u}': create the demo accounts before loading history`);
    return a;
  };
  const ids = new Map<number, Staff>([
    [HISTORY_DISPATCHER.id, { id: need('dispatcher').id, name: need('dispatcher').display_name }],
    [HISTORY_REVIEWER.id, { id: need('admin').id, name: need('admin').display_name }],
  ]);
  const w = by.get('worker1');
  if (w?.worker_id) ids.set(-w.worker_id, { id: w.id, name: w.display_name });
  // The parties of the demo accounts' line act as those accounts; elsewhere their placeholders stay.
  const c = by.get('community_staff');
  if (c?.area_id) ids.set(historyCommunityId(c.area_id), { id: c.id, name: c.display_name });
  const st = by.get('street_staff');
  if (st?.area_id) ids.set(historyStreetId(st.area_id), { id: st.id, name: st.display_name });
  DEPARTMENTS.forEach((d, i) => {
    const a = by.get(`dept_${d}`);
    if (a) ids.set(HISTORY_DEPT_BASE_ID + i, { id: a.id, name: a.display_name });
  });
  return { ids };
}

const csv = (xs: readonly string[]) => xs.join(',');

export async function loadOrders(
  db: Db,
  history: OrderHistory,
  progress: Progress = () => undefined,
): Promise<{ orders: number; events: number; firstSeq: number; lastSeq: number }> {
  const { orders, events } = history;
  const total = orders.length + events.length;
  let done = 0;
  const out = await db.tx(async (q) => {
    const { ids } = await accountMap(q);
    const actorId = (id: number | null) => (id === null ? null : (ids.get(id)?.id ?? id));
    const base = Number(
      (await q.query<{ m: number }>(/* sql */ `SELECT coalesce(max(id), 0)::int AS m FROM orders`)).rows[0].m,
    );
    const oid = (id: number) => id + base;

    // Seqs in time order (ties keep each order's own order), taken as one block of event_seq.
    const at = events.map((e) => Date.parse(e.at));
    const order = events
      .map((_, i) => i)
      .sort((a, b) => at[a] - at[b] || events[a].orderId - events[b].orderId || a - b);
    const first = await eventLog.reserve(q, events.length);
    const seqOf = new Array<number>(events.length);
    order.forEach((idx, k) => (seqOf[idx] = first + k));
    const lastSeqOf = new Map<number, number>();
    events.forEach((e, i) => lastSeqOf.set(e.orderId, Math.max(lastSeqOf.get(e.orderId) ?? 0, seqOf[i])));

    for (let s = 0; s < orders.length; s += ORDER_BATCH) {
      const b = orders.slice(s, s + ORDER_BATCH);
      const c = <T>(f: (o: (typeof b)[number]) => T) => b.map(f);
      await q.query(
        /* sql */ `INSERT INTO orders (id, category_code, description, hazard_level, status, source, grid_id, area_path, geom,
            fields, photos, reporter_name, reporter_phone, reported_by, reported_at, lead_dept, assist_depts, dispatched_by,
            reviewed_by, clock_start, clock_stopped_at, deadline, held_since, held_from, paused_ms, rating, reopen_count,
            callback_due, escalation_level, cards_issued, duplicate_of, closed_at, updated_seq, holder_kind, holder_area_id,
            holder_dept, dispatched_party_kind, dispatched_party_area_id, extension_ms)
          SELECT id, cat, descr, hz, st, src, grid, path, ST_SetSRID(ST_MakePoint(lon, lat), 4326),
            fields::jsonb, '{}', rname, rphone, rby, rat::timestamptz, lead, coalesce(string_to_array(nullif(assist, ''), ','), '{}'), dby,
            rvb, cs::timestamptz, csa::timestamptz, dl::timestamptz, hs::timestamptz, hf, pms, rating, reopens,
            cbd::timestamptz, lvl, cards, dup, ca::timestamptz, useq, hk, ha, hd, dk, da, ext
          FROM unnest($1::int[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::int[], $8::text[], $9::float8[], $10::float8[],
            $11::text[], $12::text[], $13::text[], $14::int[], $15::text[], $16::text[], $17::text[], $18::int[],
            $19::int[], $20::text[], $21::text[], $22::text[], $23::text[], $24::text[], $25::int8[], $26::text[], $27::int[],
            $28::text[], $29::int[], $30::int[], $31::int[], $32::text[], $33::int8[], $34::text[], $35::int[], $36::text[],
            $37::text[], $38::int[], $39::int8[])
            AS t(id, cat, descr, hz, st, src, grid, path, lon, lat, fields, rname, rphone, rby, rat, lead, assist, dby,
              rvb, cs, csa, dl, hs, hf, pms, rating, reopens, cbd, lvl, cards, dup, ca, useq, hk, ha, hd, dk, da, ext)`,
        [
          c((o) => oid(o.id)),
          c((o) => o.categoryCode),
          c((o) => o.description),
          c((o) => o.hazardLevel),
          c((o) => o.status),
          c((o) => o.source),
          c((o) => o.gridId),
          c((o) => o.areaPath),
          c((o) => o.lon),
          c((o) => o.lat),
          c((o) => JSON.stringify(o.fields)),
          c((o) => o.reporterName),
          c((o) => o.reporterPhone),
          c((o) => actorId(o.reportedBy)),
          c((o) => o.reportedAt),
          c((o) => o.leadDept),
          c((o) => csv(o.assistDepts)),
          c((o) => actorId(o.dispatchedBy)),
          c((o) => actorId(o.reviewedBy)),
          c((o) => o.clockStart),
          c((o) => o.clockStoppedAt),
          c((o) => o.deadline),
          c((o) => o.heldSince),
          c((o) => o.heldFrom),
          c((o) => o.pausedMs),
          c((o) => o.rating),
          c((o) => o.reopenCount),
          c((o) => o.callbackDue),
          c((o) => o.escalationLevel),
          c((o) => o.cardsIssued),
          c((o) => (o.duplicateOf === null ? null : oid(o.duplicateOf))),
          c((o) => o.closedAt),
          c((o) => lastSeqOf.get(o.id) ?? first),
          c((o) => o.holder.kind),
          c((o) => o.holder.areaId),
          c((o) => o.holder.dept ?? null),
          c((o) => o.dispatchedParty?.kind ?? null),
          c((o) => o.dispatchedParty?.areaId ?? null),
          c((o) => o.extensionMs),
        ],
      );
      done += b.length;
      progress(HISTORY_STEP, done, total);
    }

    for (let s = 0; s < order.length; s += EVENT_BATCH) {
      const b = order.slice(s, s + EVENT_BATCH).map((i) => ({ e: events[i], seq: seqOf[i] }));
      const c = <T>(f: (x: (typeof b)[number]) => T) => b.map(f);
      const staff = (x: (typeof b)[number]) => ids.get(x.e.actor.id);
      await q.query(
        /* sql */ `INSERT INTO order_events (seq, order_id, at, actor_id, actor_role, actor_name, action, from_status, to_status, reason, data)
          SELECT seq, oid, at::timestamptz, aid, arole, aname, act, fs, ts, reason, data::jsonb
          FROM unnest($1::int8[], $2::int[], $3::text[], $4::int[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[])
            AS t(seq, oid, at, aid, arole, aname, act, fs, ts, reason, data)`,
        [
          c((x) => x.seq),
          c((x) => oid(x.e.orderId)),
          c((x) => x.e.at),
          c((x) => staff(x)?.id ?? x.e.actor.id),
          c((x) => x.e.actor.role),
          c((x) => staff(x)?.name ?? x.e.actor.name),
          c((x) => x.e.action),
          c((x) => x.e.from),
          c((x) => x.e.to),
          c((x) => x.e.reason ?? null),
          c((x) => (x.e.data ? JSON.stringify(remapData(x.e.data, base)) : null)),
        ],
      );
      done += b.length;
      progress(HISTORY_STEP, done, total);
    }
    await loadPartyRows(q, events, oid, (id) => actorId(id) ?? id);
    await q.query(
      /* sql */ `SELECT setval(pg_get_serial_sequence('orders', 'id'), GREATEST((SELECT max(id) FROM orders), 1))`,
    );
    return { orders: orders.length, events: events.length, firstSeq: first, lastSeq: first + events.length - 1 };
  });
  await db.exec('ANALYZE orders; ANALYZE order_events');
  return out;
}

/** The 协办 tasks and requests for more time that the history's events made, as the service keeps them. */
async function loadPartyRows(
  q: Queryable,
  events: OrderHistory['events'],
  oid: (id: number) => number,
  account: (id: number) => number,
): Promise<void> {
  const assists = new Map<
    string,
    { order: number; dept: string; status: string; note: string | null; by: number; at: string; upd: string }
  >();
  const ext: {
    order: number;
    hours: number;
    reason: string;
    status: string;
    by: number;
    at: string;
    dby: number | null;
    dat: string | null;
  }[] = [];
  for (const e of events) {
    const d = (e.data ?? {}) as Record<string, unknown>;
    if (e.action === 'request_assist') {
      for (const dept of d.depts as string[]) {
        const key = `${e.orderId}:${dept}`;
        const note = (d.note as string) ?? null;
        assists.set(key, {
          order: oid(e.orderId),
          dept,
          status: 'requested',
          note,
          by: account(e.actor.id),
          at: e.at,
          upd: e.at,
        });
      }
    } else if (e.action === 'assist_update') {
      const a = assists.get(`${e.orderId}:${d.dept as string}`);
      if (a) Object.assign(a, { status: d.status, upd: e.at, note: (d.note as string) ?? a.note });
    } else if (e.action === 'request_extension') {
      ext.push({
        order: oid(e.orderId),
        hours: d.hours as number,
        reason: e.reason ?? '',
        status: 'pending',
        by: account(e.actor.id),
        at: e.at,
        dby: null,
        dat: null,
      });
    } else if (e.action === 'decide_extension') {
      const x = ext.findLast((r) => r.order === oid(e.orderId) && r.status === 'pending');
      if (x) Object.assign(x, { status: d.approve ? 'approved' : 'declined', dby: account(e.actor.id), dat: e.at });
    }
  }
  const a = [...assists.values()];
  if (a.length) {
    await q.query(
      /* sql */ `INSERT INTO order_assists (order_id, dept, status, note, requested_by, requested_at, updated_at)
        SELECT * FROM unnest($1::int[], $2::text[], $3::text[], $4::text[], $5::int[], $6::timestamptz[], $7::timestamptz[])`,
      [
        a.map((x) => x.order),
        a.map((x) => x.dept),
        a.map((x) => x.status),
        a.map((x) => x.note),
        a.map((x) => x.by),
        a.map((x) => x.at),
        a.map((x) => x.upd),
      ],
    );
  }
  if (ext.length) {
    await q.query(
      /* sql */ `INSERT INTO order_extensions (order_id, hours, reason, status, requested_by, requested_at, decided_by, decided_at)
        SELECT * FROM unnest($1::int[], $2::int[], $3::text[], $4::text[], $5::int[], $6::timestamptz[], $7::int[], $8::timestamptz[])`,
      [
        ext.map((x) => x.order),
        ext.map((x) => x.hours),
        ext.map((x) => x.reason),
        ext.map((x) => x.status),
        ext.map((x) => x.by),
        ext.map((x) => x.at),
        ext.map((x) => x.dby),
        ext.map((x) => x.dat),
      ],
    );
  }
}

/** Order ids inside event data (a duplicate's original) move with the orders. */
function remapData(data: Record<string, unknown>, base: number): Record<string, unknown> {
  return base && typeof data.duplicateOf === 'number' ? { ...data, duplicateOf: data.duplicateOf + base } : data;
}

/** Generates the city's year of history ending now and loads it; the demo accounts must exist. */
export async function seedOrderHistory(
  db: Db,
  city: City,
  seed: number,
  progress: Progress = () => undefined,
  end = new Date(),
) {
  progress(HISTORY_STEP, 0, 1);
  const history = generateOrderHistory(city, { seed, count: HISTORY_COUNT[city.meta.size], end });
  return loadOrders(db, history, progress);
}
