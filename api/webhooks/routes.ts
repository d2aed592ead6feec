// HTTP: webhook subscriptions and their delivery log, for administrators, within their scope.
import { Router } from 'express';
import { z } from 'zod';
import { DbIdText } from '../../contract/ids.js';
import {
  DeliveriesQuery,
  Delivery,
  Webhook,
  WebhookCreated,
  WebhookInput,
  WebhookPatch,
} from '../../contract/webhooks.js';
import { route } from '../http/route.js';
import {
  createHook,
  hookDeliveries,
  hookInScope,
  listHooks,
  patchHook,
  removeHook,
  type WebhookDeps,
} from './service.js';

const IdParams = z.object({ id: DbIdText });
const NOT_FOUND = 'no such webhook in your scope';

export function webhookRoutes(deps: WebhookDeps): Router {
  const r = Router();
  route(
    r,
    {
      method: 'get',
      path: '/api/webhooks',
      tag: 'webhooks',
      access: ['admin'],
      summary: 'Webhook subscriptions in your scope (never their secrets)',
      response: z.array(Webhook),
    },
    ({ user }) => listHooks(deps, user!),
  );
  route(
    r,
    {
      method: 'post',
      path: '/api/webhooks',
      tag: 'webhooks',
      access: ['admin'],
      summary: 'Subscribe an http(s) URL to topics in an area of your scope; the signing secret is shown this once',
      body: WebhookInput,
      response: WebhookCreated,
      status: 201,
      errors: { 403: 'the area or client account is outside your scope' },
    },
    ({ body, user, req }) => createHook(deps, user!, body, req.ip),
  );
  route(
    r,
    {
      method: 'get',
      path: '/api/webhooks/:id',
      tag: 'webhooks',
      access: ['admin'],
      summary: 'One webhook subscription',
      params: IdParams,
      response: Webhook,
      errors: { 404: NOT_FOUND },
    },
    ({ params, user }) => hookInScope(deps, user!, params.id),
  );
  route(
    r,
    {
      method: 'patch',
      path: '/api/webhooks/:id',
      tag: 'webhooks',
      access: ['admin'],
      summary: 'Rename, re-point, change topics, pause or resume a subscription',
      params: IdParams,
      body: WebhookPatch,
      response: Webhook,
      errors: { 404: NOT_FOUND },
    },
    ({ params, body, user, req }) => patchHook(deps, user!, params.id, body, req.ip),
  );
  route(
    r,
    {
      method: 'delete',
      path: '/api/webhooks/:id',
      tag: 'webhooks',
      access: ['admin'],
      summary: 'Remove a subscription and its delivery log',
      params: IdParams,
      status: 204,
      errors: { 404: NOT_FOUND },
    },
    async ({ params, user, req }) => {
      await removeHook(deps, user!, params.id, req.ip);
      return undefined;
    },
  );
  route(
    r,
    {
      method: 'get',
      path: '/api/webhooks/:id/deliveries',
      tag: 'webhooks',
      access: ['admin'],
      summary: 'The delivery log: status, attempts, last response code, next try; newest first',
      params: IdParams,
      query: DeliveriesQuery,
      response: z.array(Delivery),
      errors: { 404: NOT_FOUND },
    },
    ({ params, query, user }) => hookDeliveries(deps, user!, params.id, query.status, query.limit),
  );
  return r;
}
