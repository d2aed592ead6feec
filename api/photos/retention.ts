// Photos are uploaded before the report or visit that shows them. One that nothing shows after
// `unattachedHours` is deleted by the scheduler's pass; until then it counts against its uploader's quota
// of unattached photos (a number and bytes), so that no account can fill the database with them.
import type { Queryable } from '../db/index.js';

export interface PhotoLimits {
  /** Hours an unattached photo is kept. */
  unattachedHours: number;
  /** Unattached photos one account may hold (0 = no limit). */
  quotaCount: number;
  /** Their bytes together (0 = no limit). */
  quotaBytes: number;
}

/** True when no order, fix (a resolve event, a start's before photo, a progress note), visit or mediation agreement shows photo `p`. */
const UNATTACHED = /* sql */ `NOT EXISTS (SELECT 1 FROM orders o WHERE o.photos @> ARRAY[p.id])
  AND NOT EXISTS (SELECT 1 FROM order_events e WHERE e.action IN ('resolve', 'start', 'note') AND (e.data -> 'photos') ? p.id)
  AND NOT EXISTS (SELECT 1 FROM visits v WHERE v.photo_id = p.id)
  AND NOT EXISTS (SELECT 1 FROM mediations md WHERE md.agreement_photos @> ARRAY[p.id])`;

export interface Unattached {
  count: number;
  bytes: number;
  /** Seconds until the oldest of them is deleted (0 when there are none). */
  freesInS: number;
}

/** The account's photos that nothing shows yet, within the keeping window. */
export async function unattachedOf(q: Queryable, accountId: number, hours: number): Promise<Unattached> {
  const r = await q.query<{ count: string; bytes: string | null; frees: number | null }>(
    /* sql */ `SELECT count(*) AS count, sum(p.size) AS bytes,
        EXTRACT(EPOCH FROM min(p.created_at) + make_interval(hours => $2) - now())::float8 AS frees
      FROM photos p
      WHERE p.uploaded_by = $1 AND p.created_at > now() - make_interval(hours => $2) AND ${UNATTACHED}`,
    [accountId, hours],
  );
  const row = r.rows[0];
  return { count: Number(row.count), bytes: Number(row.bytes ?? 0), freesInS: Math.max(0, Math.ceil(row.frees ?? 0)) };
}

/** Deletes the photos nothing shows that are older than `hours`; returns how many. */
export async function deleteUnattached(q: Queryable, hours: number): Promise<number> {
  const r = await q.query(
    /* sql */ `DELETE FROM photos p WHERE p.created_at < now() - make_interval(hours => $1) AND ${UNATTACHED}`,
    [hours],
  );
  return r.rowCount ?? 0;
}
