// HTTP: GET /api/export/areas and /api/export/orders — any level of areas, or order points, in your scope,
// as GeoJSON, zipped Shapefile or CSV, in WGS84 or GCJ-02. No personal data: orders go out without reporters.
import { Router } from 'express';
import type { FeatureCollection } from 'geojson';
import { ExportAreasQuery, ExportOrdersQuery } from '../../contract/imports.js';
import type { Db } from '../db/index.js';
import { route } from '../http/route.js';
import { encode } from './formats.js';

const EXPORTERS = ['admin', 'planner', 'supervisor', 'operator', 'dispatcher'] as const;

export function exportRoutes(db: Db): Router {
  const r = Router();
  route(r, { method: 'get', path: '/api/export/areas', tag: 'export', access: EXPORTERS, summary: 'Areas of one level in your scope as GeoJSON, zipped Shapefile or CSV (WKT), in WGS84 or GCJ-02', query: ExportAreasQuery, produces: 'application/geo+json, application/zip, text/csv' }, async ({ query, user, res }) => {
    const rows = await db.query<{ geometry: string; [k: string]: unknown }>(
      /* sql */ `SELECT a.id, a.code, a.name, a.level, p.code AS parent_code, a.special_class AS special, a.households, a.population,
          a.elders60, a.elders80, COALESCE(ai.derived, false) AS derived, a.synthetic, ST_AsGeoJSON(a.geom, 7) AS geometry
        FROM areas a LEFT JOIN areas p ON p.id = a.parent_id LEFT JOIN area_imports ai ON ai.area_id = a.id
        WHERE a.path LIKE $1 || '%' AND a.level = $2 ORDER BY a.code`,
      [user!.areaPath, query.level],
    );
    const fc: FeatureCollection = { type: 'FeatureCollection', features: rows.rows.map(({ geometry, ...props }) => ({ type: 'Feature', geometry: JSON.parse(geometry), properties: props })) };
    const out = await encode(fc, query.format, query.crs, `areas_${query.level}`);
    res.setHeader('Content-Type', out.contentType);
    res.setHeader('Content-Disposition', `attachment; filename="areas_${query.level}_${query.crs}.${out.extension}"`);
    return out.body;
  });
  route(r, { method: 'get', path: '/api/export/orders', tag: 'export', access: EXPORTERS, summary: 'Work-order points in your scope (category, status, hazard, grid, times; no reporter) as GeoJSON, zipped Shapefile or CSV', query: ExportOrdersQuery, produces: 'application/geo+json, application/zip, text/csv' }, async ({ query, user, res }) => {
    const rows = await db.query<{ geometry: string; [k: string]: unknown }>(
      /* sql */ `SELECT o.id, o.category_code AS category, o.status, o.hazard_level AS hazard, g.code AS grid_code,
          to_char(o.reported_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD"T"HH24:MI:SS+08') AS reported,
          to_char(o.closed_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD"T"HH24:MI:SS+08') AS closed, ST_AsGeoJSON(o.geom, 7) AS geometry
        FROM orders o JOIN areas g ON g.id = o.grid_id
        WHERE o.area_path LIKE $1 || '%' AND ($2::timestamptz IS NULL OR o.reported_at >= $2) ORDER BY o.id`,
      [user!.areaPath, query.since ?? null],
    );
    const fc: FeatureCollection = { type: 'FeatureCollection', features: rows.rows.map(({ geometry, ...props }) => ({ type: 'Feature', geometry: JSON.parse(geometry), properties: props })) };
    const out = await encode(fc, query.format, query.crs, 'orders');
    res.setHeader('Content-Type', out.contentType);
    res.setHeader('Content-Disposition', `attachment; filename="orders_${query.crs}.${out.extension}"`);
    return out.body;
  });
  return r;
}
