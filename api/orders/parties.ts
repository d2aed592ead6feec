// The parties of an order on the server: the party an account acts for, the rows the parties' moves keep
// (协办 tasks, requests for more time), and what the order detail says of them (holder by name, place, assists).
import type { OrderAssist, OrderDetail, OrderExtension } from '../../contract/orders.js';
import type { NamedParty, Party } from '../../contract/parties.js';
import type { Actor, NewOrderEvent, OrderState } from '../../core/orders/state.js';
import type { AuthUser } from '../auth/session.js';
import type { Queryable } from '../db/index.js';

/**
 * The party an account acts for: a grid worker its grid; a dispatcher the level of its scope (a community's or a
 * street's staff, the district centre); a department account its department. Undefined: the centre of whichever
 * district the order is in (an admin, or a dispatcher over the whole installation); null: no party.
 */
export function partyOfAccount(user: AuthUser): Party | null | undefined {
  switch (user.role) {
    case 'grid_worker':
      return user.areaId === null ? null : { kind: 'grid', areaId: user.areaId };
    case 'dispatcher':
      if (user.areaId === null) return undefined;
      switch (user.areaLevel) {
        case 'district':
          return { kind: 'centre', areaId: user.areaId };
        case 'street':
          return { kind: 'street', areaId: user.areaId };
        case 'community':
          return { kind: 'community', areaId: user.areaId };
        case 'grid':
          return { kind: 'grid', areaId: user.areaId };
        default:
          return null;
      }
    case 'department':
      if (!user.departmentCode) return null;
      return { kind: 'department', areaId: user.areaId ?? 0, dept: user.departmentCode };
    case 'admin':
      return undefined;
    default:
      return null;
  }
}

export function actorOf(user: AuthUser, gridIds: number[] = []): Actor {
  const party = partyOfAccount(user);
  return {
    id: user.id,
    role: user.role,
    name: user.displayName,
    gridIds: user.role === 'grid_worker' ? gridIds : [],
    ...(party !== undefined ? { party } : {}),
  };
}

/** The department whose orders alone a department account sees; null for every other account. */
export const departmentOf = (user: AuthUser): string | null =>
  user.role === 'department' ? (user.departmentCode ?? '') : null;

/** Writes the rows an event's move keeps beside the order: 协办 tasks and requests for more time. */
export async function recordPartyRows(q: Queryable, next: OrderState, e: NewOrderEvent): Promise<void> {
  const d = (e.data ?? {}) as Record<string, unknown>;
  switch (e.action) {
    case 'request_extension':
      await q.query(
        /* sql */ `INSERT INTO order_extensions (order_id, hours, reason, status, requested_by, requested_at)
          VALUES ($1, $2, $3, 'pending', $4, $5)`,
        [next.id, d.hours, e.reason ?? '', e.actor.id, e.at],
      );
      break;
    case 'decide_extension':
      await q.query(
        /* sql */ `UPDATE order_extensions SET status = $2, decided_by = $3, decided_at = $4, note = $5
          WHERE order_id = $1 AND status = 'pending'`,
        [next.id, d.approve ? 'approved' : 'declined', e.actor.id, e.at, (d.note as string) ?? null],
      );
      break;
    case 'request_assist':
      await q.query(
        /* sql */ `INSERT INTO order_assists (order_id, dept, status, note, requested_by, requested_at, updated_at)
          SELECT $1, x, 'requested', $3, $4, $5, $5 FROM unnest($2::text[]) AS x
          ON CONFLICT (order_id, dept) DO UPDATE SET status = 'requested', note = EXCLUDED.note,
            requested_by = EXCLUDED.requested_by, requested_at = EXCLUDED.requested_at, updated_at = EXCLUDED.updated_at`,
        [next.id, d.depts, (d.note as string) ?? null, e.actor.id, e.at],
      );
      break;
    case 'assist_update':
      await q.query(
        /* sql */ `UPDATE order_assists SET status = $3, note = coalesce($4, note), updated_at = $5
          WHERE order_id = $1 AND dept = $2`,
        [next.id, d.dept, d.status, (d.note as string) ?? null, e.at],
      );
      break;
  }
}

const iso = (v: unknown): string | null => (v === null || v === undefined ? null : new Date(v as string).toISOString());

export async function assistsOf(q: Queryable, orderId: number): Promise<OrderAssist[]> {
  const r = await q.query<Record<string, unknown>>(
    /* sql */ `SELECT dept, status, note, requested_at, updated_at FROM order_assists WHERE order_id = $1
      ORDER BY requested_at, dept`,
    [orderId],
  );
  return r.rows.map((x) => ({
    dept: x.dept as string,
    status: x.status as OrderAssist['status'],
    note: (x.note as string) ?? null,
    requestedAt: iso(x.requested_at)!,
    updatedAt: iso(x.updated_at)!,
  }));
}

/** The latest request for more time, pending or decided. */
export async function latestExtension(q: Queryable, orderId: number): Promise<OrderExtension | null> {
  const r = await q.query<Record<string, unknown>>(
    /* sql */ `SELECT hours, reason, status, requested_at, decided_at FROM order_extensions WHERE order_id = $1
      ORDER BY requested_at DESC, id DESC LIMIT 1`,
    [orderId],
  );
  const x = r.rows[0];
  if (!x) return null;
  return {
    hours: Number(x.hours),
    reason: x.reason as string,
    status: x.status as OrderExtension['status'],
    requestedAt: iso(x.requested_at)!,
    decidedAt: iso(x.decided_at),
  };
}

/**
 * Names for the detail: the holder (an area's name, the district centre, a department's name) and the place
 * (street › community › grid, and the nearest building's address within 100 m).
 */
export async function namesFor(
  q: Queryable,
  order: OrderState & { lon: number; lat: number },
): Promise<{ holder: NamedParty; place: NonNullable<OrderDetail['place']> }> {
  const line = order.areaPath.split('/').filter(Boolean).map(Number);
  const r = await q.query<{ id: number; name: string; level: string }>(
    /* sql */ `SELECT id, name, level FROM areas WHERE id = ANY($1) OR id = $2`,
    [line, order.holder.areaId],
  );
  const byId = new Map(r.rows.map((a) => [a.id, a]));
  const levelName = (level: string) => r.rows.find((a) => a.level === level && line.includes(a.id))?.name ?? null;
  const b = await q.query<{ address: string }>(
    /* sql */ `SELECT address FROM buildings
      WHERE geom && ST_Expand(ST_SetSRID(ST_MakePoint($1, $2), 4326), 150 / 111320.0)
        AND ST_DWithin(geom::geography, ST_SetSRID(ST_MakePoint($1, $2), 4326)::geography, 100)
      ORDER BY ST_Distance(geom::geography, ST_SetSRID(ST_MakePoint($1, $2), 4326)::geography), id LIMIT 1`,
    [order.lon, order.lat],
  );
  let name = byId.get(order.holder.areaId)?.name ?? '';
  if (order.holder.kind === 'centre') name = `${name}指挥中心`;
  if (order.holder.kind === 'department') {
    const d = await q.query<{ name: string }>(/* sql */ `SELECT name FROM departments WHERE code = $1`, [
      order.holder.dept,
    ]);
    name = d.rows[0]?.name ?? order.holder.dept ?? '';
  }
  return {
    holder: { ...order.holder, name },
    place: {
      street: levelName('street'),
      community: levelName('community'),
      grid: levelName('grid'),
      address: b.rows[0]?.address ?? null,
    },
  };
}
