// HTTP for needs surveys: analytics (rates, breakdowns, trend, heat cells), the monthly report (JSON, CSV,
// printable HTML), three-tier triage, and CSV/XLSX import with templates and pollable progress.
import { Router } from 'express';
import { z } from 'zod';
import {
  GROUP_NAMES,
  ImportJob,
  NEED_ITEMS,
  NeedBreakdown,
  NeedBreakdownQuery,
  NeedHeat,
  NeedHeatQuery,
  NeedRates,
  NeedRatesQuery,
  NeedTrend,
  NeedTrendQuery,
  RESPONDENT_GROUPS,
  Triage,
  TriageInput,
  NeedCode,
  NeedCatalogue,
  MonthlyReport,
} from '../../contract/needs.js';
import type { Role } from '../../contract/auth.js';
import { route } from '../http/route.js';
import { fileUpload } from '../http/upload.js';
import type { Published } from '../events/log.js';
import type { JobRunner } from '../jobs/runner.js';
import type { OrderDeps } from '../orders/service.js';
import { scopePath } from '../population/service.js';
import { needBreakdown, needHeat, needRates, needTrend } from './analytics.js';
import {
  IMPORT_JOB_KIND,
  MAX_IMPORT_BYTES,
  getImportJob,
  importJobKind,
  startImport,
  templateCsv,
  templateXlsx,
} from './import.js';
import { monthlyReport, reportCsv, reportHtml } from './report.js';
import { triageNeed, triageUnder } from './triage.js';
import { DbIdText } from '../../contract/ids.js';

const READERS: readonly Role[] = ['admin', 'operator', 'dispatcher', 'planner', 'supervisor'];
const IMPORTERS: readonly Role[] = ['admin', 'operator', 'planner'];
const DECIDERS: readonly Role[] = ['admin', 'operator', 'planner', 'supervisor'];

const receive = fileUpload({ field: 'file', maxBytes: MAX_IMPORT_BYTES });

const ReportQuery = z.object({
  area: DbIdText.optional(),
  month: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'needs.field.monthFormat')
    .optional(),
  format: z.enum(['json', 'csv', 'html']).default('json'),
});

export function needRoutes(deps: OrderDeps, publish: (p: Published[]) => void, jobs: JobRunner): Router {
  const db = deps.db;
  jobs.define(IMPORT_JOB_KIND, importJobKind(db));
  const r = Router();
  route(
    r,
    {
      method: 'get',
      path: '/api/needs/items',
      tag: 'needs',
      access: 'any',
      summary: 'The questionnaire: need items (with matching resource kinds) and respondent groups',
      response: NeedCatalogue,
    },
    async () => ({
      items: NEED_ITEMS,
      groups: RESPONDENT_GROUPS.map((g) => ({ code: g, ...GROUP_NAMES[g] })),
    }),
  );
  route(
    r,
    {
      method: 'get',
      path: '/api/needs/rates',
      tag: 'needs',
      access: READERS,
      summary: 'Need rate of every item in an area (weighted, 95% Wilson interval, rank, ties, month-on-month change)',
      query: NeedRatesQuery,
      response: NeedRates,
      errors: { 404: 'the area is outside your scope' },
    },
    ({ query, user }) => needRates(db, user!, query),
  );
  route(
    r,
    {
      method: 'get',
      path: '/api/needs/breakdown',
      tag: 'needs',
      access: READERS,
      summary: 'Top-10 needs and first need per street, community, grid or respondent group',
      query: NeedBreakdownQuery,
      response: NeedBreakdown,
      errors: { 404: 'the area is outside your scope' },
    },
    ({ query, user }) => needBreakdown(db, user!, query),
  );
  route(
    r,
    {
      method: 'get',
      path: '/api/needs/trend',
      tag: 'needs',
      access: READERS,
      summary: 'Monthly rates of chosen needs (default: the five highest)',
      query: NeedTrendQuery,
      response: NeedTrend,
      errors: { 404: 'the area is outside your scope' },
    },
    ({ query, user }) => needTrend(db, user!, query),
  );
  route(
    r,
    {
      method: 'get',
      path: '/api/needs/heat',
      tag: 'needs',
      access: READERS,
      summary: 'Respondents naming a need per H3 cell of their home; cells under 10 left out',
      query: NeedHeatQuery,
      response: NeedHeat,
      errors: { 404: 'the area is outside your scope' },
    },
    ({ query, user }) => needHeat(db, user!, query),
  );
  route(
    r,
    {
      method: 'get',
      path: '/api/needs/report',
      tag: 'needs',
      access: READERS,
      summary: 'Monthly needs report of an area: JSON, CSV or a printable HTML page',
      query: ReportQuery,
      response: MonthlyReport,
      produces: ['text/csv', 'text/html'],
      errors: { 404: 'the area is outside your scope, or it has no survey responses' },
    },
    async ({ query, user, res }) => {
      const report = await monthlyReport(db, user!, query.area, query.month);
      if (query.format === 'json') return report;
      const name = encodeURIComponent(`${report.area.name}-${report.month}-需求月报`);
      if (query.format === 'csv') {
        res.setHeader('Content-Type', 'text/csv; charset=utf-8');
        res.setHeader('Content-Disposition', `attachment; filename*=UTF-8''${name}.csv`);
        res.send(reportCsv(report));
      } else {
        res.setHeader('Content-Type', 'text/html; charset=utf-8');
        res.send(reportHtml(report));
      }
      return undefined;
    },
  );
  route(
    r,
    {
      method: 'get',
      path: '/api/needs/triage',
      tag: 'needs',
      access: READERS,
      summary: 'Triage decisions under an area, with their orders and projects',
      query: z.object({ area: DbIdText.optional(), need: NeedCode.optional() }),
      response: z.array(Triage),
      errors: { 404: 'the area is outside your scope' },
    },
    async ({ query, user }) => triageUnder(db, await scopePath(db, user!, query.area), query.need, user!),
  );
  route(
    r,
    {
      method: 'post',
      path: '/api/needs/triage',
      tag: 'needs',
      access: DECIDERS,
      summary: 'Mark a need in an area community / street / district, optionally as a work order or a project',
      body: TriageInput,
      response: Triage,
      status: 201,
      errors: { 404: 'the area is outside your scope' },
    },
    async ({ body, user }) => {
      const out = await triageNeed(deps, user!, body, publish);
      return out;
    },
  );
  route(
    r,
    {
      method: 'get',
      path: '/api/needs/import/template.csv',
      tag: 'needs',
      access: IMPORTERS,
      summary: 'Import template, CSV (UTF-8 with BOM)',
      produces: 'text/csv',
    },
    async ({ user, res }) => {
      res.setHeader('Content-Type', 'text/csv; charset=utf-8');
      res.setHeader('Content-Disposition', `attachment; filename="needs-survey-template.csv"`);
      res.send(await templateCsv(db, user!));
      return undefined;
    },
  );
  route(
    r,
    {
      method: 'get',
      path: '/api/needs/import/template.xlsx',
      tag: 'needs',
      access: IMPORTERS,
      summary: 'Import template, XLSX (with a sheet of codes)',
      produces: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    },
    async ({ user, res }) => {
      res.setHeader('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      res.setHeader('Content-Disposition', `attachment; filename="needs-survey-template.xlsx"`);
      return templateXlsx(db, user!);
    },
  );
  route(
    r,
    {
      method: 'post',
      path: '/api/needs/import',
      tag: 'needs',
      access: IMPORTERS,
      summary: 'Import survey responses (multipart "file": CSV in UTF-8/GBK, or XLSX); answers 202 with a job to poll',
      response: ImportJob,
      status: 202,
      errors: { 413: 'the file is too large' },
    },
    async ({ req, res, user }) => {
      const file = await receive(req, res);
      const job = await startImport(db, jobs, user!, file.originalname, file.buffer);
      res.setHeader('Location', `/api/needs/import/${job.id}`);
      return job;
    },
  );
  route(
    r,
    {
      method: 'get',
      path: '/api/needs/import/:id',
      tag: 'needs',
      access: IMPORTERS,
      summary: 'An import job: progress, refused rows with line numbers and reasons, outcome',
      params: z.object({ id: z.string().regex(/^[0-9a-f]{24}$/, 'job id is 24 hex digits') }),
      response: ImportJob,
      errors: { 404: 'no such import job' },
    },
    ({ params, user }) => getImportJob(db, user!, params.id),
  );
  return r;
}
