// HTTP for satisfaction evaluation: the indicator system and weights (admin edits; others read), periods,
// results, trends, drill-down, special items, questionnaire import and the reverse-issue list with dispatch.
import { Router } from 'express';
import { z } from 'zod';
import type { Role } from '../../contract/auth.js';
import {
  AhpCheck,
  AhpCheckInput,
  AreaDetail,
  DispatchInput,
  EvalPeriod,
  EvalSystem,
  ImportResult,
  NodeCreate,
  NodePatch,
  PeriodCode,
  ResultsQuery,
  Results,
  ReverseIssue,
  ReverseList,
  ReverseQuery,
  Special,
  SpecialInput,
  Trend,
  TrendQuery,
  WeightsInput,
} from '../../contract/evaluation.js';
import { route } from '../http/route.js';
import { fileUpload } from '../http/upload.js';
import type { Published } from '../events/log.js';
import type { OrderDeps } from '../orders/service.js';
import { MAX_IMPORT_BYTES, importQuestionnaires, templateCsv } from './import.js';
import * as sql from './queries.js';
import * as svc from './service.js';
import * as system from './system.js';
import { DbIdText } from '../../contract/ids.js';

const READERS: readonly Role[] = ['admin', 'operator', 'dispatcher', 'planner', 'supervisor'];
const EDITORS: readonly Role[] = ['admin'];
const DISPATCHERS: readonly Role[] = ['admin', 'operator', 'dispatcher', 'supervisor'];
const IMPORTERS: readonly Role[] = ['admin', 'planner'];
const SPECIALS: readonly Role[] = ['admin', 'supervisor'];
const TAG = 'evaluation';
const Id = z.object({ id: DbIdText });

const receive = fileUpload({ field: 'file', maxBytes: MAX_IMPORT_BYTES });

export function evaluationRoutes(deps: OrderDeps, publish: (p: Published[]) => void): Router {
  const db = deps.db;
  const r = Router();
  route(
    r,
    {
      method: 'get',
      path: '/api/evaluation/system',
      tag: TAG,
      access: READERS,
      summary:
        'The indicator system in force: dimensions → focuses → indicators with local and global weights, and how each group was weighted',
      response: EvalSystem,
      errors: { 404: 'no evaluation system has been set up' },
    },
    () => system.getSystem(db),
  );
  route(
    r,
    {
      method: 'post',
      path: '/api/evaluation/system/nodes',
      tag: TAG,
      access: EDITORS,
      summary: 'Add a dimension, focus or indicator (its group becomes directly weighted, the new item 1/k)',
      body: NodeCreate,
      response: EvalSystem,
      status: 201,
      errors: { 404: 'no evaluation system, or no such parent', 409: 'the code is taken' },
    },
    async ({ body, user }) => {
      const out = await system.createNode(db, user!, body);
      return out;
    },
  );
  route(
    r,
    {
      method: 'patch',
      path: '/api/evaluation/system/nodes/:id',
      tag: TAG,
      access: EDITORS,
      summary: 'Rename or re-define a node (polarity, normalisation, target/worst, order families)',
      params: Id,
      body: NodePatch,
      response: EvalSystem,
      errors: { 404: 'no evaluation system, or no such node' },
    },
    ({ params, body, user }) => system.patchNode(db, user!, params.id, body),
  );
  route(
    r,
    {
      method: 'delete',
      path: '/api/evaluation/system/nodes/:id',
      tag: TAG,
      access: EDITORS,
      summary: 'Remove a node and everything under it; its siblings keep their proportions',
      params: Id,
      response: EvalSystem,
      errors: { 404: 'no evaluation system, or no such node' },
    },
    ({ params, user }) => system.deleteNode(db, user!, params.id),
  );
  route(
    r,
    {
      method: 'put',
      path: '/api/evaluation/system/weights',
      tag: TAG,
      access: EDITORS,
      summary:
        "Weights of one group of siblings: direct, AHP (refused when CR ≥ 0.1) or entropy (from a period's community data)",
      body: WeightsInput,
      response: EvalSystem,
      errors: { 404: 'no evaluation system, period or group' },
    },
    ({ body, user }) => system.setWeights(db, user!, body),
  );
  route(
    r,
    {
      method: 'post',
      path: '/api/evaluation/ahp',
      tag: TAG,
      access: READERS,
      summary: 'AHP weights, λmax, CI, RI and CR of a pairwise matrix, without saving (for the editor)',
      body: AhpCheckInput,
      response: AhpCheck,
    },
    async ({ body }) => system.ahpCheck(body.matrix),
  );
  route(
    r,
    {
      method: 'get',
      path: '/api/evaluation/periods',
      tag: TAG,
      access: READERS,
      summary: 'Evaluation periods, oldest first',
      response: z.array(EvalPeriod),
    },
    () => sql.periods(db),
  );
  route(
    r,
    {
      method: 'get',
      path: '/api/evaluation/results',
      tag: TAG,
      access: READERS,
      summary:
        'Scores 0–100, ranks with their 5–95% band under weight perturbation, progress index and dimension scores of streets or communities',
      query: ResultsQuery,
      response: Results,
      errors: { 404: 'no evaluation system or period yet, or an area outside your scope' },
    },
    ({ query, user }) => svc.results(db, user!, query),
  );
  route(
    r,
    {
      method: 'get',
      path: '/api/evaluation/trend',
      tag: TAG,
      access: READERS,
      summary: 'Score and rank of every street or community in every period',
      query: TrendQuery,
      response: Trend,
      errors: { 404: 'no evaluation system or period yet, or an area outside your scope' },
    },
    ({ query, user }) => svc.trend(db, user!, query),
  );
  route(
    r,
    {
      method: 'get',
      path: '/api/evaluation/areas/:id',
      tag: TAG,
      access: READERS,
      summary:
        'Drill-down: one street or community, every indicator with its raw value, score, weight, contribution and groups',
      params: Id,
      query: z.object({ period: PeriodCode.optional() }),
      response: AreaDetail,
      errors: { 404: 'no evaluation system or period yet, or an area outside your scope' },
    },
    ({ params, query, user }) => svc.areaDetail(db, user!, params.id, query.period),
  );
  route(
    r,
    {
      method: 'get',
      path: '/api/evaluation/specials',
      tag: TAG,
      access: READERS,
      summary: 'Special bonus/penalty items (专项特色) of a period',
      query: z.object({ period: PeriodCode.optional() }),
      response: z.array(Special),
      errors: { 404: 'no such period' },
    },
    ({ query, user }) => svc.listSpecials(db, user!, query.period),
  );
  route(
    r,
    {
      method: 'post',
      path: '/api/evaluation/specials',
      tag: TAG,
      access: SPECIALS,
      summary: 'Add special points (−10…+10) to a street or community in a period',
      body: SpecialInput,
      response: Special,
      status: 201,
      errors: { 404: 'no such period, or an area outside your scope' },
    },
    async ({ body, user }) => {
      const out = await svc.addSpecial(db, user!, body);
      return out;
    },
  );
  route(
    r,
    {
      method: 'delete',
      path: '/api/evaluation/specials/:id',
      tag: TAG,
      access: SPECIALS,
      summary: 'Remove a special item',
      params: Id,
      status: 204,
      errors: { 404: 'no such special item' },
    },
    async ({ params, user }) => {
      await svc.deleteSpecial(db, user!, params.id);
    },
  );
  route(
    r,
    {
      method: 'get',
      path: '/api/evaluation/reverse',
      tag: TAG,
      access: READERS,
      summary:
        "Reverse-issue list: residents' complaints per community and topic in a period, with any order dispatched",
      query: ReverseQuery,
      response: ReverseList,
      errors: { 404: 'no such period' },
    },
    ({ query, user }) => svc.reverseList(db, user!, query),
  );
  route(
    r,
    {
      method: 'post',
      path: '/api/evaluation/reverse/dispatch',
      tag: TAG,
      access: DISPATCHERS,
      summary: 'Dispatch a reverse issue as a work order (through the order service; deadline by the SLA rules)',
      body: DispatchInput,
      response: ReverseIssue,
      status: 201,
      errors: { 404: 'no such period, or an area outside your scope', 409: 'the issue is already dispatched' },
    },
    async ({ body, user }) => {
      const out = await svc.dispatchReverse(deps, user!, body, publish);
      return out;
    },
  );
  route(
    r,
    {
      method: 'get',
      path: '/api/evaluation/import/template.csv',
      tag: TAG,
      access: IMPORTERS,
      summary: 'Questionnaire import template, CSV (UTF-8 with BOM)',
      produces: 'text/csv',
      errors: { 404: 'no evaluation system has been set up' },
    },
    async ({ user, res }) => {
      res.setHeader('Content-Type', 'text/csv; charset=utf-8');
      res.setHeader('Content-Disposition', `attachment; filename="evaluation-questionnaires-template.csv"`);
      res.send(await templateCsv(db, user!));
      return undefined;
    },
  );
  route(
    r,
    {
      method: 'post',
      path: '/api/evaluation/import',
      tag: TAG,
      access: IMPORTERS,
      summary: 'Import questionnaire results (multipart "file": CSV in UTF-8/GBK, or XLSX); all rows or none',
      response: ImportResult,
      errors: { 404: 'no evaluation system has been set up', 413: 'the file is too large' },
    },
    async ({ req, res, user }) => {
      const file = await receive(req, res);
      return importQuestionnaires(db, user!, file.originalname, file.buffer);
    },
  );
  return r;
}
