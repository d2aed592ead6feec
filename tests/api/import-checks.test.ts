// Boundary imports of a real district's published layers (Nanjing Gulou, GCJ-02 points): Voronoi cells in
// streets already divided, containment beyond tolerance, codes as published, multi-part areas, duplicate names,
// and an accept that fails midway writing nothing.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/test-db.js';

type Json = Record<string, any>;
let t: TestApp;
let admin: string;
let district: { id: number; code: string };

const DATA = fileURLToPath(new URL('../../../shared/data/nanjing-gulou/', import.meta.url));
const gulou = (name: string): Json => JSON.parse(readFileSync(DATA + name, 'utf8'));

async function upload(filename: string, body: unknown, options: Json): Promise<Response> {
  const fd = new FormData();
  fd.append('file', new Blob([JSON.stringify(body)]), filename);
  fd.append('options', JSON.stringify(options));
  return fetch(`${t.url}/api/imports`, { method: 'POST', headers: { authorization: `Bearer ${admin}` }, body: fd });
}
async function report(r: Response): Promise<Json> {
  const body = (await r.json()) as Json;
  if (r.status !== 201) throw new Error(`${r.status} ${JSON.stringify(body)}`);
  return body;
}
const accept = (id: number) => t.post(`/api/imports/${id}/accept`, {}, admin);
const cancel = (id: number) => t.post(`/api/imports/${id}/cancel`, {}, admin);
const errorsOf = (rep: Json) => rep.problems.filter((p: Json) => p.severity === 'error');

beforeAll(async () => {
  t = await startTestApp();
  admin = await t.login('admin');
  district = (await t.db.query<typeof district>(`SELECT id, code FROM areas WHERE level = 'district'`)).rows[0];
});
afterAll(async () => t?.close());

describe('Gulou from its published points', () => {
  it('puts the district outline in place, streets from their points, then communities from the committee points', async () => {
    const outline = gulou('gulou_district_gcj02.geojson');
    outline.features[0].properties.code = district.code;
    const d = await report(await upload('gulou.geojson', outline, { level: 'district', crs: 'gcj02' }));
    expect(d.acceptable).toBe(true);
    expect((await accept(d.id)).status).toBe(200);

    const streets = gulou('gulou_streets_points_gcj02.geojson');
    const s = await report(
      await upload('streets.geojson', streets, { level: 'street', crs: 'gcj02', parentId: district.id }),
    );
    expect(errorsOf(s)).toEqual([]);
    expect(s.counts).toMatchObject({ insert: 13, errors: 0 });
    expect((await accept(s.id)).status).toBe(200);

    const committees = gulou('gulou_communities_points_gcj02.geojson');
    const all = await report(await upload('committees.geojson', committees, { level: 'community', crs: 'gcj02' }));
    const missing = committees.features.flatMap((f: Json, i: number) => (f.geometry ? [] : [i]));
    expect(missing.length).toBe(39);
    // Each committee without a location is named in an error of its own; nothing else fails.
    for (const i of missing)
      expect(
        all.problems.some((p: Json) => p.feature === i && p.severity === 'error' && p.kind === 'not_polygon'),
      ).toBe(true);
    expect(all.acceptable).toBe(false);
    expect((await cancel(all.id)).status).toBe(200);

    const located = { ...committees, features: committees.features.filter((f: Json) => f.geometry) };
    const c = await report(await upload('committees.geojson', located, { level: 'community', crs: 'gcj02' }));
    expect(errorsOf(c)).toEqual([]);
    expect((await accept(c.id)).status).toBe(200);
    // Every cell holds its own committee's point and lies in its street.
    const r = await t.db.query<{ n: number; inside: number }>(
      `SELECT count(*)::int AS n, count(*) FILTER (WHERE ST_CoveredBy(ST_Buffer(c.geom, -0.00001), s.geom))::int AS inside
         FROM areas c JOIN areas s ON s.id = c.parent_id WHERE c.level = 'community' AND s.parent_id = $1 AND c.code LIKE '320106%'`,
      [district.id],
    );
    expect(r.rows[0].n).toBe(located.features.length);
    expect(r.rows[0].inside).toBe(r.rows[0].n);
  });

  it('updates the communities of a street already divided, and reports a new point there instead of failing', async () => {
    const committees = gulou('gulou_communities_points_gcj02.geojson');
    const located = { ...committees, features: committees.features.filter((f: Json) => f.geometry) };
    const again = await report(await upload('committees.geojson', located, { level: 'community', crs: 'gcj02' }));
    expect(again.counts).toMatchObject({ update: located.features.length, insert: 0, errors: 0 });
    expect((await cancel(again.id)).status).toBe(200);

    // Two new committees in a street already divided: the diagram of two points used to have an empty frame (500).
    const [one, two] = located.features.filter(
      (f: Json) => f.properties.street_code === located.features[0].properties.street_code,
    );
    const extra = {
      type: 'FeatureCollection',
      features: [one, two].map((f: Json, k: number) => ({
        ...f,
        properties: { ...f.properties, code: `32010600199${k}`, name: `新社区${k}` },
      })),
    };
    const res = await upload('two.geojson', extra, { level: 'community', crs: 'gcj02' });
    expect(res.status).toBe(201);
    const rep = (await res.json()) as Json;
    for (const [k, f] of [one, two].entries()) {
      const err = errorsOf(rep).find((p: Json) => p.feature === k);
      expect(err).toMatchObject({ kind: 'point_in_sibling', messageKey: 'import.pointInDividedParent' });
      expect(err.params).toMatchObject({ existing: f.properties.name, code: f.properties.code });
    }
    expect(rep.acceptable).toBe(false);
    expect((await cancel(rep.id)).status).toBe(200);
  });
});
