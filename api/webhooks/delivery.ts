// Deliveries: a periodic job (one node per period, api/jobs) turns new events of the log into deliveries of each
// subscription that hears them, then POSTs those due. Each POST is signed (X-Gridwall-Signature: sha256=<HMAC of
// the body with the subscription's secret>) and, when it fails, tried again after 1 min, 5 min, 30 min, 2 h and 12 h
// before it is marked failed. Everything lives in the database, so a restart goes on where it stopped.
import crypto from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import { RETRY_DELAYS_MS, type WebhookTopic } from '../../contract/webhooks.js';
import { bilingual, m } from '../../contract/messages/index.js';
import type { Db, Queryable } from '../db/index.js';
import type { JobRunner, Periodic } from '../jobs/runner.js';
import { isPrivateAddress, lookupGuard, parseHookUrl } from './address-guard.js';
import { hookPayload, OPEN311_SILENT, open311Payload, pushTopicsFor, TOPIC_OF_PUSH } from './payloads.js';

export const WEBHOOK_JOB = 'webhooks';
/** Events one subscription takes from the log per pass; the rest come next pass. */
const FAN_OUT_PAGE = 1000;
/** Deliveries sent per pass, and at once. */
const SEND_PAGE = 100;
const SEND_AT_ONCE = 8;
const TIMEOUT_MS = 10_000;

interface HookRow {
  id: number;
  topics: WebhookTopic[];
  area_path: string;
  cursor_seq: string | number;
}

/** New events → deliveries of every active subscription; returns how many were queued. */
export async function fanOut(db: Db, now: Date): Promise<number> {
  const hooks = await db.query<HookRow>(
    /* sql */ `SELECT id, topics, area_path, cursor_seq FROM webhooks WHERE active ORDER BY id`,
  );
  let queued = 0;
  for (const h of hooks.rows) queued += await db.tx((q) => fanOutOne(q, h, now));
  return queued;
}

async function fanOutOne(q: Queryable, h: HookRow, now: Date): Promise<number> {
  // Events commit in seq order (events/log.ts): everything up to the newest seq seen now is committed.
  const latest = Number(
    (await q.query<{ s: string | null }>(/* sql */ `SELECT max(seq) AS s FROM pushes`)).rows[0].s ?? 0,
  );
  const cursor = Number(h.cursor_seq);
  if (latest <= cursor) return 0;
  const rows: { seq: number; topic: WebhookTopic; payload: Record<string, unknown> }[] = [];
  let reached = latest;
  const pushTopics = pushTopicsFor(h.topics);
  if (pushTopics.length) {
    const r = await q.query<{ seq: string; topic: string; payload: Record<string, unknown> }>(
      /* sql */ `SELECT seq, topic, payload FROM pushes
        WHERE seq > $1 AND seq <= $2 AND area_path LIKE $3 || '%' AND topic = ANY($4::text[]) ORDER BY seq LIMIT $5`,
      [cursor, latest, h.area_path, pushTopics, FAN_OUT_PAGE],
    );
    if (r.rows.length === FAN_OUT_PAGE) reached = Math.min(reached, Number(r.rows[r.rows.length - 1].seq));
    for (const x of r.rows) {
      const topic = TOPIC_OF_PUSH[x.topic];
      const payload = hookPayload(topic, x.payload);
      if (payload) rows.push({ seq: Number(x.seq), topic, payload });
    }
  }
  if (h.topics.includes('open311.status')) {
    const r = await q.query<{ seq: string; order_id: number; to_status: string; action: string; at: string }>(
      /* sql */ `SELECT e.seq, e.order_id, e.to_status, e.action, e.at FROM order_events e
        JOIN open311_callbacks c ON c.order_id = e.order_id AND c.webhook_id = $3
        WHERE e.seq > $1 AND e.seq <= $2 AND NOT (e.action = ANY($4::text[])) ORDER BY e.seq LIMIT $5`,
      [cursor, latest, h.id, OPEN311_SILENT, FAN_OUT_PAGE],
    );
    if (r.rows.length === FAN_OUT_PAGE) reached = Math.min(reached, Number(r.rows[r.rows.length - 1].seq));
    for (const x of r.rows)
      rows.push({
        seq: Number(x.seq),
        topic: 'open311.status',
        payload: open311Payload(x.order_id, x.to_status, x.action, new Date(x.at).toISOString()),
      });
  }
  const kept = rows.filter((x) => x.seq <= reached);
  if (kept.length)
    await q.query(
      /* sql */ `INSERT INTO webhook_deliveries (webhook_id, seq, topic, payload, next_at, created_at, updated_at)
        SELECT $1, s, t, p, $5, $5, $5 FROM unnest($2::bigint[], $3::text[], $4::jsonb[]) AS x(s, t, p)
        ON CONFLICT DO NOTHING`,
      [h.id, kept.map((x) => x.seq), kept.map((x) => x.topic), kept.map((x) => JSON.stringify(x.payload)), now],
    );
  await q.query(/* sql */ `UPDATE webhooks SET cursor_seq = greatest(cursor_seq, $2) WHERE id = $1`, [h.id, reached]);
  return kept.length;
}

export const signatureOf = (secret: string, body: string): string =>
  `sha256=${crypto.createHmac('sha256', secret).update(body).digest('hex')}`;

export interface SendResult {
  code: number | null;
  error: string | null;
}

/** One POST; never follows a redirect, never connects to a private address unless allowed. */
export function post(url: string, body: string, headers: Record<string, string>, allowPrivate: boolean) {
  return new Promise<SendResult>((resolve) => {
    let u: URL;
    try {
      u = parseHookUrl(url);
    } catch (e) {
      return resolve({ code: null, error: (e as Error).message });
    }
    const host = u.hostname.replace(/^\[|\]$/g, '');
    if (!allowPrivate && net.isIP(host) && isPrivateAddress(host))
      return resolve({ code: null, error: bilingual(m('webhooks.privateAddress', { host })) });
    const lib = u.protocol === 'https:' ? https : http;
    const req = lib.request(
      u,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...headers },
        lookup: lookupGuard(allowPrivate) as never,
        timeout: TIMEOUT_MS,
      },
      (res) => {
        res.resume(); // the answer's body is not kept
        const code = res.statusCode ?? 0;
        const redirect = code >= 300 && code < 400;
        resolve({ code, error: redirect ? bilingual(m('webhooks.redirect')) : null });
      },
    );
    req.on('timeout', () => req.destroy(new Error(bilingual(m('webhooks.timeout', { seconds: TIMEOUT_MS / 1000 })))));
    req.on('error', (err) => resolve({ code: null, error: err.message.slice(0, 500) }));
    req.end(body);
  });
}

interface DueRow {
  id: string;
  seq: string;
  topic: string;
  payload: Record<string, unknown>;
  attempts: number;
  created_at: string;
  url: string;
  secret: string;
}

/** Sends the deliveries due now; returns how many went out (whatever the answer). */
export async function sendDue(db: Db, now: Date, allowPrivate: boolean): Promise<number> {
  const due = await db.query<DueRow>(
    /* sql */ `SELECT d.id, d.seq, d.topic, d.payload, d.attempts, d.created_at, w.url, w.secret
      FROM webhook_deliveries d JOIN webhooks w ON w.id = d.webhook_id
      WHERE d.status = 'pending' AND d.next_at <= $1 AND w.active ORDER BY d.next_at, d.id LIMIT $2`,
    [now, SEND_PAGE],
  );
  const rows = due.rows;
  for (let i = 0; i < rows.length; i += SEND_AT_ONCE)
    await Promise.all(rows.slice(i, i + SEND_AT_ONCE).map((d) => sendOne(db, d, now, allowPrivate)));
  return rows.length;
}

async function sendOne(db: Db, d: DueRow, now: Date, allowPrivate: boolean): Promise<void> {
  const body = JSON.stringify({
    id: String(d.id),
    event: d.topic,
    seq: Number(d.seq),
    createdAt: new Date(d.created_at).toISOString(),
    data: d.payload,
  });
  const res = await post(
    d.url,
    body,
    {
      'x-gridwall-signature': signatureOf(d.secret, body),
      'x-gridwall-event': d.topic,
      'x-gridwall-delivery': String(d.id),
      'user-agent': 'Gridwall-Webhook/1',
    },
    allowPrivate,
  );
  const attempts = d.attempts + 1;
  const ok = res.code !== null && res.code >= 200 && res.code < 300;
  const delay = RETRY_DELAYS_MS[attempts - 1];
  const status = ok ? 'delivered' : delay === undefined ? 'failed' : 'pending';
  const nextAt = status === 'pending' ? new Date(now.getTime() + delay) : null;
  const error = ok ? null : (res.error ?? `HTTP ${res.code}`);
  await db.query(
    /* sql */ `UPDATE webhook_deliveries SET status = $2, attempts = $3, last_code = $4, last_error = $5, next_at = $6,
      updated_at = $7 WHERE id = $1`,
    [d.id, status, attempts, res.code, error, nextAt, now],
  );
}

export interface WebhookModule {
  /** One pass now on this node (fan out, then send what is due); null when another node is at it. */
  runNow(): Promise<{ queued: number; sent: number } | null>;
}

export function webhookModule(o: {
  db: Db;
  jobs: JobRunner;
  now: () => Date;
  settings: { readonly intervalMs: number; readonly allowPrivate: boolean };
}): WebhookModule {
  const pass = async () => {
    const queued = await fanOut(o.db, o.now());
    const sent = await sendDue(o.db, o.now(), o.settings.allowPrivate);
    return { queued, sent };
  };
  const job: Periodic<{ queued: number; sent: number }> = o.jobs.periodic(WEBHOOK_JOB, o.settings.intervalMs, pass);
  return { runNow: () => job.runNow() };
}
