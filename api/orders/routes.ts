// HTTP: POST/GET /api/orders, GET /api/orders/:id, POST /api/orders/:id/actions, PUT/DELETE
// /api/orders/:id/public-text, GET /api/order-categories.
import { m } from '../../contract/messages/index.js';
import { Router } from 'express';
import { z } from 'zod';
import { AreaId } from '../../contract/areas.js';
import { ORDER_CATEGORIES } from '../../contract/order-categories.js';
import {
  OrderAction,
  OrderCategoryInfo,
  OrderCreate,
  OrderDetail,
  OrderId,
  OrderStatus,
  OrderSummary,
  PublicText,
  PublicTextInput,
} from '../../contract/orders.js';
import { TEXT_VIEWS } from '../privacy/free-text.js';
import { PUBLISHERS, publishPublicText, withdrawPublicText } from './public-text.js';
import { Invalid } from '../http/errors.js';
import { route } from '../http/route.js';
import { areaInScope } from '../areas/queries.js';
import { NotFound } from '../http/errors.js';
import type { Published } from '../events/log.js';
import { type OrderDeps, actOnOrder, createOrder, listOrders, orderDetail } from './service.js';
import { DbIdText } from '../../contract/ids.js';

const ListQuery = z.object({
  status: z
    .union([
      OrderStatus,
      z.string().transform((s, ctx) => {
        const parts = s.split(',');
        for (const p of parts)
          if (!OrderStatus.safeParse(p).success)
            ctx.addIssue({ code: 'custom', message: 'orders.unknownStatus', params: { status: p } });
        return parts as OrderStatus[];
      }),
    ])
    .optional(),
  category: z.string().max(20).optional(),
  area: AreaId.optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  overdue: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
  before: DbIdText.optional(),
  /** mine: the orders the account's party holds (a department: held by or assisting it). */
  holder: z.enum(['mine']).optional(),
});

const IdParams = z.object({ id: OrderId });
/** `view=wall`: the order is shown on a wall, so its free text is masked whoever is signed in. */
const DetailQuery = z.object({ view: z.enum(TEXT_VIEWS).default('console') });
const IdempotencyKey = z.string().min(8).max(128);

const CreateResponse = z.object({
  order: OrderSummary,
  created: z.boolean(),
  duplicates: z.array(z.object({ id: z.number(), distance: z.number(), status: z.string(), reportedAt: z.string() })),
});

/** Roles that may report a problem, through this API or Open311. */
export const REPORTERS = ['admin', 'operator', 'dispatcher', 'supervisor', 'grid_worker'] as const;
const READERS = ['admin', 'operator', 'dispatcher', 'planner', 'supervisor', 'grid_worker', 'department'] as const;
const ACTORS = ['admin', 'dispatcher', 'grid_worker', 'department'] as const;

export function orderRoutes(deps: OrderDeps, publish: (p: Published[]) => void): Router {
  const r = Router();

  route(
    r,
    {
      method: 'get',
      path: '/api/order-categories',
      tag: 'orders',
      access: 'any',
      summary: 'The category catalogue with the fields each report needs',
      response: z.array(OrderCategoryInfo),
    },
    async () => ORDER_CATEGORIES,
  );

  route(
    r,
    {
      method: 'post',
      path: '/api/orders',
      tag: 'orders',
      access: REPORTERS,
      summary: 'Report a problem; honours Idempotency-Key (a retry returns the same order)',
      body: OrderCreate,
      response: CreateResponse,
      status: 201,
      alsoOk: { 200: 'a retry with the same Idempotency-Key: the order it created' },
      errors: {
        409: 'the Idempotency-Key was used for another request',
        429: 'too many reports from this account: retry after Retry-After seconds',
      },
    },
    async ({ body, req, res, user }) => {
      const header = req.get('idempotency-key');
      let key: string | undefined;
      if (header !== undefined) {
        const k = IdempotencyKey.safeParse(header);
        if (!k.success) throw new Invalid(m('orders.idempotencyKeyLength', { min: 8, max: 128 }));
        key = k.data;
      }
      const out = await createOrder(deps, user!, body, key, publish);
      res.status(out.created ? 201 : 200);
      return { order: out.order, created: out.created, duplicates: out.duplicates };
    },
  );

  route(
    r,
    {
      method: 'get',
      path: '/api/orders',
      tag: 'orders',
      access: READERS,
      summary:
        'Orders in your scope, newest first; filters status, category, area, from/to, overdue, holder=mine (held by your party)',
      query: ListQuery,
      response: z.array(OrderSummary),
      errors: { 404: 'the area is outside your scope' },
    },
    async ({ query, user }) => {
      let areaPath: string | undefined;
      if (query.area !== undefined) {
        const a = await areaInScope(deps.db, user!.areaPath, query.area);
        if (!a) throw new NotFound(m('orders.areaNotInScope', { id: query.area }));
        areaPath = a.path;
      }
      const status =
        query.status === undefined ? undefined : Array.isArray(query.status) ? query.status : [query.status];
      return listOrders(
        deps,
        user!,
        {
          status,
          category: query.category,
          areaPath,
          from: query.from,
          to: query.to,
          overdue: query.overdue,
          limit: query.limit,
          before: query.before,
        },
        query.holder,
      );
    },
  );

  route(
    r,
    {
      method: 'get',
      path: '/api/orders/:id',
      tag: 'orders',
      access: READERS,
      summary:
        'One order with its full event history; free text masked unless you handle orders at the center or wrote it (always on view=wall)',
      params: IdParams,
      query: DetailQuery,
      response: OrderDetail,
      errors: { 404: 'no such order in your scope' },
    },
    ({ params, query, user }) => orderDetail(deps, user!, params.id, query.view),
  );

  route(
    r,
    {
      method: 'put',
      path: '/api/orders/:id/public-text',
      tag: 'orders',
      access: PUBLISHERS,
      summary:
        'Publish the text Open311 shows of an order of a public category (masked on save, audited); 409 for a category that is not published',
      params: IdParams,
      body: PublicTextInput,
      response: PublicText,
      errors: { 404: 'no such order in your scope', 409: 'the category is not published' },
    },
    ({ params, body, user, req }) => publishPublicText(deps.db, user!, params.id, body.text, req.ip ?? ''),
  );

  route(
    r,
    {
      method: 'delete',
      path: '/api/orders/:id/public-text',
      tag: 'orders',
      access: PUBLISHERS,
      summary: 'Withdraw the public text of an order (audited)',
      params: IdParams,
      status: 204,
      errors: { 404: 'no such order in your scope, or it has no public text' },
    },
    async ({ params, user, req }) => {
      await withdrawPublicText(deps.db, user!, params.id, req.ip ?? '');
    },
  );

  route(
    r,
    {
      method: 'post',
      path: '/api/orders/:id/actions',
      tag: 'orders',
      access: ACTORS,
      summary: 'Act on an order (accept, dispatch, resolve, close, …); 409 when the status does not allow it',
      params: IdParams,
      body: OrderAction,
      response: z.object({ order: OrderSummary }),
      errors: { 404: 'no such order in your scope', 409: 'the status does not allow the action' },
    },
    async ({ params, body, user }) => {
      const out = await actOnOrder(deps, user!, params.id, body);
      publish(out.published);
      return { order: out.order };
    },
  );

  return r;
}
