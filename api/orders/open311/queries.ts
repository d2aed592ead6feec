// SQL for the public Open311 read side. It selects only what the spec publishes: the reporter's name
// and phone, the description, event reasons and photos are never read, and neither is the reported point
// where the grid's label point is what is shown, so no later change to the view can leak them.
import type { OrderStatus } from '../../../contract/orders.js';
import type { PublicPrecision } from '../../config.js';
import type { Queryable } from '../../db/index.js';
import { CONSOLE_ONLY_CATEGORY_CODES, UNPUBLISHED_CATEGORY_CODES } from './catalogue.js';

export interface PublicOrderRow {
  id: number;
  categoryCode: string;
  status: OrderStatus;
  /** The text a dispatcher published for the public (masked when saved), if any. */
  publicText: string | null;
  /** The grid's label point, or (with a lattice precision) the reported point, to be snapped. */
  lon: number;
  lat: number;
  reportedAt: string;
  deadline: string;
  leadDept: string | null;
  /** The latest event a resident is told about (the escalation ladder is internal supervision). */
  updatedAt: string | null;
  lastAction: string | null;
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

/**
 * Orders of public categories by the spec's filters, newest first. Geometries are EPSG:4326, so ST_X/ST_Y
 * are WGS84 lon/lat in degrees; the point is the grid's label point (ST_PointOnSurface of the grid) unless
 * the precision is a lattice, which public-view.ts snaps the reported point to.
 */
export async function publicOrders(
  q: Queryable,
  f: PublicOrderFilter,
  precision: PublicPrecision = 'grid',
): Promise<PublicOrderRow[]> {
  const r = await q.query<Record<string, unknown>>(
    /* sql */ `SELECT o.id, o.category_code, o.status, pt.text AS public_text,
        ST_X(CASE WHEN $8::boolean THEN g.label_point ELSE o.geom END) AS lon,
        ST_Y(CASE WHEN $8::boolean THEN g.label_point ELSE o.geom END) AS lat,
        o.reported_at, o.deadline, o.lead_dept, ev.at AS updated_at, ev.action AS last_action
      FROM orders o
      JOIN areas g ON g.id = o.grid_id
      LEFT JOIN order_public_texts pt ON pt.order_id = o.id
      LEFT JOIN LATERAL (
        SELECT e.at, e.action FROM order_events e
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
    [
      f.ids ?? null,
      f.categoryCodes ?? null,
      f.statuses ?? null,
      f.from ?? null,
      f.to ?? null,
      f.limit,
      UNPUBLISHED_CATEGORY_CODES,
      precision === 'grid',
    ],
  );
  return r.rows.map((x) => ({
    id: x.id as number,
    categoryCode: x.category_code as string,
    status: x.status as OrderStatus,
    publicText: (x.public_text as string | null) ?? null,
    lon: Number(x.lon),
    lat: Number(x.lat),
    reportedAt: iso(x.reported_at)!,
    deadline: iso(x.deadline)!,
    leadDept: (x.lead_dept as string | null) ?? null,
    updatedAt: iso(x.updated_at),
    lastAction: (x.last_action as string | null) ?? null,
  }));
}

/** Whether a token resolves: any order of a category offered over Open311 (its reporter holds the id already). */
export async function orderExists(q: Queryable, id: number): Promise<boolean> {
  const r = await q.query(/* sql */ `SELECT 1 FROM orders WHERE id = $1 AND NOT (category_code = ANY($2::text[]))`, [
    id,
    CONSOLE_ONLY_CATEGORY_CODES,
  ]);
  return r.rows.length > 0;
}
