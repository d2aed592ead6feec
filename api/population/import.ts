// Population base-data import (admin): residents from CSV (UTF-8/GBK) or XLSX, keyed by building id, checked row by
// row; the good rows, the buildings' counts, the precomputed aggregates and the audit entry are written in one transaction.
import {
  POPULATION_COLUMN_TITLES,
  POPULATION_IMPORT_COLUMNS,
  POPULATION_IMPORT_MAX_ERRORS,
  POPULATION_IMPORT_MAX_ROWS,
  POPULATION_IMPORT_REQUIRED,
  type PopulationImportMode,
  type PopulationImportResult,
} from '../../contract/population.js';
import { audit } from '../auth/queries.js';
import type { AuthUser } from '../auth/session.js';
import type { Db } from '../db/index.js';
import { type RawTable, openTable } from '../needs/import-parse.js';
import { refreshAreaCounts, refreshDemographics } from './aggregates.js';
import {
  type ColumnIndex,
  type ResidentRow,
  type RowRefusal,
  isResidentError,
  mapPopulationHeader,
  parseResidentRow,
} from './import-parse.js';
import { matchByAddress } from './import-address.js';
import type { Said } from '../../contract/messages/speak.js';
import { csvText } from '../http/csv.js';
import { m } from '../../contract/messages/index.js';

export const MAX_POPULATION_IMPORT_BYTES = 30 * 1024 * 1024;
const BATCH = 20_000;
/**
 * Advisory lock held by a population import until it commits: the aggregate refresh empties and refills whole
 * tables, so two imports at once would trip over each other's rows. Anything else that rewrites residents and
 * refreshes the aggregates may take it too.
 */
export const POPULATION_WRITE_LOCK = 740320;

/** Reads and checks the file; throws a 400 naming the columns when the header is wrong. Nothing is written. */
export function openPopulationFile(
  fileName: string,
  buf: Buffer,
): Promise<{ table: RawTable; format: 'csv' | 'xlsx'; index: ColumnIndex }> {
  return openTable(fileName, buf, {
    mapHeader: mapPopulationHeader,
    columns: POPULATION_IMPORT_COLUMNS,
    required: POPULATION_IMPORT_REQUIRED,
    maxRows: POPULATION_IMPORT_MAX_ROWS,
  });
}

type Good = ResidentRow & { buildingId: number; gridId: number };
/** The result as built here: its summary and refused rows as messages, spoken at the edge. */
export type PopulationImportOutcome = Omit<Said<PopulationImportResult, 'message'>, 'errors'> & {
  errors: RowRefusal[];
};

/**
 * Imports residents. `replace`: the residents of every building named in the file are replaced by the file's rows
 * (a building with a refused row is held back whole, so a typo never shrinks a building); `append`: rows are added.
 * Buildings must lie in the caller's scope. Any failure that is not a row's leaves the database as it was.
 */
export async function importPopulation(
  db: Db,
  user: AuthUser,
  input: { fileName: string; buf: Buffer; mode: PopulationImportMode; ip?: string },
): Promise<PopulationImportOutcome> {
  const { table, format, index } = await openPopulationFile(input.fileName, input.buf);
  const errors: RowRefusal[] = [];
  const parsed: ResidentRow[] = [];
  for (const r of table.rows) {
    const p = parseResidentRow(r.cells, index, r.line);
    if (isResidentError(p)) errors.push(p);
    else parsed.push(p);
  }
  // A loop, not push(...): a file of 250,000 unmatched rows would overflow the call stack as arguments.
  for (const e of await matchByAddress(db, user, parsed)) errors.push(e);
  const matched = parsed.filter((p): p is ResidentRow & { buildingId: number } => p.buildingId !== null);
  // The buildings named, only those in the caller's scope (one outside reads as not found: its existence is not told).
  const ids = [...new Set(matched.map((p) => p.buildingId))];
  const known = new Map(
    (
      await db.query<{ id: number; grid_id: number; address: string }>(
        /* sql */ `SELECT b.id, b.grid_id, b.address FROM buildings b JOIN areas g ON g.id = b.grid_id
        WHERE b.id = ANY($1::int[]) AND g.path LIKE $2 || '%'`,
        [ids, user.areaPath],
      )
    ).rows.map((b) => [b.id, b]),
  );
  const good: Good[] = [];
  for (const p of matched) {
    const b = known.get(p.buildingId);
    if (!b)
      errors.push({
        line: p.line,
        column: 'building_id',
        reason: m('population.buildingNotFound', { id: p.buildingId }),
      });
    else if (p.address !== null && p.address !== b.address)
      errors.push({
        line: p.line,
        column: 'address',
        reason: m('population.addressMismatch', { id: p.buildingId, address: b.address, given: p.address }),
      });
    else good.push({ ...p, gridId: b.grid_id });
  }
  errors.sort((a, b) => a.line - b.line);

  // Replace: a building with any refused row keeps its residents, and its good rows wait for a corrected file.
  const heldBack = new Set<number>();
  if (input.mode === 'replace' && errors.length) {
    const lineBuilding = new Map<number, number>();
    for (const r of table.rows) {
      const cell = index.building_id === undefined ? '' : (r.cells[index.building_id] ?? '').trim();
      if (/^\d+(\.0+)?$/.test(cell)) lineBuilding.set(r.line, Number(cell));
    }
    for (const e of errors) {
      const b = lineBuilding.get(e.line);
      if (b !== undefined && known.has(b)) heldBack.add(b);
    }
  }
  const rows = good.filter((g) => !heldBack.has(g.buildingId));
  const touched = [...new Set(rows.map((r) => r.buildingId))].sort((a, b) => a - b);
  const heldRows = good.length - rows.length;

  let removed = 0;
  if (rows.length) {
    await db.tx(async (q) => {
      await q.query(/* sql */ `SELECT pg_advisory_xact_lock(${POPULATION_WRITE_LOCK})`);
      if (input.mode === 'replace') {
        removed = (await q.query(/* sql */ `DELETE FROM residents WHERE building_id = ANY($1::int[])`, [touched]))
          .rowCount;
      }
      for (let s = 0; s < rows.length; s += BATCH) {
        const part = rows.slice(s, s + BATCH);
        await q.query(
          /* sql */ `INSERT INTO residents (building_id, grid_id, household, age, sex, flags)
            SELECT * FROM unnest($1::int[], $2::int[], $3::int[], $4::smallint[], $5::smallint[], $6::smallint[])`,
          [
            part.map((p) => p.buildingId),
            part.map((p) => p.gridId),
            part.map((p) => p.household),
            part.map((p) => p.age),
            part.map((p) => p.sex),
            part.map((p) => p.flags),
          ],
        );
      }
      await q.query(
        /* sql */ `UPDATE buildings b SET population = s.people, households = s.households
          FROM (SELECT b2.id, count(r.id)::int AS people, count(DISTINCT r.household)::int AS households
                FROM buildings b2 LEFT JOIN residents r ON r.building_id = b2.id WHERE b2.id = ANY($1::int[]) GROUP BY b2.id) s
          WHERE b.id = s.id`,
        [touched],
      );
      await refreshDemographics(q);
      await refreshAreaCounts(q);
      await audit(q, {
        accountId: user.id,
        action: 'population.import',
        target: `buildings:${touched.length}`,
        ip: input.ip,
        detail: {
          fileName: input.fileName,
          format,
          mode: input.mode,
          rows: table.rows.length,
          inserted: rows.length,
          removed,
          buildings: touched,
          refused: errors.length,
          heldBack: [...heldBack],
        },
      });
    });
  } else {
    // Nothing to write: the attempt is still recorded (it named residents' buildings).
    await audit(db, {
      accountId: user.id,
      action: 'population.import',
      target: 'buildings:0',
      ip: input.ip,
      detail: {
        fileName: input.fileName,
        format,
        mode: input.mode,
        rows: table.rows.length,
        inserted: 0,
        removed: 0,
        buildings: [],
        refused: errors.length,
        heldBack: [...heldBack],
      },
    });
  }
  const message =
    input.mode === 'replace'
      ? m('population.replaced', {
          buildings: touched.length,
          written: rows.length,
          removed,
          refused: errors.length,
          heldBack: heldBack.size ? m('population.heldBack', { buildings: heldBack.size, rows: heldRows }) : '',
        })
      : m('population.appended', { written: rows.length, buildings: touched.length, refused: errors.length });
  return {
    mode: input.mode,
    fileName: input.fileName,
    format,
    encoding: table.encoding,
    rows: table.rows.length,
    inserted: rows.length,
    removed,
    buildings: touched.length,
    heldBack: { buildings: [...heldBack].sort((a, b) => a - b), rows: heldRows },
    errors: errors.slice(0, POPULATION_IMPORT_MAX_ERRORS),
    errorCount: errors.length,
    message,
  };
}

// ---- templates ---------------------------------------------------------------------------------------------

/** Two example residents in the first building of the caller's scope (its real id and address). */
async function exampleRows(db: Db, user: AuthUser): Promise<string[][]> {
  const b = (
    await db.query<{ id: number; address: string }>(
      /* sql */ `SELECT b.id, b.address FROM buildings b JOIN areas g ON g.id = b.grid_id WHERE g.path LIKE $1 || '%' ORDER BY b.id LIMIT 1`,
      [user.areaPath],
    )
  ).rows[0];
  const id = String(b?.id ?? 1);
  const address = b?.address ?? '';
  return [
    [id, address, '1', '82', '女', '否', '否', '否', '否', '是'],
    [id, address, '2', '9', '男', '是', '否', '否', '是', '否'],
  ];
}

const titles = () => POPULATION_IMPORT_COLUMNS.map((c) => `${c} ${POPULATION_COLUMN_TITLES[c]}`);

export async function populationTemplateCsv(db: Db, user: AuthUser): Promise<string> {
  return csvText([titles(), ...(await exampleRows(db, user))]);
}

export async function populationTemplateXlsx(db: Db, user: AuthUser): Promise<Buffer> {
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('居民 residents');
  ws.addRow(titles());
  for (const r of await exampleRows(db, user)) ws.addRow(r);
  ws.getRow(1).font = { bold: true };
  ws.columns.forEach((c) => (c.width = 18));
  const help = wb.addWorksheet('说明 notes');
  help.addRow(['列 column', '说明 meaning']);
  help.addRows([
    [
      'building_id 楼栋编号',
      '楼栋编号（必填）：楼栋在本系统中的编号（楼栋没有外部编码），见「楼栋 buildings」工作表 / the building\'s id in this system (buildings carry no outside code): see the sheet "楼栋 buildings"',
    ],
    [
      'address 楼栋地址',
      "选填：填写时须与该楼栋的地址一致，用于核对编号 / optional: when given it must match the building's address",
    ],
    ['household 户号', '必填：楼栋内的户号（1–100000），同一户的成员户号相同 / household number within the building'],
    ['age 年龄', '必填：0–120 的整数'],
    ['sex 性别', '必填：男/女 或 M/F'],
    ['low_income 低保 … elder_alone 独居老人', '是/否、1/0 或 Y/N；留空为否。困境儿童须未满 18 岁，独居老人须满 60 岁'],
    [
      '导入方式 mode',
      'replace 替换：文件中出现的楼栋，其原有居民全部由文件中的行替换（有误行的楼栋整栋保持不变）；append 追加：在原有居民之外新增',
    ],
  ]);
  help.columns.forEach((c) => (c.width = 60));
  // The buildings of the caller's scope: where the ids in the first column come from.
  const list = wb.addWorksheet('楼栋 buildings');
  list.addRow([
    'building_id 楼栋编号',
    'address 楼栋地址',
    'grid_code 网格编码',
    'grid 网格',
    'households 户数',
    'population 现有人数',
  ]);
  const buildings = await db.query<{
    id: number;
    address: string;
    code: string;
    name: string;
    households: number;
    population: number;
  }>(
    /* sql */ `SELECT b.id, b.address, g.code, g.name, b.households, b.population FROM buildings b JOIN areas g ON g.id = b.grid_id
      WHERE g.path LIKE $1 || '%' ORDER BY g.code, b.id`,
    [user.areaPath],
  );
  for (const b of buildings.rows) list.addRow([b.id, b.address, b.code, b.name, b.households, b.population]);
  list.getRow(1).font = { bold: true };
  list.columns.forEach((c) => (c.width = 22));
  return Buffer.from(await wb.xlsx.writeBuffer());
}
