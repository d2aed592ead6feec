// The grid-worker roster import: a CSV/XLSX of name, phone and grids checked into a report (refused rows with
// their line and reason), accepted in one transaction into workers, their grids and accounts with one-time
// passwords that must be changed at first login; re-imported it updates by phone; a failed accept writes nothing.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/test-db.js';

type Json = Record<string, unknown>;
interface Report {
  id: number;
  status: string;
  rows: { line: number; name: string; phone: string; grids: { id: number; code: string }[]; workerId: number | null }[];
  refused: { line: number; reason: string; messageKey: string }[];
  counts: { insert: number; update: number; refused: number };
  acceptable: boolean;
}
interface Accepted extends Report {
  passwords: { line: number; username: string; password: string; phone: string }[];
  passwordsCsv: string;
}

let t: TestApp;
let admin: string;
let grids: { id: number; code: string; name: string; community: string; communityId: number }[];
let existing: { id: number; phone: string; name: string };

beforeAll(async () => {
  t = await startTestApp();
  admin = await t.login('admin');
  grids = (
    await t.db.query<(typeof grids)[number]>(
      `SELECT g.id, g.code, g.name, c.name AS community, c.id AS "communityId" FROM areas g JOIN areas c ON c.id = g.parent_id
        WHERE g.level = 'grid' ORDER BY g.code`,
    )
  ).rows;
  existing = (
    await t.db.query<typeof existing>(
      `SELECT w.id, w.phone, w.name FROM grid_workers w JOIN accounts a ON a.worker_id = w.id ORDER BY w.id LIMIT 1`,
    )
  ).rows[0];
  // The demo city's phones are masked (139****1234): give this worker a real one, as a district's roster has.
  existing.phone = '135-1234-5678';
  await t.db.query(`UPDATE grid_workers SET phone = $2 WHERE id = $1`, [existing.id, existing.phone]);
});
afterAll(() => t?.close());

async function upload(name: string, body: Buffer | string, token = admin, lang = 'en'): Promise<Response> {
  const fd = new FormData();
  fd.append('file', new Blob([typeof body === 'string' ? body : new Uint8Array(body)]), name);
  return fetch(`${t.url}/api/workers/roster`, {
    method: 'POST',
    body: fd,
    headers: { authorization: `Bearer ${token}`, 'accept-language': lang },
  });
}
const decide = (id: number, how: 'accept' | 'cancel', token = admin) =>
  fetch(`${t.url}/api/workers/roster/${id}/${how}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'accept-language': 'en' },
  });
const count = async (sql: string, params: unknown[] = []) => (await t.db.query<{ n: number }>(sql, params)).rows[0].n;

describe('the grid-worker roster', () => {
  it('reports refused rows by line and reason, writes nothing until accepted, then creates workers and accounts', async () => {
    const [g1, g2] = grids;
    const csv = [
      '序号,姓名,手机号,网格',
      `1,张三,138 0013 8000,"${g1.code}、${g2.community}/${g2.name}"`,
      `2,李四,12345,${g1.code}`,
      `3,王五,+86 13800138000,${g1.code}`,
      `4,赵六,13900139000,不存在的网格`,
      `5,${existing.name}二,${existing.phone},${g2.code}`,
    ].join('\n');
    const workersBefore = await count(`SELECT count(*)::int AS n FROM grid_workers`);
    const res = await upload('花名册.csv', csv);
    expect(res.status, await res.clone().text()).toBe(201);
    const rep = (await res.json()) as Report;
    expect(rep.refused.map((r) => [r.line, r.messageKey])).toEqual([
      [3, 'roster.badPhone'],
      [4, 'roster.duplicatePhone'],
      [5, 'roster.unknownGrid'],
    ]);
    expect(rep.refused[1].reason).toBe('line 4: the phone 13800138000 repeats line 2');
    expect(rep.rows.map((r) => [r.line, r.phone, r.grids.map((g) => g.id), r.workerId])).toEqual([
      [2, '13800138000', [g1.id, g2.id], null],
      [6, existing.phone.replace(/\D/g, ''), [g2.id], existing.id],
    ]);
    expect(rep.counts).toEqual({ insert: 1, update: 1, refused: 3 });
    expect(rep.acceptable).toBe(false);
    expect(await count(`SELECT count(*)::int AS n FROM grid_workers`)).toBe(workersBefore);
    expect((await decide(rep.id, 'accept')).status).toBe(409);
    expect((await decide(rep.id, 'cancel')).status).toBe(200);

    // Fixed, as XLSX with English headers: accepted in one go.
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('roster');
    ws.addRow(['name', 'phone', 'grid']);
    ws.addRow(['张三', '13800138000', `${g1.code};${g2.community}/${g2.name}`]);
    ws.addRow([`${existing.name}二`, existing.phone, g2.code]);
    const good = (await (await upload('roster.xlsx', Buffer.from(await wb.xlsx.writeBuffer()))).json()) as Report;
    expect(good.acceptable).toBe(true);
    const acc = await decide(good.id, 'accept');
    expect(acc.status, await acc.clone().text()).toBe(200);
    const out = (await acc.json()) as Accepted;
    expect(out.status).toBe('accepted');
    // Only the new worker gets an account and a one-time password; the updated one keeps their own.
    expect(out.passwords).toHaveLength(1);
    const [{ username, password }] = out.passwords;
    expect(out.passwordsCsv).toContain(`${username},${password}`);
    const worker = (
      await t.db.query<{ id: number; name: string }>(`SELECT id, name FROM grid_workers WHERE phone = '13800138000'`)
    ).rows;
    expect(worker).toHaveLength(1);
    expect(username).toBe(`gw${worker[0].id}`);
    expect(
      (
        await t.db.query<{ grid: number }>(`SELECT grid_id AS grid FROM worker_grids WHERE worker_id = $1 ORDER BY 1`, [
          worker[0].id,
        ])
      ).rows.map((r) => r.grid),
    ).toEqual([g1.id, g2.id].sort((a, b) => a - b));
    const account = (
      await t.db.query<Json>(
        `SELECT role, area_id AS "areaId", must_change_password AS must, password_hash AS hash FROM accounts WHERE username = $1`,
        [username],
      )
    ).rows[0];
    expect(account).toMatchObject({ role: 'grid_worker', areaId: Math.min(g1.id, g2.id), must: true });
    expect(String(account.hash)).not.toContain(password);
    // Never stored in clear: not in the stored plan, not in the audit log.
    expect(
      await count(`SELECT count(*)::int AS n FROM roster_imports WHERE plan::text LIKE '%' || $1 || '%'`, [password]),
    ).toBe(0);
    expect(
      await count(`SELECT count(*)::int AS n FROM audit_log WHERE detail::text LIKE '%' || $1 || '%'`, [password]),
    ).toBe(0);
    expect((await t.db.query<Json>(`SELECT name FROM grid_workers WHERE id = $1`, [existing.id])).rows[0].name).toBe(
      `${existing.name}二`,
    );

    // First login: told to change it; changing it clears the mark.
    const first = await t.post('/api/auth/login', { username, password });
    expect(first.status).toBe(200);
    const session = (await first.json()) as { token: string; mustChangePassword: boolean };
    expect(session.mustChangePassword).toBe(true);
    // Until it is changed, nothing else is allowed.
    const blocked = await t.get('/api/areas?level=grid', session.token);
    expect(blocked.status).toBe(403);
    expect(((await blocked.json()) as { error: { messageKey: string } }).error.messageKey).toBe(
      'auth.mustChangePassword',
    );
    const wrong = await t.post(
      '/api/auth/password',
      { current: 'nope', password: 'Hz-walks-7-bridges' },
      session.token,
    );
    expect(wrong.status).toBe(400);
    const changed = await t.post(
      '/api/auth/password',
      { current: password, password: 'Hz-walks-7-bridges' },
      session.token,
    );
    expect(changed.status, await changed.clone().text()).toBe(204);
    expect((await t.get('/api/areas?level=grid', session.token)).status).toBe(200);
    const again = (await (await t.post('/api/auth/login', { username, password: 'Hz-walks-7-bridges' })).json()) as {
      mustChangePassword: boolean;
    };
    expect(again.mustChangePassword).toBe(false);
    expect((await t.post('/api/auth/login', { username, password })).status).toBe(401);

    // Re-imported: updated by phone, no new worker, no new password.
    const re = (await (await upload('roster.xlsx', Buffer.from(await wb.xlsx.writeBuffer()))).json()) as Report;
    expect(re.counts).toEqual({ insert: 0, update: 2, refused: 0 });
    const reAcc = (await (await decide(re.id, 'accept')).json()) as Accepted;
    expect(reAcc.passwords).toEqual([]);
    expect(await count(`SELECT count(*)::int AS n FROM grid_workers WHERE phone = '13800138000'`)).toBe(1);
  });

  it('refuses grids outside an operator’s scope', async () => {
    const community1 = await t.login('community1');
    const own = (
      await t.db.query<{ id: number; path: string }>(
        `SELECT ar.id, ar.path FROM accounts a JOIN areas ar ON ar.id = a.area_id WHERE a.username = 'community1'`,
      )
    ).rows[0];
    const inside = grids.find((g) => g.communityId === own.id)!;
    const outside = grids.find((g) => g.communityId !== own.id)!;
    const csv = `姓名,手机,网格\n钱七,13700137000,${inside.code}\n孙八,13700137001,${outside.code}\n`;
    const rep = (await (await upload('roster.csv', csv, community1)).json()) as Report;
    expect(rep.rows.map((r) => r.line)).toEqual([2]);
    expect(rep.refused.map((r) => [r.line, r.messageKey])).toEqual([[3, 'roster.gridOutOfScope']]);
    // A planner may not import a roster at all.
    expect((await upload('roster.csv', csv, await t.login('planner'))).status).toBe(403);
  });

  it('writes nothing when a grid is deleted between the report and the accept', async () => {
    const [g1] = grids;
    const temp = (
      await t.db.query<{ id: number }>(
        `INSERT INTO areas (code, name, level, parent_id, path, geom)
          SELECT '999999999901', '临时网格', 'grid', parent_id, regexp_replace(path, '[0-9]+/$', ''), geom FROM areas WHERE id = $1
          RETURNING id`,
        [g1.id],
      )
    ).rows[0].id;
    await t.db.query(`UPDATE areas SET path = path || id || '/' WHERE id = $1`, [temp]);
    const csv = `name,phone,grid\n周九,13600136000,${g1.code}\n吴十,13600136001,999999999901\n`;
    const rep = (await (await upload('roster.csv', csv)).json()) as Report;
    expect(rep.acceptable).toBe(true);
    await t.db.query(`DELETE FROM areas WHERE id = $1`, [temp]);
    const before = {
      workers: await count(`SELECT count(*)::int AS n FROM grid_workers`),
      links: await count(`SELECT count(*)::int AS n FROM worker_grids`),
      accounts: await count(`SELECT count(*)::int AS n FROM accounts`),
    };
    const res = await decide(rep.id, 'accept');
    expect(res.status).toBe(409);
    expect(((await res.json()) as { error: { messageKey: string } }).error.messageKey).toBe('roster.changedSince');
    expect({
      workers: await count(`SELECT count(*)::int AS n FROM grid_workers`),
      links: await count(`SELECT count(*)::int AS n FROM worker_grids`),
      accounts: await count(`SELECT count(*)::int AS n FROM accounts`),
    }).toEqual(before);
    expect(await count(`SELECT count(*)::int AS n FROM grid_workers WHERE phone = '13600136000'`)).toBe(0);
    expect(
      (await t.db.query<{ status: string }>(`SELECT status FROM roster_imports WHERE id = $1`, [rep.id])).rows[0]
        .status,
    ).toBe('pending');
  });
});
