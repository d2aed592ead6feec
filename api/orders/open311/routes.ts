// Open311 GeoReport v2 under /open311/v2/ (https://wiki.open311.org/GeoReport_v2), JSON and XML.
// Reads are public, as the spec intends (public transparency): every order of a public category
// (OrderCategory.public: not disputes, care, a resident's own applications…), but only the spec's
// fields — never the reporter, never free text but a staff-published public text, and the place
// coarsened to the grid (see public-view.ts and queries.ts, which never reads the rest).
// Writes need `api_key`: the session token of an account that may report (as POST /api/orders).
// A report becomes an ordinary order through createOrder (source 'open311'), honours
// Idempotency-Key, and is pushed live like any other. We create synchronously, so type is
// 'realtime' and a token is just the service_request_id.
import { langOf, m, renderMessage } from '../../../contract/messages/index.js';
import { REPORTERS } from '../routes.js';
import express, { type ErrorRequestHandler, type Request, Router } from 'express';
import { z } from 'zod';
import type { Role } from '../../../contract/auth.js';
import { userForToken } from '../../auth/session.js';
import { Forbidden, Invalid, NotFound } from '../../http/errors.js';
import { route } from '../../http/route.js';
import type { PublicPrecision } from '../../config.js';
import type { Published } from '../../events/log.js';
import { DUPLICATE_RADIUS_M, type OrderDeps, createOrder } from '../service.js';
import { open311Category, serviceDefinitionOf, services } from './catalogue.js';
import { orderInputFrom } from './intake.js';
import { callbackHookOf, linkCallback } from './callbacks.js';
import { toCst, toOpen311Request } from './public-view.js';
import { orderExists, publicOrders } from './queries.js';
import { OPEN311_PREFIX, open311Errors, reply } from './respond.js';
import {
  Format,
  Open311Created,
  Open311Discovery,
  Open311ErrorBody,
  Open311PostBody,
  Open311Request,
  Open311RequestsQuery,
  Open311Service,
  Open311ServiceDefinition,
  Open311Token,
} from './schemas.js';
import { requestFilterOf } from './search.js';

const BASE = '/open311/v2';
const CHANGESET = '2026-11-23T00:00:00+08:00';
const IdempotencyKey = z.string().min(8).max(128);
const Id = z.string().regex(/^\d{1,9}$/, 'orders.open311.positiveInteger');

const FormatParams = z.object({ format: Format });
const tag = 'open311';

export interface Open311Options {
  /** How coarsely a request's place is shown (GRIDWALL_PUBLIC_PRECISION_M). */
  precision: PublicPrecision;
}

export function open311Routes(
  deps: OrderDeps,
  publish: (p: Published[]) => void,
  { precision }: Open311Options = { precision: 'grid' },
): [Router, ErrorRequestHandler] {
  /** Open311 has no locale field: names and labels come in the language the client's Accept-Language asks for. */
  const langOfReq = (req: Request) => langOf(req.headers['accept-language']);
  const view = (rows: Awaited<ReturnType<typeof publicOrders>>, req: Request) =>
    rows.map((o) => toOpen311Request(o, precision, langOfReq(req)));
  const r = Router();
  r.use(OPEN311_PREFIX, express.urlencoded({ extended: false, limit: '64kb', parameterLimit: 200 }));

  route(
    r,
    {
      method: 'get',
      path: `${BASE}/discovery.:format`,
      tag,
      access: 'public',
      summary: 'Open311 service discovery',
      params: FormatParams,
      response: Open311Discovery,
      errorBody: Open311ErrorBody,
    },
    async ({ params, req, res }) => {
      const lang = langOfReq(req);
      const body: Open311Discovery = {
        changeset: CHANGESET,
        contact: renderMessage(m('orders.open311.contact'), lang),
        key_service: renderMessage(m('orders.open311.keyService'), lang),
        endpoints: [
          {
            specification: 'http://wiki.open311.org/GeoReport_v2',
            url: `${req.protocol}://${req.get('host')}${BASE}`,
            changeset: CHANGESET,
            type: 'production',
            formats: ['application/json', 'text/xml'],
          },
        ],
      };
      return reply(res, params.format, 'discovery', body);
    },
  );

  route(
    r,
    {
      method: 'get',
      path: `${BASE}/services.:format`,
      tag,
      access: 'public',
      summary: 'Open311 service list: one service per order category',
      params: FormatParams,
      response: z.array(Open311Service),
      errorBody: Open311ErrorBody,
    },
    async ({ params, req, res }) => reply(res, params.format, 'services', services(langOfReq(req))),
  );

  const DefinitionParams = z.object({ service_code: z.string().max(20), format: Format });
  route(
    r,
    {
      method: 'get',
      path: `${BASE}/services/:service_code.:format`,
      tag,
      access: 'public',
      summary: "Open311 service definition: the category's extra fields as attributes",
      params: DefinitionParams,
      response: Open311ServiceDefinition,
      errors: { 404: 'no such service_code' },
      errorBody: Open311ErrorBody,
    },
    async ({ params, req, res }) => {
      const cat = open311Category(params.service_code);
      if (!cat) throw new NotFound(m('orders.open311.serviceCodeUnknown', { code: params.service_code }));
      return reply(res, params.format, 'service_definition', serviceDefinitionOf(cat, langOfReq(req)));
    },
  );

  route(
    r,
    {
      method: 'get',
      path: `${BASE}/requests.:format`,
      tag,
      access: 'public',
      summary:
        'Open311 service requests of public categories (no personal data, no free text but a published public text, place coarsened); last 90 days by default, at most 1000',
      params: FormatParams,
      query: Open311RequestsQuery,
      response: z.array(Open311Request),
      errorBody: Open311ErrorBody,
    },
    async ({ params, query, req, res }) => {
      const rows = await publicOrders(deps.db, requestFilterOf(query, deps.now()), precision);
      return reply(res, params.format, 'service_requests', view(rows, req));
    },
  );

  route(
    r,
    {
      method: 'post',
      path: `${BASE}/requests.:format`,
      tag,
      access: 'public',
      summary: 'Open311 report (form-encoded or JSON; api_key required, 403 without); honours Idempotency-Key',
      params: FormatParams,
      body: Open311PostBody,
      response: z.array(Open311Created),
      status: 201,
      alsoOk: { 200: 'a retry with the same Idempotency-Key: the request it created' },
      errors: {
        403: 'no api_key, or one that may not report',
        404: 'no such service_code',
        409: 'the Idempotency-Key was used for another request',
        429: 'too many reports from this account',
      },
      errorBody: Open311ErrorBody,
    },
    async ({ params, body, req, res }) => {
      const apiKey = body?.api_key;
      if (!apiKey) throw new Forbidden(m('orders.open311.apiKeyMissing'));
      const user = await userForToken(deps.db, apiKey);
      if (!user) throw new Forbidden(m('orders.open311.apiKeyInvalid'));
      if (!(REPORTERS as readonly Role[]).includes(user.role))
        throw new Forbidden(m('orders.open311.roleMayNotReport', { role: user.role }));
      const input = orderInputFrom(body);
      const callback = body.callback_url ? await callbackHookOf(deps.db, user.id, String(body.callback_url)) : null;
      const header = req.get('idempotency-key');
      let key: string | undefined;
      if (header !== undefined) {
        const k = IdempotencyKey.safeParse(header);
        if (!k.success) throw new Invalid(m('orders.idempotencyKeyLength', { min: 8, max: 128 }));
        key = k.data;
      }
      const out = await createOrder(deps, user, input, key, publish);
      res.status(out.created ? 201 : 200);
      const id = out.order.id;
      if (callback !== null) await linkCallback(deps.db, id, callback);
      const due = toCst(out.order.deadline);
      const notice = out.duplicates.length
        ? m('orders.open311.registeredNearDuplicates', {
            id,
            due,
            count: out.duplicates.length,
            radius: DUPLICATE_RADIUS_M,
          })
        : m('orders.open311.registered', { id, due });
      const created: Open311Created = {
        service_request_id: String(id),
        service_notice: renderMessage(notice, langOfReq(req)),
        account_id: String(user.id),
      };
      return reply(res, params.format, 'service_requests', [created]);
    },
  );

  const RequestParams = z.object({ service_request_id: Id, format: Format });
  route(
    r,
    {
      method: 'get',
      path: `${BASE}/requests/:service_request_id.:format`,
      tag,
      access: 'public',
      summary: 'One Open311 service request (an array of one, per spec)',
      params: RequestParams,
      response: z.array(Open311Request),
      errors: { 404: 'no such public request' },
      errorBody: Open311ErrorBody,
    },
    async ({ params, req, res }) => {
      const rows = await publicOrders(deps.db, { ids: [Number(params.service_request_id)], limit: 1 }, precision);
      if (!rows.length) throw new NotFound(m('orders.open311.requestNotFound', { id: params.service_request_id }));
      return reply(res, params.format, 'service_requests', view(rows, req));
    },
  );

  const TokenParams = z.object({ token: Id, format: Format });
  route(
    r,
    {
      method: 'get',
      path: `${BASE}/tokens/:token.:format`,
      tag,
      access: 'public',
      summary: 'Open311 token → service_request_id (requests are created synchronously: the token is the id)',
      params: TokenParams,
      response: z.array(Open311Token),
      errors: { 404: 'no such token' },
      errorBody: Open311ErrorBody,
    },
    async ({ params, res }) => {
      if (!(await orderExists(deps.db, Number(params.token))))
        throw new NotFound(m('orders.open311.tokenNotFound', { token: params.token }));
      return reply(res, params.format, 'service_requests', [{ service_request_id: params.token, token: params.token }]);
    },
  );

  r.use(OPEN311_PREFIX, () => {
    throw new NotFound(m('orders.open311.noSuchEndpoint', { discovery: `${BASE}/discovery.json` }));
  });
  return [r, open311Errors];
}
