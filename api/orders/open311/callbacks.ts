// Open311 callbacks: a client that files a request may name a callback_url that an administrator registered for
// its account as an 'open311.status' webhook; the request's status changes then go there (api/webhooks).
import { m } from '../../../contract/messages/index.js';
import type { Queryable } from '../../db/index.js';
import { Invalid } from '../../http/errors.js';

const normal = (url: string): string | null => {
  try {
    return new URL(url.trim()).href;
  } catch {
    return null;
  }
};

/** The subscription a callback_url names for this account; refused when none is registered. */
export async function callbackHookOf(q: Queryable, accountId: number, callbackUrl: string): Promise<number> {
  const url = normal(callbackUrl);
  const r = url
    ? await q.query<{ id: number }>(
        /* sql */ `SELECT id FROM webhooks WHERE active AND client_account_id = $1 AND url = $2
          AND 'open311.status' = ANY(topics) ORDER BY id LIMIT 1`,
        [accountId, url],
      )
    : { rows: [] };
  if (!r.rows[0]) throw new Invalid(m('webhooks.callbackNotRegistered'));
  return r.rows[0].id;
}

export async function linkCallback(q: Queryable, orderId: number, hookId: number): Promise<void> {
  await q.query(
    /* sql */ `INSERT INTO open311_callbacks (order_id, webhook_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`,
    [orderId, hookId],
  );
}
