// HTTP: GET /api/population/elder-density — H3 hexagons of 60+, 80+ or elders living alone, in the caller's scope;
// POST /api/population/import (admin) — residents from CSV/XLSX, with templates to download.
import { Router } from 'express';
import {
  ElderDensity,
  ElderDensityQuery,
  PopulationImportMode,
  PopulationImportResult,
} from '../../contract/population.js';
import type { Db } from '../db/index.js';
import { Invalid } from '../http/errors.js';
import { route } from '../http/route.js';
import { fileUpload } from '../http/upload.js';
import {
  MAX_POPULATION_IMPORT_BYTES,
  importPopulation,
  populationTemplateCsv,
  populationTemplateXlsx,
} from './import.js';
import { elderDensity } from './service.js';
import { m } from '../../contract/messages/index.js';

const receive = fileUpload({ field: 'file', maxBytes: MAX_POPULATION_IMPORT_BYTES });

/** `areasChanged` empties what caches the areas' counts (their vector tiles carry households and elders). */
export function populationRoutes(db: Db, areasChanged: () => void = () => undefined): Router {
  const r = Router();
  route(
    r,
    {
      method: 'get',
      path: '/api/population/elder-density',
      tag: 'population',
      access: 'any',
      summary: 'Elder density as H3 cells (res 7–9) in your scope; cells counting fewer than 10 people are left out',
      query: ElderDensityQuery,
      response: ElderDensity,
      errors: { 404: 'the area is outside your scope' },
    },
    ({ query, user }) => elderDensity(db, user!, query),
  );
  route(
    r,
    {
      method: 'get',
      path: '/api/population/import/template.csv',
      tag: 'population',
      access: ['admin'],
      summary: 'Population import template, CSV (UTF-8 with BOM), one row per resident',
      produces: 'text/csv',
    },
    async ({ user, res }) => {
      res.setHeader('Content-Type', 'text/csv; charset=utf-8');
      res.setHeader('Content-Disposition', `attachment; filename="population-template.csv"`);
      res.send(await populationTemplateCsv(db, user!));
      return undefined;
    },
  );
  route(
    r,
    {
      method: 'get',
      path: '/api/population/import/template.xlsx',
      tag: 'population',
      access: ['admin'],
      summary: 'Population import template, XLSX (with a sheet of notes)',
      produces: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    },
    async ({ user, res }) => {
      res.setHeader('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      res.setHeader('Content-Disposition', `attachment; filename="population-template.xlsx"`);
      return populationTemplateXlsx(db, user!);
    },
  );
  route(
    r,
    {
      method: 'post',
      path: '/api/population/import',
      tag: 'population',
      access: ['admin'],
      summary:
        'Import residents (multipart "file": CSV in UTF-8/GBK, or XLSX; "mode": replace | append, default append) for buildings in your scope',
      response: PopulationImportResult,
      errors: { 413: 'the file is too large' },
    },
    async ({ req, res, user }) => {
      const file = await receive(req, res);
      const given = (req.body as Record<string, unknown> | undefined)?.mode ?? req.query.mode ?? 'append';
      const mode = PopulationImportMode.safeParse(given);
      if (!mode.success) throw new Invalid(m('population.modeInvalid', { mode: String(given) }));
      const out = await importPopulation(db, user!, {
        fileName: file.originalname,
        buf: file.buffer,
        mode: mode.data,
        ip: req.ip,
      });
      areasChanged();
      return out;
    },
  );
  return r;
}
