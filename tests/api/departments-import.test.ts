// The department list (部门) and the responsibility list (责任清单) from a district's files: each checked into a
// report (new, updated, unchanged, refused rows by line and reason) that writes nothing, then accepted in one
// audited transaction or cancelled. Departments are never deleted; the list's rules obey the editor's scope rules.
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { responsibilityRules } from '../../api/orders/queries.js';
import { startTestApp, type TestApp } from '../helpers/test-db.js';

interface Refusal {
  line: number;
  reason: string;
  messageKey: string;
  params: { reason?: { key?: string } };
}
interface DeptReport {
  id: number;
  status: string;
  rows: { line: number; code: string; name: string; nameEn: string; action: string }[];
  refused: Refusal[];
  missing: { code: string; name: string; rules: number }[];
  deactivateMissing: boolean;
  counts: Record<string, number>;
  acceptable: boolean;
}
interface RuleReport {
  id: number;
  status: string;
  rows: {
    line: number;
    categoryCode: string;
    areaId: number | null;
    hazardLevel: string | null;
    leadDept: string;
    assistDepts: string[];
    action: string;
  }[];
  refused: Refusal[];
  counts: Record<string, number>;
  acceptable: boolean;
}

let t: TestApp;
let admin: string;
let own: { id: number; code: string };
let other: { id: number; code: string };

beforeAll(async () => {
  t = await startTestApp();
  admin = await t.login('admin');
  own = (
    await t.db.query<typeof own>(
      `SELECT g.id, g.code FROM accounts a JOIN areas g ON g.id = a.area_id WHERE a.username = 'community1'`,
    )
  ).rows[0];
  other = (
    await t.db.query<typeof other>(
      `SELECT id, code FROM areas WHERE level = 'community' AND id <> $1 ORDER BY code LIMIT 1`,
      [own.id],
    )
  ).rows[0];
  // An administrator whose scope is community1's community.
  await t.db.query(
    `INSERT INTO accounts (username, display_name, password_hash, role, area_id)
      SELECT 'admin_c', '社区管理员', password_hash, 'admin', area_id FROM accounts WHERE username = 'community1'`,
  );
});
afterAll(() => t?.close());

async function upload(
  what: 'departments' | 'responsibilities',
  name: string,
  body: Buffer | string,
  opts: { token?: string; fields?: Record<string, string> } = {},
): Promise<Response> {
  const fd = new FormData();
  for (const [k, v] of Object.entries(opts.fields ?? {})) fd.append(k, v);
  fd.append('file', new Blob([typeof body === 'string' ? body : new Uint8Array(body)]), name);
  return fetch(`${t.url}/api/${what}/import`, {
    method: 'POST',
    body: fd,
    headers: { authorization: `Bearer ${opts.token ?? admin}`, 'accept-language': 'en' },
  });
}
const decide = (what: 'departments' | 'responsibilities', id: number, how: 'accept' | 'cancel', token = admin) =>
  fetch(`${t.url}/api/${what}/import/${id}/${how}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'accept-language': 'en' },
  });
async function report<T>(res: Response): Promise<T> {
  expect(res.status, await res.clone().text()).toBe(201);
  return (await res.json()) as T;
}
const snapshot = async (table: string) =>
  (
    await t.db.query<{ h: string }>(
      `SELECT md5(coalesce(string_agg(x::text, E'\\n' ORDER BY x::text), '')) AS h FROM ${table} x`,
    )
  ).rows[0].h;
const inner = (r: Refusal) => r.params.reason?.key;
async function xlsx(rows: string[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('list');
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('the department list', () => {
  it('reports new, updated, unchanged and refused rows by line, writes nothing, and cancels', async () => {
    const csv = [
      '部门编码,部门名称,英文名称',
      'street_office,街道办事处,Street office',
      'urban_mgmt,区城管执法局,Urban management enforcement bureau',
      'housing,区住房保障和房屋管理局,',
      '城管局,城管局,',
      ',区民政局,',
      ',不存在的局,',
      'street_office,另一个办,',
      'emergency,街道办事处,',
      'market,区生态环境局,',
      '  Fire-Rescue ,区消防救援支队二,',
      ',,',
    ].join('\n');
    const before = await snapshot('departments');
    const rep = await report<DeptReport>(await upload('departments', '部门.csv', csv));
    expect(rep.refused.map((r) => [r.line, inner(r)])).toEqual([
      [5, 'routing.badCode'],
      [7, 'routing.noCode'],
      [8, 'routing.duplicateCode'],
      [9, 'routing.duplicateName'],
      [10, 'routing.nameTaken'],
    ]);
    expect(rep.refused.every((r) => r.messageKey === 'routing.row')).toBe(true);
    expect(rep.refused[2].reason).toBe('line 8: the department code street_office repeats line 2');
    expect(rep.refused[4].reason).toContain('eco_env');
    expect(rep.rows.map((r) => [r.line, r.code, r.action])).toEqual([
      [2, 'street_office', 'new'],
      [3, 'urban_mgmt', 'unchanged'],
      [4, 'housing', 'update'],
      [6, 'civil_affairs', 'unchanged'],
      [11, 'fire_rescue', 'new'],
    ]);
    // No English name: an update keeps its own, a new department shows its name.
    expect(rep.rows.find((r) => r.code === 'housing')!.nameEn).toBe('Housing administration bureau');
    expect(rep.rows.find((r) => r.code === 'fire_rescue')!.nameEn).toBe('区消防救援支队二');
    const active = Number(
      (await t.db.query<{ n: string }>(`SELECT count(*) AS n FROM departments WHERE active`)).rows[0].n,
    );
    expect(rep.counts).toEqual({ new: 2, update: 1, unchanged: 2, refused: 5, kept: active - 3, deactivate: 0 });
    expect(rep.missing.find((d) => d.code === 'fire')!.rules).toBeGreaterThan(0);
    expect(rep.acceptable).toBe(false);
    expect(await snapshot('departments')).toBe(before);
    const refusedAccept = await decide('departments', rep.id, 'accept');
    expect(refusedAccept.status).toBe(409);
    expect(((await refusedAccept.json()) as { error: { messageKey: string } }).error.messageKey).toBe(
      'routing.hasRefusals',
    );
    const cancelled = await decide('departments', rep.id, 'cancel');
    expect(cancelled.status).toBe(200);
    expect(((await cancelled.json()) as DeptReport).status).toBe('cancelled');
    expect((await decide('departments', rep.id, 'cancel')).status).toBe(409);
    expect(await snapshot('departments')).toBe(before);
  });

  it('reads a GBK CSV and accepts it in one audited transaction, keeping the departments it leaves out', async () => {
    const csv = [
      '部门编码,部门名称,英文名称',
      'street_office,街道办事处,Street office',
      'housing,区住房保障和房屋管理局,',
    ].join('\r\n');
    const gbk = iconv.encode(csv, 'gbk');
    expect(gbk.includes(Buffer.from('街道办事处', 'utf8'))).toBe(false);
    const rep = await report<DeptReport>(await upload('departments', 'depts.csv', gbk));
    expect(rep.refused).toEqual([]);
    expect(rep.rows.map((r) => [r.code, r.name, r.action])).toEqual([
      ['street_office', '街道办事处', 'new'],
      ['housing', '区住房保障和房屋管理局', 'update'],
    ]);
    expect(rep.acceptable).toBe(true);
    const activeBefore = Number(
      (await t.db.query<{ n: string }>(`SELECT count(*) AS n FROM departments WHERE active`)).rows[0].n,
    );
    const res = await decide('departments', rep.id, 'accept');
    expect(res.status, await res.clone().text()).toBe(200);
    expect(((await res.json()) as DeptReport).status).toBe('accepted');
    expect(
      (
        await t.db.query(
          `SELECT code, name, name_en AS "nameEn", active FROM departments WHERE code IN ('street_office', 'housing') ORDER BY code`,
        )
      ).rows,
    ).toEqual([
      { code: 'housing', name: '区住房保障和房屋管理局', nameEn: 'Housing administration bureau', active: true },
      { code: 'street_office', name: '街道办事处', nameEn: 'Street office', active: true },
    ]);
    expect(
      Number((await t.db.query<{ n: string }>(`SELECT count(*) AS n FROM departments WHERE active`)).rows[0].n),
    ).toBe(activeBefore + 1);
    const logged = await t.db.query<{ detail: Record<string, number> }>(
      `SELECT detail FROM audit_log WHERE action = 'departments.import' AND target = $1`,
      [`routing_import:${rep.id}`],
    );
    expect(logged.rows[0].detail).toMatchObject({ new: 1, update: 1 });
    expect((await decide('departments', rep.id, 'accept')).status).toBe(409);
    const listed = (await (await t.get('/api/departments', admin)).json()) as { code: string }[];
    expect(listed.map((d) => d.code)).toContain('street_office');
  });

  it('is the district’s: an admin of one community and a planner are refused', async () => {
    const csv = 'code,name\nstreet_office,街道办事处\n';
    const before = await snapshot('routing_imports');
    const narrow = await upload('departments', 'd.csv', csv, { token: await t.login('admin_c') });
    expect(narrow.status).toBe(403);
    expect(((await narrow.json()) as { error: { messageKey: string } }).error.messageKey).toBe(
      'auth.wholeDistrictOnly',
    );
    expect((await upload('departments', 'd.csv', csv, { token: await t.login('planner') })).status).toBe(403);
    expect(await snapshot('routing_imports')).toBe(before);
    // A district admin's pending import is not the community admin's to decide.
    const rep = await report<DeptReport>(await upload('departments', 'd.csv', csv));
    expect((await decide('departments', rep.id, 'accept', await t.login('admin_c'))).status).toBe(403);
    expect((await decide('departments', rep.id, 'cancel')).status).toBe(200);
  });

  it('offers templates holding the list as it stands', async () => {
    const bytes = Buffer.from(await (await t.get('/api/departments/import/template.csv', admin)).arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csv = bytes.toString('utf8');
    expect(csv.split('\r\n')[0]).toBe('\uFEFFcode 部门编码,name 部门名称,name_en 英文名称');
    expect(csv).toContain('street_office,街道办事处,Street office');
    const x = await t.get('/api/departments/import/template.xlsx', admin);
    expect(x.status).toBe(200);
    // The template, sent back as it is, changes nothing.
    const rep = await report<DeptReport>(
      await upload('departments', 'departments-template.xlsx', Buffer.from(await x.arrayBuffer())),
    );
    expect(rep.refused).toEqual([]);
    expect(rep.counts.new + rep.counts.update).toBe(0);
    expect(rep.counts.kept).toBe(0);
    expect((await decide('departments', rep.id, 'cancel')).status).toBe(200);
  });
});

describe('the responsibility list', () => {
  it('reports rules new, replaced, unchanged and refused by line, writes nothing, then accepts', async () => {
    const rows = [
      ['事项类别', '区域', '风险等级', '主办部门', '协办部门'],
      ['垃圾堆放', '', '', 'street_office', '区城管执法局、community'],
      ['SAF-01', own.code, '重大', 'street_office', 'fire;community'],
      ['不存在的类别', '', '', 'urban_mgmt', ''],
      ['SAN-02', '不存在的区域', '', 'urban_mgmt', ''],
      ['SAN-02', '', '特大', 'urban_mgmt', ''],
      ['SAN-02', '', '', '城管局', ''],
      ['SAN-02', '', '', 'urban_mgmt', 'urban_mgmt'],
      ['san-01', '', '', 'urban_mgmt', ''],
      ['SAN-03', '', '', '社区居委会', ''],
    ];
    const before = await snapshot('responsibilities');
    const rep = await report<RuleReport>(await upload('responsibilities', '责任清单.xlsx', await xlsx(rows)));
    expect(rep.refused.map((r) => [r.line, inner(r)])).toEqual([
      [4, 'routing.unknownCategory'],
      [5, 'routing.unknownArea'],
      [6, 'routing.badHazard'],
      [7, 'routing.unknownDepartment'],
      [8, 'orders.field.leadAlsoAssisting'],
      [9, 'routing.duplicateRule'],
    ]);
    expect(rep.refused[3].reason).toContain('line 7: no department "城管局"');
    expect(
      rep.rows.map((r) => [r.line, r.categoryCode, r.areaId, r.hazardLevel, r.leadDept, r.assistDepts, r.action]),
    ).toEqual([
      [2, 'SAN-01', null, null, 'street_office', ['urban_mgmt', 'community'], 'replace'],
      [3, 'SAF-01', own.id, 'critical', 'street_office', ['fire', 'community'], 'new'],
      [10, 'SAN-03', null, null, 'community', [], 'unchanged'],
    ]);
    expect(rep.counts).toMatchObject({ new: 1, replace: 1, unchanged: 1, refused: 6 });
    expect(rep.counts.kept).toBeGreaterThan(0);
    expect(await snapshot('responsibilities')).toBe(before);
    expect((await decide('responsibilities', rep.id, 'accept')).status).toBe(409);
    expect((await decide('responsibilities', rep.id, 'cancel')).status).toBe(200);
    expect(await snapshot('responsibilities')).toBe(before);

    const good = await report<RuleReport>(
      await upload('responsibilities', '责任清单.xlsx', await xlsx([rows[0], rows[1], rows[2], rows[9]])),
    );
    expect(good.acceptable).toBe(true);
    const rulesBefore = Number(
      (await t.db.query<{ n: string }>(`SELECT count(*) AS n FROM responsibilities`)).rows[0].n,
    );
    const res = await decide('responsibilities', good.id, 'accept');
    expect(res.status, await res.clone().text()).toBe(200);
    expect(Number((await t.db.query<{ n: string }>(`SELECT count(*) AS n FROM responsibilities`)).rows[0].n)).toBe(
      rulesBefore + 1,
    );
    expect(
      (
        await t.db.query(
          `SELECT lead_dept AS lead, assist_depts AS assist FROM responsibilities WHERE category_code = 'SAN-01' AND area_id IS NULL AND hazard_level IS NULL`,
        )
      ).rows,
    ).toEqual([{ lead: 'street_office', assist: ['urban_mgmt', 'community'] }]);
    expect(
      (
        await t.db.query(
          `SELECT lead_dept AS lead FROM responsibilities WHERE category_code = 'SAF-01' AND area_id = $1 AND hazard_level = 'critical'`,
          [own.id],
        )
      ).rows,
    ).toEqual([{ lead: 'street_office' }]);
    expect(
      (
        await t.db.query(`SELECT 1 FROM audit_log WHERE action = 'responsibilities.import' AND target = $1`, [
          `routing_import:${good.id}`,
        ])
      ).rowCount,
    ).toBe(1);
    // The list routes a new order: a critical blocked fire lane in the community now goes to the street office.
    const grid = (
      await t.db.query<{ lon: number; lat: number }>(
        `SELECT ST_X(label_point) AS lon, ST_Y(label_point) AS lat FROM areas WHERE level = 'grid' AND parent_id = $1 ORDER BY code LIMIT 1`,
        [own.id],
      )
    ).rows[0];
    const order = await t.post(
      '/api/orders',
      {
        categoryCode: 'SAF-01',
        hazardLevel: 'critical',
        description: '消防通道被车辆堵塞',
        source: 'wall',
        lon: grid.lon,
        lat: grid.lat,
      },
      await t.login('operator'),
    );
    expect(order.status, await order.clone().text()).toBe(201);
    const { id } = ((await order.json()) as { order: { id: number } }).order;
    expect((await t.db.query(`SELECT lead_dept AS lead FROM orders WHERE id = $1`, [id])).rows).toEqual([
      { lead: 'street_office' },
    ]);
  });

  it('holds a community admin to the editor’s scope rules', async () => {
    const token = await t.login('admin_c');
    const csv = [
      'category,area,hazard_level,lead,assist',
      `SAN-04,${own.code},,urban_mgmt,`,
      `SAN-04,${other.code},,urban_mgmt,`,
      'SAN-04,,,urban_mgmt,',
    ].join('\n');
    const before = await snapshot('responsibilities');
    const rep = await report<RuleReport>(await upload('responsibilities', 'r.csv', csv, { token }));
    expect(rep.rows.map((r) => [r.line, r.areaId])).toEqual([[2, own.id]]);
    expect(rep.refused.map((r) => [r.line, inner(r)])).toEqual([
      [3, 'orders.areaNotInScope'],
      [4, 'orders.ruleForEveryAreaNeedsDistrict'],
    ]);
    expect(await snapshot('responsibilities')).toBe(before);
    // Another's import is out of reach; a planner may not import at all.
    const district = await report<RuleReport>(
      await upload('responsibilities', 'r.csv', `category,lead\nSAN-04,urban_mgmt\n`),
    );
    expect((await decide('responsibilities', district.id, 'accept', token)).status).toBe(404);
    expect((await decide('responsibilities', district.id, 'cancel')).status).toBe(200);
    expect((await upload('responsibilities', 'r.csv', csv, { token: await t.login('planner') })).status).toBe(403);
  });

  it('writes nothing when a department it names is made inactive between the report and the accept', async () => {
    const csv = ['category,area,lead,assist', 'SAN-04,,urban_mgmt,', `SAN-02,${own.code},street_office,`].join('\n');
    const rep = await report<RuleReport>(await upload('responsibilities', 'r.csv', csv));
    expect(rep.acceptable).toBe(true);
    await t.db.query(`UPDATE departments SET active = false WHERE code = 'street_office'`);
    const before = await snapshot('responsibilities');
    const res = await decide('responsibilities', rep.id, 'accept');
    expect(res.status).toBe(409);
    const err = ((await res.json()) as { error: { messageKey: string; message: string } }).error;
    expect(err.messageKey).toBe('routing.changedSince');
    expect(err.message).toContain('line 3');
    expect(await snapshot('responsibilities')).toBe(before);
    await t.db.query(`UPDATE departments SET active = true WHERE code = 'street_office'`);
    expect((await decide('responsibilities', rep.id, 'cancel')).status).toBe(200);
  });

  it('offers a template of the rules in scope that reads back unchanged', async () => {
    const csv = await (await t.get('/api/responsibilities/import/template.csv', admin)).text();
    expect(csv).toContain('SAN-01,,,street_office,urban_mgmt、community');
    const rep = await report<RuleReport>(await upload('responsibilities', 'template.csv', csv));
    expect(rep.refused).toEqual([]);
    expect(rep.counts.new + rep.counts.replace).toBe(0);
    expect((await decide('responsibilities', rep.id, 'cancel')).status).toBe(200);
    expect((await t.get('/api/responsibilities/import/template.xlsx', admin)).status).toBe(200);
  });
});

describe('the onboarding step and deactivating what a list leaves out', () => {
  it('counts departments before the responsibility list', async () => {
    const status = (await (await t.get('/api/onboarding', admin)).json()) as {
      steps: { step: string; count: number }[];
    };
    const steps = status.steps.map((s) => s.step);
    expect(steps.indexOf('departments')).toBe(steps.indexOf('responsibilities') - 1);
    const active = Number(
      (await t.db.query<{ n: string }>(`SELECT count(*) AS n FROM departments WHERE active`)).rows[0].n,
    );
    expect(status.steps.find((s) => s.step === 'departments')!.count).toBe(active);
  });

  it('makes the departments left out inactive only when asked, and never deletes one', async () => {
    const all = Number((await t.db.query<{ n: string }>(`SELECT count(*) AS n FROM departments`)).rows[0].n);
    const file = await xlsx([
      ['code', 'name'],
      ['urban_mgmt', '区城管执法局'],
      ['street_office', '街道办事处'],
    ]);
    const rep = await report<DeptReport>(
      await upload('departments', 'd.xlsx', file, { fields: { deactivateMissing: 'true' } }),
    );
    expect(rep.deactivateMissing).toBe(true);
    expect(rep.counts.kept).toBe(0);
    expect(rep.counts.deactivate).toBe(all - 2);
    expect(rep.missing.map((d) => d.code)).not.toContain('urban_mgmt');
    const res = await decide('departments', rep.id, 'accept');
    expect(res.status, await res.clone().text()).toBe(200);
    const after = (
      await t.db.query<{ code: string; active: boolean }>(`SELECT code, active FROM departments ORDER BY code`)
    ).rows;
    expect(after).toHaveLength(all);
    expect(after.filter((d) => d.active).map((d) => d.code)).toEqual(['street_office', 'urban_mgmt']);
    // New orders are no longer routed to an inactive department: its rules route nothing, and it assists nowhere.
    const rules = await responsibilityRules(t.db);
    const named = (
      await t.db.query<{ lead: string; assists: string[] }>(
        `SELECT lead_dept AS lead, assist_depts AS assists FROM responsibilities`,
      )
    ).rows;
    expect(named.some((r) => !['street_office', 'urban_mgmt'].includes(r.lead))).toBe(true);
    expect(rules.length).toBe(named.filter((r) => ['street_office', 'urban_mgmt'].includes(r.lead)).length);
    for (const r of rules) {
      expect(['street_office', 'urban_mgmt']).toContain(r.leadDept);
      for (const a of r.assistDepts) expect(['street_office', 'urban_mgmt']).toContain(a);
    }
  });
});
