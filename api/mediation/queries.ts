// SQL of dispute mediation (三级调解): mediations, their sessions and follow-up visits, read within an area path.
import type { DisputeParty, MediationStage, MediationStatus, SessionOutcome } from '../../contract/mediation.js';
import type { Queryable } from '../db/index.js';

const iso = (v: unknown): string | null => (v === null || v === undefined ? null : new Date(v as string).toISOString());

export interface MediationRecord {
  id: number;
  orderId: number;
  stage: MediationStage;
  status: MediationStatus;
  causeCode: string;
  focus: string;
  parties: DisputeParty[];
  agreementPhotos: string[];
  outcomeNote: string | null;
  openedBy: number;
  openedAt: string;
  closedAt: string | null;
  areaPath: string;
}

const COLUMNS = /* sql */ `id, order_id, stage, status, cause_code, focus, parties, agreement_photos, outcome_note,
  opened_by, opened_at, closed_at, area_path`;

function toRecord(r: Record<string, unknown>): MediationRecord {
  return {
    id: Number(r.id),
    orderId: Number(r.order_id),
    stage: r.stage as MediationStage,
    status: r.status as MediationStatus,
    causeCode: r.cause_code as string,
    focus: r.focus as string,
    parties: (typeof r.parties === 'string' ? JSON.parse(r.parties) : r.parties) as DisputeParty[],
    agreementPhotos: (r.agreement_photos as string[]) ?? [],
    outcomeNote: (r.outcome_note as string | null) ?? null,
    openedBy: Number(r.opened_by),
    openedAt: iso(r.opened_at)!,
    closedAt: iso(r.closed_at),
    areaPath: r.area_path as string,
  };
}

/** The mediation of an order, if the order lies in the scope. */
export async function mediationOfOrder(
  q: Queryable,
  scopePath: string,
  orderId: number,
  forUpdate = false,
): Promise<MediationRecord | null> {
  const r = await q.query(
    /* sql */ `SELECT ${COLUMNS} FROM mediations WHERE order_id = $1 AND area_path LIKE $2 || '%' ${forUpdate ? 'FOR UPDATE' : ''}`,
    [orderId, scopePath],
  );
  return r.rows[0] ? toRecord(r.rows[0]) : null;
}

export async function insertMediation(
  q: Queryable,
  m: {
    orderId: number;
    stage: MediationStage;
    causeCode: string;
    focus: string;
    parties: DisputeParty[];
    openedBy: number;
    at: string;
    areaPath: string;
  },
): Promise<MediationRecord> {
  const r = await q.query(
    /* sql */ `INSERT INTO mediations (order_id, stage, cause_code, focus, parties, opened_by, opened_at, area_path)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING ${COLUMNS}`,
    [m.orderId, m.stage, m.causeCode, m.focus, JSON.stringify(m.parties), m.openedBy, m.at, m.areaPath],
  );
  return toRecord(r.rows[0]);
}

export async function setStage(q: Queryable, id: number, stage: MediationStage): Promise<void> {
  await q.query(/* sql */ `UPDATE mediations SET stage = $2 WHERE id = $1`, [id, stage]);
}

export async function closeMediation(
  q: Queryable,
  id: number,
  c: { status: MediationStatus; note: string; photos: string[]; by: number; at: string },
): Promise<void> {
  await q.query(
    /* sql */ `UPDATE mediations SET status = $2, outcome_note = $3, agreement_photos = $4, closed_by = $5, closed_at = $6
      WHERE id = $1`,
    [id, c.status, c.note, c.photos, c.by, c.at],
  );
}

export async function insertSession(
  q: Queryable,
  s: {
    mediationId: number;
    stage: MediationStage;
    heldAt: string;
    mediatorId: number;
    mediatorName: string;
    note: string;
    outcome: SessionOutcome;
  },
): Promise<void> {
  await q.query(
    /* sql */ `INSERT INTO mediation_sessions (mediation_id, stage, held_at, mediator_id, mediator_name, note, outcome)
      VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [s.mediationId, s.stage, s.heldAt, s.mediatorId, s.mediatorName, s.note, s.outcome],
  );
}

export interface SessionRow {
  id: number;
  stage: MediationStage;
  heldAt: string;
  mediator: string;
  mediatorId: number;
  note: string;
  outcome: SessionOutcome;
}

export async function sessionsOf(q: Queryable, mediationId: number): Promise<SessionRow[]> {
  const r = await q.query<Record<string, unknown>>(
    /* sql */ `SELECT id, stage, held_at, mediator_id, mediator_name, note, outcome FROM mediation_sessions
      WHERE mediation_id = $1 ORDER BY held_at, id`,
    [mediationId],
  );
  return r.rows.map((x) => ({
    id: Number(x.id),
    stage: x.stage as MediationStage,
    heldAt: iso(x.held_at)!,
    mediator: x.mediator_name as string,
    mediatorId: Number(x.mediator_id),
    note: x.note as string,
    outcome: x.outcome as SessionOutcome,
  }));
}

export async function insertFollowups(q: Queryable, mediationId: number, dueAt: string[]): Promise<void> {
  if (!dueAt.length) return;
  await q.query(
    /* sql */ `INSERT INTO mediation_followups (mediation_id, due_at) SELECT $1, d FROM unnest($2::timestamptz[]) d`,
    [mediationId, dueAt],
  );
}

export interface FollowupRow {
  id: number;
  dueAt: string;
  doneAt: string | null;
  note: string | null;
  by: string | null;
  accountId: number | null;
}

export async function followupsOf(q: Queryable, mediationId: number): Promise<FollowupRow[]> {
  const r = await q.query<Record<string, unknown>>(
    /* sql */ `SELECT id, due_at, done_at, note, account_id, account_name FROM mediation_followups
      WHERE mediation_id = $1 ORDER BY due_at, id`,
    [mediationId],
  );
  return r.rows.map((x) => ({
    id: Number(x.id),
    dueAt: iso(x.due_at)!,
    doneAt: iso(x.done_at),
    note: (x.note as string | null) ?? null,
    by: (x.account_name as string | null) ?? null,
    accountId: x.account_id === null ? null : Number(x.account_id),
  }));
}

export async function logFollowup(
  q: Queryable,
  id: number,
  f: { note: string; at: string; accountId: number; accountName: string },
): Promise<void> {
  await q.query(
    /* sql */ `UPDATE mediation_followups SET done_at = $2, note = $3, account_id = $4, account_name = $5 WHERE id = $1`,
    [id, f.at, f.note, f.accountId, f.accountName],
  );
}

export interface ListFilter {
  scopePath: string;
  status?: MediationStatus;
}

export async function mediationsInScope(
  q: Queryable,
  f: ListFilter,
): Promise<(MediationRecord & { nextFollowupDue: string | null })[]> {
  const r = await q.query<Record<string, unknown>>(
    /* sql */ `SELECT ${COLUMNS},
        (SELECT min(due_at) FROM mediation_followups f WHERE f.mediation_id = m.id AND f.done_at IS NULL) AS next_due
      FROM mediations m WHERE area_path LIKE $1 || '%' AND ($2::text IS NULL OR status = $2)
      ORDER BY opened_at DESC, id DESC LIMIT 500`,
    [f.scopePath, f.status ?? null],
  );
  return r.rows.map((x) => ({ ...toRecord(x), nextFollowupDue: iso(x.next_due) }));
}
