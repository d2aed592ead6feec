// POST requests: the spec's form parameters → the OrderCreate every intake path sends to createOrder.
// We do not geocode, so lat/long are required; email, device_id and account_id are not stored; the
// reporter is last_name + first_name with a mainland mobile; media_url is kept in the order's fields
// (`media_url`) as given and never fetched, so it can be shown back to Open311 clients.
import { bilingual, m as msg, named } from '../../../contract/messages/index.js';
import { OrderCreate } from '../../../contract/orders.js';
import { Invalid, NotFound } from '../../http/errors.js';
import { attributesOf, HAZARD_ATTRIBUTE, open311Category } from './catalogue.js';
import type { Open311PostBody } from './schemas.js';
import { issueText } from '../../http/route.js';

type Body = NonNullable<Open311PostBody>;

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const ATTRIBUTE_KEY = /^attribute\[([^\]]*)\](\[\])?$/;
const MEDIA_URL_MAX = 500;

const str = (v: unknown): string => (typeof v === 'string' ? v.trim() : typeof v === 'number' ? String(v) : '');

function toNumber(v: unknown): number | null {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  const s = str(v);
  return NUMBER.test(s) ? Number(s) : null;
}

function locationOf(b: Body): { lon: number; lat: number } {
  const hasLat = str(b.lat) !== '';
  const hasLong = str(b.long) !== '';
  if (!hasLat && !hasLong) {
    if (str(b.address_string) || str(b.address_id)) {
      throw new Invalid(msg('orders.open311.noGeocoding'));
    }
    throw new Invalid(msg('orders.open311.locationRequired'));
  }
  if (!hasLat || !hasLong) throw new Invalid(msg('orders.open311.latAndLong'));
  const lat = toNumber(b.lat);
  const lon = toNumber(b.long);
  if (lat === null || lon === null)
    throw new Invalid(msg('orders.open311.decimalDegrees', { lat: str(b.lat), long: str(b.long) }));
  return { lon, lat };
}

/** attribute[code]=value form keys and a JSON `attribute` object, as one map. */
function rawAttributes(b: Body): Map<string, unknown> {
  const out = new Map<string, unknown>(Object.entries(b.attribute ?? {}));
  for (const [key, value] of Object.entries(b)) {
    const m = ATTRIBUTE_KEY.exec(key);
    if (!m) continue;
    if (m[2] || Array.isArray(value)) throw new Invalid(msg('orders.open311.singleValue', { key }));
    out.set(m[1], value);
  }
  return out;
}

function reporterOf(b: Body): OrderCreate['reporter'] {
  const name = `${str(b.last_name)}${str(b.first_name)}`.trim();
  const phone = str(b.phone);
  if (!name && !phone) return undefined;
  if (!phone) throw new Invalid(msg('orders.open311.phoneWithName'));
  if (!name) throw new Invalid(msg('orders.open311.nameWithPhone'));
  return { name, phone };
}

function mediaUrlOf(b: Body): string | undefined {
  const s = str(b.media_url);
  if (!s) return undefined;
  let ok = s.length <= MEDIA_URL_MAX;
  try {
    ok &&= ['http:', 'https:'].includes(new URL(s).protocol);
  } catch {
    ok = false;
  }
  if (!ok) throw new Invalid(msg('orders.open311.mediaUrl', { max: MEDIA_URL_MAX }));
  return s;
}

/** The contract's path of an issue, named as the Open311 client sent it. */
function open311Name(path: readonly PropertyKey[]): string {
  const [head, sub] = path.map(String);
  if (head === 'categoryCode') return 'service_code';
  if (head === 'lon') return 'long';
  if (head === 'hazardLevel') return `attribute[${HAZARD_ATTRIBUTE}]`;
  if (head === 'fields') return `attribute[${sub}]`;
  if (head === 'reporter') return sub === 'phone' ? 'phone' : 'last_name/first_name';
  return head ?? 'request';
}

/** Throws Invalid (400) or NotFound (404, unknown service_code) with a message naming the parameter. */
export function orderInputFrom(body: Open311PostBody): OrderCreate {
  const b: Body = body ?? {};
  const code = str(b.service_code);
  if (!code) throw new Invalid(msg('orders.open311.serviceCodeMissing'));
  const cat = open311Category(code);
  if (!cat) throw new NotFound(msg('orders.open311.serviceCodeUnknown', { code }));
  const { lon, lat } = locationOf(b);

  const specs = new Map(attributesOf(cat).map((a) => [a.code, a]));
  const fields: Record<string, string | number> = {};
  let hazardLevel: string | undefined;
  for (const [key, value] of rawAttributes(b)) {
    if (value === undefined || (typeof value === 'string' && value.trim() === '')) continue; // a form's blank field
    const spec = specs.get(key);
    if (!spec) {
      const valid = specs.size ? [...specs.keys()] : msg('orders.open311.none');
      throw new Invalid(msg('orders.open311.noSuchAttribute', { key, category: named(cat), valid }));
    }
    if (typeof value !== 'string' && typeof value !== 'number')
      throw new Invalid(msg('orders.open311.attributeSingle', { key }));
    if (key === HAZARD_ATTRIBUTE) hazardLevel = str(value);
    else if (spec.datatype === 'number') {
      const n = toNumber(value);
      if (n === null) throw new Invalid(msg('orders.open311.attributeNumber', { key, value: str(value) }));
      fields[key] = n;
    } else fields[key] = str(value);
  }
  const mediaUrl = mediaUrlOf(b);
  if (mediaUrl) fields.media_url = mediaUrl;

  const candidate = {
    categoryCode: code,
    description: str(b.description) || bilingual(msg('orders.open311.noDescription', { category: named(cat) })),
    lon,
    lat,
    hazardLevel,
    reporter: reporterOf(b),
    source: 'open311',
    fields,
  };
  const r = OrderCreate.safeParse(candidate);
  if (!r.success) {
    const issue = r.error.issues[0];
    throw new Invalid(msg('orders.open311.invalidField', { field: open311Name(issue.path), issue: issueText(issue) }));
  }
  return r.data;
}
