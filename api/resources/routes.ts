// HTTP for resources: list by kind in scope, kinds with counts, CRUD and CSV import (admin, planner), and
// need ↔ resource gaps.
import { Router, type Request, type Response } from 'express';
import multer from 'multer';
import { z } from 'zod';
import type { Role } from '../../contract/auth.js';
import { GapQuery, Gaps, Resource, ResourceImportResult, ResourceInput, ResourceKindInfo, ResourceListQuery, ResourcePatch } from '../../contract/resources.js';
import type { Db } from '../db/index.js';
import { HttpError, Invalid } from '../http/errors.js';
import { route } from '../http/route.js';
import * as sql from './queries.js';
import { createResource, importResources, patchResource, removeResource, resourceGaps, scopePath } from './service.js';
import { DbIdText } from '../../contract/ids.js';

const EDITORS: readonly Role[] = ['admin', 'planner'];
const READERS: readonly Role[] = ['admin', 'operator', 'dispatcher', 'planner', 'supervisor'];
const IdParams = z.object({ id: DbIdText });
const upload = multer({ storage: multer.memoryStorage(), defParamCharset: 'utf8', limits: { fileSize: 5 * 1024 * 1024, files: 1, fields: 5 } }).single('file');
const receive = (req: Request, res: Response) =>
  new Promise<void>((resolve, reject) =>
    upload(req, res, (err: unknown) => {
      if (!err) return resolve();
      if ((err as { code?: string }).code === 'LIMIT_FILE_SIZE') return reject(new HttpError(413, 'too_large', '文件不超过 5 MB / the file is at most 5 MB'));
      reject(new Invalid(`上传格式错误 / malformed upload: ${(err as Error).message}`));
    }),
  );

export function resourceRoutes(db: Db): Router {
  const r = Router();
  route(r, {
    method: 'get',
    path: '/api/resources',
    tag: 'resources',
    access: 'any',
    summary: 'Resources in your scope (or an area in it), optionally of some kinds (kind=a,b)',
    query: ResourceListQuery,
    response: z.array(Resource),
    errors: { 404: 'the area is outside your scope' },
  }, async ({ query, user }) =>
    sql.listResources(db, await scopePath(db, user!, query.area), query.kind),
  );
  route(r, {
    method: 'get',
    path: '/api/resources/kinds',
    tag: 'resources',
    access: 'any',
    summary: 'Resource kinds with names, capacity unit, usual hours and the count in your scope',
    response: z.array(ResourceKindInfo),
  }, ({ user }) =>
    sql.kindSummary(db, user!.areaPath),
  );
  route(r, {
    method: 'get',
    path: '/api/resources/gaps',
    tag: 'resources',
    access: READERS,
    summary: 'Grids where a need is high and no matching resource lies within 300/500/1000 m, ranked',
    query: GapQuery,
    response: Gaps,
    errors: { 404: 'the area is outside your scope' },
  }, ({ query, user }) =>
    resourceGaps(db, user!, query),
  );
  route(r, {
    method: 'post',
    path: '/api/resources/import',
    tag: 'resources',
    access: EDITORS,
    summary: 'Import resources from CSV (multipart "file"; kind,name,address,capacity,opening_hours,lon,lat)',
    response: ResourceImportResult,
    errors: { 413: 'the file is too large' },
  }, async ({ req, res, user }) => {
    await receive(req, res);
    const file = (req as Request & { file?: Express.Multer.File }).file;
    if (!file) throw new Invalid('缺少文件：表单字段应为 file / no file: send it in the multipart field "file"');
    return importResources(db, user!, file.buffer);
  });
  route(r, {
    method: 'post',
    path: '/api/resources',
    tag: 'resources',
    access: EDITORS,
    summary: 'Add a resource',
    body: ResourceInput,
    response: Resource,
    status: 201,
  }, async ({ body, user, res }) => {
    const out = await createResource(db, user!, body);
    return out;
  });
  route(r, {
    method: 'patch',
    path: '/api/resources/:id',
    tag: 'resources',
    access: EDITORS,
    summary: 'Change a resource',
    params: IdParams,
    body: ResourcePatch,
    response: Resource,
    errors: { 404: 'no such resource in your scope' },
  }, ({ params, body, user }) =>
    patchResource(db, user!, params.id, body),
  );
  route(r, {
    method: 'delete',
    path: '/api/resources/:id',
    tag: 'resources',
    access: EDITORS,
    summary: 'Remove a resource',
    params: IdParams,
    status: 204,
    errors: { 404: 'no such resource in your scope' },
  }, ({ params, user }) =>
    removeResource(db, user!, params.id),
  );
  return r;
}
