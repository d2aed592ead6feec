// 公开说明 public text: the only free text Open311 shows of an order, written for the public by the staff
// of the center (admin, operator, dispatcher) for an order in their scope and of a public category. It is
// masked for personal identifiers when saved, kept with who published it and when, and audited.
import { m, named } from '../../contract/messages/index.js';
import type { PublicText } from '../../contract/orders.js';
import { categoryByCode } from '../../contract/order-categories.js';
import { audit } from '../auth/queries.js';
import type { AuthUser } from '../auth/session.js';
import type { Db, Queryable } from '../db/index.js';
import { Conflict, NotFound } from '../http/errors.js';
import { maskText } from '../privacy/mask-text.js';
import { RAW_TEXT_ROLES } from '../privacy/free-text.js';
import { orderInScope } from './queries.js';

/** Who may publish or withdraw a public text: the staff who read free text as written. */
export const PUBLISHERS = RAW_TEXT_ROLES;

const iso = (v: unknown) => new Date(v as string).toISOString();

export async function publicTextOf(q: Queryable, orderId: number): Promise<PublicText | null> {
  const r = await q.query<{ text: string; by: string; at: unknown }>(
    /* sql */ `SELECT p.text, a.display_name AS by, p.published_at AS at
      FROM order_public_texts p JOIN accounts a ON a.id = p.published_by WHERE p.order_id = $1`,
    [orderId],
  );
  const row = r.rows[0];
  return row ? { orderId, text: row.text, publishedBy: row.by, publishedAt: iso(row.at) } : null;
}

async function publishableOrder(q: Queryable, user: AuthUser, id: number) {
  const rec = await orderInScope(q, user.areaPath, id);
  if (!rec) throw new NotFound(m('orders.notFoundInScope', { id }));
  const cat = categoryByCode(rec.categoryCode);
  if (!cat?.public) {
    throw new Conflict(m('orders.notPublic', { category: cat ? named(cat) : rec.categoryCode }));
  }
  return rec;
}

/** Publishes (or replaces) the order's public text, masked; returns it as stored. */
export async function publishPublicText(
  db: Db,
  user: AuthUser,
  id: number,
  text: string,
  ip: string,
): Promise<PublicText> {
  return db.tx(async (q) => {
    await publishableOrder(q, user, id);
    const masked = maskText(text);
    await q.query(
      /* sql */ `INSERT INTO order_public_texts (order_id, text, published_by, published_at) VALUES ($1, $2, $3, now())
        ON CONFLICT (order_id) DO UPDATE SET text = excluded.text, published_by = excluded.published_by, published_at = excluded.published_at`,
      [id, masked, user.id],
    );
    await audit(q, {
      accountId: user.id,
      action: 'order_public_text',
      target: `order:${id}`,
      ip,
      detail: { text: masked },
    });
    return (await publicTextOf(q, id))!;
  });
}

/** Withdraws the order's public text: Open311 shows an empty description again. */
export async function withdrawPublicText(db: Db, user: AuthUser, id: number, ip: string): Promise<void> {
  await db.tx(async (q) => {
    const rec = await orderInScope(q, user.areaPath, id);
    if (!rec) throw new NotFound(m('orders.notFoundInScope', { id }));
    const r = await q.query(/* sql */ `DELETE FROM order_public_texts WHERE order_id = $1`, [id]);
    if (r.rowCount === 0) throw new NotFound(m('orders.noPublicText', { id }));
    await audit(q, { accountId: user.id, action: 'order_public_text_withdrawn', target: `order:${id}`, ip });
  });
}
