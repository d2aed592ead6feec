// Questionnaire import (CSV in UTF-8/GBK, or XLSX): one row per community × respondent group × period with the
// number of respondents and the mean 0–100 score of each questionnaire indicator (columns named by indicator
// code). Every row is checked with its line number; one bad row and nothing is written.
import crypto from 'node:crypto';
import {
  EVAL_GROUPS,
  EVAL_GROUP_NAMES,
  type EvalGroup,
  type ImportResult,
  type ImportRowError,
} from '../../contract/evaluation.js';
import { audit } from '../auth/queries.js';
import type { AuthUser } from '../auth/session.js';
import type { Db, Queryable } from '../db/index.js';
import { HttpError, Invalid, NotFound } from '../http/errors.js';
import { readCsv, readXlsx, type RawTable } from '../needs/import-parse.js';
import * as sql from './queries.js';
import { csvText } from '../http/csv.js';
import { m } from '../../contract/messages/index.js';
import type { Said } from '../../contract/messages/speak.js';

export const MAX_IMPORT_BYTES = 10 * 1024 * 1024;
export const MAX_REPORTED_ERRORS = 200;

type Fixed = 'period' | 'community_code' | 'group' | 'respondents';
const FIXED_ALIASES: Record<string, Fixed> = {
  period: 'period',
  考评期: 'period',
  期次: 'period',
  季度: 'period',
  community_code: 'community_code',
  社区编码: 'community_code',
  社区代码: 'community_code',
  group: 'group',
  群体: 'group',
  问卷类别: 'group',
  人群: 'group',
  respondents: 'respondents',
  样本数: 'respondents',
  人数: 'respondents',
  有效问卷: 'respondents',
};
const GROUP_BY_NAME = new Map<string, EvalGroup>([
  ...EVAL_GROUPS.map((g) => [g, g] as [string, EvalGroup]),
  ...EVAL_GROUPS.map((g) => [EVAL_GROUP_NAMES[g].zh, g] as [string, EvalGroup]),
  ['老年居民', 'elder'],
  ['老年', 'elder'],
  ['中青年居民', 'middle_young'],
  ['中青年', 'middle_young'],
  ['单位', 'organisation'],
]);

/** Quarter codes become periods on import; other codes must already exist. */
export function quarterRange(code: string): { starts: string; ends: string } | null {
  const m = /^(\d{4})Q([1-4])$/.exec(code);
  if (!m) return null;
  const y = Number(m[1]);
  const qn = Number(m[2]);
  const mm = (n: number) => String(n).padStart(2, '0');
  return { starts: `${y}-${mm(qn * 3 - 2)}-01`, ends: qn === 4 ? `${y + 1}-01-01` : `${y}-${mm(qn * 3 + 1)}-01` };
}

export interface ParsedRow {
  line: number;
  period: string;
  communityCode: string;
  group: EvalGroup;
  respondents: number;
  scores: Map<string, number>;
}

/** Maps the header: fixed columns by key or Chinese title, indicator columns by code ('I04' or 'I04 环境卫生…'). */
export function mapHeader(header: string[], indicatorCodes: Set<string>, allCodes: Set<string>) {
  const fixed: Partial<Record<Fixed, number>> = {};
  const indicators = new Map<string, number>();
  const errors: RowRefusal[] = [];
  header.forEach((h, i) => {
    const raw = h.replace(/^\uFEFF/, '').trim();
    if (!raw) return;
    const first = raw.split(/[\s()（）/]+/).filter(Boolean)[0] ?? raw;
    const key = FIXED_ALIASES[raw.toLowerCase()] ?? FIXED_ALIASES[first.toLowerCase()] ?? FIXED_ALIASES[first];
    if (key) {
      if (fixed[key] !== undefined)
        errors.push({ line: 1, column: raw, reason: m('evaluation.duplicateColumn', { column: raw }) });
      fixed[key] = i;
    } else if (indicatorCodes.has(first.toUpperCase())) {
      if (indicators.has(first.toUpperCase()))
        errors.push({ line: 1, column: raw, reason: m('evaluation.duplicateIndicatorColumn', { column: raw }) });
      indicators.set(first.toUpperCase(), i);
    } else if (allCodes.has(first.toUpperCase())) {
      errors.push({ line: 1, column: raw, reason: m('evaluation.orderIndicatorColumn', { code: first }) });
    } else errors.push({ line: 1, column: raw, reason: m('evaluation.unknownColumn', { column: raw }) });
  });
  for (const k of ['period', 'community_code', 'group', 'respondents'] as Fixed[]) {
    if (fixed[k] === undefined)
      errors.push({ line: 1, column: k, reason: m('evaluation.missingColumn', { column: k }) });
  }
  if (!indicators.size) errors.push({ line: 1, reason: m('evaluation.noIndicatorColumns') });
  return { fixed, indicators, errors };
}

/** A refused row as this module builds it: its reason a message, spoken at the edge. */
export type RowRefusal = Said<ImportRowError, 'reason'>;

export function parseRow(cells: string[], h: ReturnType<typeof mapHeader>, line: number): ParsedRow | RowRefusal {
  const get = (k: Fixed) => (cells[h.fixed[k]!] ?? '').trim();
  const period = get('period').toUpperCase();
  if (!/^\d{4}Q[1-4]$/.test(period))
    return { line, column: 'period', reason: m('evaluation.periodInvalid', { value: get('period') }) };
  const communityCode = get('community_code');
  if (!/^\d{12}$/.test(communityCode))
    return { line, column: 'community_code', reason: m('evaluation.communityCodeInvalid', { value: communityCode }) };
  const group = GROUP_BY_NAME.get(get('group')) ?? GROUP_BY_NAME.get(get('group').toLowerCase());
  if (!group)
    return {
      line,
      column: 'group',
      reason: m('evaluation.groupUnknown', { value: get('group'), groups: EVAL_GROUPS.join('/') }),
    };
  const n = Number(get('respondents'));
  if (!Number.isInteger(n) || n < 1 || n > 100_000)
    return { line, column: 'respondents', reason: m('evaluation.respondentsInvalid', { value: get('respondents') }) };
  const scores = new Map<string, number>();
  for (const [code, i] of h.indicators) {
    const v = (cells[i] ?? '').trim();
    if (v === '') continue;
    const x = Number(v);
    if (!Number.isFinite(x) || x < 0 || x > 100)
      return { line, column: code, reason: m('evaluation.scoreInvalid', { code, value: v }) };
    scores.set(code, x);
  }
  if (!scores.size) return { line, reason: m('evaluation.rowWithoutScores') };
  return { line, period, communityCode, group, respondents: n, scores };
}

export async function readTable(fileName: string, buf: Buffer): Promise<{ table: RawTable; format: 'csv' | 'xlsx' }> {
  const isZip = buf.length > 4 && buf[0] === 0x50 && buf[1] === 0x4b;
  if (/\.xlsx$/i.test(fileName) || isZip) {
    try {
      return { table: await readXlsx(buf), format: 'xlsx' };
    } catch (e) {
      if (e instanceof HttpError && e.status === 413) throw e; // a workbook that unpacks past the limits
      throw new Invalid(m('evaluation.unreadableXlsx', { reason: (e as Error).message }));
    }
  }
  if (!/\.(csv|txt)$/i.test(fileName)) throw new Invalid(m('evaluation.csvOrXlsxOnly'));
  return { table: readCsv(buf), format: 'csv' };
}

export async function importQuestionnaires(
  db: Db,
  user: AuthUser,
  fileName: string,
  buf: Buffer,
): Promise<ImportResult> {
  const system = await sql.activeSystem(db);
  if (!system) throw new NotFound(m('evaluation.noSystem'));
  const nodes = await sql.systemNodes(db, system.id);
  const qCodes = new Set(
    nodes.filter((n) => n.level === 'indicator' && n.source === 'questionnaire').map((n) => n.code.toUpperCase()),
  );
  const allCodes = new Set(nodes.map((n) => n.code.toUpperCase()));
  const { table } = await readTable(fileName, buf);
  const out: ImportResult = { fileName, encoding: table.encoding, rows: table.rows.length, inserted: 0, errors: [] };
  const h = mapHeader(table.header, qCodes, allCodes);
  if (h.errors.length) return refuse(out, h.errors);
  if (!table.rows.length) return refuse(out, [{ line: 2, reason: m('evaluation.noDataRows') }]);

  const communities = new Map(
    (
      await db.query<{ id: number; code: string; path: string }>(
        /* sql */ `SELECT id, code, path FROM areas WHERE level = 'community' AND path LIKE $1 || '%'`,
        [user.areaPath],
      )
    ).rows.map((r) => [r.code, r]),
  );
  const known = new Map((await sql.periods(db)).map((p) => [p.code, p]));
  const errors: RowRefusal[] = [];
  const rows: (ParsedRow & { areaId: number; path: string })[] = [];
  const seen = new Map<string, number>();
  for (const r of table.rows) {
    const p = parseRow(r.cells, h, r.line);
    if ('reason' in p) {
      errors.push(p);
      continue;
    }
    const c = communities.get(p.communityCode);
    if (!c) {
      errors.push({
        line: p.line,
        column: 'community_code',
        reason: m('evaluation.communityNotFound', { code: p.communityCode }),
      });
      continue;
    }
    if (!known.has(p.period) && !quarterRange(p.period)) {
      errors.push({ line: p.line, column: 'period', reason: m('evaluation.periodNotFound', { code: p.period }) });
      continue;
    }
    const key = `${p.period}|${p.communityCode}|${p.group}`;
    if (seen.has(key)) {
      errors.push({ line: p.line, reason: m('evaluation.duplicateRow', { line: seen.get(key)! }) });
      continue;
    }
    seen.set(key, p.line);
    rows.push({ ...p, areaId: c.id, path: c.path });
  }
  if (errors.length) return refuse(out, errors);

  const importId = crypto.randomBytes(12).toString('hex');
  out.inserted = await db.tx(async (q: Queryable) => {
    const ids = new Map<string, number>([...known.values()].map((p) => [p.code, p.id]));
    for (const code of new Set(rows.map((r) => r.period))) {
      if (ids.has(code)) continue;
      const range = quarterRange(code)!;
      const r = await q.query<{ id: number }>(
        /* sql */ `INSERT INTO eval_periods (code, starts, ends) VALUES ($1, $2, $3) RETURNING id`,
        [code, range.starts, range.ends],
      );
      ids.set(code, r.rows[0].id);
    }
    const flat = rows.flatMap((r) =>
      [...r.scores].map(([code, score]) => ({
        periodId: ids.get(r.period)!,
        areaId: r.areaId,
        path: r.path,
        group: r.group,
        code,
        n: r.respondents,
        score,
      })),
    );
    await q.query(
      /* sql */ `INSERT INTO eval_responses (period_id, area_id, path, respondent_group, indicator_code, respondents, score, import_id)
        SELECT * FROM unnest($1::int[], $2::int[], $3::text[], $4::text[], $5::text[], $6::int[], $7::float8[], $8::text[])
        ON CONFLICT (period_id, area_id, respondent_group, indicator_code) DO UPDATE
          SET respondents = EXCLUDED.respondents, score = EXCLUDED.score, path = EXCLUDED.path, import_id = EXCLUDED.import_id`,
      [
        flat.map((f) => f.periodId),
        flat.map((f) => f.areaId),
        flat.map((f) => f.path),
        flat.map((f) => f.group),
        flat.map((f) => f.code),
        flat.map((f) => f.n),
        flat.map((f) => f.score),
        flat.map(() => importId),
      ],
    );
    await audit(q, {
      accountId: user.id,
      action: 'evaluation.import',
      target: `import:${importId}`,
      detail: { fileName, rows: rows.length, results: flat.length },
    });
    return flat.length;
  });
  return out;
}

function refuse(out: ImportResult, errors: RowRefusal[]): never {
  const shown = errors.slice(0, MAX_REPORTED_ERRORS);
  const first = shown[0];
  throw new Invalid(m('evaluation.importRefused', { count: errors.length, line: first.line, first: first.reason }), {
    ...out,
    errors: shown,
    errorCount: errors.length,
  });
}

/** A template with the questionnaire indicator columns and one example row per group for a community in scope. */
export async function templateCsv(db: Db, user: AuthUser): Promise<string> {
  const system = await sql.activeSystem(db);
  if (!system) throw new NotFound(m('evaluation.noSystem'));
  const inds = (await sql.systemNodes(db, system.id)).filter(
    (n) => n.level === 'indicator' && n.source === 'questionnaire',
  );
  const c = (
    await db.query<{ code: string }>(
      /* sql */ `SELECT code FROM areas WHERE level = 'community' AND path LIKE $1 || '%' ORDER BY code LIMIT 1`,
      [user.areaPath],
    )
  ).rows[0];
  const periods = await sql.periods(db);
  const header = ['period', 'community_code', 'group', 'respondents', ...inds.map((i) => `${i.code} ${i.name}`)];
  const rows: string[][] = [header];
  if (c)
    for (const g of EVAL_GROUPS)
      rows.push([periods.at(-1)?.code ?? '2026Q1', c.code, EVAL_GROUP_NAMES[g].zh, '', ...inds.map(() => '')]);
  return csvText(rows);
}
