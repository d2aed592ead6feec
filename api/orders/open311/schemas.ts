// GeoReport v2 shapes as zod schemas (https://wiki.open311.org/GeoReport_v2), field names exactly as
// the spec spells them; they type the adapter and document its routes in /api/openapi.json.
import { z } from 'zod';
import { DbId } from '../../../contract/ids.js';

export const Format = z.enum(['json', 'xml'], { error: 'orders.open311.format' });
export type Format = z.infer<typeof Format>;

export const Open311Service = z.object({
  service_code: z.string(),
  service_name: z.string(),
  description: z.string(),
  metadata: z.boolean(),
  type: z.literal('realtime'),
  keywords: z.string(),
  group: z.string(),
});
export type Open311Service = z.infer<typeof Open311Service>;

export const Open311Attribute = z.object({
  variable: z.boolean(),
  code: z.string(),
  datatype: z.enum(['string', 'number', 'singlevaluelist']),
  required: z.boolean(),
  datatype_description: z.string(),
  order: DbId,
  description: z.string(),
  values: z.array(z.object({ key: z.string(), name: z.string() })),
});
export type Open311Attribute = z.infer<typeof Open311Attribute>;

export const Open311ServiceDefinition = z.object({ service_code: z.string(), attributes: z.array(Open311Attribute) });
export type Open311ServiceDefinition = z.infer<typeof Open311ServiceDefinition>;

export const Open311Request = z.object({
  service_request_id: z.string(),
  status: z.enum(['open', 'closed']),
  status_notes: z.string(),
  service_name: z.string(),
  service_code: z.string(),
  description: z.string(),
  agency_responsible: z.string(),
  service_notice: z.string(),
  requested_datetime: z.string(),
  updated_datetime: z.string(),
  expected_datetime: z.string(),
  address: z.string(),
  address_id: z.string(),
  zipcode: z.string(),
  lat: z.number(),
  long: z.number(),
  media_url: z.string(),
});
export type Open311Request = z.infer<typeof Open311Request>;

export const Open311Created = z.object({
  service_request_id: z.string(),
  service_notice: z.string(),
  account_id: z.string(),
});
export type Open311Created = z.infer<typeof Open311Created>;

export const Open311Token = z.object({ service_request_id: z.string(), token: z.string() });

export const Open311Discovery = z.object({
  changeset: z.string(),
  contact: z.string(),
  key_service: z.string(),
  endpoints: z.array(
    z.object({
      specification: z.string(),
      url: z.string(),
      changeset: z.string(),
      type: z.enum(['production', 'test']),
      formats: z.array(z.string()),
    }),
  ),
});
export type Open311Discovery = z.infer<typeof Open311Discovery>;

export const Open311Error = z.object({ code: z.number().int(), description: z.string() });
/** An error answer under /open311/: the spec's array of errors (in XML, `<errors><error>…`). */
export const Open311ErrorBody = z.array(Open311Error);

const Scalar = z.union([z.string(), z.number()]);
const text = (description: string) => Scalar.optional().meta({ description });

/** POST requests.{format}: form-encoded per spec, or JSON. `attribute[code]=value` keys pass through the catch-all. */
export const Open311PostBody = z
  .object({
    api_key: z
      .string()
      .optional()
      .meta({ description: 'Session token of an account that may report (POST /api/auth/login)' }),
    jurisdiction_id: text('Ignored: this endpoint serves one jurisdiction'),
    service_code: text('A service_code from services.{format}'),
    lat: text('WGS84 latitude (required: addresses are not geocoded)'),
    long: text('WGS84 longitude (required)'),
    address_string: text('Not accepted without lat/long: we do not geocode'),
    address_id: text('Not accepted without lat/long'),
    description: text('What is wrong (at most 2000 characters)'),
    first_name: text('Given name of the reporter'),
    last_name: text('Family name of the reporter; name = last_name + first_name'),
    phone: text('Mainland China mobile number of the reporter (for the callback)'),
    email: text('Ignored: not stored'),
    device_id: text('Ignored'),
    account_id: text('Ignored: the account is the api_key'),
    media_url: text('http(s) URL kept with the order as-is; never fetched'),
    callback_url: text(
      "URL of an 'open311.status' webhook an administrator registered for this account: the request's status changes are POSTed there",
    ),
    attribute: z
      .record(z.string(), Scalar)
      .optional()
      .meta({ description: 'JSON alternative to attribute[code]=value' }),
  })
  .catchall(z.unknown())
  .optional();
export type Open311PostBody = z.infer<typeof Open311PostBody>;

const List = z.union([z.string(), z.array(z.string())]).transform((v) =>
  (Array.isArray(v) ? v : [v])
    .flatMap((s) => s.split(','))
    .map((s) => s.trim())
    .filter(Boolean),
);

export const Open311RequestsQuery = z.object({
  service_request_id: List.optional().meta({ description: 'Comma-separated ids; overrides every other filter' }),
  service_code: List.optional().meta({ description: 'Comma-separated service codes' }),
  start_date: z
    .string()
    .optional()
    .meta({ description: 'W3C datetime, e.g. 2026-01-01T00:00:00Z; default: 90 days before end_date' }),
  end_date: z
    .string()
    .optional()
    .meta({ description: 'W3C datetime; default: now (or 90 days after start_date); span at most 90 days' }),
  status: List.optional().meta({ description: 'open, closed, or open,closed' }),
  jurisdiction_id: z.string().optional(),
});
export type Open311RequestsQuery = z.infer<typeof Open311RequestsQuery>;
