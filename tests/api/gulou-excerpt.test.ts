// The excerpt of a real district (tests/fixtures/gulou: Gulou's real outline, street and committee points, with
// generated buildings and roads over them) taken through the API from an empty installation: district, streets and
// communities from points, buildings, roads, then every community with buildings re-gridded along its real roads
// and accepted, then its residents by address.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshPlace, type FreshPlace } from '../helpers/empty-db.js';
import { pollLayerImport } from '../helpers/layer-imports.js';
import { serveTestApp, type TestApp } from '../helpers/test-db.js';

const DIR = path.resolve('tests/fixtures/gulou');
const ADMIN_PASSWORD = 'Qv4-amber-harbour-61';
type Json = Record<string, any>;

let place: FreshPlace;
let t: TestApp;
let token: string;

const upload = async (url: string, file: string, body: Buffer | string, fields: Record<string, string>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.append(k, v);
  f.append('file', new Blob([typeof body === 'string' ? body : new Uint8Array(body)]), file);
  const r = await fetch(t.url + url, { method: 'POST', body: f, headers: { authorization: `Bearer ${token}` } });
  return { status: r.status, body: (await r.json()) as Json };
};
const accept = async (url: string) => {
  const r = await fetch(t.url + url, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
  return { status: r.status, body: (await r.json()) as Json };
};
/** Upload, expect an acceptable report, accept it. */
async function importAccepted(base: string, file: string, body: Buffer | string, fields: Record<string, string>) {
  const rep = await upload(base, file, body, fields);
  // Layer imports answer 202 and are analysed by a job; boundary imports answer their report at once.
  if (base === '/api/layers/imports') {
    expect(rep.status, JSON.stringify(rep.body).slice(0, 400)).toBe(202);
    rep.body = await pollLayerImport(t.url, token, rep.body.id);
  } else expect(rep.status, JSON.stringify(rep.body).slice(0, 400)).toBe(201);
  expect(rep.body.acceptable, JSON.stringify(rep.body.problems ?? rep.body).slice(0, 400)).toBe(true);
  const done = await accept(`${base}/${rep.body.id}/accept`);
  expect(done.status, JSON.stringify(done.body).slice(0, 400)).toBe(200);
  return rep.body;
}
const read = (name: string) => fs.readFileSync(path.join(DIR, name));

beforeAll(async () => {
  place = await freshPlace();
  const p = await place.start({ seedSize: 'none', adminPassword: ADMIN_PASSWORD });
  t = await serveTestApp(p);
  token = await t.login('admin', ADMIN_PASSWORD);
});
afterAll(async () => {
  await t?.close();
  await place?.remove();
});

describe('the Gulou excerpt from an empty installation', () => {
  it('grids every community that has buildings along its real roads, and takes its residents by address', async () => {
    const gcj = { crs: 'gcj02' };
    await importAccepted('/api/imports', 'gulou_district_gcj02.geojson', read('gulou_district_gcj02.geojson'), {
      options: JSON.stringify({ level: 'district', ...gcj }),
    });
    await importAccepted('/api/imports', 'streets.geojson', read('gulou_streets_points_gcj02.geojson'), {
      options: JSON.stringify({ level: 'street', ...gcj }),
    });
    const committees = JSON.parse(read('gulou_communities_points_gcj02.geojson').toString('utf8')) as Json;
    // The published file has 39 committees without a coordinate: only the located ones can become cells. The streets
    // are cells of one point each, so a committee goes under the cell it lies in (its street code is left out).
    committees.features = committees.features
      .filter((f: Json) => f.geometry)
      .map((f: Json) => ({ ...f, properties: { name: f.properties.name, code: f.properties.code } }));
    await importAccepted('/api/imports', 'communities.geojson', JSON.stringify(committees), {
      options: JSON.stringify({ level: 'community', ...gcj }),
    });
    const buildings = await importAccepted('/api/layers/imports', 'buildings.geojson', read('buildings.geojson'), {
      layer: 'buildings',
      ...gcj,
    });
    expect(buildings.counts.ready).toBeGreaterThan(50);
    const roads = await importAccepted('/api/layers/imports', 'roads.geojson', read('roads.geojson'), {
      layer: 'roads',
      ...gcj,
    });
    expect(roads.counts.ready).toBeGreaterThan(0);

    const communities = (
      await t.db.query<{ id: number; name: string }>(
        `SELECT DISTINCT c.id, c.name FROM buildings b JOIN areas c ON c.id = b.community_id WHERE b.households > 0 ORDER BY c.id`,
      )
    ).rows;
    expect(communities.length).toBeGreaterThan(0);
    for (const c of communities) {
      const r = await fetch(`${t.url}/api/regrid`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ communityId: c.id }),
      });
      const rep = (await r.json()) as Json;
      expect(r.status, `${c.name}: ${JSON.stringify(rep).slice(0, 300)}`).toBe(201);
      expect(rep.features.length, `${c.name}: grids proposed`).toBeGreaterThan(0);
      expect(rep.acceptable, c.name).toBe(true);
      expect((await accept(`/api/imports/${rep.id}/accept`)).status, c.name).toBe(200);
    }
    const placed = (
      await t.db.query<{ n: number; none: number }>(
        `SELECT count(*)::int AS n, count(*) FILTER (WHERE grid_id IS NULL)::int AS none FROM buildings WHERE community_id = ANY($1)`,
        [communities.map((c) => c.id)],
      )
    ).rows[0];
    expect(placed.none, 'buildings of the gridded communities left without a grid').toBe(0);

    const residents = await upload('/api/population/import', 'residents.csv', read('residents.csv'), {
      mode: 'replace',
    });
    expect(residents.status, JSON.stringify(residents.body).slice(0, 300)).toBe(200);
    expect(residents.body.inserted).toBeGreaterThan(1000);
  });
});
