// HTTP of dispute mediation (三级调解): one mediation per dispute order under /api/orders/:id/mediation, the list in
// scope, and the statistics. Writes answer the mediation as it now stands and publish the order's note event.
import { Router } from 'express';
import { z } from 'zod';
import {
  FollowupInput,
  MediationListItem,
  MediationListQuery,
  MediationOfOrder,
  MediationOpen,
  MediationStats,
  MediationStatsQuery,
  OutcomeInput,
  ReferInput,
  SessionInput,
} from '../../contract/mediation.js';
import { m } from '../../contract/messages/index.js';
import { OrderId } from '../../contract/orders.js';
import { areaInScope } from '../areas/queries.js';
import type { AuthUser } from '../auth/session.js';
import type { Published } from '../events/log.js';
import { NotFound } from '../http/errors.js';
import { route } from '../http/route.js';
import type { OrderDeps } from '../orders/service.js';
import { TEXT_VIEWS } from '../privacy/free-text.js';
import { mediationsInScope } from './queries.js';
import { addSession, logFollowupVisit, mediationOf, openMediation, recordOutcome, referUp } from './service.js';
import { mediationStats } from './stats.js';

const READERS = ['admin', 'operator', 'dispatcher', 'supervisor', 'grid_worker'] as const;
/** The stage parties: grid workers, and dispatchers scoped to a community or a street (checked per stage). */
const MEDIATORS = ['grid_worker', 'dispatcher'] as const;
const IdParams = z.object({ id: OrderId });
const ViewQuery = z.object({ view: z.enum(TEXT_VIEWS).default('console') });

export function mediationRoutes(deps: OrderDeps, publish: (p: Published[]) => void): Router {
  const r = Router();
  const scopeOf = async (user: AuthUser, area?: number) => {
    if (area === undefined) return user.areaPath;
    const a = await areaInScope(deps.db, user.areaPath, area);
    if (!a) throw new NotFound(m('mediation.areaNotInScope', { id: area }));
    return a.path;
  };

  route(
    r,
    {
      method: 'get',
      path: '/api/mediation/stats',
      tag: 'mediation',
      access: 'any',
      summary:
        'Mediation figures by stage, dispute type, area or cause: count, open, settled, settlement rate, median days (small groups withheld)',
      query: MediationStatsQuery,
      response: MediationStats,
      errors: { 404: 'the area is outside your scope' },
    },
    async ({ query, user }) => mediationStats(deps.db, await scopeOf(user!, query.area), query, deps.now()),
  );

  route(
    r,
    {
      method: 'get',
      path: '/api/mediation',
      tag: 'mediation',
      access: READERS,
      summary: 'Mediations in your scope (or an area of it), newest first, with their next follow-up visit',
      query: MediationListQuery,
      response: z.array(MediationListItem),
      errors: { 404: 'the area is outside your scope' },
    },
    async ({ query, user }) =>
      (await mediationsInScope(deps.db, { scopePath: await scopeOf(user!, query.area), status: query.status })).map(
        (x) => ({
          id: x.id,
          orderId: x.orderId,
          stage: x.stage,
          status: x.status,
          causeCode: x.causeCode,
          openedAt: x.openedAt,
          closedAt: x.closedAt,
          nextFollowupDue: x.nextFollowupDue,
        }),
      ),
  );

  route(
    r,
    {
      method: 'get',
      path: '/api/orders/:id/mediation',
      tag: 'mediation',
      access: READERS,
      summary: "A dispute order's mediation (stages, sessions, outcome, follow-ups), or whether you may open one",
      params: IdParams,
      query: ViewQuery,
      response: MediationOfOrder,
      errors: { 404: 'no such order in your scope' },
    },
    ({ params, query, user }) => mediationOf(deps, user!, params.id, query.view),
  );

  /** A write, then the mediation as it now stands; pushes go out after commit. */
  const write = <B>(
    path: string,
    summary: string,
    body: z.ZodType<B>,
    run: (user: AuthUser, id: number, body: B) => Promise<Published[]>,
    errors: { 403: string; 409: string; 422?: string },
  ) =>
    route(
      r,
      {
        method: 'post',
        path,
        tag: 'mediation',
        access: MEDIATORS,
        summary,
        params: IdParams,
        body,
        response: MediationOfOrder,
        errors: { 404: 'no such order in your scope', ...errors },
      },
      async ({ params, body: b, user }) => {
        publish(await run(user!, params.id, b as B));
        return mediationOf(deps, user!, params.id);
      },
    );

  write(
    '/api/orders/:id/mediation',
    'Open the mediation of a dispute order at your stage',
    MediationOpen,
    (u, id, b) => openMediation(deps, u, id, b),
    {
      403: 'you are not the grid worker, community or street staff of this order',
      409: 'not a dispute, or a mediation is already open',
    },
  );
  write(
    '/api/orders/:id/mediation/sessions',
    'Record a mediation session (the current stage only)',
    SessionInput,
    (u, id, b) => addSession(deps, u, id, b),
    {
      403: 'the mediation is at another stage',
      409: 'no mediation yet, or it has ended',
    },
  );
  write(
    '/api/orders/:id/mediation/refer',
    'Refer the dispute up a stage (grid → community → street) with a reason',
    ReferInput,
    (u, id, b) => referUp(deps, u, id, b),
    {
      403: 'the mediation is at another stage',
      409: 'no mediation yet, it has ended, or it is at the last stage',
    },
  );
  write(
    '/api/orders/:id/mediation/outcome',
    'Record how the mediation ended; an agreement needs its document photo and schedules follow-up visits',
    OutcomeInput,
    (u, id, b) => recordOutcome(deps, u, id, b),
    {
      403: 'the mediation is at another stage',
      409: 'no mediation yet, or it has ended',
    },
  );
  write(
    '/api/orders/:id/mediation/followup',
    'Log a follow-up visit (回访) of an ended mediation',
    FollowupInput,
    (u, id, b) => logFollowupVisit(deps, u, id, b),
    {
      403: 'you are not the grid worker, community or street staff of this order',
      409: 'the mediation has not ended, or the visit is unknown or already logged',
    },
  );
  return r;
}
