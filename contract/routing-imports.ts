// The departments (部门) and the responsibility list (责任清单) a district brings as spreadsheets: each file is
// checked into a report (rows new, updated or unchanged, rows refused with line and reason), then accepted in one
// transaction or cancelled. Departments first: the responsibility list names departments that must exist.
import { z } from 'zod';
import { DbIdText } from './ids.js';
import { NoteFields } from './messages/note-fields.js';
import { HazardLevel } from './orders.js';

/** Column keys of the department list, and the titles (Chinese or English, any case) that name them. */
export const DEPARTMENT_COLUMNS = ['code', 'name', 'name_en'] as const;
export type DepartmentColumn = (typeof DEPARTMENT_COLUMNS)[number];
export const DEPARTMENT_REQUIRED: readonly DepartmentColumn[] = ['name'];
export const DEPARTMENT_TITLES: Record<string, DepartmentColumn> = {
  code: 'code',
  部门编码: 'code',
  编码: 'code',
  部门代码: 'code',
  name: 'name',
  部门名称: 'name',
  部门: 'name',
  名称: 'name',
  name_en: 'name_en',
  english: 'name_en',
  英文名称: 'name_en',
  英文名: 'name_en',
};

/** Column keys of the responsibility list, and their titles. */
export const RESPONSIBILITY_COLUMNS = ['category', 'area', 'hazard_level', 'lead', 'assist'] as const;
export type ResponsibilityColumn = (typeof RESPONSIBILITY_COLUMNS)[number];
export const RESPONSIBILITY_REQUIRED: readonly ResponsibilityColumn[] = ['category', 'lead'];
export const RESPONSIBILITY_TITLES: Record<string, ResponsibilityColumn> = {
  category: 'category',
  事项类别: 'category',
  类别: 'category',
  事项: 'category',
  area: 'area',
  区域: 'area',
  区域编码: 'area',
  hazard_level: 'hazard_level',
  hazard: 'hazard_level',
  风险等级: 'hazard_level',
  隐患等级: 'hazard_level',
  lead: 'lead',
  主办部门: 'lead',
  主办: 'lead',
  assist: 'assist',
  协办部门: 'assist',
  协办: 'assist',
};

export const ROUTING_IMPORT_MAX_ROWS = 5_000;
export const ROUTING_IMPORT_MAX_BYTES = 5 * 1024 * 1024;

export const RoutingImportStatus = z.enum(['pending', 'accepted', 'cancelled']);

export const RoutingRefusal = z.object({ line: z.number().int(), reason: z.string(), ...NoteFields });
export type RoutingRefusal = z.infer<typeof RoutingRefusal>;

export const DepartmentRow = z.object({
  line: z.number().int(),
  code: z.string(),
  name: z.string(),
  nameEn: z.string(),
  /** new: a department added; update: its names change or it is active again; unchanged: as it is. */
  action: z.enum(['new', 'update', 'unchanged']),
  /** What the department holds now, for an update. */
  before: z.object({ name: z.string(), nameEn: z.string(), active: z.boolean() }).nullable(),
});
export type DepartmentRow = z.infer<typeof DepartmentRow>;

/** An active department the file does not name: kept as it is, or made inactive when asked. */
export const MissingDepartment = z.object({
  code: z.string(),
  name: z.string(),
  /** Rules of the responsibility list that name it (lead or assisting). */
  rules: z.number().int(),
});
export type MissingDepartment = z.infer<typeof MissingDepartment>;

export const DepartmentImportReport = z.object({
  id: z.number().int(),
  fileName: z.string(),
  status: RoutingImportStatus,
  rows: z.array(DepartmentRow),
  refused: z.array(RoutingRefusal),
  missing: z.array(MissingDepartment),
  /** Whether the departments the file does not name are made inactive on accept (never deleted). */
  deactivateMissing: z.boolean(),
  counts: z.object({
    new: z.number().int(),
    update: z.number().int(),
    unchanged: z.number().int(),
    refused: z.number().int(),
    /** Active departments the file does not name that stay as they are. */
    kept: z.number().int(),
    /** Active departments the file does not name that become inactive. */
    deactivate: z.number().int(),
  }),
  acceptable: z.boolean(),
});
export type DepartmentImportReport = z.infer<typeof DepartmentImportReport>;

export const ResponsibilityRow = z.object({
  line: z.number().int(),
  categoryCode: z.string(),
  /** null: every area. */
  areaId: z.number().int().nullable(),
  areaCode: z.string().nullable(),
  areaName: z.string().nullable(),
  hazardLevel: HazardLevel.nullable(),
  leadDept: z.string(),
  assistDepts: z.array(z.string()),
  /** new: no rule for this category, area and hazard level; replace: the rule there changes; unchanged: the same. */
  action: z.enum(['new', 'replace', 'unchanged']),
  ruleId: z.number().int().nullable(),
});
export type ResponsibilityRow = z.infer<typeof ResponsibilityRow>;

export const ResponsibilityImportReport = z.object({
  id: z.number().int(),
  fileName: z.string(),
  status: RoutingImportStatus,
  rows: z.array(ResponsibilityRow),
  refused: z.array(RoutingRefusal),
  counts: z.object({
    new: z.number().int(),
    replace: z.number().int(),
    unchanged: z.number().int(),
    refused: z.number().int(),
    /** Rules in your scope the file does not name: kept as they are. */
    kept: z.number().int(),
  }),
  acceptable: z.boolean(),
});
export type ResponsibilityImportReport = z.infer<typeof ResponsibilityImportReport>;

export const RoutingImportId = z.object({ id: DbIdText });
