// HTTP (admin only): POST /api/layers/imports (multipart `file` + options: layer, crs, mapping, m2PerHousehold,
// defaultFloors) → 202 with the import to poll while a job analyses it; GET /api/layers/imports/:id → its progress,
// then its dry-run report (or why it failed); GET /api/layers/imports; POST /api/layers/imports/:id/accept | /cancel.
import { Router } from 'express';
import { z } from 'zod';
import {
  LayerImportId,
  LayerImportJob,
  LayerImportState,
  LayerImportSummary,
  LayerReport,
} from '../../contract/layers.js';
import { m } from '../../contract/messages/index.js';
import type { Db } from '../db/index.js';
import { Invalid } from '../http/errors.js';
import { route } from '../http/route.js';
import { fileUpload } from '../http/upload.js';
import { MAX_IMPORT_BYTES } from '../import/routes.js';
import type { JobRunner } from '../jobs/runner.js';
import type { TileCache } from '../tiles/cache.js';
import {
  acceptLayerImport,
  cancelLayerImport,
  getLayerImport,
  LAYER_JOB_KIND,
  layerJobKind,
  listLayerImports,
  startLayerImport,
} from './service.js';

const receive = fileUpload({
  field: 'file',
  maxBytes: MAX_IMPORT_BYTES,
  fields: 20,
  noun: m('upload.noun.importFile'),
});

/** Options come as one JSON field `options`, or as separate fields (layer, crs, m2PerHousehold, mapping as JSON). */
function optionsFrom(body: Record<string, string>): Record<string, unknown> {
  const json = (s: string, what: string) => {
    try {
      return JSON.parse(s) as unknown;
    } catch {
      throw new Invalid(m('import.optionNotJson', { what }));
    }
  };
  if (body.options) return json(body.options, 'options') as Record<string, unknown>;
  const { mapping, ...rest } = body;
  return { ...rest, ...(mapping ? { mapping: json(mapping, 'mapping') } : {}) };
}

const ADMIN = ['admin'] as const;
const NOT_FOUND = { 404: 'no such layer import in your scope' };

export function layerRoutes(db: Db, tileCache: TileCache, jobs: JobRunner): Router {
  const r = Router();
  jobs.define(LAYER_JOB_KIND, layerJobKind(db));
  route(
    r,
    {
      method: 'post',
      path: '/api/layers/imports',
      tag: 'imports',
      access: ADMIN,
      summary:
        'Upload a layer of your area (multipart "file": GeoJSON, zipped Shapefile, CSV/XLSX or .osm.pbf; fields layer = buildings|roads|water|resources|police_grids, crs, mapping, m2PerHousehold, defaultFloors) → 202: the import, analysed by a job; poll GET /api/layers/imports/:id for its progress and then its dry-run report',
      response: LayerImportJob,
      status: 202,
      errors: { 413: 'the file is too large' },
    },
    async ({ req, res, user }) => {
      const file = await receive(req, res);
      const started = await startLayerImport(
        db,
        jobs,
        user!,
        file.originalname,
        file.buffer,
        optionsFrom((req.body ?? {}) as Record<string, string>) as never,
      );
      res.setHeader('Location', started.poll);
      return started;
    },
  );
  route(
    r,
    {
      method: 'get',
      path: '/api/layers/imports',
      tag: 'imports',
      access: ADMIN,
      summary: 'The latest 50 layer imports in your scope',
      response: z.array(LayerImportSummary),
    },
    ({ user }) => listLayerImports(db, user!),
  );
  route(
    r,
    {
      method: 'get',
      path: '/api/layers/imports/:id',
      tag: 'imports',
      access: ADMIN,
      summary:
        'A layer import: while a job analyses it, its status (analysing) with the step and features done of total; then its dry-run report (pending), or why the analysis failed (failed)',
      params: LayerImportId,
      response: LayerImportState,
      errors: NOT_FOUND,
    },
    ({ params, user }) => getLayerImport(db, user!, params.id),
  );
  route(
    r,
    {
      method: 'post',
      path: '/api/layers/imports/:id/accept',
      tag: 'imports',
      access: ADMIN,
      summary:
        'Write a pending layer import in one transaction (roads, water and police grids inside your area are replaced; buildings replace the earlier buildings of the communities the file covers, those matched by address or footprint updated in place with their residents, those with residents and no match kept; buildings and resources find their grid by location)',
      params: LayerImportId,
      response: LayerReport,
      errors: {
        ...NOT_FOUND,
        409: 'the import is still being analysed, its analysis failed, it is no longer pending, or it has errors',
      },
    },
    async ({ params, user }) => {
      const report = await acceptLayerImport(db, user!, params.id);
      tileCache.invalidate();
      return report;
    },
  );
  route(
    r,
    {
      method: 'post',
      path: '/api/layers/imports/:id/cancel',
      tag: 'imports',
      access: ADMIN,
      summary: 'Cancel a pending layer import, or one still being analysed: nothing is written',
      params: LayerImportId,
      response: LayerImportState,
      errors: { ...NOT_FOUND, 409: 'the import is no longer pending' },
    },
    ({ params, user }) => cancelLayerImport(db, user!, params.id),
  );
  return r;
}
