// Reading survey import files: CSV in UTF-8 (with or without BOM), UTF-16 or GBK/GB18030 (detected), and XLSX;
// header mapping (English keys or Chinese titles) and row-by-row validation into response records.
import iconv from 'iconv-lite';
import { HttpError, Invalid } from '../http/errors.js';
import { restoreZipLimited } from '../http/zip.js';
import {
  GROUP_NAMES,
  IMPORT_COLUMNS,
  IMPORT_REQUIRED,
  NEED_ITEMS,
  RESPONDENT_GROUPS,
  type ImportRowError,
} from '../../contract/needs.js';
import { m } from '../../contract/messages/index.js';
import type { Said } from '../../contract/messages/speak.js';

export interface RawTable {
  /** The header row's cells. */
  header: string[];
  /** Data rows with the file line (CSV) or sheet row (XLSX) they start on. */
  rows: { line: number; cells: string[] }[];
  encoding: string | null;
}

/** Picks the text encoding: a BOM if there is one, else UTF-8 if the bytes are valid UTF-8, else GB18030 (a superset of GBK). */
export function decodeText(buf: Buffer): { text: string; encoding: string } {
  if (buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf)
    return { text: buf.subarray(3).toString('utf8'), encoding: 'utf-8-bom' };
  if (buf.length >= 2 && buf[0] === 0xff && buf[1] === 0xfe)
    return { text: iconv.decode(buf.subarray(2), 'utf16le'), encoding: 'utf-16le' };
  if (buf.length >= 2 && buf[0] === 0xfe && buf[1] === 0xff)
    return { text: iconv.decode(buf.subarray(2), 'utf16be'), encoding: 'utf-16be' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(buf), encoding: 'utf-8' };
  } catch {
    return { text: iconv.decode(buf, 'gb18030'), encoding: 'gbk' };
  }
}

/** RFC 4180 CSV: quoted fields with "" escapes and line breaks inside quotes; records keep their starting line. */
export function parseCsv(text: string): { line: number; cells: string[] }[] {
  const out: { line: number; cells: string[] }[] = [];
  let cells: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let start = 1;
  let i = 0;
  const endRecord = () => {
    cells.push(field);
    if (cells.length > 1 || cells[0].trim() !== '') out.push({ line: start, cells });
    cells = [];
    field = '';
  };
  while (i < text.length) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else {
        if (c === '\n') line++;
        field += c;
      }
      i++;
      continue;
    }
    if (c === '"' && field === '') quoted = true;
    else if (c === ',') {
      cells.push(field);
      field = '';
    } else if (c === '\r' || c === '\n') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      endRecord();
      line++;
      start = line;
    } else field += c;
    i++;
  }
  if (field !== '' || cells.length) endRecord();
  return out;
}

/** Refuses a table with a NUL character in a cell: no column means one, and the database cannot store it. */
export function refuseNulCells(table: RawTable): RawTable {
  const bad = (cells: string[]) => cells.findIndex((c) => c.includes('\u0000'));
  const h = bad(table.header);
  if (h >= 0) throw new Invalid(m('needs.headerNul', { column: h + 1 }));
  for (const r of table.rows) {
    const c = bad(r.cells);
    if (c >= 0) throw new Invalid(m('needs.cellNul', { line: r.line, column: c + 1 }));
  }
  return table;
}

export function readCsv(buf: Buffer): RawTable {
  const { text, encoding } = decodeText(buf);
  const records = parseCsv(text);
  const [head, ...rows] = records;
  return refuseNulCells({ header: head?.cells ?? [], rows, encoding });
}

export async function readXlsx(buf: Buffer): Promise<RawTable> {
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  const notWorkbook = (e: unknown) =>
    new Invalid(m('needs.notWorkbook', { reason: (e as Error).message.slice(0, 120) }));
  // A workbook is a zip: its entries are counted and unpacked within the limits off the event loop (413 past
  // them), and ExcelJS reads the same entries stored uncompressed, with nothing left to inflate.
  let stored: Uint8Array;
  try {
    stored = await restoreZipLimited(new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength));
  } catch (e) {
    if (e instanceof HttpError && e.status === 413) throw e;
    throw notWorkbook(e);
  }
  try {
    await wb.xlsx.load(Buffer.from(stored.buffer, stored.byteOffset, stored.byteLength) as unknown as ArrayBuffer);
  } catch (e) {
    // Not an Office Open XML workbook (a renamed CSV, an old .xls, a damaged file): the uploader's mistake, not ours.
    throw new Invalid(m('needs.notWorkbook', { reason: (e as Error).message.slice(0, 120) }));
  }
  const ws = wb.worksheets[0];
  if (!ws) return { header: [], rows: [], encoding: null };
  const cellText = (v: unknown): string => {
    if (v === null || v === undefined) return '';
    if (v instanceof Date) return v.toISOString().slice(0, 10);
    if (typeof v === 'object') {
      const o = v as { text?: unknown; result?: unknown; richText?: { text: string }[] };
      if (o.richText) return o.richText.map((t) => t.text).join('');
      if (o.text !== undefined) return String(o.text);
      if (o.result !== undefined) return cellText(o.result);
    }
    return String(v);
  };
  const rows: { line: number; cells: string[] }[] = [];
  ws.eachRow({ includeEmpty: false }, (row, n) => {
    const values = row.values as unknown[]; // 1-based
    const cells = Array.from({ length: Math.max(0, values.length - 1) }, (_, k) => cellText(values[k + 1]));
    if (cells.some((c) => c.trim() !== '')) rows.push({ line: n, cells });
  });
  const [head, ...data] = rows;
  return refuseNulCells({ header: head?.cells ?? [], rows: data, encoding: null });
}

const ALIASES: Record<string, (typeof IMPORT_COLUMNS)[number]> = {
  月份: 'month',
  调查月份: 'month',
  网格编码: 'grid_code',
  网格代码: 'grid_code',
  楼栋地址: 'building_address',
  地址: 'building_address',
  人群: 'group',
  群体: 'group',
  渠道: 'channel',
  权重: 'weight',
  需求: 'needs',
  需求项: 'needs',
};

/** Column index of every known column, or the header's problems (missing required and unknown columns). */
export function mapHeader(header: string[]): {
  index: Partial<Record<(typeof IMPORT_COLUMNS)[number], number>>;
  missing: string[];
  unknown: string[];
} {
  const index: Partial<Record<(typeof IMPORT_COLUMNS)[number], number>> = {};
  const unknown: string[] = [];
  header.forEach((h, i) => {
    const raw = h.replace(/^\uFEFF/, '').trim();
    if (!raw) return;
    // 'month 月份' / '月份(month)' templates: any known word in the title
    const words = raw
      .toLowerCase()
      .split(/[\s()（）/]+/)
      .filter(Boolean);
    const key = words
      .map((w) =>
        (IMPORT_COLUMNS as readonly string[]).includes(w) ? (w as (typeof IMPORT_COLUMNS)[number]) : ALIASES[w],
      )
      .find(Boolean);
    if (key && index[key] === undefined) index[key] = i;
    else unknown.push(raw);
  });
  const missing = IMPORT_REQUIRED.filter((c) => index[c] === undefined);
  return { index, missing, unknown };
}

export interface ParsedRow {
  line: number;
  month: string; // YYYY-MM-01
  gridCode: string;
  buildingAddress: string | null;
  group: string;
  channel: 'paper' | 'electronic';
  weight: number;
  needs: number;
}

const GROUP_BY_NAME = new Map<string, string>([
  ...RESPONDENT_GROUPS.map((g) => [g, g] as [string, string]),
  ...RESPONDENT_GROUPS.map((g) => [GROUP_NAMES[g].zh, g] as [string, string]),
  ...RESPONDENT_GROUPS.map((g) => [GROUP_NAMES[g].en.toLowerCase(), g] as [string, string]),
]);
const CHANNEL_BY_NAME = new Map<string, 'paper' | 'electronic'>([
  ['paper', 'paper'],
  ['纸质', 'paper'],
  ['纸质问卷', 'paper'],
  ['electronic', 'electronic'],
  ['电子', 'electronic'],
  ['电子问卷', 'electronic'],
  ['网络', 'electronic'],
]);
const ITEM_BY_NAME = new Map<string, number>([
  ...NEED_ITEMS.map((it, i) => [it.code, i] as [string, number]),
  ...NEED_ITEMS.map((it, i) => [it.zh, i] as [string, number]),
]);

function parseMonth(s: string): string | null {
  const m = /^(\d{4})[-/.年](\d{1,2})(?:[-/.月](\d{1,2})日?|月)?$/.exec(s.trim());
  if (!m) return null;
  const y = Number(m[1]),
    mo = Number(m[2]);
  if (y < 2000 || y > 2100 || mo < 1 || mo > 12) return null;
  return `${y}-${String(mo).padStart(2, '0')}-01`;
}

/** One data row to a record, or the reason it is refused. Grid codes are checked against the database later. */
/** A refused row as this module builds it: its reason a message, spoken at the edge. */
export type RowRefusal = Said<ImportRowError, 'reason'>;

export function parseRow(
  cells: string[],
  index: ReturnType<typeof mapHeader>['index'],
  line: number,
): ParsedRow | RowRefusal {
  const get = (k: (typeof IMPORT_COLUMNS)[number]) => (index[k] === undefined ? '' : (cells[index[k]!] ?? '').trim());
  const month = parseMonth(get('month'));
  if (!month) return { line, column: 'month', reason: m('needs.monthInvalid', { value: get('month') }) };
  const gridCode = get('grid_code');
  if (!/^\d{15}$/.test(gridCode))
    return { line, column: 'grid_code', reason: m('needs.gridCodeInvalid', { value: gridCode }) };
  const group = GROUP_BY_NAME.get(get('group')) ?? GROUP_BY_NAME.get(get('group').toLowerCase());
  if (!group)
    return {
      line,
      column: 'group',
      reason: m('needs.groupUnknown', { value: get('group'), groups: RESPONDENT_GROUPS.join('/') }),
    };
  const channel = CHANNEL_BY_NAME.get(get('channel').toLowerCase());
  if (!channel) return { line, column: 'channel', reason: m('needs.channelInvalid', { value: get('channel') }) };
  const w = get('weight');
  const weight = w === '' ? 1 : Number(w);
  if (!Number.isFinite(weight) || weight <= 0 || weight > 10_000)
    return { line, column: 'weight', reason: m('needs.weightInvalid', { value: w }) };
  let needs = 0;
  for (const part of get('needs')
    .split(/[;；、,，|]/)
    .map((x) => x.trim())
    .filter(Boolean)) {
    const bit = ITEM_BY_NAME.get(part) ?? ITEM_BY_NAME.get(part.toLowerCase());
    if (bit === undefined) return { line, column: 'needs', reason: m('needs.itemUnknown', { value: part }) };
    needs |= 1 << bit;
  }
  const addr = get('building_address');
  return { line, month, gridCode, buildingAddress: addr || null, group, channel, weight, needs };
}

export const isRowError = (r: ParsedRow | RowRefusal): r is RowRefusal => 'reason' in r;

/** A header mapped to the template: where each known column is, and what is missing or unknown. */
export interface HeaderMap<I> {
  index: I;
  missing: string[];
  unknown: string[];
}

/**
 * A header whose cells are titles in either language ("phone 手机号", "部门名称", "name (姓名)"): each cell's words
 * (split on spaces, brackets and slashes) are looked up in `titles`; the first word known names the column. Other
 * columns (序号, 备注 …) are ignored; `missing` lists the required columns no cell names.
 */
export function mapTitledHeader<C extends string>(
  header: string[],
  titles: Record<string, C>,
  required: readonly C[],
): HeaderMap<Partial<Record<C, number>>> {
  const index: Partial<Record<C, number>> = {};
  header.forEach((h, i) => {
    const raw = h.replace(/^\uFEFF/, '').trim();
    if (!raw) return;
    const key = raw
      .toLowerCase()
      .split(/[\s()（）/]+/)
      .filter(Boolean)
      .map((w) => titles[w])
      .find(Boolean);
    if (key && index[key] === undefined) index[key] = i;
  });
  return { index, missing: required.filter((c) => index[c] === undefined), unknown: [] };
}

/** What a CSV/XLSX import expects of its file: how to map the header, the columns and the row limit. */
export interface TableSpec<I> {
  mapHeader(header: string[]): HeaderMap<I>;
  columns: readonly string[];
  required: readonly string[];
  maxRows: number;
}

/** CSV unless the bytes are a ZIP (XLSX); a name that promises a workbook the bytes are not is refused. */
export function detectFormat(name: string, buf: Buffer): 'csv' | 'xlsx' {
  // XLSX is a ZIP: PK\x03\x04
  if (buf.length >= 4 && buf[0] === 0x50 && buf[1] === 0x4b && buf[2] === 0x03 && buf[3] === 0x04) return 'xlsx';
  if (/\.xlsx$/i.test(name)) throw new Invalid(m('needs.fakeXlsx'));
  if (/\.xls$/i.test(name)) throw new Invalid(m('needs.oldXls'));
  return 'csv';
}

/**
 * Reads a CSV or XLSX upload and checks its header against the template: a 400 names the missing and unknown
 * columns, an empty file or one over the row limit is refused. Nothing is written.
 */
export async function openTable<I>(
  fileName: string,
  buf: Buffer,
  spec: TableSpec<I>,
): Promise<{ table: RawTable; format: 'csv' | 'xlsx'; index: I }> {
  const format = detectFormat(fileName, buf);
  let table: RawTable;
  try {
    table = format === 'xlsx' ? await readXlsx(buf) : readCsv(buf);
  } catch (e) {
    if (e instanceof HttpError && e.status === 413) throw e; // a workbook that unpacks past the limits
    throw new Invalid(m('needs.unreadableFile', { reason: (e as Error).message }));
  }
  if (!table.header.length) throw new Invalid(m('needs.emptyFile'));
  const { index, missing, unknown } = spec.mapHeader(table.header);
  if (missing.length || unknown.length) {
    throw new Invalid(
      m('needs.headerMismatch', {
        missing: missing.join(', ') || '—',
        unknown: unknown.join(', ') || '—',
        expected: spec.columns.join(', '),
        required: spec.required.join(', '),
      }),
      { missing, unknown, expected: spec.columns },
    );
  }
  if (!table.rows.length) throw new Invalid(m('needs.noRows'));
  if (table.rows.length > spec.maxRows)
    throw new Invalid(m('needs.tooManyRows', { max: spec.maxRows, rows: table.rows.length }));
  return { table, format, index };
}
