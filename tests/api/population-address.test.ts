// Residents matched to buildings by address when the file has no building id: full/half width, spaces and the
// 号/幢/栋 variants of a building number do not matter; an address that names no building is refused with its line.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { normaliseAddress } from '../../api/population/import-address.js';
import { startTestApp, type TestApp } from '../helpers/test-db.js';

type Json = Record<string, unknown>;
let t: TestApp;
let admin: string;

beforeAll(async () => {
  t = await startTestApp();
  admin = await t.login('admin');
});
afterAll(() => t?.close());

async function upload(csv: string): Promise<Response> {
  const form = new FormData();
  form.append('file', new Blob([csv]), '居民.csv');
  form.append('mode', 'append');
  return fetch(`${t.url}/api/population/import`, {
    method: 'POST',
    body: form,
    headers: { authorization: `Bearer ${admin}`, 'accept-language': 'en' },
  });
}

describe('residents by address', () => {
  it('normalises width, spaces and building-number variants', () => {
    expect(normaliseAddress('静安路１２号楼 ３单元')).toBe(normaliseAddress('静安路12栋3单元'));
    expect(normaliseAddress('长寿路 8 幢')).toBe(normaliseAddress('长寿路8号'));
    expect(normaliseAddress('长寿路8号')).not.toBe(normaliseAddress('长寿路9号'));
  });

  it('finds the building by its address, and refuses an address that names none', async () => {
    // A building whose address is unique in the district, written another way in the file.
    const b = (
      await t.db.query<{ id: number; address: string }>(
        `SELECT id, address FROM buildings WHERE address ~ '[0-9]' AND address IN
           (SELECT address FROM buildings GROUP BY address HAVING count(*) = 1) ORDER BY id LIMIT 1`,
      )
    ).rows[0];
    const written = b.address
      .replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0))
      .split('')
      .join(' ');
    const before = (
      await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM residents WHERE building_id = $1`, [b.id])
    ).rows[0].n;
    const csv = [
      '地址,户号,年龄,性别,低保,特困,残疾,困境儿童,独居老人',
      `${written},1,34,男,否,否,否,否,否`,
      `${written},1,36,女,否,否,否,否,否`,
      `无此路999号,1,40,男,否,否,否,否,否`,
    ].join('\n');
    const res = await upload(csv);
    const out = (await res.json()) as Json & { errors: Json[] };
    expect(res.status, JSON.stringify(out)).toBe(200);
    expect(out).toMatchObject({ inserted: 2 });
    expect(out.errors).toEqual([
      expect.objectContaining({ line: 4, column: 'address', messageKey: 'population.addressNotFound' }),
    ]);
    const after = (
      await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM residents WHERE building_id = $1`, [b.id])
    ).rows[0].n;
    expect(after).toBe(before + 2);
  });

  it('answers a file of 200,000 rows whose addresses name no building with their refusals, not a failure', async () => {
    const lines = ['地址,户号,年龄,性别,低保,特困,残疾,困境儿童,独居老人'];
    for (let i = 0; i < 200_000; i++) lines.push(`无此路${i}号,1,40,男,否,否,否,否,否`);
    const before = (await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM residents`)).rows[0].n;
    const res = await upload(lines.join('\n'));
    const out = (await res.json()) as Json & { errors: Json[]; rows: number; inserted: number };
    expect(res.status, JSON.stringify(out).slice(0, 300)).toBe(200);
    expect(out).toMatchObject({ rows: 200_000, inserted: 0 });
    expect(out.errors.length).toBeGreaterThan(0);
    expect(out.errors[0]).toMatchObject({ line: 2, column: 'address' });
    expect((await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM residents`)).rows[0].n).toBe(before);
  });
});
