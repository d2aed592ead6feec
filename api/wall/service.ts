// The wall's alarm center and layouts: alarm history with acknowledgements (an acknowledgement is an event
// with its own seq, appended to the event log and replayed like the alarm; the history reads the log's alarms),
// and layouts stored as data over the defaults.
// An acknowledgement's note is free text shown on walls: it goes out masked (api/privacy), kept as written.
import { bilingual, m } from '../../contract/messages/index.js';
import type { AlarmPush } from '../../contract/orders.js';
import { DEFAULT_LAYOUTS, type LayoutInput, type WallLayout, layoutProblems } from '../../contract/wall.js';
import type { AuthUser } from '../auth/session.js';
import { audit } from '../auth/queries.js';
import { requireEveryArea } from '../auth/scope.js';
import type { Db } from '../db/index.js';
import { Conflict, Invalid, NotFound } from '../http/errors.js';
import * as eventLog from '../events/log.js';
import type { Published } from '../events/log.js';
import { maskText } from '../privacy/mask-text.js';

const iso = (v: unknown) =>
  v instanceof Date ? v.toISOString() : v === null || v === undefined ? null : new Date(String(v)).toISOString();

export async function alarmHistory(
  db: Db,
  user: AuthUser,
  q: { limit: number; before?: number; state: 'open' | 'acked' | 'all' },
): Promise<AlarmPush[]> {
  const r = await db.query<{
    payload: AlarmPush;
    at: unknown;
    ackedAt: unknown;
    ackedBy: string | null;
    note: string | null;
  }>(
    /* sql */ `SELECT p.payload, p.at, k.acked_at AS "ackedAt", a.display_name AS "ackedBy", k.note
      FROM pushes p
      LEFT JOIN alarm_acks k ON k.seq = p.seq
      LEFT JOIN accounts a ON a.id = k.account_id
      WHERE p.topic = 'alarm' AND p.area_path LIKE $1 || '%'
        AND ($2::bigint IS NULL OR p.seq < $2)
        AND ($3 = 'all' OR ($3 = 'open') = (k.seq IS NULL))
      ORDER BY p.seq DESC LIMIT $4`,
    [user.areaPath, q.before ?? null, q.state, q.limit],
  );
  return r.rows.map((x) => ({
    ...x.payload,
    at: iso(x.at) ?? undefined,
    ack: x.ackedAt
      ? { by: x.ackedBy ?? '', at: iso(x.ackedAt)!, note: x.note === null ? null : maskText(x.note) }
      : null,
  }));
}

/** Acknowledges an alarm in the caller's scope, once; returns what to publish (to the alarm's area). */
export async function acknowledgeAlarm(
  db: Db,
  user: AuthUser,
  alarmSeq: number,
  note: string | undefined,
  ip: string,
): Promise<Published[]> {
  return db.tx(async (q) => {
    await eventLog.lock(q);
    const alarm = await eventLog.eventInScope(q, user.areaPath, alarmSeq, 'alarm');
    if (!alarm) throw new NotFound(m('wall.alarmNotFoundInScope', { seq: alarmSeq }));
    const acked = await q.query<{ ackedBy: string }>(
      /* sql */ `SELECT a.display_name AS "ackedBy" FROM alarm_acks k JOIN accounts a ON a.id = k.account_id WHERE k.seq = $1`,
      [alarmSeq],
    );
    if (acked.rows[0]) throw new Conflict(m('wall.alarmAcked', { seq: alarmSeq, by: acked.rows[0].ackedBy }));
    const at = new Date().toISOString();
    await q.query(/* sql */ `INSERT INTO alarm_acks (seq, account_id, acked_at, note) VALUES ($1, $2, $3, $4)`, [
      alarmSeq,
      user.id,
      at,
      note || null,
    ]);
    await audit(q, { accountId: user.id, action: 'alarm_ack', ip, detail: { alarmSeq } });
    const body = { alarmSeq, ackedBy: user.displayName, ackedAt: at, note: note ? maskText(note) : null };
    return [await eventLog.append(q, { topic: 'alarm:ack', areaPath: alarm.areaPath, body })];
  });
}

/** The defaults, each replaced by the stored layout of the same id, then the stored ones of other ids. */
export async function listLayouts(db: Db): Promise<WallLayout[]> {
  const r = await db.query<{
    id: string;
    name: string;
    spec: WallLayout['spec'];
    updatedAt: unknown;
    updatedBy: string | null;
  }>(/* sql */ `SELECT l.id, l.name, l.spec, l.updated_at AS "updatedAt", a.display_name AS "updatedBy"
      FROM wall_layouts l LEFT JOIN accounts a ON a.id = l.updated_by ORDER BY l.id`);
  const stored = new Map(r.rows.map((x) => [x.id, { ...x, updatedAt: iso(x.updatedAt) ?? undefined }]));
  const out: WallLayout[] = DEFAULT_LAYOUTS.map((d) => stored.get(d.id) ?? d);
  for (const [id, l] of stored) if (!DEFAULT_LAYOUTS.some((d) => d.id === id)) out.push(l);
  return out;
}

/** Layouts are shared by every wall of the district: only an account holding the whole district changes them. */
const LAYOUTS = m('wall.layouts');

export async function saveLayout(
  db: Db,
  user: AuthUser,
  id: string,
  input: LayoutInput,
  ip: string,
): Promise<WallLayout> {
  await requireEveryArea(db, user, LAYOUTS);
  const problems = layoutProblems(input.spec);
  if (problems.length)
    throw new Invalid(
      m('wall.layoutProblems', { problems }),
      problems.map((p) => bilingual(p)),
    );
  await db.tx(async (q) => {
    await q.query(
      /* sql */ `INSERT INTO wall_layouts (id, name, spec, updated_by, updated_at) VALUES ($1, $2, $3, $4, now())
        ON CONFLICT (id) DO UPDATE SET name = excluded.name, spec = excluded.spec, updated_by = excluded.updated_by, updated_at = now()`,
      [id, input.name, JSON.stringify(input.spec), user.id],
    );
    await audit(q, { accountId: user.id, action: 'wall_layout_saved', ip, detail: { id } });
  });
  return (await listLayouts(db)).find((l) => l.id === id)!;
}

/** Removes a stored layout; a default one falls back to how it shipped. */
export async function deleteLayout(db: Db, user: AuthUser, id: string, ip: string): Promise<void> {
  await requireEveryArea(db, user, LAYOUTS);
  await db.tx(async (q) => {
    const r = await q.query(/* sql */ `DELETE FROM wall_layouts WHERE id = $1`, [id]);
    if (r.rowCount === 0) throw new NotFound(m('wall.layoutNotFound', { id }));
    await audit(q, { accountId: user.id, action: 'wall_layout_deleted', ip, detail: { id } });
  });
}
