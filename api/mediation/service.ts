// Mediation use cases, each one transaction: the mediation's rows, and a note event on its order (through the
// order's event log, so the order's timeline and the live screens hear of each step). Returns what to publish.
import { m, type Message } from '../../contract/messages/index.js';
import { categoryByCode } from '../../contract/order-categories.js';
import {
  DEFAULT_FOLLOWUP_DAYS,
  NEXT_STAGE,
  type FollowupInput,
  type Mediation,
  type MediationOfOrder,
  type MediationOpen,
  type OutcomeInput,
  type ReferInput,
  type SessionInput,
} from '../../contract/mediation.js';
import type { AuthUser } from '../auth/session.js';
import type { Queryable } from '../db/index.js';
import * as eventLog from '../events/log.js';
import type { Published } from '../events/log.js';
import { Conflict, Forbidden, Invalid, NotFound } from '../http/errors.js';
import * as orderSql from '../orders/queries.js';
import { type OrderDeps, toSummary } from '../orders/service.js';
import { type TextView, textFor } from '../privacy/free-text.js';
import { TERMINAL_STATUSES } from '../../core/orders/state.js';
import * as sql from './queries.js';
import { followupDates, holdsPersonalData, stageOf } from './rules.js';

const stageName = (s: string) => m(`mediation.stage.${s}` as 'mediation.stage.grid');
const statusName = (s: string) => m(`mediation.status.${s}` as 'mediation.status.open');

function refusePersonal(fields: [Message, string][]): void {
  for (const [field, text] of fields)
    if (holdsPersonalData(text)) throw new Invalid(m('mediation.personalData', { field }));
}

async function orderOf(q: Queryable, user: AuthUser, orderId: number) {
  const rec = await orderSql.orderInScope(q, user.areaPath, orderId, true);
  if (!rec) throw new NotFound(m('orders.notFoundInScope', { id: orderId }));
  return rec;
}

/** The open mediation of an order that this account mediates at its current stage. */
async function actingOn(q: Queryable, user: AuthUser, orderId: number) {
  const order = await orderOf(q, user, orderId);
  const med = await sql.mediationOfOrder(q, user.areaPath, orderId, true);
  if (!med) throw new Conflict(m('mediation.none', { id: orderId }));
  if (med.status !== 'open') throw new Conflict(m('mediation.closed', { status: statusName(med.status) }));
  if (stageOf(user, order.areaPath) !== med.stage)
    throw new Forbidden(m('mediation.notStageParty', { stage: stageName(med.stage) }));
  return { order, med };
}

/** A note event on the order: the step of its mediation, in data.mediation. */
async function noteOnOrder(
  q: Queryable,
  deps: OrderDeps,
  order: orderSql.OrderRecord,
  user: AuthUser,
  at: string,
  step: Record<string, unknown>,
  out: Published[],
  reason?: string,
): Promise<void> {
  const seq = await eventLog.drawSeq(q);
  await q.query(/* sql */ `UPDATE orders SET updated_seq = $2 WHERE id = $1`, [order.id, seq]);
  const payload = { seq, order: toSummary({ ...order, updatedSeq: seq }, deps.policy, new Date(at)) };
  await orderSql.appendEvent(
    q,
    seq,
    {
      orderId: order.id,
      at,
      actor: { id: user.id, role: user.role, name: user.displayName },
      action: 'note',
      from: order.status,
      to: order.status,
      ...(reason ? { reason } : {}),
      data: { mediation: step },
    },
    'order:updated',
    order.areaPath,
    payload,
  );
  out.push({ topic: 'order:updated', areaPath: order.areaPath, payload });
}

export async function mediationOf(
  deps: OrderDeps,
  user: AuthUser,
  orderId: number,
  view: TextView = 'console',
): Promise<MediationOfOrder> {
  const order = await orderSql.orderInScope(deps.db, user.areaPath, orderId);
  if (!order) throw new NotFound(m('orders.notFoundInScope', { id: orderId }));
  const stage = stageOf(user, order.areaPath);
  const med = await sql.mediationOfOrder(deps.db, user.areaPath, orderId);
  if (!med) {
    const dispute = categoryByCode(order.categoryCode)?.family === 'dispute';
    return { mediation: null, canOpen: dispute && stage !== null && !TERMINAL_STATUSES.includes(order.status) };
  }
  const [sessions, followups] = await Promise.all([sql.sessionsOf(deps.db, med.id), sql.followupsOf(deps.db, med.id)]);
  // The three stage parties handle the case and read it as written; others (planners, supervisors, a wall) masked.
  const text = (s: string, authorId: number | null) => textFor(user, { authorId, handler: stage !== null, view }, s);
  const mediation: Mediation = {
    id: med.id,
    orderId: med.orderId,
    stage: med.stage,
    status: med.status,
    causeCode: med.causeCode,
    focus: text(med.focus, med.openedBy),
    parties: med.parties,
    agreementPhotos: med.agreementPhotos,
    outcomeNote: med.outcomeNote === null ? null : text(med.outcomeNote, null),
    openedAt: med.openedAt,
    closedAt: med.closedAt,
    sessions: sessions.map((s) => ({
      id: s.id,
      stage: s.stage,
      heldAt: s.heldAt,
      mediator: s.mediator,
      note: text(s.note, s.mediatorId),
      outcome: s.outcome,
    })),
    followups: followups.map((f) => ({
      id: f.id,
      dueAt: f.dueAt,
      doneAt: f.doneAt,
      note: f.note === null ? null : text(f.note, f.accountId),
      by: f.by,
    })),
    canAct: med.status === 'open' && stage === med.stage,
    canFollowUp: med.status !== 'open' && stage !== null && followups.some((f) => f.doneAt === null),
  };
  return { mediation, canOpen: false };
}

export async function openMediation(
  deps: OrderDeps,
  user: AuthUser,
  orderId: number,
  input: MediationOpen,
): Promise<Published[]> {
  refusePersonal([[m('mediation.field.focus'), input.focus]]);
  const at = deps.now().toISOString();
  const out: Published[] = [];
  await deps.db.tx(async (q) => {
    await eventLog.lock(q);
    const order = await orderOf(q, user, orderId);
    if (categoryByCode(order.categoryCode)?.family !== 'dispute')
      throw new Conflict(m('mediation.notDispute', { id: orderId }));
    if (await sql.mediationOfOrder(q, '/', orderId)) throw new Conflict(m('mediation.alreadyOpen', { id: orderId }));
    const stage = stageOf(user, order.areaPath);
    if (!stage) throw new Forbidden(m('mediation.notOpener'));
    if (TERMINAL_STATUSES.includes(order.status)) throw new Conflict(m('mediation.notDispute', { id: orderId }));
    await sql.insertMediation(q, { orderId, stage, ...input, openedBy: user.id, at, areaPath: order.areaPath });
    await noteOnOrder(q, deps, order, user, at, { step: 'opened', stage, cause: input.causeCode }, out);
  });
  return out;
}

export async function addSession(
  deps: OrderDeps,
  user: AuthUser,
  orderId: number,
  input: SessionInput,
): Promise<Published[]> {
  refusePersonal([[m('mediation.field.note'), input.note]]);
  const now = deps.now();
  const out: Published[] = [];
  await deps.db.tx(async (q) => {
    await eventLog.lock(q);
    const { order, med } = await actingOn(q, user, orderId);
    const heldAt = input.heldAt && new Date(input.heldAt) <= now ? input.heldAt : now.toISOString();
    await sql.insertSession(q, {
      mediationId: med.id,
      stage: med.stage,
      heldAt,
      mediatorId: user.id,
      mediatorName: user.displayName,
      note: input.note,
      outcome: input.outcome,
    });
    await noteOnOrder(q, deps, order, user, now.toISOString(), { step: 'session', stage: med.stage }, out);
  });
  return out;
}

export async function referUp(
  deps: OrderDeps,
  user: AuthUser,
  orderId: number,
  input: ReferInput,
): Promise<Published[]> {
  refusePersonal([[m('mediation.field.reason'), input.reason]]);
  const at = deps.now().toISOString();
  const out: Published[] = [];
  await deps.db.tx(async (q) => {
    await eventLog.lock(q);
    const { order, med } = await actingOn(q, user, orderId);
    const next = NEXT_STAGE[med.stage];
    if (!next) throw new Conflict(m('mediation.lastStage'));
    await sql.insertSession(q, {
      mediationId: med.id,
      stage: med.stage,
      heldAt: at,
      mediatorId: user.id,
      mediatorName: user.displayName,
      note: input.reason,
      outcome: 'referred',
    });
    await sql.setStage(q, med.id, next);
    await noteOnOrder(q, deps, order, user, at, { step: 'referred', from: med.stage, stage: next }, out, input.reason);
  });
  return out;
}

export async function recordOutcome(
  deps: OrderDeps,
  user: AuthUser,
  orderId: number,
  input: OutcomeInput,
): Promise<Published[]> {
  refusePersonal([[m('mediation.field.note'), input.note]]);
  const now = deps.now();
  const at = now.toISOString();
  const out: Published[] = [];
  await deps.db.tx(async (q) => {
    await eventLog.lock(q);
    const { order, med } = await actingOn(q, user, orderId);
    const photos = [...new Set(input.photos)];
    if (input.outcome === 'agreement' && !photos.length) throw new Invalid(m('mediation.agreementNeedsPhoto'));
    if (photos.length) {
      const mine = await orderSql.photosUploadedBy(q, user.id, photos);
      const missing = photos.filter((p) => !mine.includes(p));
      if (missing.length) throw new Invalid(m('mediation.unknownPhotos', { ids: missing }));
    }
    await sql.closeMediation(q, med.id, { status: input.outcome, note: input.note, photos, by: user.id, at });
    if (input.outcome === 'agreement')
      await sql.insertFollowups(q, med.id, followupDates(now, input.followupDays ?? DEFAULT_FOLLOWUP_DAYS));
    await noteOnOrder(q, deps, order, user, at, { step: 'closed', stage: med.stage, status: input.outcome }, out);
  });
  return out;
}

export async function logFollowupVisit(
  deps: OrderDeps,
  user: AuthUser,
  orderId: number,
  input: FollowupInput,
): Promise<Published[]> {
  refusePersonal([[m('mediation.field.note'), input.note]]);
  const at = deps.now().toISOString();
  const out: Published[] = [];
  await deps.db.tx(async (q) => {
    await eventLog.lock(q);
    const order = await orderOf(q, user, orderId);
    const med = await sql.mediationOfOrder(q, user.areaPath, orderId, true);
    if (!med) throw new Conflict(m('mediation.none', { id: orderId }));
    if (med.status === 'open') throw new Conflict(m('mediation.followupBeforeOutcome'));
    if (!stageOf(user, order.areaPath)) throw new Forbidden(m('mediation.notFollowUpParty'));
    const f = (await sql.followupsOf(q, med.id)).find((x) => x.id === input.followupId);
    if (!f) throw new Conflict(m('mediation.followupNotFound', { id: input.followupId }));
    if (f.doneAt) throw new Conflict(m('mediation.followupDone', { id: input.followupId }));
    await sql.logFollowup(q, f.id, { note: input.note, at, accountId: user.id, accountName: user.displayName });
    await noteOnOrder(q, deps, order, user, at, { step: 'followup', stage: med.stage }, out);
  });
  return out;
}
