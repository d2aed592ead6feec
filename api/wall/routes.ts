// HTTP: the alarm center (history, acknowledge) and wall layouts (read by every wall, edited by an admin).
import { Router } from 'express';
import { z } from 'zod';
import { AlarmPush } from '../../contract/orders.js';
import { AlarmAckInput, AlarmAckPush, AlarmQuery, LayoutId, LayoutInput, WallLayout } from '../../contract/wall.js';
import type { Db } from '../db/index.js';
import { route } from '../http/route.js';
import type { Published } from '../events/log.js';
import { acknowledgeAlarm, alarmHistory, deleteLayout, listLayouts, saveLayout } from './service.js';

const ACKERS = ['admin', 'operator', 'dispatcher', 'supervisor'] as const;

export function wallRoutes(db: Db, publish: (p: Published[]) => void): Router {
  const r = Router();
  route(
    r,
    {
      method: 'get',
      path: '/api/alarms',
      tag: 'wall',
      access: 'any',
      summary:
        'Alarms in your scope, newest first, with who acknowledged them (open, acknowledged or all; page with `before`)',
      query: AlarmQuery,
      response: z.array(AlarmPush),
    },
    ({ query, user }) => alarmHistory(db, user!, query),
  );
  route(
    r,
    {
      method: 'post',
      path: '/api/alarms/:seq/ack',
      tag: 'wall',
      access: ACKERS,
      summary: 'Acknowledge an alarm, once; every wall in its area hears it (`alarm:ack`)',
      params: z.object({ seq: z.coerce.number().int().positive() }),
      body: AlarmAckInput,
      response: AlarmAckPush,
      errors: { 404: 'no such alarm in your scope', 409: 'the alarm was already acknowledged' },
    },
    async ({ params, body, user, req }) => {
      const out = await acknowledgeAlarm(db, user!, params.seq, body.note, req.ip ?? '');
      publish(out);
      return out[0].payload as AlarmAckPush;
    },
  );
  route(
    r,
    {
      method: 'get',
      path: '/api/wall/layouts',
      tag: 'wall',
      access: 'any',
      summary: 'Wall layouts: the shipped ones (or their edited versions) and any added',
      response: z.array(WallLayout),
    },
    () => listLayouts(db),
  );
  route(
    r,
    {
      method: 'put',
      path: '/api/wall/layouts/:id',
      tag: 'wall',
      access: ['admin'],
      summary: 'Create or replace a layout; refused when a panel leaves the grid or overlaps another',
      params: z.object({ id: LayoutId }),
      body: LayoutInput,
      response: WallLayout,
    },
    ({ params, body, user, req }) => saveLayout(db, user!, params.id, body, req.ip ?? ''),
  );
  route(
    r,
    {
      method: 'delete',
      path: '/api/wall/layouts/:id',
      tag: 'wall',
      access: ['admin'],
      summary: 'Remove a stored layout (a shipped one returns to how it shipped)',
      params: z.object({ id: LayoutId }),
      status: 204,
      errors: { 404: 'no such stored layout' },
    },
    async ({ params, user, req }) => {
      await deleteLayout(db, user!, params.id, req.ip ?? '');
    },
  );
  return r;
}
