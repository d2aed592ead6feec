// The public face of an order as a GeoReport v2 service request: exactly the spec's fields, nothing
// about the reporter. Datetimes are W3C/ISO 8601 in China Standard Time (+08:00, no daylight saving).
import { categoryByCode, type Department } from '../../../contract/order-categories.js';
import type { OrderStatus } from '../../../contract/orders.js';
import { DEPARTMENT_NAMES } from '../departments.js';
import type { PublicOrderRow } from './queries.js';
import type { Open311Request } from './schemas.js';

/** Statuses the public sees as `closed`: finished one way or another. */
export const CLOSED_STATUSES: readonly OrderStatus[] = ['closed', 'cancelled', 'duplicate'];

export const open311Status = (s: OrderStatus): 'open' | 'closed' => (CLOSED_STATUSES.includes(s) ? 'closed' : 'open');

const CST_OFFSET_MS = 8 * 3600_000;

/** '2026-11-23T02:04:05.123Z' → '2026-11-23T10:04:05+08:00'. */
export function toCst(iso: string | Date): string {
  const t = new Date(iso).getTime() + CST_OFFSET_MS;
  return `${new Date(t).toISOString().slice(0, 19)}+08:00`;
}

/** Public label of each event kind: what a resident is told happened last. */
const EVENT_LABELS: Record<string, string> = {
  report: '已登记 / reported',
  accept: '已受理 / accepted',
  dispatch: '已派单至责任部门 / dispatched to the responsible department',
  start: '处置中 / work started',
  resolve: '已处置，待核查 / resolved, awaiting review',
  review_pass: '核查通过 / review passed',
  review_fail: '核查未通过，重新处置 / review failed, being redone',
  return: '已退回指挥中心重新派单 / returned to the center for re-dispatch',
  reroute: '已改派 / reassigned',
  hold: '已挂起 / on hold',
  resume: '已恢复处置 / resumed',
  rate: '已回访 / callback done',
  close: '已办结 / closed',
  cancel: '已撤销 / cancelled',
  mark_duplicate: '与其他工单重复，已合并 / duplicate of another request',
  reopen: '已重新打开 / reopened',
};

// A mainland mobile number anywhere in free text (with or without +86), masked as 138****5678.
const MOBILE_IN_TEXT = /(?<!\d)(\+?86[\s-]?)?(1[3-9]\d)[\s-]?(\d{4})[\s-]?(\d{4})(?!\d)/g;

/** Best effort: a resident may type their number into the description; the public view never shows it. */
export const maskMobiles = (text: string): string => text.replace(MOBILE_IN_TEXT, (_m, _cc, a: string, _b, d: string) => `${a}****${d}`);

export function statusNotes(action: string | null, reason: string | null): string {
  if (!action) return '';
  const label = EVENT_LABELS[action] ?? action;
  return maskMobiles(reason ? `${label}：${reason}` : label);
}

export function agencyOf(leadDept: string | null): string {
  return leadDept ? DEPARTMENT_NAMES[leadDept as Department]?.zh ?? leadDept : '';
}

export function toOpen311Request(o: PublicOrderRow): Open311Request {
  const cat = categoryByCode(o.categoryCode);
  return {
    service_request_id: String(o.id),
    status: open311Status(o.status),
    status_notes: statusNotes(o.lastAction, o.lastReason),
    service_name: cat?.zh ?? o.categoryCode,
    service_code: o.categoryCode,
    description: maskMobiles(o.description),
    agency_responsible: agencyOf(o.leadDept),
    service_notice: '',
    requested_datetime: toCst(o.reportedAt),
    updated_datetime: toCst(o.updatedAt ?? o.reportedAt),
    expected_datetime: toCst(o.deadline),
    address: '',
    address_id: '',
    zipcode: '',
    lat: o.lat,
    long: o.lon,
    media_url: o.mediaUrl ?? '',
  };
}
