// HTTP (admin only): POST /api/imports (multipart `file` + options) → validation report of a pending import;
// GET /api/imports, GET /api/imports/:id; POST /api/imports/:id/accept | /cancel; POST /api/regrid (proposal),
// POST /api/imports/:id/adjust (move / merge / split in a pending proposal).
import { Router } from 'express';
import { z } from 'zod';
import { ImportId, ImportReport, RegridAdjust, RegridRequest } from '../../contract/imports.js';
import type { Db } from '../db/index.js';
import type { Published } from '../events/log.js';
import { Invalid } from '../http/errors.js';
import { route } from '../http/route.js';
import { fileUpload } from '../http/upload.js';
import type { MoveDeps } from '../orders/area-moves.js';
import type { TileCache } from '../tiles/cache.js';
import { acceptRegrid, adjustRegrid, proposeRegrid } from './regrid.js';
import { acceptImport, analyseImport, cancelImport, getImport, listImports } from './service.js';
import { m } from '../../contract/messages/index.js';

export const MAX_IMPORT_BYTES = 50 * 1024 * 1024;
const receive = fileUpload({
  field: 'file',
  maxBytes: MAX_IMPORT_BYTES,
  fields: 20,
  noun: m('upload.noun.importFile'),
});

/** Options come as one JSON field `options`, or as separate fields (level, crs, parentId, …, mapping as JSON). */
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
const PLANNING = ['admin', 'planner'] as const;

export function importRoutes(
  db: Db,
  tileCache: TileCache,
  orders: MoveDeps,
  publish: (p: Published[]) => void,
): Router {
  const r = Router();
  route(
    r,
    {
      method: 'post',
      path: '/api/imports',
      tag: 'imports',
      access: ADMIN,
      summary:
        'Upload a layer (multipart "file": GeoJSON, zipped Shapefile, CSV or XLSX; fields level, crs, mapping, parentId, specialClass, tolerance) → validation report of a pending import',
      response: ImportReport,
      status: 201,
      errors: { 413: 'the file is too large' },
    },
    async ({ req, res, user }) => {
      const file = await receive(req, res);
      const report = await analyseImport(
        db,
        user!,
        file.originalname,
        file.buffer,
        optionsFrom((req.body ?? {}) as Record<string, string>) as never,
      );
      return report;
    },
  );
  route(
    r,
    {
      method: 'get',
      path: '/api/imports',
      tag: 'imports',
      access: PLANNING,
      summary: 'The latest 50 imports in your scope (planners: re-gridding proposals only)',
      response: z.array(
        z.object({
          id: z.number(),
          kind: z.string(),
          status: z.string(),
          level: z.string(),
          filename: z.string(),
          features: z.number(),
          errors: z.number(),
          createdAt: z.string(),
        }),
      ),
    },
    ({ user }) => listImports(db, user!),
  );
  route(
    r,
    {
      method: 'get',
      path: '/api/imports/:id',
      tag: 'imports',
      access: PLANNING,
      summary: 'An import with its report',
      params: ImportId,
      response: ImportReport,
      errors: { 404: 'no such import in your scope' },
    },
    ({ params, user }) => getImport(db, user!, params.id),
  );
  route(
    r,
    {
      method: 'post',
      path: '/api/imports/:id/accept',
      tag: 'imports',
      access: PLANNING,
      summary: 'Write a pending import in one transaction (409 when it has errors or was decided)',
      params: ImportId,
      response: ImportReport,
      errors: {
        404: 'no such import in your scope',
        409: 'the import is no longer pending, has errors, or a code it uses was taken since',
      },
    },
    async ({ params, user }) => {
      const { report, published } = await acceptImport(db, user!, params.id, { regrid: acceptRegrid(orders) });
      tileCache.invalidate();
      publish(published);
      return report;
    },
  );
  route(
    r,
    {
      method: 'post',
      path: '/api/imports/:id/cancel',
      tag: 'imports',
      access: PLANNING,
      summary: 'Cancel a pending import: nothing is written',
      params: ImportId,
      response: ImportReport,
      errors: { 404: 'no such import in your scope', 409: 'the import is no longer pending' },
    },
    ({ params, user }) => cancelImport(db, user!, params.id),
  );
  route(
    r,
    {
      method: 'post',
      path: '/api/regrid',
      tag: 'imports',
      access: PLANNING,
      summary:
        'Propose grids of 300–500 households for a community (网格划分), following roads; a pending import to accept or cancel',
      body: RegridRequest,
      response: ImportReport,
      status: 201,
      errors: { 404: 'the community is outside your scope' },
    },
    async ({ body, user }) => {
      const out = await proposeRegrid(db, user!, body);
      return out;
    },
  );
  route(
    r,
    {
      method: 'post',
      path: '/api/imports/:id/adjust',
      tag: 'imports',
      access: PLANNING,
      summary:
        'Adjust a pending re-gridding proposal: {op:"move", blockIds, buildingIds, toGrid} to a neighbouring grid, {op:"merge", grids:[a,b]}, {op:"split", grid}; 400 when it would leave a grid without buildings, 409 when not a pending proposal',
      params: ImportId,
      body: RegridAdjust,
      response: ImportReport,
      errors: { 404: 'no such import in your scope', 409: 'not a pending re-gridding proposal' },
    },
    ({ params, body, user }) => adjustRegrid(db, user!, params.id, body),
  );
  return r;
}
