// HTTP for siting (planners and admins, scoped to their area): coverage, demand cells, the optimizer and
// saved scenarios with GeoJSON / CSV export.
import { Router } from 'express';
import { z } from 'zod';
import {
  CoverageQuery,
  CoverageResponse,
  DemandCells,
  DemandQuery,
  ExportQuery,
  OptimizeRequest,
  OptimizeResult,
  Scenario,
  ScenarioCreate,
  ScenarioList,
} from '../../contract/siting.js';
import { AreaId } from '../../contract/areas.js';
import type { Db } from '../db/index.js';
import { route } from '../http/route.js';
import { CityModelCache } from './city-model.js';
import { attach, encode } from '../export/formats.js';
import { scenarioCsv, scenarioGeoJson, sitesInCrs } from './export.js';
import { getScenario, listScenarios, removeScenario, saveScenario } from './scenarios.js';
import type { SitingDeps } from './area-scope.js';
import { coverage, demandCells } from './coverage.js';
import { optimize } from './service.js';

const ROLES = ['admin', 'planner'] as const;
const IdParams = z.object({ id: AreaId });

export function sitingRoutes(db: Db, options: Omit<SitingDeps, 'db' | 'cache'>): Router {
  const deps: SitingDeps = { db, cache: new CityModelCache(), ...options };
  const r = Router();
  const tag = 'siting';
  route(
    r,
    {
      method: 'get',
      path: '/api/siting/coverage',
      tag,
      access: ROLES,
      summary:
        'Elders within walking reach of existing canteens / stations, per area, with the uncovered-elders hexagons (cells < 10 left out)',
      query: CoverageQuery,
      response: CoverageResponse,
      errors: { 404: 'the area is outside your scope' },
    },
    ({ query, user }) => coverage(deps, user!, query),
  );
  route(
    r,
    {
      method: 'get',
      path: '/api/siting/demand',
      tag,
      access: ROLES,
      summary: 'Elders per H3 cell (≥ 10) for instant what-if coverage on the map',
      query: DemandQuery,
      response: DemandCells,
      errors: { 404: 'the area is outside your scope' },
    },
    ({ query, user }) => demandCells(deps, user!, query),
  );
  route(
    r,
    {
      method: 'post',
      path: '/api/siting/optimize',
      tag,
      access: ROLES,
      summary:
        'Choose sites (MCLP, p-median, set covering) or evaluate given ones; optionally verify with the exact solver',
      body: OptimizeRequest,
      response: OptimizeResult,
      errors: { 404: 'the area is outside your scope' },
    },
    ({ body, user }) => optimize(deps, user!, body),
  );
  route(
    r,
    {
      method: 'get',
      path: '/api/siting/scenarios',
      tag,
      access: ROLES,
      summary: 'Saved siting scenarios in your scope',
      response: ScenarioList,
    },
    ({ user }) => listScenarios(deps, user!),
  );
  route(
    r,
    {
      method: 'post',
      path: '/api/siting/scenarios',
      tag,
      access: ROLES,
      summary: 'Run a siting request and save it as a named scenario',
      body: ScenarioCreate,
      response: Scenario,
      status: 201,
      errors: { 404: 'the area is outside your scope' },
    },
    async ({ body, user }) => {
      const s = await saveScenario(deps, user!, body);
      return s;
    },
  );
  route(
    r,
    {
      method: 'get',
      path: '/api/siting/scenarios/:id',
      tag,
      access: ROLES,
      summary: 'One saved scenario with its result',
      params: IdParams,
      response: Scenario,
      errors: { 404: 'no such scenario in your scope' },
    },
    ({ params, user }) => getScenario(deps, user!, params.id),
  );
  route(
    r,
    {
      method: 'delete',
      path: '/api/siting/scenarios/:id',
      tag,
      access: ROLES,
      summary: 'Delete a saved scenario',
      params: IdParams,
      status: 204,
      errors: { 404: 'no such scenario in your scope' },
    },
    ({ params, user }) => removeScenario(deps, user!, params.id),
  );
  route(
    r,
    {
      method: 'get',
      path: '/api/siting/scenarios/:id/export',
      tag,
      access: ROLES,
      summary:
        "A scenario's chosen sites as GeoJSON (with its figures), CSV (with a summary) or zipped Shapefile, in WGS84 or GCJ-02",
      params: IdParams,
      query: ExportQuery,
      produces: 'application/geo+json, text/csv, application/zip',
      errors: { 404: 'no such scenario in your scope' },
    },
    async ({ params, query, user, res }) => {
      const s = await getScenario(deps, user!, params.id);
      const result = sitesInCrs(s.result, query.crs);
      const suffix = query.crs === 'gcj02' ? '_gcj02' : '';
      if (query.format === 'shp')
        return attach(
          res,
          await encode(scenarioGeoJson(s.name, s.result), 'shp', query.crs, `siting_${s.id}`),
          `siting-${s.id}`,
          query.crs,
        );
      res.setHeader('content-disposition', `attachment; filename="siting-${s.id}${suffix}.${query.format}"`);
      if (query.format === 'csv') {
        res.type('text/csv; charset=utf-8');
        return Buffer.from(scenarioCsv(result), 'utf8');
      }
      res.type('application/geo+json');
      return Buffer.from(JSON.stringify(scenarioGeoJson(s.name, result)), 'utf8');
    },
  );
  return r;
}
