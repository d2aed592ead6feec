// HTTP: GET /api/areas, /api/areas/:id, /api/areas/:id/profile — all scoped to the caller's area.
import { Router } from 'express';
import { z } from 'zod';
import { AreaCollection, AreaDetail, AreaId, AreaListQuery, AreaProfile, CityProfile } from '../../contract/areas.js';
import type { Db } from '../db/index.js';
import { route } from '../http/route.js';
import { areaProfile, cityProfile, getArea, listAreas } from './service.js';

const IdParams = z.object({ id: AreaId });

export function areaRoutes(db: Db): Router {
  const r = Router();
  route(
    r,
    {
      method: 'get',
      path: '/api/areas',
      tag: 'areas',
      access: 'any',
      summary: 'Areas in your scope as GeoJSON, by level and/or parent',
      query: AreaListQuery,
      response: AreaCollection,
      errors: { 404: 'the parent area is outside your scope' },
    },
    ({ query, user }) => listAreas(db, user!, query.level, query.parent),
  );
  route(
    r,
    {
      method: 'get',
      path: '/api/areas/:id',
      tag: 'areas',
      access: 'any',
      summary: 'One area with its breadcrumb, children and bbox',
      params: IdParams,
      response: AreaDetail,
      errors: { 404: 'no such area in your scope' },
    },
    ({ params, user }) => getArea(db, user!, params.id),
  );
  route(
    r,
    {
      method: 'get',
      path: '/api/areas/:id/profile',
      tag: 'areas',
      access: 'any',
      summary: 'Aggregate age/sex bands, special-group counts, resources and workers of an area',
      params: IdParams,
      response: AreaProfile,
      errors: { 404: 'no such area in your scope' },
    },
    ({ params, user }) => areaProfile(db, user!, params.id),
  );
  route(
    r,
    {
      method: 'get',
      path: '/api/city/profile',
      tag: 'areas',
      access: 'any',
      summary:
        'The city above the districts: the headline counts and profile of every district in your scope summed (one district: its own)',
      response: CityProfile,
      errors: { 404: 'no whole district lies in your scope' },
    },
    ({ user }) => cityProfile(db, user!),
  );
  return r;
}
