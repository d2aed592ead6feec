// Survey imports as durable jobs (api/jobs): the upload is checked (format, header) at once and kept with its job in
// the database; then a node validates the rows one by one and writes the good ones in one transaction, recording
// progress that any node answers GET /api/needs/import/:id from. A node killed part-way leaves a job that another
// node (or this one, restarted) runs again from the kept file, or fails with a reason: nothing half-written either way.
import crypto from 'node:crypto';
import {
  IMPORT_COLUMNS,
  IMPORT_MAX_ERRORS,
  IMPORT_REQUIRED,
  NEED_ITEMS,
  GROUP_NAMES,
  RESPONDENT_GROUPS,
  type ImportJob,
} from '../../contract/needs.js';
import { bilingual, m, type Message } from '../../contract/messages/index.js';
import { storedMessage } from '../../contract/messages/speak.js';
import type { AuthUser } from '../auth/session.js';
import type { Db, Queryable } from '../db/index.js';
import { NotFound } from '../http/errors.js';
import { FinalJobError, type JobContext, type JobKind, type JobRunner } from '../jobs/runner.js';
import {
  type ParsedRow,
  type RawTable,
  type RowRefusal,
  isRowError,
  mapHeader,
  openTable,
  parseRow,
} from './import-parse.js';
import { csvText } from '../http/csv.js';

export const MAX_IMPORT_BYTES = 30 * 1024 * 1024;
export const MAX_IMPORT_ROWS = 500_000;
const BATCH = 20_000;
/** Rows between two progress records (each one also tells other nodes this one is alive). */
const PROGRESS_EVERY = 5000;

export const IMPORT_JOB_KIND = 'needs-import';

/** What the job keeps besides the file: who imported, and the scope the rows are checked against. */
interface ImportPayload {
  fileName: string;
  accountId: number;
  areaPath: string;
}
/** The progress record of a running import, as the contract's ImportJob counts it. */
interface ImportProgress {
  processed: number;
  inserted: number;
  errorCount: number;
}

/** Reads and checks the file; throws a 400 naming the columns when the header is wrong. Nothing is written yet. */
export function openImport(
  fileName: string,
  buf: Buffer,
): Promise<{ table: RawTable; format: 'csv' | 'xlsx'; index: ReturnType<typeof mapHeader>['index'] }> {
  return openTable(fileName, buf, {
    mapHeader,
    columns: IMPORT_COLUMNS,
    required: IMPORT_REQUIRED,
    maxRows: MAX_IMPORT_ROWS,
  });
}

type JobRow = Omit<ImportJob, 'startedAt' | 'finishedAt' | 'errors' | 'message' | 'messageKey' | 'params'> & {
  errors: Job['errors'];
  message: string | null;
  startedAt: Date | string;
  finishedAt: Date | string | null;
  progress: ImportProgress | null;
  jobState: string | null;
  attempts: number | null;
};

/** A job as kept here: its outcome and refused rows as messages (rows stored before codes: their text), spoken at the edge. */
export type Job = Omit<ImportJob, 'errors' | 'message' | 'messageKey' | 'params'> & {
  errors: (RowRefusal | ImportJob['errors'][number])[];
  message: Message | string | null;
};

export async function getImportJob(db: Db, user: AuthUser, id: string): Promise<Job> {
  const r = await db.query<JobRow>(
    /* sql */ `SELECT s.id, s.status, s.file_name AS "fileName", s.format, s.encoding, s.rows, s.processed, s.inserted, s.errors,
        s.error_count AS "errorCount", s.message, s.started_at AS "startedAt", s.finished_at AS "finishedAt",
        j.progress, j.state AS "jobState", j.attempts
      FROM survey_imports s LEFT JOIN jobs j ON j.id = s.id
      WHERE s.id = $1 AND (s.account_id = $2 OR ($3 = 'admin' AND EXISTS (
        SELECT 1 FROM accounts a JOIN areas g ON g.id = a.area_id WHERE a.id = s.account_id AND g.path LIKE $4 || '%')))`,
    [id, user.id, user.role, user.areaPath],
  );
  const row = r.rows[0];
  if (!row) throw new NotFound(m('needs.jobNotFound', { id }));
  const { progress, jobState, attempts, ...job } = row;
  if (job.status === 'running' && progress) Object.assign(job, progress);
  const requeued = job.status === 'running' && jobState === 'queued' && (attempts ?? 0) > 0;
  return {
    ...job,
    message: requeued ? m('needs.importRequeued') : storedMessage(job.message),
    startedAt: new Date(job.startedAt).toISOString(),
    finishedAt: job.finishedAt ? new Date(job.finishedAt).toISOString() : null,
  };
}

/** Checks the file, then records the import and queues its job (with the file) in one transaction. */
export async function startImport(
  db: Db,
  jobs: JobRunner,
  user: AuthUser,
  fileName: string,
  buf: Buffer,
): Promise<Job> {
  const { table, format } = await openImport(fileName, buf);
  const job: Job = {
    id: crypto.randomBytes(12).toString('hex'),
    status: 'running',
    fileName,
    format,
    encoding: table.encoding,
    rows: table.rows.length,
    processed: 0,
    inserted: 0,
    errors: [],
    errorCount: 0,
    message: null,
    startedAt: new Date().toISOString(),
    finishedAt: null,
  };
  const payload: ImportPayload = { fileName, accountId: user.id, areaPath: user.areaPath };
  await db.tx(async (q) => {
    await q.query(
      /* sql */ `INSERT INTO survey_imports (id, account_id, file_name, format, encoding, status, rows) VALUES ($1, $2, $3, $4, $5, 'running', $6)`,
      [job.id, user.id, fileName, format, table.encoding, job.rows],
    );
    await jobs.enqueue(q, {
      id: job.id,
      kind: IMPORT_JOB_KIND,
      payload: { ...payload },
      input: buf,
      maxAttempts: 2,
      createdBy: user.id,
    });
  });
  jobs.poke();
  return job;
}

/** The import as a job kind: resumable, since its rows go in one transaction and a rerun first checks the outcome. */
export function importJobKind(db: Db): JobKind {
  return {
    resumable: true,
    maxAttempts: 2,
    run: (ctx) => runImport(db, ctx),
    async onFailed(q: Queryable, job, reason) {
      await finishImport(q, job.id, {
        status: 'failed',
        processed: 0,
        inserted: 0,
        errorCount: 0,
        errors: [],
        message: m('needs.importFailed', { reason }),
      });
    },
  };
}

type Outcome = {
  status: 'done' | 'failed';
  processed: number;
  inserted: number;
  errorCount: number;
  errors: RowRefusal[];
  message: Message;
};

/** The import's own record gets its outcome; only while it is still running, so a rerun cannot write it twice. */
async function finishImport(q: Queryable, id: string, o: Outcome): Promise<boolean> {
  const r = await q.query(
    /* sql */ `UPDATE survey_imports SET status = $2, processed = $3, inserted = $4, error_count = $5, errors = $6::jsonb, message = $7, finished_at = now()
      WHERE id = $1 AND status = 'running'`,
    [id, o.status, o.processed, o.inserted, o.errorCount, JSON.stringify(o.errors), JSON.stringify(o.message)],
  );
  return r.rowCount > 0;
}

async function runImport(db: Db, ctx: JobContext): Promise<Outcome | null> {
  const status = (
    await db.query<{ status: string }>(/* sql */ `SELECT status FROM survey_imports WHERE id = $1`, [ctx.id])
  ).rows[0]?.status;
  if (status !== 'running') return null; // finished by an earlier attempt that stopped before its job was marked done
  const { fileName, areaPath } = ctx.payload as unknown as ImportPayload;
  const buf = await ctx.input();
  if (!buf) throw new FinalJobError(bilingual(m('needs.fileGone'))); // a job's reason is kept in both languages, as the audit trail
  const { table, index } = await openImport(fileName, buf);
  const errors: RowRefusal[] = [];
  const count: ImportProgress = { processed: 0, inserted: 0, errorCount: 0 };
  const fail = (e: RowRefusal) => {
    count.errorCount++;
    if (errors.length < IMPORT_MAX_ERRORS) errors.push(e);
  };
  try {
    // Grids and buildings the importer may write to: only their own scope.
    const grids = new Map(
      (
        await db.query<{ code: string; id: number; path: string }>(
          `SELECT code, id, path FROM areas WHERE level = 'grid' AND path LIKE $1 || '%'`,
          [areaPath],
        )
      ).rows.map((g) => [g.code, g]),
    );
    const good: (ParsedRow & { gridId: number; path: string; buildingId: number | null })[] = [];
    const wanted = new Set<string>();
    const parsed: (ParsedRow & { gridId: number; path: string })[] = [];
    for (const r of table.rows) {
      const p = parseRow(r.cells, index, r.line);
      count.processed++;
      if (count.processed % PROGRESS_EVERY === 0) await ctx.progress({ ...count });
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
    }
    await ctx.progress({ ...count });
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
          fail({
            line: p.line,
            column: 'building_address',
            reason: m('needs.buildingNotInGrid', { address: p.buildingAddress, code: p.gridCode }),
          });
          continue;
        }
        good.push({ ...p, buildingId: id });
      } else good.push({ ...p, buildingId: null });
    }
    errors.sort((a, b) => a.line - b.line);
    // Every good row and the outcome in one transaction: a failure or a kill part-way leaves nothing behind.
    const out = await db.tx(async (q) => {
      for (let s = 0; s < good.length; s += BATCH) {
        const part = good.slice(s, s + BATCH);
        await q.query(
          /* sql */ `INSERT INTO survey_responses (month, grid_id, path, building_id, respondent_group, channel, weight, needs, import_id)
            SELECT * FROM unnest($1::date[], $2::int[], $3::text[], $4::int[], $5::text[], $6::text[], $7::real[], $8::int[], $9::text[])`,
          [
            part.map((p) => p.month),
            part.map((p) => p.gridId),
            part.map((p) => p.path),
            part.map((p) => p.buildingId),
            part.map((p) => p.group),
            part.map((p) => p.channel),
            part.map((p) => p.weight),
            part.map((p) => p.needs),
            part.map(() => ctx.id),
          ],
        );
      }
      const done: Outcome = {
        status: 'done',
        processed: count.processed,
        inserted: good.length,
        errorCount: count.errorCount,
        errors,
        message: m('needs.importDone', { inserted: good.length, refused: count.errorCount }),
      };
      // Another run finished it first (this node's heartbeat had lapsed): its rows stand, these roll back.
      if (!(await finishImport(q, ctx.id, done))) throw new FinishedElsewhere();
      return done;
    });
    if (out.inserted) await db.exec('ANALYZE survey_responses');
    return out;
  } catch (e) {
    if (e instanceof FinishedElsewhere) return null;
    // A value or a constraint the database refuses would be refused again: the import fails, with the counts so far.
    // Anything else (the database away, the job taken back) goes to the job runner, which retries or fails it.
    if (!refusedData(e)) throw e;
    const failed: Outcome = {
      status: 'failed',
      processed: count.processed,
      inserted: 0,
      errorCount: count.errorCount,
      errors,
      message: m('needs.importFailed', { reason: (e as Error).message }),
    };
    await finishImport(db, ctx.id, failed);
    return failed;
  }
}

class FinishedElsewhere extends Error {}

/** SQLSTATE classes 22 (data exception) and 23 (integrity constraint violation). */
function refusedData(e: unknown): boolean {
  const code = (e as { code?: unknown }).code;
  return typeof code === 'string' && /^2[23]/.test(code);
}

// ---- templates ---------------------------------------------------------------------------------------------

async function exampleRows(db: Db, user: AuthUser): Promise<string[][]> {
  const g = (
    await db.query<{ code: string; address: string | null }>(
      /* sql */ `SELECT a.code, (SELECT address FROM buildings b WHERE b.grid_id = a.id ORDER BY id LIMIT 1) AS address
      FROM areas a WHERE a.level = 'grid' AND a.path LIKE $1 || '%' ORDER BY a.code LIMIT 1`,
      [user.areaPath],
    )
  ).rows[0];
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
    ['month', '调查月份 YYYY-MM（必填）'],
    ['grid_code', '住户所在网格的 15 位编码（必填）'],
    ['building_address', '楼栋地址（选填，用于需求热力图）'],
    ['group', `人群（必填）: ${RESPONDENT_GROUPS.map((g) => `${g}=${GROUP_NAMES[g].zh}`).join(', ')}`],
    ['channel', '渠道（必填）: paper=纸质, electronic=电子'],
    ['weight', '权重（选填，默认 1）'],
    ['needs', '需求项（代码或中文名，用 ; 或 、 分隔）'],
  ]);
  help.addRow([]);
  help.addRow(['需求项代码 item code', '名称 name']);
  for (const it of NEED_ITEMS) help.addRow([it.code, `${it.zh} / ${it.en}`]);
  help.columns.forEach((c) => (c.width = 40));
  return Buffer.from(await wb.xlsx.writeBuffer());
}
