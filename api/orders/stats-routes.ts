// HTTP: KPI counters, the three rates, root causes, duplicate suggestions and the department list.
// (Alarms and their acknowledgements are the wall's: api/wall/routes.ts.)
import { m } from '../../contract/messages/index.js';
import { Router } from 'express';
import { z } from 'zod';
import {
  Kpis,
  KpiQuery,
  PartyStatsQuery,
  PartyStatsRow,
  RateRow,
  RootCause,
  RootCauseQuery,
  StatsQuery,
} from '../../contract/order-stats.js';
import { OrderId } from '../../contract/orders.js';
import { areaInScope } from '../areas/queries.js';
import type { AuthUser } from '../auth/session.js';
import { NotFound } from '../http/errors.js';
import { route } from '../http/route.js';
import { nearbyOpenOrders, orderInScope } from './queries.js';
import { DUPLICATE_RADIUS_M, type OrderDeps } from './service.js';
import { kpis, rates, rootCauses } from './stats.js';
import { partyStats } from './party-stats.js';

const DuplicateRow = z.object({ id: z.number(), distance: z.number(), status: z.string(), reportedAt: z.string() });

export function orderStatsRoutes(deps: OrderDeps): Router {
  const r = Router();
  /** The path of `area` if the caller may see it, else the caller's own scope. */
  const scopeOf = async (user: AuthUser, area?: number) => {
    if (area === undefined) return user.areaPath;
    const a = await areaInScope(deps.db, user.areaPath, area);
    if (!a) throw new NotFound(m('orders.areaNotInScope', { id: area }));
    return a.path;
  };

  route(
    r,
    {
      method: 'get',
      path: '/api/orders/kpis',
      tag: 'orders',
      access: 'any',
      summary: "Today's counters, open/overdue/cards, 30-day on-time and satisfaction rates",
      query: KpiQuery,
      response: Kpis,
      errors: { 404: 'the area is outside your scope' },
    },
    async ({ query, user }) => kpis(deps.db, await scopeOf(user!, query.area), deps.now()),
  );

  route(
    r,
    {
      method: 'get',
      path: '/api/orders/stats',
      tag: 'orders',
      access: 'any',
      summary:
        'The three rates (响应率, 按时办结率, 满意率) by district, street, community, grid, department, category or supervising level',
      query: StatsQuery,
      response: z.array(RateRow),
      errors: { 404: 'the area is outside your scope' },
    },
    async ({ query, user }) => {
      const now = deps.now();
      const from = query.from ?? new Date(now.getTime() - 30 * 86400_000).toISOString();
      return rates(deps.db, await scopeOf(user!, query.area), query.groupBy, from, query.to ?? now.toISOString());
    },
  );

  route(
    r,
    {
      method: 'get',
      path: '/api/orders/parties',
      tag: 'orders',
      access: 'any',
      summary:
        'Orders by the party holding them (grid, community, street, centre, department): open and overdue now; resolved, on time, returned and handed up in the period (default 30 days)',
      query: PartyStatsQuery,
      response: z.array(PartyStatsRow),
      errors: { 404: 'the area is outside your scope' },
    },
    async ({ query, user }) => {
      const now = deps.now();
      const from = query.from ?? new Date(now.getTime() - 30 * 86400_000).toISOString();
      return partyStats(deps.db, await scopeOf(user!, query.area), from, query.to ?? now.toISOString(), now);
    },
  );

  route(
    r,
    {
      method: 'get',
      path: '/api/root-causes',
      tag: 'orders',
      access: 'any',
      summary: 'Root-cause items (源头治理): the same category repeatedly at one place',
      query: RootCauseQuery,
      response: z.array(RootCause),
      errors: { 404: 'the area is outside your scope' },
    },
    async ({ query, user }) =>
      rootCauses(deps.db, await scopeOf(user!, query.area), deps.now(), query.days, query.radius, query.minCount),
  );

  route(
    r,
    {
      method: 'get',
      path: '/api/orders/:id/duplicates',
      tag: 'orders',
      access: ['admin', 'dispatcher', 'operator', 'supervisor'],
      summary: `Open orders of the same category within ${DUPLICATE_RADIUS_M} m`,
      params: z.object({ id: OrderId }),
      response: z.array(DuplicateRow),
      errors: { 404: 'no such order in your scope' },
    },
    async ({ params, user }) => {
      const o = await orderInScope(deps.db, user!.areaPath, params.id);
      if (!o) throw new NotFound(m('orders.notFoundInScope', { id: params.id }));
      return nearbyOpenOrders(deps.db, user!.areaPath, o.categoryCode, o.lon, o.lat, DUPLICATE_RADIUS_M, o.id);
    },
  );

  route(
    r,
    {
      method: 'get',
      path: '/api/departments',
      tag: 'orders',
      access: 'any',
      summary: 'Departments orders are routed to',
      response: z.array(z.object({ code: z.string(), name: z.string(), nameEn: z.string() })),
    },
    async () =>
      (
        await deps.db.query<{ code: string; name: string; nameEn: string }>(
          /* sql */ `SELECT code, name, name_en AS "nameEn" FROM departments WHERE active ORDER BY code`,
        )
      ).rows,
  );
  return r;
}
