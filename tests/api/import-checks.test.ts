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

const DATA = fileURLToPath(new URL('../fixtures/gulou/', import.meta.url));
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

/** Streets of the imported Gulou outline, with a point well inside each. */
async function gulouStreets() {
  return (
    await t.db.query<{ id: number; code: string; name: string; lon: number; lat: number }>(
      `SELECT id, code, name, ST_X(p) AS lon, ST_Y(p) AS lat FROM (
         SELECT id, code, name, ST_PointOnSurface(ST_Buffer(geom::geography, -150)::geometry) AS p FROM areas
         WHERE level = 'street' AND parent_id = $1 AND code LIKE '320106%') s ORDER BY code`,
      [district.id],
    )
  ).rows;
}
/** A square of about 2·r metres around a point. */
const square = (lon: number, lat: number, r = 30): Json => {
  const dx = r / 94_000;
  const dy = r / 111_000;
  return {
    type: 'Polygon',
    coordinates: [
      [
        [lon - dx, lat - dy],
        [lon + dx, lat - dy],
        [lon + dx, lat + dy],
        [lon - dx, lat + dy],
        [lon - dx, lat - dy],
      ],
    ],
  };
};
const fc = (features: { properties: Json; geometry: Json }[]) => ({
  type: 'FeatureCollection',
  features: features.map((f) => ({ type: 'Feature', ...f })),
});

describe('committee points in a demo street already divided', () => {
  it('reports each point without a code by the community it lies in, never a 500', async () => {
    const inside = (
      await t.db.query<{ name: string; code: string; lon: number; lat: number }>(
        `SELECT c.name, c.code, ST_X(c.label_point) AS lon, ST_Y(c.label_point) AS lat FROM areas c
         WHERE c.parent_id = (SELECT parent_id FROM areas WHERE level = 'community' GROUP BY parent_id HAVING count(*) >= 2 ORDER BY parent_id LIMIT 1)
         ORDER BY c.code LIMIT 2`,
      )
    ).rows;
    const body = fc(
      inside.map((c, k) => ({
        properties: { name: `居委会${k}` },
        geometry: { type: 'Point', coordinates: [c.lon, c.lat] },
      })),
    );
    const res = await upload('points.geojson', body, { level: 'community', crs: 'wgs84' });
    expect(res.status).toBe(201);
    const rep = (await res.json()) as Json;
    expect(errorsOf(rep).map((p: Json) => [p.feature, p.kind, p.params.existing])).toEqual(
      inside.map((c, k) => [k, 'point_in_sibling', c.name]),
    );
    expect((await cancel(rep.id)).status).toBe(200);
  });
});

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

describe('containment beyond tolerance', () => {
  it('refuses a street wholly outside its district (Hangzhou under Nanjing), and says so', async () => {
    const rep = await report(
      await upload('hz.geojson', fc([{ properties: { name: '湖滨街道' }, geometry: square(120.165, 30.255, 500) }]), {
        level: 'street',
        crs: 'wgs84',
        parentId: district.id,
      }),
    );
    const err = errorsOf(rep).find((p: Json) => p.kind === 'outside_parent');
    expect(err).toMatchObject({ feature: 0, messageKey: 'import.outsideParentNowhere' });
    expect(err.params.share).toBe('100.0%');
    expect(rep.acceptable).toBe(false);
    expect((await accept(rep.id)).status).toBe(409);
    expect((await t.db.query(`SELECT 1 FROM areas WHERE name = '湖滨街道'`)).rowCount).toBe(0);
  });

  it('names the street that holds a community declared under another, and accepts once the parent is chosen', async () => {
    const [a, b] = await gulouStreets();
    const feature = { properties: { 名称: '错挂社区', 上级编码: a.code }, geometry: square(b.lon, b.lat) };
    const rep = await report(await upload('c.geojson', fc([feature]), { level: 'community', crs: 'wgs84' }));
    const err = errorsOf(rep).find((p: Json) => p.kind === 'outside_parent');
    expect(err).toMatchObject({ feature: 0, messageKey: 'import.outsideParentElsewhere' });
    expect(err.params).toMatchObject({ parent: a.name, other: b.name, code: b.code, share: '100.0%' });
    expect(rep.acceptable).toBe(false);
    expect((await cancel(rep.id)).status).toBe(200);
    const fixed = await report(
      await upload('c.geojson', fc([feature]), { level: 'community', crs: 'wgs84', parentId: b.id }),
    );
    expect(errorsOf(fixed)).toEqual([]);
    expect(fixed.features[0].parentId).toBe(b.id);
    expect((await cancel(fixed.id)).status).toBe(200);
  });
  it('names the street that holds a committee point declared under another', async () => {
    const [a, b] = await gulouStreets();
    const point = {
      properties: { 名称: '错挂居委会', 上级编码: a.code },
      geometry: { type: 'Point', coordinates: [b.lon, b.lat] },
    };
    const rep = await report(await upload('p.geojson', fc([point]), { level: 'community', crs: 'wgs84' }));
    expect(errorsOf(rep).find((p: Json) => p.feature === 0)).toMatchObject({
      kind: 'outside_parent',
      messageKey: 'import.pointInOtherParent',
      params: { parent: a.name, other: b.name, code: b.code },
    });
    expect((await cancel(rep.id)).status).toBe(200);
  });
});

describe('codes as published', () => {
  it('updates the district by its 6-digit adcode and keeps 9-digit street codes', async () => {
    expect(district.code).toMatch(/^\d{6}000000$/);
    const outline = gulou('gulou_district_gcj02.geojson');
    outline.features[0].properties.code = district.code.slice(0, 6);
    const d = await report(await upload('gulou.geojson', outline, { level: 'district', crs: 'gcj02' }));
    expect(d.features[0]).toMatchObject({ action: 'update', existingId: district.id, code: district.code });
    expect(d.acceptable).toBe(true);
    expect((await cancel(d.id)).status).toBe(200);

    const [s] = await gulouStreets();
    const street = {
      properties: { name: '九位街道', code: `${district.code.slice(0, 6)}777` },
      geometry: square(s.lon, s.lat),
    };
    const rep = await report(
      await upload('s.geojson', fc([street]), { level: 'street', crs: 'wgs84', parentId: district.id }),
    );
    expect(rep.problems.filter((p: Json) => p.kind === 'bad_code')).toEqual([]);
    expect(rep.features[0].code).toBe(`${district.code.slice(0, 6)}777`);
    expect((await cancel(rep.id)).status).toBe(200);

    const bad = await report(
      await upload(
        'c.geojson',
        fc([{ properties: { name: '短码社区', code: '12345678901' }, geometry: square(s.lon, s.lat) }]),
        {
          level: 'community',
          crs: 'wgs84',
        },
      ),
    );
    expect(errorsOf(bad).find((p: Json) => p.kind === 'bad_code').params).toMatchObject({ digits: '12' });
    expect((await cancel(bad.id)).status).toBe(200);
  });

  it('keeps the database strict: digits only, 6, 9, 12 or 15 of them', async () => {
    const insert = (code: string) =>
      t.db.query(
        `INSERT INTO areas (code, name, level, parent_id, path, geom)
         SELECT $1, 'x', 'street', id, path, geom FROM areas WHERE id = $2`,
        [code, district.id],
      );
    for (const code of ['32010600', '32010600a', '3201060010011']) await expect(insert(code)).rejects.toThrow();
    await t.db.tx(async (q) => {
      await q.query(
        `INSERT INTO areas (code, name, level, parent_id, path, geom) SELECT '999999001', 'x', 'street', id, path, geom FROM areas WHERE id = $1`,
        [district.id],
      );
      await q.query(`DELETE FROM areas WHERE code = '999999001'`);
    });
  });

  it("reads a guessed code column that holds the street's code as the parent, and the community's own from the next", async () => {
    const [a, b] = await gulouStreets();
    const rows = [a, b].map((s, k) => ({
      properties: { 名称: `挂靠社区${k}`, 街道编码: s.code, 社区编码: `${s.code.slice(0, 9)}88${k}` },
      geometry: square(s.lon, s.lat),
    }));
    const rep = await report(await upload('c.geojson', fc(rows), { level: 'community', crs: 'wgs84' }));
    expect(rep.problems.find((p: Json) => p.kind === 'parent_column')).toMatchObject({
      messageKey: 'import.codeColumnIsParent.values',
      params: { field: '街道编码' },
    });
    expect(rep.features.map((f: Json) => [f.code, f.parentId])).toEqual([
      [`${a.code.slice(0, 9)}880`, a.id],
      [`${b.code.slice(0, 9)}881`, b.id],
    ]);
    expect((await cancel(rep.id)).status).toBe(200);
  });

  it('reads a district adcode repeated on every street as the parent and generates the street codes', async () => {
    const streets = (await gulouStreets()).slice(0, 3);
    const rows = streets.map((s, k) => ({
      properties: { name: `同区街道${k}`, adcode: '999999' },
      geometry: square(s.lon, s.lat),
    }));
    const rep = await report(
      await upload('s.geojson', fc(rows), { level: 'street', crs: 'wgs84', parentId: district.id }),
    );
    expect(rep.problems.find((p: Json) => p.kind === 'parent_column')).toMatchObject({
      messageKey: 'import.codeColumnIsParent.same',
      params: { field: 'adcode' },
    });
    expect(rep.problems.filter((p: Json) => p.kind === 'generated_code')).toHaveLength(3);
    expect(rep.features.every((f: Json) => f.code.startsWith(district.code.slice(0, 6)))).toBe(true);
    expect((await cancel(rep.id)).status).toBe(200);
  });
});

describe('parts and names', () => {
  it('merges one community split over several features, and flags different areas of one name', async () => {
    const [s] = await gulouStreets();
    const parts = [0, 1].map((k) => ({
      properties: { name: '分片社区', code: `${s.code.slice(0, 9)}870` },
      geometry: square(s.lon + k * 0.0006, s.lat, 20),
    }));
    const unnamed = [0, 1].map((k) => ({
      properties: { name: '无码社区' },
      geometry: square(s.lon + k * 0.0006, s.lat + 0.0006, 20),
    }));
    const twins = [0, 1].map((k) => ({
      properties: { name: '同名社区', code: `${s.code.slice(0, 9)}87${k + 1}` },
      geometry: square(s.lon + k * 0.0006, s.lat - 0.0006, 20),
    }));
    const rep = await report(
      await upload('c.geojson', fc([...parts, ...unnamed, ...twins]), { level: 'community', crs: 'wgs84' }),
    );
    expect(rep.features.map((f: Json) => f.name).sort()).toEqual(['分片社区', '同名社区', '同名社区', '无码社区']);
    for (const name of ['分片社区', '无码社区']) {
      const f = rep.features.find((x: Json) => x.name === name);
      expect(f.geometry.type).toBe('MultiPolygon');
      expect(f.geometry.coordinates).toHaveLength(2);
      expect(rep.problems.find((p: Json) => p.kind === 'merged_parts' && p.feature === f.index)).toMatchObject({
        severity: 'info',
        params: { n: 2 },
      });
    }
    const dup = rep.problems.filter((p: Json) => p.kind === 'duplicate_name');
    expect(dup.map((p: Json) => [p.severity, p.feature])).toEqual([
      ['warning', 4],
      ['warning', 5],
    ]);
    expect(errorsOf(rep)).toEqual([]);
    expect((await accept(rep.id)).status).toBe(200);
    const stored = await t.db.query<{ n: number }>(`SELECT ST_NumGeometries(geom) AS n FROM areas WHERE code = $1`, [
      `${s.code.slice(0, 9)}870`,
    ]);
    expect(stored.rows).toEqual([{ n: 2 }]);
  });
});

describe('a failed accept', () => {
  it('writes nothing when a code is taken between the report and the accept', async () => {
    const [s] = await gulouStreets();
    const existing = (
      await t.db.query<{ code: string; name: string; geometry: string }>(
        `SELECT code, name, ST_AsGeoJSON(geom, 9) AS geometry FROM areas WHERE parent_id = $1 AND level = 'community' ORDER BY code LIMIT 1`,
        [s.id],
      )
    ).rows[0];
    const clash = `${s.code.slice(0, 9)}860`;
    const rep = await report(
      await upload(
        'c.geojson',
        fc([
          {
            properties: { name: `${existing.name}（改）`, code: existing.code },
            geometry: JSON.parse(existing.geometry),
          },
          { properties: { name: '新社区甲', code: `${s.code.slice(0, 9)}861` }, geometry: square(s.lon, s.lat) },
          { properties: { name: '新社区乙', code: clash }, geometry: square(s.lon + 0.0006, s.lat, 20) },
        ]),
        { level: 'community', crs: 'wgs84' },
      ),
    );
    expect(rep.acceptable).toBe(true);
    // Someone else takes one of the new codes before the accept.
    await t.db.query(
      `INSERT INTO areas (code, name, level, parent_id, path, geom) SELECT $1, '他人新建', 'community', id, path, geom FROM areas WHERE id = $2`,
      [clash, s.id],
    );
    const snapshot = async () =>
      (
        await t.db.query<{ h: string }>(
          `SELECT md5(string_agg(x::text, E'\\n' ORDER BY x::text)) AS h FROM (
             SELECT id, code, name, households, ST_AsEWKB(geom)::text AS g FROM areas UNION ALL
             SELECT area_id, import_id::text, derived::text, NULL, NULL FROM area_imports) x`,
        )
      ).rows[0].h;
    const before = await snapshot();
    const res = await accept(rep.id);
    expect(res.status).toBe(409);
    expect(((await res.json()) as Json).error.messageKey).toBe('import.codeTakenMeanwhile');
    expect(await snapshot()).toBe(before);
    expect((await t.db.query(`SELECT name FROM areas WHERE code = $1`, [existing.code])).rows[0].name).toBe(
      existing.name,
    );
    expect(((await t.get(`/api/imports/${rep.id}`, admin).then((r) => r.json())) as Json).status).toBe('pending');
  });
});
