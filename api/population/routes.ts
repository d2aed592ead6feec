// HTTP: GET /api/population/elder-density — H3 hexagons of 60+, 80+ or elders living alone, in the caller's scope.
import { Router } from 'express';
import { ElderDensity, ElderDensityQuery } from '../../contract/population.js';
import type { Db } from '../db/index.js';
import { route } from '../http/route.js';
import { elderDensity } from './service.js';

export function populationRoutes(db: Db): Router {
  const r = Router();
  route(
    r,
    {
      method: 'get',
      path: '/api/population/elder-density',
      tag: 'population',
      access: 'any',
      summary: 'Elder density as H3 cells (res 7–9) in your scope; cells counting fewer than 10 people are left out',
      query: ElderDensityQuery,
      response: ElderDensity,
    },
    ({ query, user }) => elderDensity(db, user!, query),
  );
  return r;
}
