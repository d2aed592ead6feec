// HTTP: health, the city's meta data and the OpenAPI document.
import { Router } from 'express';
import {
  CityMeta,
  CityNameUpdate,
  DemoRemoveRequest,
  DemoRemoveResult,
  Health,
  REMOVE_DEMO_PHRASE,
} from '../../contract/meta.js';
import { audit } from '../auth/queries.js';
import { Invalid } from '../http/errors.js';
import { holdsDemoCity, removeDemoCity, setCityName } from './installation.js';
import type { Db } from '../db/index.js';
import { Conflict, NotFound } from '../http/errors.js';
import { OpenApiDocument, openApiDocument } from '../http/openapi.js';
import { route } from '../http/route.js';
import { requireEveryArea } from '../auth/scope.js';
import { readCityMeta, type StoredCityMeta } from './queries.js';
import type { Basemap } from '../../contract/meta.js';
import { OWN_BASEMAP } from '../basemap/settings.js';

/**
 * The city with its base map. Over a GCJ-02 base map, Gridwall's own tiles are asked for shifted to it
 * (`?datum=gcj02`): for display only, the stored areas stay WGS84.
 */
export function withBasemap(meta: StoredCityMeta, basemap: Basemap): CityMeta {
  const datum = basemap.datum === 'gcj02' ? '?datum=gcj02' : '';
  return {
    ...meta,
    tiles: { ...meta.tiles, areas: meta.tiles.areas + datum, basemap: meta.tiles.basemap + datum },
    basemap,
  };
}
import { m } from '../../contract/messages/index.js';

export function metaRoutes(
  db: Db,
  version: string,
  cityReplaced: () => void = () => undefined,
  basemap: Basemap = OWN_BASEMAP,
): Router {
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
      summary: 'The city: name, districts and extent in your scope (null while empty), tile URLs',
      response: CityMeta,
      errors: { 404: 'the database has not been prepared yet' },
    },
    async ({ user }) => {
      const meta = await readCityMeta(db, user!.areaPath);
      if (!meta) throw new NotFound(m('meta.noCity'));
      return withBasemap(meta, basemap);
    },
  );
  route(
    r,
    {
      method: 'put',
      path: '/api/meta/city',
      tag: 'meta',
      access: ['admin'],
      summary: "The city's name above its districts (audited)",
      body: CityNameUpdate,
      response: CityMeta,
      errors: {
        403: 'only an account over the whole installation names the city',
        404: 'the database has not been prepared yet',
      },
    },
    async ({ body, user, req }) => {
      await requireEveryArea(db, user!, { zh: '城市名称', en: "the city's name" });
      await db.tx(async (q) => {
        await setCityName(q, body);
        await audit(q, { accountId: user!.id, action: 'meta.city', detail: body, ip: req.ip });
      });
      const meta = await readCityMeta(db, user!.areaPath);
      if (!meta) throw new NotFound(m('meta.noCity'));
      return withBasemap(meta, basemap);
    },
  );
  route(
    r,
    {
      method: 'post',
      path: '/api/meta/demo/remove',
      tag: 'meta',
      access: ['admin'],
      summary: `Remove the demo city and everything generated with it, keeping the administrators (confirm: "${REMOVE_DEMO_PHRASE}"; audited)`,
      body: DemoRemoveRequest,
      response: DemoRemoveResult,
      errors: {
        403: 'only an account over the whole installation removes the demo city',
        409: 'there is no demo city',
      },
    },
    async ({ body, user, req }) => {
      await requireEveryArea(db, user!, { zh: '演示城市', en: 'the demo city' });
      if (body.confirm !== REMOVE_DEMO_PHRASE)
        throw new Invalid(m('meta.demoRemoveConfirm', { phrase: REMOVE_DEMO_PHRASE }));
      if (!(await holdsDemoCity(db))) throw new Conflict(m('meta.noDemoCity'));
      const removed = await removeDemoCity(db);
      cityReplaced();
      await audit(db, { accountId: user!.id, action: 'meta.demo.remove', detail: removed, ip: req.ip });
      return removed;
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
