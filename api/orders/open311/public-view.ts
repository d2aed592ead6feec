// The public face of an order as a GeoReport v2 service request: exactly the spec's fields, nothing
// about the reporter and no free text — the description is the public text a dispatcher published
// (masked on save), or empty; status notes are the label of the last step, never its reason; the place
// is the grid's label point or the centre of a lattice cell (GRIDWALL_PUBLIC_PRECISION_M), never the
// reported point. Datetimes are W3C/ISO 8601 in China Standard Time (+08:00, no daylight saving).
import { metresPerDegree } from '../../../core/geo/index.js';
import { m, named, renderMessage, type Lang } from '../../../contract/messages/index.js';
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

/** Steps with a public label (orders.publicStep.*): what a resident is told happened last. */
const PUBLIC_STEPS = [
  'report',
  'accept',
  'dispatch',
  'start',
  'resolve',
  'review_pass',
  'review_fail',
  'return',
  'reroute',
  'hold',
  'resume',
  'rate',
  'close',
  'cancel',
  'mark_duplicate',
  'reopen',
] as const;

/** What a resident is told happened last, in `lang`: the step's label only (its reason is staff's free text). */
export function statusNotes(action: string | null, lang: Lang = 'zh-CN'): string {
  if (!action) return '';
  const step = PUBLIC_STEPS.find((s) => s === action);
  return step ? renderMessage(m(`orders.publicStep.${step}`), lang) : action;
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
export function publicPlace(
  o: Pick<PublicOrderRow, 'lon' | 'lat'>,
  precision: PublicPrecision,
): { lon: number; lat: number } {
  return precision === 'grid' ? { lon: o.lon, lat: o.lat } : snapToLattice(o.lon, o.lat, precision);
}

export function agencyOf(leadDept: string | null, lang: Lang = 'zh-CN'): string {
  const dept = leadDept ? DEPARTMENT_NAMES[leadDept as Department] : undefined;
  return dept ? named(dept)[lang] : (leadDept ?? '');
}

/** The request as the public sees it; its labels and names in `lang`. */
export function toOpen311Request(
  o: PublicOrderRow,
  precision: PublicPrecision = 'grid',
  lang: Lang = 'zh-CN',
): Open311Request {
  const cat = categoryByCode(o.categoryCode);
  const place = publicPlace(o, precision);
  return {
    service_request_id: String(o.id),
    status: open311Status(o.status),
    status_notes: statusNotes(o.lastAction, lang),
    service_name: cat ? named(cat)[lang] : o.categoryCode,
    service_code: o.categoryCode,
    description: o.publicText ?? '',
    agency_responsible: agencyOf(o.leadDept, lang),
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
