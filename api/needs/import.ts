// Survey imports as jobs: the upload is checked (format, header) at once, then the rows are validated one by
// one and the good ones written in one transaction; the job's progress is polled with GET /api/needs/import/:id.
// A job (not a streamed response) because a large file takes longer than a proxy keeps a response open, and a
// page that reloads can still find its job. Progress lives in memory on the node running the job; the table
// holds the start and the outcome, so any node can answer for a finished job.
import crypto from 'node:crypto';
import { IMPORT_COLUMNS, IMPORT_MAX_ERRORS, IMPORT_REQUIRED, NEED_ITEMS, GROUP_NAMES, RESPONDENT_GROUPS, type ImportJob } from '../../contract/needs.js';
import type { AuthUser } from '../auth/session.js';
import type { Db } from '../db/index.js';
import { NotFound } from '../http/errors.js';
import { type ParsedRow, type RawTable, type RowRefusal, isRowError, mapHeader, openTable, parseRow } from './import-parse.js';
import { csvText } from '../http/csv.js';
import { m, type Message } from '../../contract/messages/index.js';
import { storedMessage } from '../../contract/messages/speak.js';

export const MAX_IMPORT_BYTES = 30 * 1024 * 1024;
export const MAX_IMPORT_ROWS = 500_000;
const BATCH = 20_000;

/** A job as kept here: its outcome and refused rows as messages (rows stored before codes: their text), spoken at the edge. */
export type Job = Omit<ImportJob, 'errors' | 'message' | 'messageKey' | 'params'> & { errors: (RowRefusal | ImportJob['errors'][number])[]; message: Message | string | null };

const running = new Map<string, Job>();

/** Reads and checks the file; throws a 400 naming the columns when the header is wrong. Nothing is written yet. */
export function openImport(fileName: string, buf: Buffer): Promise<{ table: RawTable; format: 'csv' | 'xlsx'; index: ReturnType<typeof mapHeader>['index'] }> {
  return openTable(fileName, buf, { mapHeader, columns: IMPORT_COLUMNS, required: IMPORT_REQUIRED, maxRows: MAX_IMPORT_ROWS });
}

type JobRow = { id: string; status: ImportJob['status']; fileName: string; format: ImportJob['format']; encoding: string | null; rows: number; processed: number; inserted: number; errors: Job['errors']; errorCount: number; message: string | null; startedAt: Date | string; finishedAt: Date | string | null };

export async function getImportJob(db: Db, user: AuthUser, id: string): Promise<Job> {
  const live = running.get(id);
  const r = await db.query<JobRow>(
    /* sql */ `SELECT id, status, file_name AS "fileName", format, encoding, rows, processed, inserted, errors, error_count AS "errorCount", message,
        started_at AS "startedAt", finished_at AS "finishedAt" FROM survey_imports s
      WHERE id = $1 AND (account_id = $2 OR ($3 = 'admin' AND EXISTS (
        SELECT 1 FROM accounts a JOIN areas g ON g.id = a.area_id WHERE a.id = s.account_id AND g.path LIKE $4 || '%')))`,
    [id, user.id, user.role, user.areaPath],
  );
  const row = r.rows[0];
  if (!row) throw new NotFound(m('needs.jobNotFound', { id }));
  if (live && row.status === 'running') return live;
  return { ...row, message: storedMessage(row.message), startedAt: new Date(row.startedAt).toISOString(), finishedAt: row.finishedAt ? new Date(row.finishedAt).toISOString() : null };
}

/** Starts the job and returns it at once; `done` resolves when it has finished (tests and scripts may await it). */
export async function startImport(db: Db, user: AuthUser, fileName: string, buf: Buffer): Promise<{ job: Job; done: Promise<Job> }> {
  const { table, format, index } = await openImport(fileName, buf);
  const job: Job = {
    id: crypto.randomBytes(12).toString('hex'),
    status: 'running', fileName, format, encoding: table.encoding, rows: table.rows.length, processed: 0, inserted: 0,
    errors: [], errorCount: 0, message: null, startedAt: new Date().toISOString(), finishedAt: null,
  };
  await db.query(
    /* sql */ `INSERT INTO survey_imports (id, account_id, file_name, format, encoding, status, rows) VALUES ($1, $2, $3, $4, $5, 'running', $6)`,
    [job.id, user.id, fileName, format, table.encoding, job.rows],
  );
  running.set(job.id, job);
  const done = runImport(db, user, job, table, index).finally(() => running.delete(job.id));
  done.catch(() => undefined);
  return { job: { ...job }, done };
}

async function runImport(db: Db, user: AuthUser, job: Job, table: RawTable, index: ReturnType<typeof mapHeader>['index']): Promise<Job> {
  const fail = (e: RowRefusal) => {
    job.errorCount++;
    if (job.errors.length < IMPORT_MAX_ERRORS) job.errors.push(e);
  };
  try {
    // Grids and buildings the caller may write to: only their own scope.
    const grids = new Map(
      (await db.query<{ code: string; id: number; path: string }>(`SELECT code, id, path FROM areas WHERE level = 'grid' AND path LIKE $1 || '%'`, [user.areaPath])).rows.map((g) => [g.code, g]),
    );
    const good: (ParsedRow & { gridId: number; path: string; buildingId: number | null })[] = [];
    const wanted = new Set<string>();
    const parsed: (ParsedRow & { gridId: number; path: string })[] = [];
    for (const r of table.rows) {
      const p = parseRow(r.cells, index, r.line);
      job.processed++;
      if (isRowError(p)) {
        fail(p);
        continue;
      }
      const g = grids.get(p.gridCode);
      if (!g) {
        fail({ line: p.line, column: 'grid_code', reason: m('needs.gridNotFound', { code: p.gridCode }) });
        continue;
      }
      if (p.buildingAddress) wanted.add(`${g.id}\u0000${p.buildingAddress}`);
      parsed.push({ ...p, gridId: g.id, path: g.path });
      if (job.processed % 5000 === 0) await new Promise((r) => setImmediate(r)); // let polls through
    }
    const buildingOf = new Map<string, number>();
    if (wanted.size) {
      const keys = [...wanted].map((k) => k.split('\u0000'));
      const r = await db.query<{ grid_id: number; address: string; id: number }>(
        /* sql */ `SELECT b.grid_id, b.address, min(b.id) AS id FROM buildings b JOIN unnest($1::int[], $2::text[]) AS k(g, a) ON b.grid_id = k.g AND b.address = k.a GROUP BY 1, 2`,
        [keys.map((k) => Number(k[0])), keys.map((k) => k[1])],
      );
      for (const b of r.rows) buildingOf.set(`${b.grid_id}\u0000${b.address}`, b.id);
    }
    for (const p of parsed) {
      if (p.buildingAddress) {
        const id = buildingOf.get(`${p.gridId}\u0000${p.buildingAddress}`);
        if (id === undefined) {
          fail({ line: p.line, column: 'building_address', reason: m('needs.buildingNotInGrid', { address: p.buildingAddress, code: p.gridCode }) });
          continue;
        }
        good.push({ ...p, buildingId: id });
      } else good.push({ ...p, buildingId: null });
    }
    job.errors.sort((a, b) => a.line - b.line);
    // Every good row in one transaction: a failure part-way leaves nothing behind.
    await db.tx(async (q) => {
      for (let s = 0; s < good.length; s += BATCH) {
        const part = good.slice(s, s + BATCH);
        await q.query(
          /* sql */ `INSERT INTO survey_responses (month, grid_id, path, building_id, respondent_group, channel, weight, needs, import_id)
            SELECT * FROM unnest($1::date[], $2::int[], $3::text[], $4::int[], $5::text[], $6::text[], $7::real[], $8::int[], $9::text[])`,
          [part.map((p) => p.month), part.map((p) => p.gridId), part.map((p) => p.path), part.map((p) => p.buildingId), part.map((p) => p.group), part.map((p) => p.channel), part.map((p) => p.weight), part.map((p) => p.needs), part.map(() => job.id)],
        );
        job.inserted = Math.min(good.length, s + BATCH);
      }
    });
    job.status = 'done';
    job.message = m('needs.importDone', { inserted: job.inserted, refused: job.errorCount });
  } catch (e) {
    job.status = 'failed';
    job.inserted = 0;
    job.message = m('needs.importFailed', { reason: (e as Error).message });
  }
  job.finishedAt = new Date().toISOString();
  await db.query(
    /* sql */ `UPDATE survey_imports SET status = $2, processed = $3, inserted = $4, error_count = $5, errors = $6::jsonb, message = $7, finished_at = now() WHERE id = $1`,
    [job.id, job.status, job.processed, job.inserted, job.errorCount, JSON.stringify(job.errors), job.message === null ? null : JSON.stringify(job.message)],
  );
  if (job.status === 'done' && job.inserted) await db.exec('ANALYZE survey_responses');
  return { ...job };
}

// ---- templates ---------------------------------------------------------------------------------------------

async function exampleRows(db: Db, user: AuthUser): Promise<string[][]> {
  const g = (await db.query<{ code: string; address: string | null }>(
    /* sql */ `SELECT a.code, (SELECT address FROM buildings b WHERE b.grid_id = a.id ORDER BY id LIMIT 1) AS address
      FROM areas a WHERE a.level = 'grid' AND a.path LIKE $1 || '%' ORDER BY a.code LIMIT 1`,
    [user.areaPath],
  )).rows[0];
  const code = g?.code ?? '310106001001001';
  const month = new Date().toISOString().slice(0, 7);
  return [
    [month, code, g?.address ?? '', 'elder', 'paper', '', `medical;elder_canteen`],
    [month, code, '', '青年', '电子', '1.5', `快递收发、职业技能培训`],
  ];
}

export async function templateCsv(db: Db, user: AuthUser): Promise<string> {
  return csvText([[...IMPORT_COLUMNS], ...(await exampleRows(db, user))]);
}

export async function templateXlsx(db: Db, user: AuthUser): Promise<Buffer> {
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('问卷 responses');
  ws.addRow([...IMPORT_COLUMNS]);
  for (const r of await exampleRows(db, user)) ws.addRow(r);
  ws.getRow(1).font = { bold: true };
  ws.columns.forEach((c) => (c.width = 22));
  const help = wb.addWorksheet('说明 codes');
  help.addRow(['列 column', '说明 meaning']);
  help.addRows([
    ['month', '调查月份 YYYY-MM（必填）'], ['grid_code', '住户所在网格的 15 位编码（必填）'], ['building_address', '楼栋地址（选填，用于需求热力图）'],
    ['group', `人群（必填）: ${RESPONDENT_GROUPS.map((g) => `${g}=${GROUP_NAMES[g].zh}`).join(', ')}`], ['channel', '渠道（必填）: paper=纸质, electronic=电子'],
    ['weight', '权重（选填，默认 1）'], ['needs', '需求项（代码或中文名，用 ; 或 、 分隔）'],
  ]);
  help.addRow([]);
  help.addRow(['需求项代码 item code', '名称 name']);
  for (const it of NEED_ITEMS) help.addRow([it.code, `${it.zh} / ${it.en}`]);
  help.columns.forEach((c) => (c.width = 40));
  return Buffer.from(await wb.xlsx.writeBuffer());
}
