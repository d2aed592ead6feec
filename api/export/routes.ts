// HTTP: GET /api/export/areas and /api/export/orders — any level of areas, or order points, in your scope —
// and the analysis layers /api/export/elder-density, /needs, /resources (patrol coverage: workers/routes.ts),
// as GeoJSON, zipped Shapefile or CSV, in WGS84 or GCJ-02. No personal data: orders go out without reporters,
// analysis layers as aggregates with the same suppression as their source endpoints, and access as theirs.
import { Router } from 'express';
import type { FeatureCollection } from 'geojson';
import type { Role } from '../../contract/auth.js';
import {
  ExportAreasQuery,
  ExportElderQuery,
  ExportNeedsQuery,
  ExportOrdersQuery,
  ExportResourcesQuery,
} from '../../contract/imports.js';
import { NEED_ITEMS } from '../../contract/needs.js';
import type { Db } from '../db/index.js';
import { route } from '../http/route.js';
import { needBreakdown } from '../needs/analytics.js';
import { elderDensity, scopePath } from '../population/service.js';
import { listResources } from '../resources/queries.js';
import { attach, encode } from './formats.js';
import { elderDensityFeatures, needFeatures, resourceFeatures } from './layers.js';
import { areaShapes, gridCodes } from './queries.js';

const EXPORTERS = ['admin', 'planner', 'supervisor', 'operator', 'dispatcher'] as const;
/** As GET /api/needs/*. */
const NEED_READERS: readonly Role[] = ['admin', 'operator', 'dispatcher', 'planner', 'supervisor'];
const FILES = 'application/geo+json, application/zip, text/csv';

export function exportRoutes(db: Db): Router {
  const r = Router();
  route(
    r,
    {
      method: 'get',
      path: '/api/export/areas',
      tag: 'export',
      access: EXPORTERS,
      summary: 'Areas of one level in your scope as GeoJSON, zipped Shapefile or CSV (WKT), in WGS84 or GCJ-02',
      query: ExportAreasQuery,
      produces: 'application/geo+json, application/zip, text/csv',
    },
    async ({ query, user, res }) => {
      const rows = await db.query<{ geometry: string; [k: string]: unknown }>(
        /* sql */ `SELECT a.id, a.code, a.name, a.level, p.code AS parent_code, a.special_class AS special, a.households,
          disclose_count(a.population, 'area:' || a.id || ':population') AS population, disclose_count(a.elders60, 'area:' || a.id || ':elders60') AS elders60,
          disclose_count(a.elders80, 'area:' || a.id || ':elders80') AS elders80, COALESCE(ai.derived, false) AS derived, a.synthetic, ST_AsGeoJSON(a.geom, 7) AS geometry
        FROM areas a LEFT JOIN areas p ON p.id = a.parent_id LEFT JOIN area_imports ai ON ai.area_id = a.id
        WHERE a.path LIKE $1 || '%' AND a.level = $2 ORDER BY a.code`,
        [user!.areaPath, query.level],
      );
      const fc: FeatureCollection = {
        type: 'FeatureCollection',
        features: rows.rows.map(({ geometry, ...props }) => ({
          type: 'Feature',
          geometry: JSON.parse(geometry),
          properties: props,
        })),
      };
      const out = await encode(fc, query.format, query.crs, `areas_${query.level}`);
      res.setHeader('Content-Type', out.contentType);
      res.setHeader('Content-Disposition', `attachment; filename="areas_${query.level}_${query.crs}.${out.extension}"`);
      return out.body;
    },
  );
  route(
    r,
    {
      method: 'get',
      path: '/api/export/orders',
      tag: 'export',
      access: EXPORTERS,
      summary:
        'Work-order points in your scope (category, status, hazard, grid, times; no reporter) as GeoJSON, zipped Shapefile or CSV',
      query: ExportOrdersQuery,
      produces: 'application/geo+json, application/zip, text/csv',
    },
    async ({ query, user, res }) => {
      const rows = await db.query<{ geometry: string; [k: string]: unknown }>(
        /* sql */ `SELECT o.id, o.category_code AS category, o.status, o.hazard_level AS hazard, g.code AS grid_code,
          to_char(o.reported_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD"T"HH24:MI:SS+08') AS reported,
          to_char(o.closed_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD"T"HH24:MI:SS+08') AS closed, ST_AsGeoJSON(o.geom, 7) AS geometry
        FROM orders o JOIN areas g ON g.id = o.grid_id
        WHERE o.area_path LIKE $1 || '%' AND ($2::timestamptz IS NULL OR o.reported_at >= $2) ORDER BY o.id`,
        [user!.areaPath, query.since ?? null],
      );
      const fc: FeatureCollection = {
        type: 'FeatureCollection',
        features: rows.rows.map(({ geometry, ...props }) => ({
          type: 'Feature',
          geometry: JSON.parse(geometry),
          properties: props,
        })),
      };
      const out = await encode(fc, query.format, query.crs, 'orders');
      res.setHeader('Content-Type', out.contentType);
      res.setHeader('Content-Disposition', `attachment; filename="orders_${query.crs}.${out.extension}"`);
      return out.body;
    },
  );
  route(
    r,
    {
      method: 'get',
      path: '/api/export/elder-density',
      tag: 'export',
      access: 'any',
      summary:
        'Elder density H3 cells (res 7–9, e60|e80|alone) in your scope as polygons; cells counting fewer than 10 people are left out, as on the map',
      query: ExportElderQuery,
      produces: FILES,
      errors: { 404: 'the area is outside your scope' },
    },
    async ({ query, user, res }) => {
      const density = await elderDensity(db, user!, { res: query.res, metric: query.metric, area: query.area });
      return attach(
        res,
        await encode(elderDensityFeatures(density), query.format, query.crs, 'elder_density'),
        `elder_density_${query.metric}_r${query.res}`,
        query.crs,
      );
    },
  );
  route(
    r,
    {
      method: 'get',
      path: '/api/export/needs',
      tag: 'export',
      access: NEED_READERS,
      summary:
        'Need rates (weighted share naming each item) per grid under an area, with respondents; grids under 10 respondents carry no rates',
      query: ExportNeedsQuery,
      produces: FILES,
      errors: { 404: 'the area is outside your scope' },
    },
    async ({ query, user, res }) => {
      const b = await needBreakdown(db, user!, {
        by: 'grid',
        area: query.area,
        month: query.month,
        top: NEED_ITEMS.length,
      });
      const shapes = await areaShapes(
        db,
        user!.areaPath,
        b.rows.flatMap((x) => (x.areaId === null ? [] : [x.areaId])),
      );
      return attach(
        res,
        await encode(needFeatures(b, shapes), query.format, query.crs, 'needs_grid'),
        'needs_grid',
        query.crs,
      );
    },
  );
  route(
    r,
    {
      method: 'get',
      path: '/api/export/resources',
      tag: 'export',
      access: 'any',
      summary:
        'Resource points in your scope or an area in it (optionally kind=a,b) with kind, capacity, hours and grid',
      query: ExportResourcesQuery,
      produces: FILES,
      errors: { 404: 'the area is outside your scope' },
    },
    async ({ query, user, res }) => {
      const list = await listResources(db, await scopePath(db, user!, query.area), query.kind);
      return attach(
        res,
        await encode(resourceFeatures(list, await gridCodes(db, user!.areaPath)), query.format, query.crs, 'resources'),
        'resources',
        query.crs,
      );
    },
  );
  return r;
}
