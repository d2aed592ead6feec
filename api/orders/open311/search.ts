// GET requests: the spec's filters → a query. Dates are W3C datetimes (a bare date is a whole day in
// China Standard Time); without dates the window is the last 90 days, and no window may exceed 90 days.
import { m } from '../../../contract/messages/index.js';
import { z } from 'zod';
import { ORDER_STATUSES, type OrderStatus } from '../../../contract/orders.js';
import { Invalid } from '../../http/errors.js';
import { open311Category } from './catalogue.js';
import { CLOSED_STATUSES } from './public-view.js';
import type { PublicOrderFilter } from './queries.js';
import type { Open311RequestsQuery } from './schemas.js';

export const MAX_RESULTS = 1000;
export const MAX_SPAN_DAYS = 90;
const DAY_MS = 86_400_000;
const W3C_DATETIME = z.iso.datetime({ offset: true });
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** A W3C datetime, or a date taken as that day's first (or, for an end, last) millisecond in +08:00. */
export function parseW3c(name: string, value: string, end = false): Date {
  const s = value.trim();
  let t = NaN;
  if (DATE_ONLY.test(s)) t = Date.parse(`${s}T00:00:00+08:00`) + (end ? DAY_MS - 1 : 0);
  else if (W3C_DATETIME.safeParse(s).success) t = Date.parse(s);
  if (Number.isNaN(t)) throw new Invalid(m('orders.open311.badDatetime', { name, value: s }));
  return new Date(t);
}

function idsOf(list: string[]): number[] {
  if (list.length > MAX_RESULTS) throw new Invalid(m('orders.open311.tooManyIds', { max: MAX_RESULTS }));
  return list.map((s) => {
    if (!/^\d{1,9}$/.test(s) || Number(s) === 0) throw new Invalid(m('orders.open311.badId', { id: s }));
    return Number(s);
  });
}

function statusesOf(list: string[]): OrderStatus[] | undefined {
  const wanted = new Set<string>();
  for (const s of list) {
    if (s !== 'open' && s !== 'closed') throw new Invalid(m('orders.open311.badStatus', { value: s }));
    wanted.add(s);
  }
  if (wanted.size !== 1) return undefined;
  return ORDER_STATUSES.filter((s) => CLOSED_STATUSES.includes(s) === wanted.has('closed'));
}

export function requestFilterOf(q: Open311RequestsQuery, now: Date): PublicOrderFilter {
  // The spec: service_request_id "overrides all other arguments".
  if (q.service_request_id?.length) return { ids: idsOf(q.service_request_id), limit: MAX_RESULTS };

  const codes = q.service_code?.length ? q.service_code : undefined;
  for (const c of codes ?? []) {
    if (!open311Category(c)) throw new Invalid(m('orders.open311.serviceCodeUnknown', { code: c }));
  }
  const start = q.start_date ? parseW3c('start_date', q.start_date) : undefined;
  const end = q.end_date ? parseW3c('end_date', q.end_date, true) : undefined;
  const to = end ?? (start ? new Date(start.getTime() + MAX_SPAN_DAYS * DAY_MS) : now);
  const from = start ?? new Date(to.getTime() - MAX_SPAN_DAYS * DAY_MS);
  if (from > to) throw new Invalid(m('orders.open311.startAfterEnd'));
  if (to.getTime() - from.getTime() > MAX_SPAN_DAYS * DAY_MS) {
    throw new Invalid(m('orders.open311.spanTooLong', { days: MAX_SPAN_DAYS }));
  }
  return {
    categoryCodes: codes,
    statuses: q.status?.length ? statusesOf(q.status) : undefined,
    from: from.toISOString(),
    to: to.toISOString(),
    limit: MAX_RESULTS,
  };
}
