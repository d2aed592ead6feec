// HTTP: health, the city's meta data and the OpenAPI document.
import { Router } from 'express';
import { CityMeta, Health } from '../../contract/meta.js';
import type { Db } from '../db/index.js';
import { NotFound } from '../http/errors.js';
import { OpenApiDocument, openApiDocument } from '../http/openapi.js';
import { route } from '../http/route.js';
import { readCityMeta } from './queries.js';
import { m } from '../../contract/messages/index.js';

export function metaRoutes(db: Db, version: string): Router {
  const r = Router();
  route(
    r,
    {
      method: 'get',
      path: '/api/health',
      tag: 'meta',
      access: 'public',
      summary: 'Liveness and database kind',
      response: Health,
    },
    async () => {
      await db.query('SELECT 1');
      return { status: 'ok' as const, database: { kind: db.kind, postgis: db.capabilities.postgis } };
    },
  );
  route(
    r,
    {
      method: 'get',
      path: '/api/meta',
      tag: 'meta',
      access: 'any',
      summary: 'The loaded city: name, extent, tile URLs',
      response: CityMeta,
      errors: { 404: 'the city has not been generated yet' },
    },
    async ({ user }) => {
      const meta = await readCityMeta(db, user!.areaPath);
      if (!meta) throw new NotFound(m('meta.noCity'));
      return meta;
    },
  );
  route(
    r,
    {
      method: 'get',
      path: '/api/openapi.json',
      tag: 'meta',
      access: 'public',
      summary: 'This document',
      response: OpenApiDocument,
    },
    async () => openApiDocument(version),
  );
  return r;
}
