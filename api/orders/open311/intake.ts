// POST requests: the spec's form parameters → the OrderCreate every intake path sends to createOrder.
// We do not geocode, so lat/long are required; email, device_id and account_id are not stored; the
// reporter is last_name + first_name with a mainland mobile; media_url is kept in the order's fields
// (`media_url`) as given and never fetched, so it can be shown back to Open311 clients.
import { OrderCreate } from '../../../contract/orders.js';
import { Invalid, NotFound } from '../../http/errors.js';
import { attributesOf, HAZARD_ATTRIBUTE, open311Category } from './catalogue.js';
import type { Open311PostBody } from './schemas.js';

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
      throw new Invalid('本系统不做地址解析，请提供 WGS84 坐标 lat 和 long / addresses are not geocoded here: send lat and long (WGS84)');
    }
    throw new Invalid('请提供位置 lat 和 long (WGS84) / lat and long (WGS84) are required');
  }
  if (!hasLat || !hasLong) throw new Invalid('lat 和 long 须同时提供 / send both lat and long');
  const lat = toNumber(b.lat);
  const lon = toNumber(b.long);
  if (lat === null || lon === null) throw new Invalid(`lat/long 须为十进制度数 / lat and long must be decimal degrees (got ${str(b.lat)}, ${str(b.long)})`);
  return { lon, lat };
}

/** attribute[code]=value form keys and a JSON `attribute` object, as one map. */
function rawAttributes(b: Body): Map<string, unknown> {
  const out = new Map<string, unknown>(Object.entries(b.attribute ?? {}));
  for (const [key, value] of Object.entries(b)) {
    const m = ATTRIBUTE_KEY.exec(key);
    if (!m) continue;
    if (m[2] || Array.isArray(value)) throw new Invalid(`${key}: 本系统没有多选属性，只能给一个值 / no attribute here takes several values`);
    out.set(m[1], value);
  }
  return out;
}

function reporterOf(b: Body): OrderCreate['reporter'] {
  const name = `${str(b.last_name)}${str(b.first_name)}`.trim();
  const phone = str(b.phone);
  if (!name && !phone) return undefined;
  if (!phone) throw new Invalid('留了姓名请同时留手机号，便于回访 / with a name, give a mobile phone too (we call back)');
  if (!name) throw new Invalid('留了手机号请同时留姓名 (last_name/first_name) / with a phone, give last_name or first_name too');
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
  if (!ok) throw new Invalid(`media_url 须为不超过 ${MEDIA_URL_MAX} 字符的 http(s) 地址 / media_url must be an http(s) URL of at most ${MEDIA_URL_MAX} characters`);
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
  if (!code) throw new Invalid('未提供 service_code / service_code was not provided');
  const cat = open311Category(code);
  if (!cat) throw new NotFound(`service_code ${code} 不存在，见 services.json / service_code ${code} not found; see services.json`);
  const { lon, lat } = locationOf(b);

  const specs = new Map(attributesOf(cat).map((a) => [a.code, a]));
  const fields: Record<string, string | number> = {};
  let hazardLevel: string | undefined;
  for (const [key, value] of rawAttributes(b)) {
    if (value === undefined || (typeof value === 'string' && value.trim() === '')) continue; // a form's blank field
    const spec = specs.get(key);
    if (!spec) {
      const valid = [...specs.keys()].join(', ') || '无 / none';
      throw new Invalid(`attribute[${key}]: 「${cat.zh}」没有此属性，可用 / ${code} has no such attribute; valid: ${valid}`);
    }
    if (typeof value !== 'string' && typeof value !== 'number') throw new Invalid(`attribute[${key}] 须为单个值 / must be a single value`);
    if (key === HAZARD_ATTRIBUTE) hazardLevel = str(value);
    else if (spec.datatype === 'number') {
      const n = toNumber(value);
      if (n === null) throw new Invalid(`attribute[${key}] 须为数字 / must be a number (got ${str(value)})`);
      fields[key] = n;
    } else fields[key] = str(value);
  }
  const mediaUrl = mediaUrlOf(b);
  if (mediaUrl) fields.media_url = mediaUrl;

  const candidate = {
    categoryCode: code,
    description: str(b.description) || `${cat.zh}（未附描述 / no description given）`,
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
    throw new Invalid(`${open311Name(issue.path)}: ${issue.message}`);
  }
  return r.data;
}
