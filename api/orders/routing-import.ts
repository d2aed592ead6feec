// A district's departments (部门) and responsibility list (责任清单) from CSV/XLSX: each file is checked into a plan
// stored as a pending import (nothing else written), then accepted in one transaction (audited) or cancelled.
// Departments are never deleted: those the file leaves out are kept, or made inactive when asked. The list's rules
// are checked by the same validate() as the editor's, so an import may set only what the editor would let it.
import { m, type Message } from '../../contract/messages/index.js';
import type { Said } from '../../contract/messages/speak.js';
import { ORDER_CATEGORIES, categoryByCode } from '../../contract/order-categories.js';
import type { HazardLevel } from '../../contract/orders.js';
import { ResponsibilityInput } from '../../contract/responsibilities.js';
import {
  DEPARTMENT_COLUMNS,
  DEPARTMENT_REQUIRED,
  DEPARTMENT_TITLES,
  RESPONSIBILITY_COLUMNS,
  RESPONSIBILITY_REQUIRED,
  RESPONSIBILITY_TITLES,
  ROUTING_IMPORT_MAX_ROWS,
  type DepartmentColumn,
  type DepartmentImportReport,
  type DepartmentRow,
  type MissingDepartment,
  type ResponsibilityColumn,
  type ResponsibilityImportReport,
  type ResponsibilityRow,
  type RoutingRefusal,
} from '../../contract/routing-imports.js';
import { audit } from '../auth/queries.js';
import { holdsEveryArea, requireEveryArea } from '../auth/scope.js';
import type { AuthUser } from '../auth/session.js';
import type { Db, Queryable } from '../db/index.js';
import { csvText } from '../http/csv.js';
import { Conflict, HttpError, NotFound } from '../http/errors.js';
import { mapTitledHeader, openTable } from '../needs/import-parse.js';
import { halfWidth, splitGrids } from '../workers/roster-parse.js';
import { validate } from './responsibilities.js';

type Refusal = Said<RoutingRefusal, 'reason'>;
type Kind = 'departments' | 'responsibilities';
export type DepartmentOutcome = Omit<DepartmentImportReport, 'refused'> & { refused: Refusal[] };
export type ResponsibilityOutcome = Omit<ResponsibilityImportReport, 'refused'> & { refused: Refusal[] };

interface DepartmentPlan {
  rows: DepartmentRow[];
  refused: Refusal[];
  missing: MissingDepartment[];
  deactivateMissing: boolean;
}
interface ResponsibilityPlan {
  rows: ResponsibilityRow[];
  refused: Refusal[];
  kept: number;
}

const refuse = (line: number, reason: Message): Refusal => ({ line, reason: m('routing.row', { line, reason }) });
const byLine = (a: { line: number }, b: { line: number }) => a.line - b.line;

async function storePlan(db: Db, user: AuthUser, kind: Kind, fileName: string, plan: object): Promise<number> {
  const r = await db.query<{ id: number }>(
    /* sql */ `INSERT INTO routing_imports (kind, account_id, scope_path, file_name, plan) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
    [kind, user.id, user.areaPath, fileName, JSON.stringify(plan)],
  );
  return r.rows[0].id;
}

/** A pending import of this kind in the user's scope, locked for the decision; 404 / 409 otherwise. */
async function pendingInScope<P>(q: Queryable, user: AuthUser, kind: Kind, id: number) {
  const r = await q.query<{ fileName: string; status: 'pending' | 'accepted' | 'cancelled'; plan: P }>(
    /* sql */ `SELECT file_name AS "fileName", status, plan FROM routing_imports
      WHERE id = $1 AND kind = $2 AND scope_path LIKE $3 || '%' FOR UPDATE`,
    [id, kind, user.areaPath],
  );
  const imp = r.rows[0];
  if (!imp) throw new NotFound(m('routing.notFound', { id }));
  if (imp.status !== 'pending') throw new Conflict(m('routing.notPending', { id, status: imp.status }));
  return imp;
}

const decide = (q: Queryable, id: number, status: 'accepted' | 'cancelled') =>
  q.query(`UPDATE routing_imports SET status = $2, decided_at = now() WHERE id = $1`, [id, status]);

// ---- departments -------------------------------------------------------------------------------------------

const DEPARTMENT_LIST = m('routing.departmentList');

/** A code as a sheet may hold it (full width, capitals, spaces or dashes) in the form the table keeps, or null. */
export function departmentCode(raw: string): string | null {
  const code = halfWidth(raw)
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
  return /^[a-z_]{2,40}$/.test(code) ? code : null;
}

interface DepartmentNow {
  code: string;
  name: string;
  nameEn: string;
  active: boolean;
}

async function departmentsNow(q: Queryable): Promise<DepartmentNow[]> {
  return (
    await q.query<DepartmentNow>(
      /* sql */ `SELECT code, name, name_en AS "nameEn", active FROM departments ORDER BY code`,
    )
  ).rows;
}

function departmentReport(
  id: number,
  fileName: string,
  status: DepartmentImportReport['status'],
  plan: DepartmentPlan,
) {
  const count = (a: DepartmentRow['action']) => plan.rows.filter((r) => r.action === a).length;
  const out: DepartmentOutcome = {
    id,
    fileName,
    status,
    rows: plan.rows,
    refused: plan.refused,
    missing: plan.missing,
    deactivateMissing: plan.deactivateMissing,
    counts: {
      new: count('new'),
      update: count('update'),
      unchanged: count('unchanged'),
      refused: plan.refused.length,
      kept: plan.deactivateMissing ? 0 : plan.missing.length,
      deactivate: plan.deactivateMissing ? plan.missing.length : 0,
    },
    acceptable: status === 'pending' && plan.refused.length === 0 && plan.rows.length > 0,
  };
  return out;
}

/**
 * Reads and checks a department list: codes as the table keeps them (a code the table cannot hold is refused, not
 * made up), an empty code matched to the department of that name, repeated codes and names refused by line.
 */
export async function analyseDepartments(
  db: Db,
  user: AuthUser,
  fileName: string,
  buf: Buffer,
  deactivateMissing: boolean,
): Promise<DepartmentOutcome> {
  await requireEveryArea(db, user, DEPARTMENT_LIST);
  const { table, index } = await openTable(fileName, buf, {
    mapHeader: (h) => mapTitledHeader(h, DEPARTMENT_TITLES, DEPARTMENT_REQUIRED),
    columns: DEPARTMENT_COLUMNS,
    required: DEPARTMENT_REQUIRED,
    maxRows: ROUTING_IMPORT_MAX_ROWS,
  });
  const now = await departmentsNow(db);
  const byCode = new Map(now.map((d) => [d.code, d]));
  const activeByName = new Map<string, DepartmentNow>();
  for (const d of now.filter((x) => x.active)) {
    activeByName.set(d.name, d);
    if (!activeByName.has(d.nameEn)) activeByName.set(d.nameEn, d);
  }
  const rows: DepartmentRow[] = [];
  const refused: Refusal[] = [];
  const codeLine = new Map<string, number>();
  const nameLine = new Map<string, number>();
  for (const { line, cells } of table.rows) {
    if (cells.every((c) => !c.trim())) continue;
    const cell = (c: DepartmentColumn) => (index[c] === undefined ? '' : halfWidth(cells[index[c]] ?? '').trim());
    const name = cell('name');
    const rawCode = cell('code');
    if (!name) {
      refused.push(refuse(line, m('routing.noName')));
      continue;
    }
    let code: string | null;
    if (rawCode) {
      code = departmentCode(rawCode);
      if (!code) {
        refused.push(refuse(line, m('routing.badCode', { code: rawCode })));
        continue;
      }
    } else {
      code = activeByName.get(name)?.code ?? null;
      if (!code) {
        refused.push(refuse(line, m('routing.noCode', { name })));
        continue;
      }
    }
    const firstCode = codeLine.get(code);
    if (firstCode !== undefined) {
      refused.push(refuse(line, m('routing.duplicateCode', { code, first: firstCode })));
      continue;
    }
    const firstName = nameLine.get(name);
    if (firstName !== undefined) {
      refused.push(refuse(line, m('routing.duplicateName', { name, first: firstName })));
      continue;
    }
    const holder = activeByName.get(name);
    if (holder && holder.code !== code && holder.name === name) {
      refused.push(refuse(line, m('routing.nameTaken', { name, code: holder.code })));
      continue;
    }
    codeLine.set(code, line);
    nameLine.set(name, line);
    const before = byCode.get(code) ?? null;
    // No English name: an update keeps the one it has; a new department shows its own name in English too.
    const nameEn = cell('name_en') || before?.nameEn || name;
    const action: DepartmentRow['action'] = !before
      ? 'new'
      : before.name !== name || before.nameEn !== nameEn || !before.active
        ? 'update'
        : 'unchanged';
    rows.push({
      line,
      code,
      name,
      nameEn,
      action,
      before: before && { name: before.name, nameEn: before.nameEn, active: before.active },
    });
  }
  const named = new Set(rows.map((r) => r.code));
  const left = now.filter((d) => d.active && !named.has(d.code));
  const uses = await db.query<{ code: string; n: number }>(
    /* sql */ `SELECT d.code, count(r.id)::int AS n FROM unnest($1::text[]) AS d(code)
      JOIN responsibilities r ON r.lead_dept = d.code OR d.code = ANY(r.assist_depts) GROUP BY d.code`,
    [left.map((d) => d.code)],
  );
  const missing = left.map((d) => ({
    code: d.code,
    name: d.name,
    rules: uses.rows.find((u) => u.code === d.code)?.n ?? 0,
  }));
  refused.sort(byLine);
  const plan: DepartmentPlan = { rows, refused, missing, deactivateMissing };
  const id = await storePlan(db, user, 'departments', fileName, plan);
  return departmentReport(id, fileName, 'pending', plan);
}

/** Writes a pending department list in one transaction: new and changed departments, and the left-out ones inactive when asked. */
export async function acceptDepartments(db: Db, user: AuthUser, id: number, ip?: string): Promise<DepartmentOutcome> {
  return db.tx(async (q) => {
    await requireEveryArea(q, user, DEPARTMENT_LIST);
    const imp = await pendingInScope<DepartmentPlan>(q, user, 'departments', id);
    const plan = imp.plan;
    if (plan.refused.length) throw new Conflict(m('routing.hasRefusals', { count: plan.refused.length }));
    const changed = plan.rows.filter((r) => r.action !== 'unchanged');
    if (changed.length)
      await q.query(
        /* sql */ `INSERT INTO departments (code, name, name_en, active)
          SELECT code, name, name_en, true FROM unnest($1::text[], $2::text[], $3::text[]) AS t(code, name, name_en)
          ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, name_en = EXCLUDED.name_en, active = true`,
        [changed.map((r) => r.code), changed.map((r) => r.name), changed.map((r) => r.nameEn)],
      );
    let deactivated = 0;
    if (plan.deactivateMissing && plan.missing.length) {
      const r = await q.query(
        /* sql */ `UPDATE departments SET active = false WHERE active AND code = ANY($1::text[])`,
        [plan.missing.map((d) => d.code)],
      );
      deactivated = r.rowCount ?? 0;
    }
    await decide(q, id, 'accepted');
    const out = departmentReport(id, imp.fileName, 'accepted', plan);
    await audit(q, {
      accountId: user.id,
      action: 'departments.import',
      target: `routing_import:${id}`,
      detail: { ...out.counts, deactivated, codes: changed.map((r) => r.code) },
      ip,
    });
    return out;
  });
}

export async function cancelDepartments(db: Db, user: AuthUser, id: number): Promise<DepartmentOutcome> {
  return db.tx(async (q) => {
    await requireEveryArea(q, user, DEPARTMENT_LIST);
    const imp = await pendingInScope<DepartmentPlan>(q, user, 'departments', id);
    await decide(q, id, 'cancelled');
    return departmentReport(id, imp.fileName, 'cancelled', imp.plan);
  });
}

// ---- the responsibility list -------------------------------------------------------------------------------

const HAZARD_WORDS: Record<string, HazardLevel> = {
  general: 'general',
  一般: 'general',
  major: 'major',
  较大: 'major',
  critical: 'critical',
  重大: 'critical',
};

/** A category by its code (any case) or its name in either language. */
function findCategory(raw: string): string | null {
  const code = categoryByCode(raw.toUpperCase())?.code;
  if (code) return code;
  const lower = raw.toLowerCase();
  return ORDER_CATEGORIES.find((c) => c.zh === raw || c.en.toLowerCase() === lower)?.code ?? null;
}

/** Active departments by code, Chinese name and English name (any case), for the list's lead and assisting columns. */
class DepartmentDirectory {
  private by = new Map<string, string>();
  constructor(depts: DepartmentNow[]) {
    for (const d of depts.filter((x) => x.active)) {
      this.by.set(d.code, d.code);
      this.by.set(d.name, d.code);
      if (!this.by.has(d.nameEn.toLowerCase())) this.by.set(d.nameEn.toLowerCase(), d.code);
    }
  }
  find(raw: string): string | null {
    return this.by.get(raw) ?? this.by.get(raw.toLowerCase()) ?? departmentCode(raw) ?? null;
  }
}

interface AreaRef {
  id: number;
  code: string;
  name: string;
}

function responsibilityReport(
  id: number,
  fileName: string,
  status: ResponsibilityImportReport['status'],
  plan: ResponsibilityPlan,
): ResponsibilityOutcome {
  const count = (a: ResponsibilityRow['action']) => plan.rows.filter((r) => r.action === a).length;
  return {
    id,
    fileName,
    status,
    rows: plan.rows,
    refused: plan.refused,
    counts: {
      new: count('new'),
      replace: count('replace'),
      unchanged: count('unchanged'),
      refused: plan.refused.length,
      kept: plan.kept,
    },
    acceptable: status === 'pending' && plan.refused.length === 0 && plan.rows.length > 0,
  };
}

const inputOf = (r: ResponsibilityRow) => ({
  categoryCode: r.categoryCode,
  areaId: r.areaId,
  hazardLevel: r.hazardLevel,
  leadDept: r.leadDept,
  assistDepts: r.assistDepts,
});
const ruleKey = (r: { categoryCode: string; areaId: number | null; hazardLevel: string | null }) =>
  `${r.categoryCode}|${r.areaId ?? '*'}|${r.hazardLevel ?? '*'}`;

/**
 * Reads and checks a responsibility list: categories by code or name, areas by code (empty: every area), hazard
 * levels in either language (empty: every level), departments by code or name. Each rule is then held to the
 * editor's own checks (validate), so a rule for an area outside the scope, or for every area from a narrower
 * account, is refused with the editor's reason.
 */
export async function analyseResponsibilities(
  db: Db,
  user: AuthUser,
  fileName: string,
  buf: Buffer,
): Promise<ResponsibilityOutcome> {
  const { table, index } = await openTable(fileName, buf, {
    mapHeader: (h) => mapTitledHeader(h, RESPONSIBILITY_TITLES, RESPONSIBILITY_REQUIRED),
    columns: RESPONSIBILITY_COLUMNS,
    required: RESPONSIBILITY_REQUIRED,
    maxRows: ROUTING_IMPORT_MAX_ROWS,
  });
  const depts = new DepartmentDirectory(await departmentsNow(db));
  const areaRefs =
    index.area === undefined ? [] : [...new Set(table.rows.map((r) => (r.cells[index.area!] ?? '').trim()))];
  const areas = new Map<string, AreaRef>();
  if (areaRefs.some(Boolean)) {
    const found = await db.query<AreaRef & { ref: string }>(
      /* sql */ `SELECT DISTINCT ON (ref) ref, a.id, a.code, a.name FROM unnest($1::text[]) AS ref
        JOIN areas a ON a.code = ref OR (a.name = ref AND (SELECT count(*) FROM areas b WHERE b.name = ref) = 1)
        ORDER BY ref, (a.code = ref) DESC, a.id`,
      [areaRefs.filter(Boolean)],
    );
    for (const a of found.rows) areas.set(a.ref, { id: a.id, code: a.code, name: a.name });
  }
  const rows: ResponsibilityRow[] = [];
  const refused: Refusal[] = [];
  const keyLine = new Map<string, number>();
  for (const { line, cells } of table.rows) {
    if (cells.every((c) => !c.trim())) continue;
    const cell = (c: ResponsibilityColumn) => (index[c] === undefined ? '' : (cells[index[c]] ?? '').trim());
    const rawCategory = halfWidth(cell('category')).trim();
    if (!rawCategory) {
      refused.push(refuse(line, m('routing.noCategory')));
      continue;
    }
    const categoryCode = findCategory(rawCategory);
    if (!categoryCode) {
      refused.push(refuse(line, m('routing.unknownCategory', { category: rawCategory })));
      continue;
    }
    const rawArea = cell('area');
    const area = rawArea ? (areas.get(rawArea) ?? null) : null;
    if (rawArea && !area) {
      refused.push(refuse(line, m('routing.unknownArea', { area: rawArea })));
      continue;
    }
    const rawHazard = halfWidth(cell('hazard_level')).trim();
    const hazardLevel = rawHazard ? (HAZARD_WORDS[rawHazard.toLowerCase()] ?? null) : null;
    if (rawHazard && !hazardLevel) {
      refused.push(refuse(line, m('routing.badHazard', { hazard: rawHazard })));
      continue;
    }
    const rawLead = halfWidth(cell('lead')).trim();
    if (!rawLead) {
      refused.push(refuse(line, m('routing.noLead')));
      continue;
    }
    const named = [rawLead, ...splitGrids(cell('assist'))];
    const unknown = named.find((d) => !depts.find(d));
    if (unknown !== undefined) {
      refused.push(refuse(line, m('routing.unknownDepartment', { dept: unknown })));
      continue;
    }
    const [leadDept, ...assisting] = named.map((d) => depts.find(d)!);
    const assistDepts = [...new Set(assisting)];
    if (assistDepts.length > 10) {
      refused.push(refuse(line, m('routing.tooManyAssists', { max: 10, count: assistDepts.length })));
      continue;
    }
    const parsed = ResponsibilityInput.safeParse({
      categoryCode,
      areaId: area?.id ?? null,
      hazardLevel,
      leadDept,
      assistDepts,
    });
    if (!parsed.success) {
      refused.push(refuse(line, m('orders.field.leadAlsoAssisting')));
      continue;
    }
    try {
      await validate(db, user, parsed.data);
    } catch (e) {
      if (!(e instanceof HttpError)) throw e;
      refused.push(refuse(line, e.text));
      continue;
    }
    const key = ruleKey(parsed.data);
    const first = keyLine.get(key);
    if (first !== undefined) {
      refused.push(refuse(line, m('routing.duplicateRule', { first })));
      continue;
    }
    keyLine.set(key, line);
    rows.push({
      line,
      ...parsed.data,
      areaCode: area?.code ?? null,
      areaName: area?.name ?? null,
      action: 'new',
      ruleId: null,
    });
  }
  // What each rule replaces: the rule of the same category, area and hazard level, if any.
  const existing = await db.query<{
    id: number;
    categoryCode: string;
    areaId: number | null;
    hazardLevel: string | null;
    leadDept: string;
    assistDepts: string[];
    editable: boolean;
  }>(
    /* sql */ `SELECT r.id, r.category_code AS "categoryCode", r.area_id AS "areaId", r.hazard_level AS "hazardLevel",
        r.lead_dept AS "leadDept", r.assist_depts AS "assistDepts",
        CASE WHEN r.area_id IS NULL THEN $2::boolean ELSE a.path LIKE $1 || '%' END AS editable
      FROM responsibilities r LEFT JOIN areas a ON a.id = r.area_id`,
    [user.areaPath, await holdsEveryArea(db, user)],
  );
  const byKey = new Map(existing.rows.map((r) => [ruleKey(r), r]));
  for (const row of rows) {
    const was = byKey.get(ruleKey(row));
    if (!was) continue;
    row.ruleId = was.id;
    const same =
      was.leadDept === row.leadDept && [...was.assistDepts].sort().join() === [...row.assistDepts].sort().join();
    row.action = same ? 'unchanged' : 'replace';
  }
  const touched = new Set(rows.map((r) => r.ruleId).filter((x) => x !== null));
  const kept = existing.rows.filter((r) => r.editable && !touched.has(r.id)).length;
  refused.sort(byLine);
  const plan: ResponsibilityPlan = { rows, refused, kept };
  const id = await storePlan(db, user, 'responsibilities', fileName, plan);
  return responsibilityReport(id, fileName, 'pending', plan);
}

/**
 * Writes a pending responsibility list in one transaction: each rule checked again by validate() (a department made
 * inactive or an area gone since the report stops the whole accept, naming the line) and written over the rule of
 * its category, area and hazard level. Rules the file does not name stay as they are.
 */
export async function acceptResponsibilities(
  db: Db,
  user: AuthUser,
  id: number,
  ip?: string,
): Promise<ResponsibilityOutcome> {
  return db.tx(async (q) => {
    const imp = await pendingInScope<ResponsibilityPlan>(q, user, 'responsibilities', id);
    const plan = imp.plan;
    if (plan.refused.length) throw new Conflict(m('routing.hasRefusals', { count: plan.refused.length }));
    for (const row of plan.rows) {
      try {
        await validate(q, user, inputOf(row));
      } catch (e) {
        if (!(e instanceof HttpError)) throw e;
        throw new Conflict(m('routing.changedSince', { line: row.line, reason: e.text }));
      }
      if (row.action === 'unchanged') continue;
      await q.query(
        /* sql */ `INSERT INTO responsibilities (category_code, area_id, hazard_level, lead_dept, assist_depts, updated_by)
          VALUES ($1, $2, $3, $4, $5, $6)
          ON CONFLICT (category_code, coalesce(area_id, 0), coalesce(hazard_level, '*'))
          DO UPDATE SET lead_dept = EXCLUDED.lead_dept, assist_depts = EXCLUDED.assist_depts,
            updated_by = EXCLUDED.updated_by, updated_at = now()`,
        [row.categoryCode, row.areaId, row.hazardLevel, row.leadDept, row.assistDepts, user.id],
      );
    }
    await decide(q, id, 'accepted');
    const out = responsibilityReport(id, imp.fileName, 'accepted', plan);
    await audit(q, {
      accountId: user.id,
      action: 'responsibilities.import',
      target: `routing_import:${id}`,
      detail: { ...out.counts },
      ip,
    });
    return out;
  });
}

export async function cancelResponsibilities(db: Db, user: AuthUser, id: number): Promise<ResponsibilityOutcome> {
  return db.tx(async (q) => {
    const imp = await pendingInScope<ResponsibilityPlan>(q, user, 'responsibilities', id);
    await decide(q, id, 'cancelled');
    return responsibilityReport(id, imp.fileName, 'cancelled', imp.plan);
  });
}

// ---- templates ---------------------------------------------------------------------------------------------
// Each template is the list as it stands (the active departments; the rules of the caller's scope), in the file's
// own columns: a district edits it rather than typing it from nothing.

const DEPARTMENT_HEAD = ['code 部门编码', 'name 部门名称', 'name_en 英文名称'];
const RESPONSIBILITY_HEAD = [
  'category 事项类别',
  'area 区域',
  'hazard_level 风险等级',
  'lead 主办部门',
  'assist 协办部门',
];
const HAZARD_ZH: Record<HazardLevel, string> = { general: '一般', major: '较大', critical: '重大' };

async function departmentRows(db: Db): Promise<string[][]> {
  return (await departmentsNow(db)).filter((d) => d.active).map((d) => [d.code, d.name, d.nameEn]);
}

async function responsibilityRows(db: Db, user: AuthUser): Promise<string[][]> {
  const r = await db.query<{
    categoryCode: string;
    areaCode: string | null;
    hazardLevel: HazardLevel | null;
    leadDept: string;
    assistDepts: string[];
  }>(
    /* sql */ `SELECT r.category_code AS "categoryCode", a.code AS "areaCode", r.hazard_level AS "hazardLevel",
        r.lead_dept AS "leadDept", r.assist_depts AS "assistDepts"
      FROM responsibilities r LEFT JOIN areas a ON a.id = r.area_id
      WHERE r.area_id IS NULL OR a.path LIKE $1 || '%'
      ORDER BY r.category_code, a.code NULLS FIRST, r.hazard_level NULLS FIRST`,
    [user.areaPath],
  );
  return r.rows.map((x) => [
    x.categoryCode,
    x.areaCode ?? '',
    x.hazardLevel ? HAZARD_ZH[x.hazardLevel] : '',
    x.leadDept,
    x.assistDepts.join('、'),
  ]);
}

export async function departmentTemplateCsv(db: Db): Promise<string> {
  return csvText([DEPARTMENT_HEAD, ...(await departmentRows(db))]);
}

export async function responsibilityTemplateCsv(db: Db, user: AuthUser): Promise<string> {
  return csvText([RESPONSIBILITY_HEAD, ...(await responsibilityRows(db, user))]);
}

async function workbook(
  sheet: string,
  head: string[],
  rows: string[][],
  notes: string[][],
  extra: { name: string; head: string[]; rows: string[][] }[],
): Promise<Buffer> {
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(sheet);
  ws.addRow(head);
  for (const r of rows) ws.addRow(r);
  ws.getRow(1).font = { bold: true };
  ws.columns.forEach((c) => (c.width = 24));
  const help = wb.addWorksheet('说明 notes');
  help.addRow(['列 column', '说明 meaning']);
  help.addRows(notes);
  help.getRow(1).font = { bold: true };
  help.columns.forEach((c) => (c.width = 70));
  for (const x of extra) {
    const list = wb.addWorksheet(x.name);
    list.addRow(x.head);
    for (const r of x.rows) list.addRow(r);
    list.getRow(1).font = { bold: true };
    list.columns.forEach((c) => (c.width = 24));
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export async function departmentTemplateXlsx(db: Db): Promise<Buffer> {
  return workbook(
    '部门 departments',
    DEPARTMENT_HEAD,
    await departmentRows(db),
    [
      [
        'code 部门编码',
        '2–40 个小写英文字母或下划线，如 urban_mgmt；工单和责任清单以它为键。留空则按名称对应已有部门 — 2–40 lower-case letters or underscores; empty: the existing department of that name',
      ],
      ['name 部门名称', '必填，如 区城管执法局 — required'],
      ['name_en 英文名称', '选填；新部门留空时用中文名称 — optional; a new department without one shows its name'],
      [
        '未列出的部门 departments left out',
        '保留不变；导入时勾选「停用未列出的部门」则设为停用（从不删除）— kept as they are, or made inactive when asked (never deleted)',
      ],
    ],
    [],
  );
}

export async function responsibilityTemplateXlsx(db: Db, user: AuthUser): Promise<Buffer> {
  const depts = (await departmentsNow(db)).filter((d) => d.active);
  return workbook(
    '责任清单 responsibilities',
    RESPONSIBILITY_HEAD,
    await responsibilityRows(db, user),
    [
      [
        'category 事项类别',
        '必填：类别编码（如 SAN-01）或中文名称，见「类别 categories」— required: a category code or name',
      ],
      ['area 区域', '区域编码；留空表示全部区域 — an area code; empty: every area'],
      ['hazard_level 风险等级', '一般、较大或重大；留空表示全部等级 — general, major or critical; empty: every level'],
      ['lead 主办部门', '必填：部门编码或名称，见「部门 departments」— required: a department code or name'],
      ['assist 协办部门', '选填：多个用 、 , ; 分隔 — optional: several separated by 、 , ;'],
      [
        '未列出的规则 rules left out',
        '保留不变；同一类别、区域和风险等级的规则被文件中的行替换 — kept; a rule of the same category, area and level is replaced',
      ],
    ],
    [
      {
        name: '类别 categories',
        head: ['code 编码', 'name 名称', 'name_en 英文名称'],
        rows: ORDER_CATEGORIES.map((c) => [c.code, c.zh, c.en]),
      },
      {
        name: '部门 departments',
        head: DEPARTMENT_HEAD,
        rows: depts.map((d) => [d.code, d.name, d.nameEn]),
      },
    ],
  );
}
