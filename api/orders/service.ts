// Work-order use cases, each one transaction: queries + pure rules + events + pushes. Returns what to
// publish after commit, so the HTTP routes, the Open311 adapter and the scheduler share one path.
import { bilingual, m, named } from '../../contract/messages/index.js';
import crypto from 'node:crypto';
import { categoryByCode } from '../../contract/order-categories.js';
import type {
  AlarmPush,
  OrderAction,
  OrderCreate,
  OrderDetail,
  OrderEvent,
  OrderSummary,
} from '../../contract/orders.js';
import type { AuthUser } from '../auth/session.js';
import type { Db, Queryable } from '../db/index.js';
import * as eventLog from '../events/log.js';
import type { Published } from '../events/log.js';
import { Conflict, Forbidden, Invalid, NotFound } from '../http/errors.js';
import { type RateLimiter, refuse } from '../http/rate-limit.js';
import { type TextView, readsRawText } from '../privacy/free-text.js';
import { maskStrings, maskText } from '../privacy/mask-text.js';
import type { EscalationPolicy } from '../../core/orders/escalation.js';
import { transition } from '../../core/orders/lifecycle.js';
import * as sql from './queries.js';
import {
  actorOf,
  assistsOf,
  partyOfAccount,
  departmentOf,
  latestExtension,
  namesFor,
  recordPartyRows,
} from './parties.js';
import { checkPartyAction } from './party-checks.js';
import { availableActions } from '../../core/orders/available.js';
import { publicTextOf } from './public-text.js';
import { routeOrder } from '../../core/orders/routing.js';
import { deadlineFor, slaState } from '../../core/orders/sla.js';
import { type NewOrderEvent, type OrderState, SYSTEM_ACTOR, isConflict, reportOrder } from '../../core/orders/state.js';

export interface OrderDeps {
  db: Db;
  policy: EscalationPolicy;
  now: () => Date;
  /** Reports per account (HTTP and Open311 share it); absent: no limit. */
  intake?: RateLimiter;
}

/** Within this distance an open order of the same category is offered as a possible duplicate. */
export const DUPLICATE_RADIUS_M = 250;

export function toSummary(o: sql.OrderRecord, policy: EscalationPolicy, now: Date): OrderSummary {
  return {
    id: o.id,
    categoryCode: o.categoryCode,
    status: o.status,
    hazardLevel: o.hazardLevel,
    lon: o.lon,
    lat: o.lat,
    gridId: o.gridId,
    source: o.source,
    reportedAt: o.reportedAt,
    deadline: o.deadline,
    sla: slaState(o, policy.sla, now).state,
    escalationLevel: o.escalationLevel,
    cardsIssued: o.cardsIssued,
    leadDept: o.leadDept,
    holder: o.holder,
    updatedSeq: o.updatedSeq,
  };
}

export { actorOf };

/** Records one event with a fresh seq, writes the new state, and queues its push. */
export async function record(
  q: Queryable,
  deps: OrderDeps,
  rec: sql.OrderRecord,
  next: OrderState,
  event: NewOrderEvent,
  out: Published[],
  topic: Published['topic'] = 'order:updated',
  extra: Record<string, unknown> = {},
): Promise<sql.OrderRecord> {
  const seq = await eventLog.drawSeq(q);
  const deadline = deadlineFor(next.clockStart, next.hazardLevel, deps.policy.sla, next.extensionMs).toISOString();
  await sql.updateOrderState(q, next, deadline, seq);
  await recordPartyRows(q, next, event);
  const updated: sql.OrderRecord = { ...rec, ...next, deadline, updatedSeq: seq };
  const payload = { seq, ...extra, order: toSummary(updated, deps.policy, new Date(event.at)) };
  // The departments that hear it: the one holding or leading it now or just before, and those assisting.
  const depts = [
    ...new Set(
      [rec.holder.dept, rec.leadDept, next.holder.dept, next.leadDept, ...next.assists.map((x) => x.dept)].filter(
        (d): d is string => !!d,
      ),
    ),
  ];
  await sql.appendEvent(q, seq, event, topic, rec.areaPath, payload, depts);
  out.push({ topic, areaPath: rec.areaPath, payload, ...(depts.length ? { depts } : {}) });
  return updated;
}

export async function alarm(
  q: Queryable,
  areaPath: string,
  body: Omit<AlarmPush, 'seq'>,
  out: Published[],
): Promise<void> {
  out.push(await eventLog.append(q, { topic: 'alarm', areaPath, body }));
}

export interface CreateOutcome {
  order: OrderSummary;
  created: boolean;
  duplicates: { id: number; distance: number; status: string; reportedAt: string }[];
  published: Published[];
}

/**
 * Reports an order. With `publish` the pushes go out as soon as the transaction commits, before the
 * duplicate search that only the reporter's response needs; without it they come back in `published`.
 */
export async function createOrder(
  deps: OrderDeps,
  user: AuthUser,
  input: OrderCreate,
  idempotencyKey?: string,
  publish?: (p: Published[]) => void,
): Promise<CreateOutcome> {
  const wait = (await deps.intake?.take(`account:${user.id}`)) ?? 0;
  if (wait > 0) refuse(wait, 'orders.tooManyReports');
  const now = deps.now();
  const requestHash = crypto.createHash('sha256').update(JSON.stringify(input)).digest('hex');
  const grid = await sql.gridAt(deps.db, input.lon, input.lat);
  if (!grid) {
    throw new Invalid(m('orders.outsideDistrict', { lon: input.lon, lat: input.lat }));
  }
  if (!grid.path.startsWith(user.areaPath)) throw new Forbidden(m('orders.placeOutsideScope'));
  if (input.photos?.length) {
    const mine = await sql.photosUploadedBy(deps.db, user.id, input.photos);
    const missing = input.photos.filter((p) => !mine.includes(p));
    if (missing.length) throw new Invalid(m('orders.unknownPhotos', { ids: missing }));
  }
  const published: Published[] = [];
  const actor = actorOf(user, [grid.id]);
  // The id is drawn by the insert; 0 stands in for it until then.
  const { order, event } = reportOrder(input, { id: 0, gridId: grid.id, areaPath: grid.path, actor, now });
  let rec: sql.OrderRecord = {
    ...order,
    description: input.description,
    lon: input.lon,
    lat: input.lat,
    fields: input.fields ?? {},
    photos: input.photos ?? [],
    reporterName: input.reporter?.name ?? null,
    reporterPhone: input.reporter?.phone ?? null,
    deadline: deadlineFor(order.clockStart, order.hazardLevel, deps.policy.sla).toISOString(),
    updatedSeq: 0,
  };
  const claim = idempotencyKey ? { accountId: user.id, key: idempotencyKey, requestHash } : undefined;
  const category = categoryByCode(order.categoryCode);
  // Safety hazards are dispatched on discovery by type (seed 003): accepted and dispatched by the system.
  const autoDispatch = category?.family === 'safety';
  const critical = order.hazardLevel === 'critical';

  const report = async (q: Queryable) => {
    const drawn = await sql.insertReportedOrder(q, rec, event, { order: toSummary(rec, deps.policy, now) }, claim);
    if (drawn) {
      rec = { ...rec, id: drawn.id, updatedSeq: drawn.seq };
      published.push({
        topic: 'order:created',
        areaPath: grid.path,
        payload: { seq: drawn.seq, order: toSummary(rec, deps.policy, now) },
      });
    }
    return drawn !== null;
  };
  const earlier = async (q: Queryable) => {
    const prior = (await sql.idempotentOrder(q, user.id, idempotencyKey!))!;
    if (prior.requestHash !== requestHash) throw new Conflict(m('orders.idempotencyKeyReused'));
    const existing = (await sql.orderInScope(q, '/', prior.orderId))!;
    return { order: toSummary(existing, deps.policy, now), created: false };
  };

  let outcome: { order: OrderSummary; created: boolean };
  if (!autoDispatch && !critical) {
    // Most reports are one statement in its own transaction: the event lock is held for the shortest time.
    outcome = (await report(deps.db))
      ? { order: toSummary(rec, deps.policy, now), created: true }
      : await earlier(deps.db);
  } else {
    outcome = await deps.db.tx(async (q) => {
      if (!(await report(q))) return earlier(q);
      if (autoDispatch) {
        const route = routeOrder(await sql.responsibilityRules(q), {
          categoryCode: order.categoryCode,
          hazardLevel: order.hazardLevel,
          areaLine: grid.path.split('/').filter(Boolean).map(Number),
        });
        if (route) {
          for (const action of [
            { action: 'accept' },
            {
              action: 'dispatch',
              leadDept: route.leadDept,
              assistDepts: route.assistDepts,
              note: bilingual(m('orders.autoDispatchNote')),
            },
          ] as OrderAction[]) {
            const t = transition(rec, action, SYSTEM_ACTOR, now);
            if (isConflict(t)) break;
            rec = await record(q, deps, rec, t.order, t.event, published);
          }
        }
      }
      if (critical) {
        await alarm(
          q,
          grid.path,
          {
            kind: 'critical_hazard',
            severity: 'critical',
            message: m('orders.alarm.criticalHazard', {
              category: category ? named(category) : order.categoryCode,
              id: rec.id,
            }),
            orderId: rec.id,
            areaId: grid.id,
          },
          published,
        );
      }
      return { order: toSummary(rec, deps.policy, now), created: true };
    });
  }
  const toPublish = outcome.created ? published : [];
  publish?.(toPublish);
  const duplicates = outcome.created
    ? await sql.nearbyOpenOrders(
        deps.db,
        user.areaPath,
        input.categoryCode,
        input.lon,
        input.lat,
        DUPLICATE_RADIUS_M,
        outcome.order.id,
      )
    : [];
  return { ...outcome, duplicates, published: publish ? [] : toPublish };
}

export async function actOnOrder(
  deps: OrderDeps,
  user: AuthUser,
  id: number,
  action: OrderAction,
): Promise<{ order: OrderSummary; published: Published[] }> {
  const now = deps.now();
  const published: Published[] = [];
  const order = await deps.db.tx(async (q) => {
    await eventLog.lock(q);
    const rec = await sql.orderInScope(q, user.areaPath, id, true, departmentOf(user));
    if (!rec) throw new NotFound(m('orders.notFoundInScope', { id }));
    await checkPartyAction(q, user, action);
    if (action.action === 'mark_duplicate') {
      if (action.duplicateOf === id) throw new Invalid(m('orders.refuse.duplicateOfItself'));
      if (!(await sql.orderInScope(q, user.areaPath, action.duplicateOf)))
        throw new Invalid(m('orders.notFound', { id: action.duplicateOf }));
    }
    if (action.action === 'dispatch' || action.action === 'reroute') {
      const known = await sql.knownDepartments(q, [action.leadDept, ...action.assistDepts]);
      const unknown = [action.leadDept, ...action.assistDepts].filter((d) => !known.includes(d));
      if (unknown.length) throw new Invalid(m('orders.unknownDepartments', { codes: unknown }));
    }
    if (
      (action.action === 'resolve' || action.action === 'note' || action.action === 'start') &&
      action.photos?.length
    ) {
      const mine = await sql.photosUploadedBy(q, user.id, action.photos);
      const missing = action.photos.filter((p) => !mine.includes(p));
      if (missing.length) throw new Invalid(m('orders.unknownPhotos', { ids: missing }));
    }
    const t = transition(rec, action, actorOf(user, [rec.gridId]), now);
    if (isConflict(t)) throw new Conflict(t.message, { allowed: t.allowed });
    const updated = await record(q, deps, rec, t.order, t.event, published);
    return toSummary(updated, deps.policy, now);
  });
  return { order, published };
}

const ROLES_SEEING_REPORTER = new Set(['admin', 'dispatcher']);

function mask(name: string, phone: string) {
  return {
    name: name.slice(0, 1) + '*'.repeat(Math.max(1, name.length - 1)),
    phone: phone.length >= 11 ? `${phone.slice(0, 3)}****${phone.slice(-4)}` : '****',
  };
}

/** Free text an event carries: its reason, and the note or comment in its data. */
const EVENT_TEXT_KEYS = ['note', 'comment'] as const;

/**
 * A grid worker reading an order of their grid handles it there (start, resolve); a department account reads only the
 * orders its department holds, leads or assists, and handles those.
 */
const handles = (user: AuthUser) => user.role === 'grid_worker' || user.role === 'department';

function eventAsRead(e: OrderEvent, user: AuthUser, view: TextView): OrderEvent {
  if (readsRawText(user, { authorId: e.actor.id, handler: handles(user), view })) return e;
  return {
    ...e,
    ...(e.reason !== undefined ? { reason: maskText(e.reason) } : {}),
    ...(e.data ? { data: maskStrings(e.data, EVENT_TEXT_KEYS) } : {}),
  };
}

export async function orderDetail(
  deps: OrderDeps,
  user: AuthUser,
  id: number,
  view: TextView = 'console',
): Promise<OrderDetail> {
  const rec = await sql.orderInScope(deps.db, user.areaPath, id, false, departmentOf(user));
  if (!rec) throw new NotFound(m('orders.notFoundInScope', { id }));
  const events = (await sql.eventsOfOrder(deps.db, id)).map((e) => eventAsRead(e, user, view));
  // What the reporter wrote, as this reader may see it (scope is checked above: a grid worker's orders are of their grids).
  const raw = readsRawText(user, { authorId: rec.reportedBy, handler: handles(user), view });
  let reporter: OrderDetail['reporter'] = null;
  if (rec.reporterName !== null && rec.reporterPhone !== null) {
    reporter =
      ROLES_SEEING_REPORTER.has(user.role) && view === 'console'
        ? { name: rec.reporterName, phone: rec.reporterPhone }
        : mask(rec.reporterName, rec.reporterPhone);
  }
  const now = deps.now();
  const names = await namesFor(deps.db, rec);
  return {
    ...toSummary(rec, deps.policy, now),
    holder: names.holder,
    supervisingLevel: rec.escalationLevel,
    place: names.place,
    assists: (await assistsOf(deps.db, id)).map((x) => ({
      ...x,
      note: x.note === null || raw ? x.note : maskText(x.note),
    })),
    extension: await latestExtension(deps.db, id),
    actions: availableActions(rec, actorOf(user, [rec.gridId]), now),
    description: raw ? rec.description : maskText(rec.description),
    photos: rec.photos,
    fields: raw ? rec.fields : maskStrings(rec.fields),
    assistDepts: rec.assistDepts,
    reporter,
    rating: rec.rating,
    reopenCount: rec.reopenCount,
    callbackDue: rec.callbackDue,
    duplicateOf: rec.duplicateOf,
    events,
    publicText: await publicTextOf(deps.db, id),
  };
}

export async function listOrders(
  deps: OrderDeps,
  user: AuthUser,
  f: sql.OrderFilter,
  holder?: 'mine',
): Promise<OrderSummary[]> {
  const now = deps.now();
  if (holder === 'mine') {
    const p = partyOfAccount(user);
    f = {
      ...f,
      mine:
        p === undefined
          ? { kind: 'centre', areaId: null }
          : p === null
            ? 'none'
            : p.kind === 'department'
              ? { dept: p.dept ?? '' }
              : { kind: p.kind, areaId: p.areaId },
    };
  }
  return (await sql.ordersInScope(deps.db, user.areaPath, { ...f, dept: departmentOf(user) })).map((o) =>
    toSummary(o, deps.policy, now),
  );
}
