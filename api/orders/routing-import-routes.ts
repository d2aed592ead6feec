// HTTP: the department list and the responsibility list from a district's files — POST a file for its report
// (nothing written), then /:id/accept (one transaction) or /:id/cancel; templates hold the lists as they stand.
import { Router, type Request } from 'express';
import {
  DepartmentImportReport,
  ResponsibilityImportReport,
  ROUTING_IMPORT_MAX_BYTES,
  RoutingImportId,
} from '../../contract/routing-imports.js';
import type { Db } from '../db/index.js';
import { route } from '../http/route.js';
import { fileUpload } from '../http/upload.js';
import {
  acceptDepartments,
  acceptResponsibilities,
  analyseDepartments,
  analyseResponsibilities,
  cancelDepartments,
  cancelResponsibilities,
  departmentTemplateCsv,
  departmentTemplateXlsx,
  responsibilityTemplateCsv,
  responsibilityTemplateXlsx,
} from './routing-import.js';

// Departments are the district's: an admin whose scope holds every area (checked in routing-import.ts). The
// responsibility list follows its editor: admins, each for the areas of their scope.
const ADMIN = ['admin'] as const;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A form field or query flag: "true" or "1". */
function flag(req: Request, name: string): boolean {
  const v = (req.body as Record<string, unknown> | undefined)?.[name] ?? req.query[name];
  return v === 'true' || v === '1';
}

export function routingImportRoutes(db: Db): Router {
  const r = Router();
  const receive = fileUpload({ field: 'file', maxBytes: ROUTING_IMPORT_MAX_BYTES });

  route(
    r,
    {
      method: 'get',
      path: '/api/departments/import/template.csv',
      tag: 'orders',
      access: ADMIN,
      summary: 'Department list template, CSV (UTF-8 with BOM): the active departments as they stand',
      produces: 'text/csv',
    },
    async ({ res }) => {
      res.setHeader('Content-Type', 'text/csv; charset=utf-8');
      res.setHeader('Content-Disposition', `attachment; filename="departments-template.csv"`);
      res.send(await departmentTemplateCsv(db));
      return undefined;
    },
  );
  route(
    r,
    {
      method: 'get',
      path: '/api/departments/import/template.xlsx',
      tag: 'orders',
      access: ADMIN,
      summary: 'Department list template, XLSX (with a sheet of notes)',
      produces: XLSX,
    },
    async ({ res }) => {
      res.setHeader('Content-Type', XLSX);
      res.setHeader('Content-Disposition', `attachment; filename="departments-template.xlsx"`);
      return departmentTemplateXlsx(db);
    },
  );
  route(
    r,
    {
      method: 'post',
      path: '/api/departments/import',
      tag: 'orders',
      access: ADMIN,
      summary:
        'Check a department list (multipart "file": CSV or XLSX with code/部门编码, name/部门名称, name_en/英文名称; "deactivateMissing": true to make the departments it leaves out inactive) → its report; nothing is written until accepted',
      response: DepartmentImportReport,
      status: 201,
      errors: { 413: 'the file is too large' },
    },
    async ({ req, res, user }) => {
      const file = await receive(req, res);
      return analyseDepartments(db, user!, file.originalname, file.buffer, flag(req, 'deactivateMissing'));
    },
  );
  route(
    r,
    {
      method: 'post',
      path: '/api/departments/import/:id/accept',
      tag: 'orders',
      access: ADMIN,
      summary: 'Write a checked department list in one transaction (departments are never deleted)',
      params: RoutingImportId,
      response: DepartmentImportReport,
      errors: { 404: 'no such department import in your scope', 409: 'refused rows, or already decided' },
    },
    ({ params, user, req }) => acceptDepartments(db, user!, params.id, req.ip),
  );
  route(
    r,
    {
      method: 'post',
      path: '/api/departments/import/:id/cancel',
      tag: 'orders',
      access: ADMIN,
      summary: 'Cancel a checked department list: nothing is written',
      params: RoutingImportId,
      response: DepartmentImportReport,
      errors: { 404: 'no such department import in your scope', 409: 'already decided' },
    },
    ({ params, user }) => cancelDepartments(db, user!, params.id),
  );

  route(
    r,
    {
      method: 'get',
      path: '/api/responsibilities/import/template.csv',
      tag: 'orders',
      access: ADMIN,
      summary: 'Responsibility list template, CSV (UTF-8 with BOM): the rules of your scope as they stand',
      produces: 'text/csv',
    },
    async ({ res, user }) => {
      res.setHeader('Content-Type', 'text/csv; charset=utf-8');
      res.setHeader('Content-Disposition', `attachment; filename="responsibilities-template.csv"`);
      res.send(await responsibilityTemplateCsv(db, user!));
      return undefined;
    },
  );
  route(
    r,
    {
      method: 'get',
      path: '/api/responsibilities/import/template.xlsx',
      tag: 'orders',
      access: ADMIN,
      summary: 'Responsibility list template, XLSX (with sheets of notes, categories and departments)',
      produces: XLSX,
    },
    async ({ res, user }) => {
      res.setHeader('Content-Type', XLSX);
      res.setHeader('Content-Disposition', `attachment; filename="responsibilities-template.xlsx"`);
      return responsibilityTemplateXlsx(db, user!);
    },
  );
  route(
    r,
    {
      method: 'post',
      path: '/api/responsibilities/import',
      tag: 'orders',
      access: ADMIN,
      summary:
        'Check a responsibility list (multipart "file": CSV or XLSX with category/事项类别, area/区域, hazard_level/风险等级, lead/主办部门, assist/协办部门) → its report; nothing is written until accepted',
      response: ResponsibilityImportReport,
      status: 201,
      errors: { 413: 'the file is too large' },
    },
    async ({ req, res, user }) => {
      const file = await receive(req, res);
      return analyseResponsibilities(db, user!, file.originalname, file.buffer);
    },
  );
  route(
    r,
    {
      method: 'post',
      path: '/api/responsibilities/import/:id/accept',
      tag: 'orders',
      access: ADMIN,
      summary:
        'Write a checked responsibility list in one transaction, each rule over the one of its category, area and hazard level; rules it does not name stay',
      params: RoutingImportId,
      response: ResponsibilityImportReport,
      errors: {
        404: 'no such responsibility import in your scope',
        409: 'refused rows, already decided, or a rule can no longer be set since the report (nothing written)',
      },
    },
    ({ params, user, req }) => acceptResponsibilities(db, user!, params.id, req.ip),
  );
  route(
    r,
    {
      method: 'post',
      path: '/api/responsibilities/import/:id/cancel',
      tag: 'orders',
      access: ADMIN,
      summary: 'Cancel a checked responsibility list: nothing is written',
      params: RoutingImportId,
      response: ResponsibilityImportReport,
      errors: { 404: 'no such responsibility import in your scope', 409: 'already decided' },
    },
    ({ params, user }) => cancelResponsibilities(db, user!, params.id),
  );
  return r;
}
