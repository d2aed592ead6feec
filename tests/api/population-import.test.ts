// Population base-data import against a real database: GBK CSV and XLSX, bad rows with line numbers, header errors
// naming the columns, scope, replace vs append, aggregates equal to brute force afterwards, all-or-nothing, audit.
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/test-db.js';

let t: TestApp;
let tokens: Record<string, string>;
type Json = Record<string, any>;
const json = async (r: Response) => (await r.json()) as Json;
const one = async <T = number>(sql: string, params: unknown[] = []) =>
  Object.values((await t.db.query<Record<string, T>>(sql, params)).rows[0])[0];

let inside: { id: number; gridId: number; address: string }[]; // buildings in community1's community
let outside: { id: number; gridId: number }; // a building elsewhere in the district

const header = 'building_id,address,household,age,sex,low_income,extreme_poverty,disabled,child_difficulty,elder_alone';

async function upload(
  body: Buffer | string,
  name: string,
  mode: string | null,
  token = tokens.admin,
): Promise<Response> {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(typeof body === 'string' ? Buffer.from(body, 'utf8') : body)]), name);
  if (mode !== null) form.append('mode', mode);
  return fetch(`${t.url}/api/population/import`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
    body: form,
  });
}
async function importOk(body: Buffer | string, name: string, mode: string, token = tokens.admin): Promise<Json> {
  const r = await upload(body, name, mode, token);
  expect(r.status, await r.clone().text()).toBe(200);
  return json(r);
}

/** Everything an import may touch, as digests: equal digests mean the database is as it was. */
async function snapshot(): Promise<Record<string, unknown>> {
  return (
    await t.db.query(/* sql */ `SELECT
      (SELECT md5(coalesce(string_agg(concat_ws(':', id, building_id, grid_id, household, age, sex, flags), ',' ORDER BY id), '')) FROM residents) AS residents,
      (SELECT md5(coalesce(string_agg(concat_ws(':', grid_id, band, sex, people, low_income, extreme_poverty, disabled, child_difficulty, elder_alone), ',' ORDER BY grid_id, band, sex), '')) FROM grid_demographics) AS demographics,
      (SELECT md5(coalesce(string_agg(concat_ws(':', res, cell, grid_id, people, e60, e80, alone), ',' ORDER BY res, cell, grid_id), '')) FROM elder_cells) AS cells,
      (SELECT md5(string_agg(concat_ws(':', id, population, households), ',' ORDER BY id)) FROM buildings) AS buildings,
      (SELECT md5(string_agg(concat_ws(':', id, population, elders60, elders80, households), ',' ORDER BY id)) FROM areas) AS areas,
      (SELECT count(*)::int FROM audit_log WHERE action = 'population.import') AS audits`)
  ).rows[0];
}

/** The precomputed tables equal what brute force over residents gives (0 differing rows each). */
async function expectAggregatesCurrent(): Promise<void> {
  const demographicsDiff = await one(/* sql */ `SELECT count(*)::int FROM (
      (SELECT grid_id, band, sex, people, low_income, extreme_poverty, disabled, child_difficulty, elder_alone FROM grid_demographics
       EXCEPT
       SELECT grid_id, LEAST(age / 5, 18), sex, count(*), count(*) FILTER (WHERE flags & 1 <> 0), count(*) FILTER (WHERE flags & 2 <> 0),
         count(*) FILTER (WHERE flags & 4 <> 0), count(*) FILTER (WHERE flags & 8 <> 0), count(*) FILTER (WHERE flags & 16 <> 0)
       FROM residents GROUP BY 1, 2, 3)
      UNION ALL
      (SELECT grid_id, LEAST(age / 5, 18), sex, count(*), count(*) FILTER (WHERE flags & 1 <> 0), count(*) FILTER (WHERE flags & 2 <> 0),
         count(*) FILTER (WHERE flags & 4 <> 0), count(*) FILTER (WHERE flags & 8 <> 0), count(*) FILTER (WHERE flags & 16 <> 0)
       FROM residents GROUP BY 1, 2, 3
       EXCEPT
       SELECT grid_id, band, sex, people, low_income, extreme_poverty, disabled, child_difficulty, elder_alone FROM grid_demographics)) d`);
  expect(demographicsDiff).toBe(0);
  // every resolution: per grid, the cells add up to the grid's residents, 60+, 80+ and elders alone
  const cellsDiff = await one(/* sql */ `WITH brute AS (
        SELECT grid_id, count(*)::int AS people, count(*) FILTER (WHERE age >= 60)::int AS e60, count(*) FILTER (WHERE age >= 80)::int AS e80,
          count(*) FILTER (WHERE flags & 16 <> 0)::int AS alone FROM residents GROUP BY grid_id
      ), pre AS (
        SELECT res, grid_id, sum(people)::int AS people, sum(e60)::int AS e60, sum(e80)::int AS e80, sum(alone)::int AS alone FROM elder_cells GROUP BY res, grid_id
      )
      SELECT count(*)::int FROM (VALUES (7), (8), (9)) r(res) CROSS JOIN brute b
        LEFT JOIN pre p ON p.res = r.res AND p.grid_id = b.grid_id
      WHERE p.people IS DISTINCT FROM b.people OR p.e60 IS DISTINCT FROM b.e60 OR p.e80 IS DISTINCT FROM b.e80 OR p.alone IS DISTINCT FROM b.alone`);
  expect(cellsDiff).toBe(0);
  const buildingDiff =
    await one(/* sql */ `SELECT count(*)::int FROM buildings b LEFT JOIN (SELECT building_id, count(*)::int AS n FROM residents GROUP BY 1) r ON r.building_id = b.id
      WHERE b.population <> coalesce(r.n, 0)`);
  expect(buildingDiff).toBe(0);
  const gridDiff =
    await one(/* sql */ `SELECT count(*)::int FROM areas a LEFT JOIN (SELECT grid_id, count(*)::int AS n FROM residents GROUP BY 1) r ON r.grid_id = a.id
      WHERE a.level = 'grid' AND a.population <> coalesce(r.n, 0)`);
  expect(gridDiff).toBe(0);
}

const residentsOf = (buildingId: number) =>
  one(`SELECT count(*)::int FROM residents WHERE building_id = $1`, [buildingId]);

beforeAll(async () => {
  t = await startTestApp();
  // an admin whose scope is one community
  await t.db.query(
    `INSERT INTO accounts (username, display_name, password_hash, role, area_id)
     SELECT 'admin_c', '社区管理员', password_hash, 'admin', area_id FROM accounts WHERE username = 'community1'`,
  );
  tokens = {};
  for (const u of ['admin', 'admin_c', 'planner', 'community1']) tokens[u] = await t.login(u);
  const path = await one<string>(
    `SELECT g.path FROM accounts a JOIN areas g ON g.id = a.area_id WHERE a.username = 'community1'`,
  );
  inside = (
    await t.db.query<{ id: number; gridId: number; address: string }>(
      `SELECT b.id, b.grid_id AS "gridId", b.address FROM buildings b JOIN areas g ON g.id = b.grid_id WHERE g.path LIKE $1 || '%' ORDER BY b.id LIMIT 4`,
      [path],
    )
  ).rows;
  outside = (
    await t.db.query<{ id: number; gridId: number }>(
      `SELECT b.id, b.grid_id AS "gridId" FROM buildings b JOIN areas g ON g.id = b.grid_id WHERE g.path NOT LIKE $1 || '%' ORDER BY b.id LIMIT 1`,
      [path],
    )
  ).rows[0];
  expect(inside.length).toBe(4);
  expect(outside).toBeDefined();
});
afterAll(async () => t?.close());

describe('population import', () => {
  it('is for admins only', async () => {
    expect(
      (await upload(`${header}\n${inside[0].id},,1,30,男,否,否,否,否,否\n`, 'a.csv', 'append', tokens.planner)).status,
    ).toBe(403);
    expect(
      (await upload(`${header}\n${inside[0].id},,1,30,男,否,否,否,否,否\n`, 'a.csv', 'append', tokens.community1))
        .status,
    ).toBe(403);
    expect((await t.get('/api/population/import/template.csv', tokens.planner)).status).toBe(403);
  });

  it('appends residents from a GBK CSV with Chinese titles and values; aggregates follow', async () => {
    const b = inside[0];
    const before = await residentsOf(b.id);
    const e80Before = await one(`SELECT coalesce(sum(e80), 0)::int FROM elder_cells WHERE res = 8 AND grid_id = $1`, [
      b.gridId,
    ]);
    const aloneBefore = await one(
      `SELECT coalesce(sum(elder_alone), 0)::int FROM grid_demographics WHERE grid_id = $1`,
      [b.gridId],
    );
    const lowBefore = await one(`SELECT coalesce(sum(low_income), 0)::int FROM grid_demographics WHERE grid_id = $1`, [
      b.gridId,
    ]);
    const lines = ['楼栋编号,楼栋地址,户号,年龄,性别,低保,特困,残疾,困境儿童,独居老人'];
    for (let i = 0; i < 12; i++)
      lines.push(`${b.id},${b.address},${900 + i},${81 + i},${i % 2 ? '男' : '女'},否,否,否,否,是`);
    lines.push(`${b.id},${b.address},950,40,女,是,否,是,否,否`, `${b.id},${b.address},950,12,男,是,否,否,是,否`);
    const gbk = iconv.encode(lines.join('\r\n') + '\r\n', 'gbk');
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(gbk)).toThrow(); // really not UTF-8
    const out = await importOk(gbk, '居民.csv', 'append');
    expect(out).toMatchObject({
      mode: 'append',
      format: 'csv',
      encoding: 'gbk',
      rows: 14,
      inserted: 14,
      removed: 0,
      buildings: 1,
      errorCount: 0,
    });
    expect(await residentsOf(b.id)).toBe(before + 14);
    expect(
      await one(`SELECT count(*)::int FROM residents WHERE building_id = $1 AND household = 950 AND flags & 1 <> 0`, [
        b.id,
      ]),
    ).toBe(2);
    expect(
      await one(`SELECT coalesce(sum(e80), 0)::int FROM elder_cells WHERE res = 8 AND grid_id = $1`, [b.gridId]),
    ).toBe(e80Before + 12);
    expect(
      await one(`SELECT coalesce(sum(elder_alone), 0)::int FROM grid_demographics WHERE grid_id = $1`, [b.gridId]),
    ).toBe(aloneBefore + 12);
    expect(
      await one(`SELECT coalesce(sum(low_income), 0)::int FROM grid_demographics WHERE grid_id = $1`, [b.gridId]),
    ).toBe(lowBefore + 2);
    await expectAggregatesCurrent();
    const a = (
      await t.db.query<{ detail: Json; account: string }>(
        `SELECT l.detail, a.username AS account FROM audit_log l JOIN accounts a ON a.id = l.account_id WHERE l.action = 'population.import' ORDER BY l.id DESC LIMIT 1`,
      )
    ).rows[0];
    expect(a.account).toBe('admin');
    expect(a.detail).toMatchObject({ fileName: '居民.csv', mode: 'append', inserted: 14, buildings: [b.id] });
  });

  it('replaces the residents of the buildings in an XLSX, leaving other buildings alone', async () => {
    const [b1, b2, b3] = inside;
    const other = await residentsOf(b3.id);
    const old = (await residentsOf(b1.id)) + (await residentsOf(b2.id));
    expect(old).toBeGreaterThan(0);
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('居民');
    ws.addRow([
      'building_id 楼栋编号',
      'household 户号',
      'age 年龄',
      'sex 性别',
      'low_income 低保',
      'extreme_poverty 特困',
      'disabled 残疾',
      'child_difficulty 困境儿童',
      'elder_alone 独居老人',
    ]);
    ws.addRow([b1.id, 1, 67, 'M', 0, 0, 1, 0, 0]); // numbers as numbers
    ws.addRow([b1.id, 1, 64, 'F', 'N', 'N', 'N', 'N', 'N']);
    ws.addRow([b1.id, 2, 88, 'F', 'Y', 'Y', 'N', 'N', 'Y']);
    ws.addRow([b2.id, 1, 35, '男', '', '', '', '', '']);
    const out = await importOk(Buffer.from(await wb.xlsx.writeBuffer()), 'residents.xlsx', 'replace');
    expect(out).toMatchObject({
      mode: 'replace',
      format: 'xlsx',
      encoding: null,
      rows: 4,
      inserted: 4,
      removed: old,
      buildings: 2,
      errorCount: 0,
    });
    expect(await residentsOf(b1.id)).toBe(3);
    expect(await residentsOf(b2.id)).toBe(1);
    expect(await residentsOf(b3.id)).toBe(other);
    const rows = (
      await t.db.query<{ household: number; age: number; sex: number; flags: number }>(
        `SELECT household, age, sex, flags FROM residents WHERE building_id = $1 ORDER BY age`,
        [b1.id],
      )
    ).rows;
    expect(rows).toEqual([
      { household: 1, age: 64, sex: 2, flags: 0 },
      { household: 1, age: 67, sex: 1, flags: 4 },
      { household: 2, age: 88, sex: 2, flags: 1 | 2 | 16 },
    ]);
    expect(await one(`SELECT households FROM buildings WHERE id = $1`, [b1.id])).toBe(2);
    await expectAggregatesCurrent();

    // append adds to what is there
    await importOk(`${header}\n${b2.id},,2,70,女,否,否,否,否,否\n`, 'more.csv', 'append');
    expect(await residentsOf(b2.id)).toBe(2);
    // replace again: only the file's rows remain
    const again = await importOk(`${header}\n${b2.id},,1,50,女,否,否,否,否,否\n`, 'again.csv', 'replace');
    expect(again).toMatchObject({ inserted: 1, removed: 2 });
    expect(await residentsOf(b2.id)).toBe(1);
    await expectAggregatesCurrent();
  });

  it('reports bad rows by line and column and writes the good ones', async () => {
    const b = inside[3];
    const before = await residentsOf(b.id);
    const csv = [
      header, // line 1
      `${b.id},,1,30,男,否,否,否,否,否`, // 2 ok
      `${b.id},,1,130,男,否,否,否,否,否`, // 3 age
      `${b.id},,1,30,X,否,否,否,否,否`, // 4 sex
      '', // 5 blank line (skipped)
      `${b.id},,1,30,女,maybe,否,否,否,否`, // 6 flag value
      `abc,,1,30,女,否,否,否,否,否`, // 7 building id
      `${b.id},,1,40,女,否,否,否,否,是`, // 8 elder alone under 60
      `${b.id},,1,20,女,否,否,否,是,否`, // 9 child in difficulty 18+
      `${b.id},,0,20,女,否,否,否,否,否`, // 10 household
      `${b.id},宇宙路 1 号,1,20,女,否,否,否,否,否`, // 11 address does not match
      `99999999,,1,20,女,否,否,否,否,否`, // 12 no such building
      `"${b.id}",,"2",8,"F",0,0,0,1,0`, // 13 ok (quoted)
    ].join('\n');
    const out = await importOk(csv, 'bad.csv', 'append');
    expect(out.inserted).toBe(2);
    expect(out.errorCount).toBe(9);
    expect(out.errors.map((e: Json) => [e.line, e.column])).toEqual([
      [3, 'age'],
      [4, 'sex'],
      [6, 'low_income'],
      [7, 'building_id'],
      [8, 'elder_alone'],
      [9, 'child_difficulty'],
      [10, 'household'],
      [11, 'address'],
      [12, 'building_id'],
    ]);
    for (const e of out.errors) {
      expect(e.messageKey).toMatch(/^population\./); // a code the web renders in the language on screen
      expect(e.reason).toMatch(/[\u4e00-\u9fff]/); // and the text in the request's language, Chinese by default
    }
    expect(out.errors[0]).toMatchObject({ messageKey: 'population.ageInvalid', params: { value: expect.any(String) } });
    expect(await residentsOf(b.id)).toBe(before + 2);
  });

  it('in replace mode holds back a building with a refused row', async () => {
    const [b1, b2] = inside;
    const keep1 = await snapshotOf(b1.id);
    const n2 = await residentsOf(b2.id);
    const csv = [
      header,
      `${b1.id},,1,30,男,否,否,否,否,否`,
      `${b1.id},,1,300,男,否,否,否,否,否`,
      `${b2.id},,1,30,男,否,否,否,否,否`,
      `${b2.id},,2,31,女,否,否,否,否,否`,
    ].join('\n');
    const out = await importOk(csv, 'held.csv', 'replace');
    expect(out).toMatchObject({
      inserted: 2,
      buildings: 1,
      removed: n2,
      errorCount: 1,
      heldBack: { buildings: [b1.id], rows: 1 },
    });
    expect(await snapshotOf(b1.id)).toBe(keep1);
    expect(await residentsOf(b2.id)).toBe(2);
    await expectAggregatesCurrent();
  });

  it('answers 400 naming missing and unknown columns, and writes nothing', async () => {
    const before = await snapshot();
    const r = await upload(
      'building_id,age,sex,low_income,extreme_poverty,disabled,colour\n1,30,男,否,否,否,red\n',
      'cols.csv',
      'append',
    );
    expect(r.status).toBe(400);
    const body = await r.text();
    for (const c of ['household', 'child_difficulty', 'elder_alone', 'colour']) expect(body).toContain(c);
    const bad = await upload(`${header}\n${inside[0].id},,1,30,男,否,否,否,否,否\n`, 'a.csv', 'overwrite');
    expect(bad.status).toBe(400);
    expect((await bad.json()).error).toMatchObject({
      messageKey: 'population.modeInvalid',
      params: { mode: 'overwrite' },
    });
    expect((await upload(Buffer.from('not a zip'), 'x.xlsx', 'append')).status).toBe(400);
    expect((await upload(`${header}\n`, 'empty.csv', 'append')).status).toBe(400);
    expect(await snapshot()).toEqual(before);
  });

  it('refuses buildings outside the caller’s scope', async () => {
    const before = await snapshot();
    const out = await importOk(
      `${header}\n${outside.id},,1,30,男,否,否,否,否,否\n`,
      'far.csv',
      'replace',
      tokens.admin_c,
    );
    expect(out).toMatchObject({ inserted: 0, removed: 0, buildings: 0, errorCount: 1 });
    expect(out.errors[0]).toMatchObject({ line: 2, column: 'building_id' });
    expect(out.errors[0]).toMatchObject({ messageKey: 'population.buildingNotFound', params: { id: outside.id } });
    expect(out.errors[0].reason).toContain('不在您的管辖范围内');
    const after = await snapshot();
    expect({ ...after, audits: 0 }).toEqual({ ...before, audits: 0 });
    expect(after.audits).toBe((before.audits as number) + 1); // the attempt is recorded
    // the same admin may write inside its community
    await importOk(`${header}\n${inside[2].id},,77,30,男,否,否,否,否,否\n`, 'near.csv', 'append', tokens.admin_c);
    expect(
      await one(`SELECT count(*)::int FROM residents WHERE building_id = $1 AND household = 77`, [inside[2].id]),
    ).toBe(1);
  });

  it('leaves the database unchanged when writing fails part-way', async () => {
    const b = inside[1];
    // a constraint the parser knows nothing of: the insert fails after the replace has deleted the old residents
    await t.db.exec(`ALTER TABLE residents ADD CONSTRAINT test_no_119 CHECK (age <> 119) NOT VALID`);
    try {
      const before = await snapshot();
      const r = await upload(
        `${header}\n${b.id},,1,30,男,否,否,否,否,否\n${b.id},,2,119,女,否,否,否,否,否\n`,
        'boom.csv',
        'replace',
      );
      expect(r.status).toBeGreaterThanOrEqual(500);
      expect(await snapshot()).toEqual(before);
    } finally {
      await t.db.exec(`ALTER TABLE residents DROP CONSTRAINT test_no_119`);
    }
  });

  it('runs imports sent at the same time one after the other, both written in full', async () => {
    const [b1, b2] = inside;
    const rowsFor = (b: number, n: number) =>
      [header, ...Array.from({ length: n }, (_, i) => `${b},,${i + 1},${60 + i},女,否,否,否,否,否`)].join('\n');
    const [r1, r2] = await Promise.all([
      upload(rowsFor(b1.id, 30), 'one.csv', 'replace'),
      upload(rowsFor(b2.id, 40), 'two.csv', 'replace'),
    ]);
    expect([r1.status, r2.status]).toEqual([200, 200]);
    expect(await residentsOf(b1.id)).toBe(30);
    expect(await residentsOf(b2.id)).toBe(40);
    await expectAggregatesCurrent();
  });

  it('offers CSV and XLSX templates that import as they are', async () => {
    const csv = await t.get('/api/population/import/template.csv', tokens.admin_c);
    expect(csv.status).toBe(200);
    const bytes = Buffer.from(await csv.arrayBuffer());
    expect(bytes.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf])); // BOM: Excel opens it as UTF-8
    expect(bytes.subarray(3).toString('utf8').startsWith('building_id 楼栋编号,')).toBe(true);
    const out = await importOk(bytes, 'template.csv', 'append', tokens.admin_c);
    expect(out).toMatchObject({ inserted: 2, errorCount: 0 });
    const xlsx = Buffer.from(await (await t.get('/api/population/import/template.xlsx', tokens.admin_c)).arrayBuffer());
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx as unknown as ArrayBuffer);
    const listed: number[] = [];
    wb.getWorksheet('楼栋 buildings')!.eachRow((row, n) => void (n > 1 && listed.push(Number(row.getCell(1).value))));
    const inScope = (
      await t.db.query<{ id: number }>(
        `SELECT b.id FROM buildings b JOIN areas g ON g.id = b.grid_id JOIN accounts a ON a.username = 'admin_c' JOIN areas s ON s.id = a.area_id
       WHERE g.path LIKE s.path || '%' ORDER BY b.id`,
      )
    ).rows.map((r) => r.id);
    expect(listed.sort((a, b) => a - b)).toEqual(inScope); // the buildings sheet: exactly the caller's buildings
    expect(listed).not.toContain(outside.id);
    const again = await importOk(xlsx, 'template.xlsx', 'append', tokens.admin_c);
    expect(again).toMatchObject({ format: 'xlsx', inserted: 2, errorCount: 0 });
    await expectAggregatesCurrent();
  });
});

async function snapshotOf(buildingId: number): Promise<string> {
  return one<string>(
    `SELECT md5(coalesce(string_agg(concat_ws(':', id, household, age, sex, flags), ',' ORDER BY id), '')) FROM residents WHERE building_id = $1`,
    [buildingId],
  );
}
