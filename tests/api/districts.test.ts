// Several districts in one installation: a second, real district (Nanjing Gulou, GCJ-02) imported beside the demo
// district by an administrator of the whole installation. The city's extent covers both; an account scoped to the
// first district sees nothing of the second.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CityMeta } from '../../contract/meta.js';
import { startTestApp, type TestApp } from '../helpers/test-db.js';

type Json = Record<string, any>;
let t: TestApp;
let admin: string;
let operator: string;
let gulou: Json;

const GULOU = new URL('../fixtures/gulou/gulou_district_gcj02.geojson', import.meta.url);

beforeAll(async () => {
  t = await startTestApp();
  // The demo admin is scoped to the demo district; an administrator of the whole installation holds every district.
  await t.db.query(`UPDATE accounts SET area_id = NULL WHERE username = 'admin'`);
  admin = await t.login('admin');
  operator = await t.login('operator');
  const fd = new FormData();
  fd.append('file', new Blob([new Uint8Array(fs.readFileSync(GULOU))]), 'gulou.geojson');
  fd.append('options', JSON.stringify({ level: 'district', crs: 'gcj02' }));
  const rep = await fetch(`${t.url}/api/imports`, {
    method: 'POST',
    headers: { authorization: `Bearer ${admin}` },
    body: fd,
  });
  const report = (await rep.json()) as Json;
  if (rep.status !== 201) throw new Error(`${rep.status} ${JSON.stringify(report).slice(0, 800)}`);
  const acc = await t.post(`/api/imports/${report.id}/accept`, {}, admin);
  if (acc.status !== 200) throw new Error(`${acc.status} ${await acc.text()}`);
  const r = await t.db.query<Json>(
    `SELECT id, path, parent_id, synthetic, ST_XMin(geom) AS w, ST_XMax(geom) AS e FROM areas WHERE code = '320106000000'`,
  );
  gulou = r.rows[0];
});
afterAll(async () => t?.close());

describe('a second district', () => {
  it('is a root area of its own, not synthetic', () => {
    expect(gulou).toMatchObject({ parent_id: null, path: `/${gulou.id}/`, synthetic: false });
  });

  it("widens the whole installation's extent to both districts, and is not labelled synthetic", async () => {
    const meta = CityMeta.parse(await (await t.get('/api/meta', admin)).json());
    expect(meta.districts).toBe(2);
    expect(meta.synthetic).toBe(false);
    const [w, , e] = meta.bbox!;
    expect(w).toBeLessThanOrEqual(gulou.w); // Nanjing lies west of the demo district near Shanghai
    expect(e).toBeGreaterThan(121.3);
    const districts = (await (await t.get('/api/areas?level=district', admin)).json()) as Json;
    expect(districts.features.map((f: Json) => f.properties.code)).toContain('320106000000');
    expect(districts.features).toHaveLength(2);
  });

  it('stays out of the view of an account scoped to the first district', async () => {
    const meta = CityMeta.parse(await (await t.get('/api/meta', operator)).json());
    expect(meta.districts).toBe(1);
    expect(meta.synthetic).toBe(true);
    expect(meta.districtId).not.toBe(gulou.id);
    expect(meta.bbox![0]).toBeGreaterThan(121); // nothing of Nanjing (≈ 118.8° E)
    const areas = (await (await t.get('/api/areas?level=district', operator)).json()) as Json;
    expect(areas.features.map((f: Json) => f.properties.code)).not.toContain('320106000000');
    expect((await t.get(`/api/areas/${gulou.id}`, operator)).status).toBe(404);
  });

  it("asks the administrator over both districts which one a planner's figures are for, and answers for the one named", async () => {
    const r = await t.get('/api/siting/coverage', admin);
    expect(r.status).toBe(400);
    expect(((await r.json()) as Json).error.messageKey).toBe('siting.nameTheArea');
    const named = await t.get(`/api/siting/coverage?area=${gulou.id}`, admin);
    expect(named.status, await named.clone().text()).toBe(200);
    // An account of one district needs not name it.
    expect((await t.get('/api/siting/coverage', await t.login('planner'))).status).toBe(200);
  });

  it('lets the administrator name the city above both districts', async () => {
    const r = await fetch(`${t.url}/api/meta/city`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}` },
      body: JSON.stringify({ name: '示例市', nameEn: 'Example City' }),
    });
    expect(r.status).toBe(200);
    const meta = CityMeta.parse(await (await t.get('/api/meta', operator)).json());
    expect(meta.name).toBe('示例市');
    expect((await t.post('/api/meta/demo/remove', { confirm: 'REMOVE DEMO CITY' }, operator)).status).toBe(403);
  });
});
