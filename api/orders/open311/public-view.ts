// The public face of an order as a GeoReport v2 service request: exactly the spec's fields, nothing
// about the reporter and no free text — the description is the public text a dispatcher published
// (masked on save), or empty; status notes are the label of the last step, never its reason; the place
// is the grid's label point or the centre of a lattice cell (GRIDWALL_PUBLIC_PRECISION_M), never the
// reported point. Datetimes are W3C/ISO 8601 in China Standard Time (+08:00, no daylight saving).
import { metresPerDegree } from '../../../core/geo/index.js';
import { categoryByCode, type Department } from '../../../contract/order-categories.js';
import type { OrderStatus } from '../../../contract/orders.js';
import type { PublicPrecision } from '../../config.js';
import { DEPARTMENT_NAMES } from '../../../core/orders/departments.js';
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

/** What a resident is told happened last: the step's label only (its reason is staff's free text). */
export function statusNotes(action: string | null): string {
  if (!action) return '';
  return EVENT_LABELS[action] ?? action;
}

/** Rows are one height in degrees the world over (the equator's metres per degree), so the lattice never moves. */
const M_PER_DEGREE_LAT = metresPerDegree(0).ky;
const round6 = (x: number) => Math.round(x * 1e6) / 1e6;

/**
 * The centre of the cell of a lattice of `metres` squares that holds the point: every point in a cell
 * maps to the same place. Rows are `metres` of latitude; each row's columns are `metres` of longitude at
 * the row's centre.
 */
export function snapToLattice(lon: number, lat: number, metres: number): { lon: number; lat: number } {
  const dLat = metres / M_PER_DEGREE_LAT;
  const cLat = (Math.floor(lat / dLat) + 0.5) * dLat;
  const dLon = metres / metresPerDegree(cLat).kx;
  const cLon = (Math.floor(lon / dLon) + 0.5) * dLon;
  return { lon: round6(cLon), lat: round6(cLat) };
}

/** The place shown: the row's point is the grid's label point already, or the reported point to snap. */
export function publicPlace(o: Pick<PublicOrderRow, 'lon' | 'lat'>, precision: PublicPrecision): { lon: number; lat: number } {
  return precision === 'grid' ? { lon: o.lon, lat: o.lat } : snapToLattice(o.lon, o.lat, precision);
}

export function agencyOf(leadDept: string | null): string {
  return leadDept ? DEPARTMENT_NAMES[leadDept as Department]?.zh ?? leadDept : '';
}

export function toOpen311Request(o: PublicOrderRow, precision: PublicPrecision = 'grid'): Open311Request {
  const cat = categoryByCode(o.categoryCode);
  const place = publicPlace(o, precision);
  return {
    service_request_id: String(o.id),
    status: open311Status(o.status),
    status_notes: statusNotes(o.lastAction),
    service_name: cat?.zh ?? o.categoryCode,
    service_code: o.categoryCode,
    description: o.publicText ?? '',
    agency_responsible: agencyOf(o.leadDept),
    service_notice: '',
    requested_datetime: toCst(o.reportedAt),
    updated_datetime: toCst(o.updatedAt ?? o.reportedAt),
    expected_datetime: toCst(o.deadline),
    address: '',
    address_id: '',
    zipcode: '',
    lat: place.lat,
    long: place.lon,
    // A reporter's photo may show faces, plates or a doorway: not published.
    media_url: '',
  };
}
