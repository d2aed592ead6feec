// The grid-worker roster import: a file checked into a stored plan (nothing written), then accepted in one
// transaction — grid workers (updated by phone), their grids, and for each new one an account gw<worker id> scoped
// to its first grid with a one-time password that must be changed at first login — or cancelled.
import crypto from 'node:crypto';
import { m } from '../../contract/messages/index.js';
import type { Said } from '../../contract/messages/speak.js';
import {
  ROSTER_COLUMNS,
  ROSTER_MAX_ROWS,
  type RosterAccepted,
  type RosterRefusal,
  type RosterReport,
  type RosterRow,
} from '../../contract/roster.js';
import { hashPassword } from '../auth/passwords.js';
import { audit } from '../auth/queries.js';
import type { AuthUser } from '../auth/session.js';
import type { Db, Queryable } from '../db/index.js';
import { csvText } from '../http/csv.js';
import { Conflict, NotFound } from '../http/errors.js';
import { openTable } from '../needs/import-parse.js';
import { GridDirectory, mapRosterHeader, parseRosterRow, type GridEntry } from './roster-parse.js';

type Refusal = Said<RosterRefusal, 'reason'>;
interface Plan {
  rows: RosterRow[];
  refused: Refusal[];
}
export type RosterOutcome = Omit<RosterReport, 'refused'> & { refused: Refusal[] };
export type RosterAcceptOutcome = Omit<RosterAccepted, 'refused'> & { refused: Refusal[] };

async function gridsOf(q: Queryable): Promise<GridEntry[]> {
  const r = await q.query<GridEntry>(/* sql */ `SELECT g.id, g.code, g.name, g.path, coalesce(c.name, '') AS community
      FROM areas g LEFT JOIN areas c ON c.id = g.parent_id WHERE g.level = 'grid'`);
  return r.rows;
}

/** Existing workers by their phone's digits, with whether all their grids lie in the scope. */
async function workersByPhone(q: Queryable, phones: string[], scopePath: string) {
  const r = await q.query<{ id: number; phone: string; inScope: boolean }>(
    /* sql */ `SELECT w.id, regexp_replace(w.phone, '\\D', '', 'g') AS phone,
        NOT EXISTS (SELECT 1 FROM worker_grids wg JOIN areas a ON a.id = wg.grid_id
                    WHERE wg.worker_id = w.id AND a.path NOT LIKE $2 || '%') AS "inScope"
      FROM grid_workers w WHERE regexp_replace(w.phone, '\\D', '', 'g') = ANY($1::text[]) ORDER BY w.id`,
    [phones, scopePath],
  );
  const out = new Map<string, { id: number; inScope: boolean }>();
  for (const w of r.rows) if (!out.has(w.phone)) out.set(w.phone, w);
  return out;
}

function report(id: number, fileName: string, status: RosterReport['status'], plan: Plan): RosterOutcome {
  const update = plan.rows.filter((r) => r.workerId !== null).length;
  return {
    id,
    fileName,
    status,
    rows: plan.rows,
    refused: plan.refused,
    counts: { insert: plan.rows.length - update, update, refused: plan.refused.length },
    acceptable: status === 'pending' && plan.refused.length === 0 && plan.rows.length > 0,
  };
}

/** Reads and checks a roster; stores the plan as a pending roster import. Nothing else is written. */
export async function analyseRoster(db: Db, user: AuthUser, fileName: string, buf: Buffer): Promise<RosterOutcome> {
  const { table, index } = await openTable(fileName, buf, {
    mapHeader: mapRosterHeader,
    columns: ROSTER_COLUMNS,
    required: ROSTER_COLUMNS,
    maxRows: ROSTER_MAX_ROWS,
  });
  const grids = new GridDirectory(await gridsOf(db));
  const refused: Refusal[] = [];
  const parsed = [];
  const firstLine = new Map<string, number>();
  for (const r of table.rows) {
    if (r.cells.every((c) => !c.trim())) continue;
    const row = parseRosterRow(r.cells, index, r.line, grids, user.areaPath);
    if ('reason' in row) {
      refused.push(row);
      continue;
    }
    const first = firstLine.get(row.phone);
    if (first !== undefined) {
      refused.push({ line: r.line, reason: m('roster.duplicatePhone', { line: r.line, phone: row.phone, first }) });
      continue;
    }
    firstLine.set(row.phone, r.line);
    parsed.push(row);
  }
  const existing = await workersByPhone(
    db,
    parsed.map((r) => r.phone),
    user.areaPath,
  );
  const rows: RosterRow[] = [];
  for (const r of parsed) {
    const w = existing.get(r.phone);
    if (w && !w.inScope) {
      refused.push({ line: r.line, reason: m('roster.phoneOutOfScope', { line: r.line, phone: r.phone }) });
      continue;
    }
    rows.push({
      line: r.line,
      name: r.name,
      phone: r.phone,
      grids: r.grids.map((g) => ({ id: g.id, code: g.code, name: g.name })),
      workerId: w?.id ?? null,
    });
  }
  refused.sort((a, b) => a.line - b.line);
  const plan: Plan = { rows, refused };
  const id = (
    await db.query<{ id: number }>(
      /* sql */ `INSERT INTO roster_imports (account_id, scope_path, file_name, plan) VALUES ($1, $2, $3, $4) RETURNING id`,
      [user.id, user.areaPath, fileName, JSON.stringify(plan)],
    )
  ).rows[0].id;
  return report(id, fileName, 'pending', plan);
}

async function pendingInScope(q: Queryable, user: AuthUser, id: number) {
  const r = await q.query<{ fileName: string; status: RosterReport['status']; plan: Plan }>(
    /* sql */ `SELECT file_name AS "fileName", status, plan FROM roster_imports
      WHERE id = $1 AND scope_path LIKE $2 || '%' FOR UPDATE`,
    [id, user.areaPath],
  );
  const imp = r.rows[0];
  if (!imp) throw new NotFound(m('roster.notFound', { id }));
  if (imp.status !== 'pending') throw new Conflict(m('roster.notPending', { id, status: imp.status }));
  return imp;
}

/** A one-time password: 12 characters of an alphabet without look-alikes (0/O, 1/l/I). */
function oneTimePassword(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const bytes = crypto.randomBytes(12);
  return Array.from(bytes, (b) => alphabet[b % alphabet.length]).join('');
}

/**
 * Writes a pending roster in one transaction. A row whose grid was deleted or left the scope since the report
 * stops the whole accept (409 naming the line): nothing is written.
 */
export async function acceptRoster(db: Db, user: AuthUser, id: number, ip?: string): Promise<RosterAcceptOutcome> {
  const peek = await db.query<{ plan: Plan }>(`SELECT plan FROM roster_imports WHERE id = $1`, [id]);
  // Hashing is slow on purpose: do it before the transaction, for every row that may need an account.
  const fresh = await Promise.all(
    (peek.rows[0]?.plan.rows ?? []).map(async () => {
      const password = oneTimePassword();
      return { password, hash: await hashPassword(password) };
    }),
  );
  const passwords: RosterAccepted['passwords'] = [];
  const out = await db.tx(async (q) => {
    const imp = await pendingInScope(q, user, id);
    if (imp.plan.refused.length) throw new Conflict(m('roster.hasRefusals', { count: imp.plan.refused.length }));
    for (const [i, row] of imp.plan.rows.entries()) {
      const ids = row.grids.map((g) => g.id);
      const live = await q.query<{ id: number }>(
        /* sql */ `SELECT id FROM areas WHERE id = ANY($1::int[]) AND level = 'grid' AND path LIKE $2 || '%' FOR SHARE`,
        [ids, user.areaPath],
      );
      const gone = row.grids.find((g) => !live.rows.some((l) => l.id === g.id));
      if (gone) throw new Conflict(m('roster.changedSince', { line: row.line, grid: gone.code }));
      let workerId = row.workerId;
      if (workerId !== null) {
        const upd = await q.query(`UPDATE grid_workers SET name = $2, phone = $3, active = true WHERE id = $1`, [
          workerId,
          row.name,
          row.phone,
        ]);
        if (upd.rowCount === 0)
          workerId = null; // deleted since the report: added again
        else await q.query(`DELETE FROM worker_grids WHERE worker_id = $1`, [workerId]);
      }
      workerId ??= (
        await q.query<{ id: number }>(`INSERT INTO grid_workers (name, phone) VALUES ($1, $2) RETURNING id`, [
          row.name,
          row.phone,
        ])
      ).rows[0].id;
      await q.query(
        /* sql */ `INSERT INTO worker_grids (worker_id, grid_id) SELECT $1, unnest($2::int[]) ON CONFLICT DO NOTHING`,
        [workerId, ids],
      );
      const home = Math.min(...ids);
      const had = await q.query(
        /* sql */ `UPDATE accounts SET display_name = $2, area_id = $3 WHERE worker_id = $1 AND role = 'grid_worker'`,
        [workerId, row.name, home],
      );
      if (had.rowCount === 0) {
        const username = `gw${workerId}`;
        await q.query(
          /* sql */ `INSERT INTO accounts (username, display_name, password_hash, role, area_id, worker_id, must_change_password)
            VALUES ($1, $2, $3, 'grid_worker', $4, $5, true)`,
          [username, row.name, fresh[i].hash, home, workerId],
        );
        passwords.push({ line: row.line, name: row.name, phone: row.phone, username, password: fresh[i].password });
      }
    }
    await q.query(`UPDATE roster_imports SET status = 'accepted', decided_at = now() WHERE id = $1`, [id]);
    await audit(q, {
      accountId: user.id,
      action: 'roster.accept',
      target: `roster:${id}`,
      detail: { rows: imp.plan.rows.length, accounts: passwords.length },
      ip,
    });
    return report(id, imp.fileName, 'accepted', imp.plan);
  });
  const passwordsCsv = csvText(
    [
      ['line 行', 'name 姓名', 'phone 手机', 'username 账号', 'one-time password 一次性密码'],
      ...passwords.map((p) => [p.line, p.name, p.phone, p.username, p.password]),
    ],
    { bom: true },
  );
  return { ...out, passwords, passwordsCsv };
}

export async function cancelRoster(db: Db, user: AuthUser, id: number): Promise<RosterOutcome> {
  return db.tx(async (q) => {
    const imp = await pendingInScope(q, user, id);
    await q.query(`UPDATE roster_imports SET status = 'cancelled', decided_at = now() WHERE id = $1`, [id]);
    return report(id, imp.fileName, 'cancelled', imp.plan);
  });
}
