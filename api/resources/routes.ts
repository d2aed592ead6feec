// HTTP for resources: list by kind in scope, kinds with counts, CRUD and CSV import (admin, planner), and
// need ↔ resource gaps.
import { Router } from 'express';
import { z } from 'zod';
import type { Role } from '../../contract/auth.js';
import {
  GapQuery,
  Gaps,
  Resource,
  ResourceImportResult,
  ResourceInput,
  ResourceKindInfo,
  ResourceListQuery,
  ResourcePatch,
} from '../../contract/resources.js';
import type { Db } from '../db/index.js';
import { route } from '../http/route.js';
import { fileUpload } from '../http/upload.js';
import * as sql from './queries.js';
import { createResource, importResources, patchResource, removeResource, resourceGaps, scopePath } from './service.js';
import { DbIdText } from '../../contract/ids.js';

const EDITORS: readonly Role[] = ['admin', 'planner'];
const READERS: readonly Role[] = ['admin', 'operator', 'dispatcher', 'planner', 'supervisor'];
const IdParams = z.object({ id: DbIdText });
const receive = fileUpload({ field: 'file', maxBytes: 5 * 1024 * 1024 });

/** `changed` runs after every write: the base map's tiles draw the resources as points of interest. */
export function resourceRoutes(db: Db, changed: () => void = () => undefined): Router {
  const r = Router();
  const then = async <T>(work: Promise<T>): Promise<T> => {
    const out = await work;
    changed();
    return out;
  };
  route(
    r,
    {
      method: 'get',
      path: '/api/resources',
      tag: 'resources',
      access: 'any',
      summary: 'Resources in your scope (or an area in it), optionally of some kinds (kind=a,b)',
      query: ResourceListQuery,
      response: z.array(Resource),
      errors: { 404: 'the area is outside your scope' },
    },
    async ({ query, user }) => sql.listResources(db, await scopePath(db, user!, query.area), query.kind),
  );
  route(
    r,
    {
      method: 'get',
      path: '/api/resources/kinds',
      tag: 'resources',
      access: 'any',
      summary: 'Resource kinds with names, capacity unit, usual hours and the count in your scope',
      response: z.array(ResourceKindInfo),
    },
    ({ user }) => sql.kindSummary(db, user!.areaPath),
  );
  route(
    r,
    {
      method: 'get',
      path: '/api/resources/gaps',
      tag: 'resources',
      access: READERS,
      summary: 'Grids where a need is high and no matching resource lies within 300/500/1000 m, ranked',
      query: GapQuery,
      response: Gaps,
      errors: { 404: 'the area is outside your scope' },
    },
    ({ query, user }) => resourceGaps(db, user!, query),
  );
  route(
    r,
    {
      method: 'post',
      path: '/api/resources/import',
      tag: 'resources',
      access: EDITORS,
      summary: 'Import resources from CSV (multipart "file"; kind,name,address,capacity,opening_hours,lon,lat)',
      response: ResourceImportResult,
      errors: { 413: 'the file is too large' },
    },
    async ({ req, res, user }) => {
      const file = await receive(req, res);
      return then(importResources(db, user!, file.buffer));
    },
  );
  route(
    r,
    {
      method: 'post',
      path: '/api/resources',
      tag: 'resources',
      access: EDITORS,
      summary: 'Add a resource',
      body: ResourceInput,
      response: Resource,
      status: 201,
    },
    async ({ body, user }) => {
      const out = await then(createResource(db, user!, body));
      return out;
    },
  );
  route(
    r,
    {
      method: 'patch',
      path: '/api/resources/:id',
      tag: 'resources',
      access: EDITORS,
      summary: 'Change a resource',
      params: IdParams,
      body: ResourcePatch,
      response: Resource,
      errors: { 404: 'no such resource in your scope' },
    },
    ({ params, body, user }) => then(patchResource(db, user!, params.id, body)),
  );
  route(
    r,
    {
      method: 'delete',
      path: '/api/resources/:id',
      tag: 'resources',
      access: EDITORS,
      summary: 'Remove a resource',
      params: IdParams,
      status: 204,
      errors: { 404: 'no such resource in your scope' },
    },
    ({ params, user }) => then(removeResource(db, user!, params.id)),
  );
  return r;
}
