// HTTP: the responsibility list — read by anyone who routes or plans, edited by admins.
import { Router } from 'express';
import { z } from 'zod';
import { Responsibility, ResponsibilityInput } from '../../contract/responsibilities.js';
import type { Db } from '../db/index.js';
import { route } from '../http/route.js';
import {
  createResponsibility,
  deleteResponsibility,
  listResponsibilities,
  updateResponsibility,
} from './responsibilities.js';
import { DbIdText } from '../../contract/ids.js';

const IdParams = z.object({ id: DbIdText });

export function responsibilityRoutes(db: Db): Router {
  const r = Router();
  route(
    r,
    {
      method: 'get',
      path: '/api/responsibilities',
      tag: 'orders',
      access: ['admin', 'dispatcher', 'planner', 'supervisor'],
      summary: 'The responsibility list (责任清单) that routes orders in your scope',
      response: z.array(Responsibility),
    },
    ({ user }) => listResponsibilities(db, user!),
  );
  route(
    r,
    {
      method: 'post',
      path: '/api/responsibilities',
      tag: 'orders',
      access: ['admin'],
      summary: 'Add a rule; the most specific matching rule routes an order',
      body: ResponsibilityInput,
      response: Responsibility,
      status: 201,
      errors: { 409: 'a rule for that category and area exists' },
    },
    async ({ body, user }) => {
      return createResponsibility(db, user!, body);
    },
  );
  route(
    r,
    {
      method: 'put',
      path: '/api/responsibilities/:id',
      tag: 'orders',
      access: ['admin'],
      summary: 'Replace a rule',
      params: IdParams,
      body: ResponsibilityInput,
      response: Responsibility,
      errors: { 404: 'no such rule in your scope', 409: 'a rule for that category and area exists' },
    },
    ({ params, body, user }) => updateResponsibility(db, user!, params.id, body),
  );
  route(
    r,
    {
      method: 'delete',
      path: '/api/responsibilities/:id',
      tag: 'orders',
      access: ['admin'],
      summary: 'Remove a rule',
      params: IdParams,
      status: 204,
      errors: { 404: 'no such rule in your scope' },
    },
    async ({ params, user }) => {
      await deleteResponsibility(db, user!, params.id);
      return undefined;
    },
  );
  return r;
}
