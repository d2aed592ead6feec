// SQL of webhook subscriptions and their delivery log. Subscriptions are read under the caller's scope path.
import type { Delivery, Webhook, WebhookTopic } from '../../contract/webhooks.js';
import type { Queryable } from '../db/index.js';

const iso = (v: unknown): string | null => (v === null || v === undefined ? null : new Date(v as string).toISOString());

const HOOK_COLUMNS = /* sql */ `w.id, w.name, w.url, w.topics, w.area_id, coalesce(a.name, '') AS area_name,
  w.client_account_id, w.active, w.created_at,
  (SELECT count(*)::int FROM webhook_deliveries d WHERE d.webhook_id = w.id AND d.status = 'pending') AS pending,
  (SELECT count(*)::int FROM webhook_deliveries d WHERE d.webhook_id = w.id AND d.status = 'failed') AS failed`;

const toHook = (r: Record<string, unknown>): Webhook => ({
  id: r.id as number,
  name: r.name as string,
  url: r.url as string,
  topics: r.topics as WebhookTopic[],
  areaId: (r.area_id as number) ?? null,
  areaName: r.area_name as string,
  clientAccountId: (r.client_account_id as number) ?? null,
  active: r.active as boolean,
  createdAt: iso(r.created_at)!,
  pending: r.pending as number,
  failed: r.failed as number,
});

export async function hooksInScope(q: Queryable, scopePath: string, id?: number): Promise<Webhook[]> {
  const r = await q.query<Record<string, unknown>>(
    /* sql */ `SELECT ${HOOK_COLUMNS} FROM webhooks w LEFT JOIN areas a ON a.id = w.area_id
      WHERE w.area_path LIKE $1 || '%' AND ($2::int IS NULL OR w.id = $2) ORDER BY w.id`,
    [scopePath, id ?? null],
  );
  return r.rows.map(toHook);
}

export interface NewHook {
  name: string;
  url: string;
  secret: string;
  topics: WebhookTopic[];
  areaId: number | null;
  areaPath: string;
  clientAccountId: number | null;
  createdBy: number;
}

/** A new subscription starts at the end of the event log: it receives what happens from now on. */
export async function insertHook(q: Queryable, h: NewHook): Promise<number> {
  const r = await q.query<{ id: number }>(
    /* sql */ `INSERT INTO webhooks (name, url, secret, topics, area_id, area_path, client_account_id, created_by, cursor_seq)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, coalesce((SELECT max(seq) FROM pushes), 0)) RETURNING id`,
    [h.name, h.url, h.secret, h.topics, h.areaId, h.areaPath, h.clientAccountId, h.createdBy],
  );
  return r.rows[0].id;
}

export async function updateHook(
  q: Queryable,
  id: number,
  p: { name?: string; url?: string; topics?: WebhookTopic[]; active?: boolean },
): Promise<void> {
  await q.query(
    /* sql */ `UPDATE webhooks SET name = coalesce($2, name), url = coalesce($3, url),
      topics = coalesce($4, topics), active = coalesce($5, active) WHERE id = $1`,
    [id, p.name ?? null, p.url ?? null, p.topics ?? null, p.active ?? null],
  );
}

export async function deleteHook(q: Queryable, id: number): Promise<void> {
  await q.query(/* sql */ `DELETE FROM webhooks WHERE id = $1`, [id]);
}

export async function deliveriesOf(
  q: Queryable,
  hookId: number,
  status: string | undefined,
  limit: number,
): Promise<Delivery[]> {
  const r = await q.query<Record<string, unknown>>(
    /* sql */ `SELECT id, seq, topic, status, attempts, last_code, last_error, next_at, created_at, updated_at
      FROM webhook_deliveries WHERE webhook_id = $1 AND ($2::text IS NULL OR status = $2)
      ORDER BY id DESC LIMIT $3`,
    [hookId, status ?? null, limit],
  );
  return r.rows.map((x) => ({
    id: Number(x.id),
    seq: Number(x.seq),
    topic: x.topic as Delivery['topic'],
    status: x.status as Delivery['status'],
    attempts: x.attempts as number,
    lastCode: (x.last_code as number) ?? null,
    lastError: (x.last_error as string) ?? null,
    nextAt: iso(x.next_at),
    createdAt: iso(x.created_at)!,
    updatedAt: iso(x.updated_at)!,
  }));
}

/** An account in the scope that may file Open311 requests with its session token. */
export async function accountInScope(q: Queryable, scopePath: string, id: number): Promise<boolean> {
  const r = await q.query(
    /* sql */ `SELECT 1 FROM accounts a JOIN areas s ON s.id = a.area_id WHERE a.id = $1 AND s.path LIKE $2 || '%'`,
    [id, scopePath],
  );
  return r.rows.length > 0;
}
