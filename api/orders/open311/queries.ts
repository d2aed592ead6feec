// SQL for the public Open311 read side. It selects only the columns the spec publishes: the
// reporter's name and phone are never read, so no later change to the view can leak them.
import type { OrderStatus } from '../../../contract/orders.js';
import type { Queryable } from '../../db/index.js';
import { PRIVATE_CATEGORY_CODES } from './catalogue.js';

export interface PublicOrderRow {
  id: number;
  categoryCode: string;
  status: OrderStatus;
  description: string;
  lon: number;
  lat: number;
  reportedAt: string;
  deadline: string;
  leadDept: string | null;
  mediaUrl: string | null;
  /** The latest event a resident is told about (the escalation ladder is internal supervision). */
  updatedAt: string | null;
  lastAction: string | null;
  lastReason: string | null;
}

export interface PublicOrderFilter {
  ids?: number[];
  categoryCodes?: string[];
  statuses?: OrderStatus[];
  /** Inclusive bounds on reported_at. */
  from?: string;
  to?: string;
  limit: number;
}

const iso = (v: unknown): string | null => (v === null || v === undefined ? null : new Date(v as string).toISOString());

/** Public orders (no 特殊群体关爱) by the spec's filters, newest first; geom is EPSG:4326, so ST_X/ST_Y are WGS84 lon/lat in degrees. */
export async function publicOrders(q: Queryable, f: PublicOrderFilter): Promise<PublicOrderRow[]> {
  const r = await q.query<Record<string, unknown>>(
    /* sql */ `SELECT o.id, o.category_code, o.status, o.description, ST_X(o.geom) AS lon, ST_Y(o.geom) AS lat,
        o.reported_at, o.deadline, o.lead_dept, o.fields ->> 'media_url' AS media_url,
        ev.at AS updated_at, ev.action AS last_action, ev.reason AS last_reason
      FROM orders o
      LEFT JOIN LATERAL (
        SELECT e.at, e.action, e.reason FROM order_events e
        WHERE e.order_id = o.id AND e.action NOT IN ('yellow_card', 'red_card', 'escalate')
        ORDER BY e.seq DESC LIMIT 1
      ) ev ON true
      WHERE ($1::int[] IS NULL OR o.id = ANY($1))
        AND NOT (o.category_code = ANY($7::text[]))
        AND ($2::text[] IS NULL OR o.category_code = ANY($2))
        AND ($3::text[] IS NULL OR o.status = ANY($3))
        AND ($4::timestamptz IS NULL OR o.reported_at >= $4)
        AND ($5::timestamptz IS NULL OR o.reported_at <= $5)
      ORDER BY o.reported_at DESC, o.id DESC LIMIT $6`,
    [f.ids ?? null, f.categoryCodes ?? null, f.statuses ?? null, f.from ?? null, f.to ?? null, f.limit, PRIVATE_CATEGORY_CODES],
  );
  return r.rows.map((x) => ({
    id: x.id as number,
    categoryCode: x.category_code as string,
    status: x.status as OrderStatus,
    description: x.description as string,
    lon: Number(x.lon),
    lat: Number(x.lat),
    reportedAt: iso(x.reported_at)!,
    deadline: iso(x.deadline)!,
    leadDept: (x.lead_dept as string | null) ?? null,
    mediaUrl: (x.media_url as string | null) ?? null,
    updatedAt: iso(x.updated_at),
    lastAction: (x.last_action as string | null) ?? null,
    lastReason: (x.last_reason as string | null) ?? null,
  }));
}

export async function orderExists(q: Queryable, id: number): Promise<boolean> {
  const r = await q.query(/* sql */ `SELECT 1 FROM orders WHERE id = $1 AND NOT (category_code = ANY($2::text[]))`, [id, PRIVATE_CATEGORY_CODES]);
  return r.rows.length > 0;
}
