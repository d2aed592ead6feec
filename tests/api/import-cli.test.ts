// `npm run import` as a child process against its own copy of the test database: progress on stderr, the
// report on stdout, nothing written without --yes, accepted in one go with it (here with --crs epsg:NNNN).
import { gk3 } from '../../geodata/crs/projected.js';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliDatabase } from '../helpers/cli-db.js';

const { cli, withDb, work } = cliDatabase();

describe('npm run import', () => {
  it('shows progress and the report, writes nothing without --yes, and accepts with --yes', async () => {
    const g = await withDb(
      async (db) =>
        (
          await db.query<{ lon: number; lat: number; community: number }>(
            `SELECT ST_X(label_point) AS lon, ST_Y(label_point) AS lat, parent_id AS community FROM areas WHERE level = 'grid' ORDER BY code LIMIT 1`,
          )
        ).rows[0],
    );
    const d = 0.0005;
    const square = [
      [g.lon, g.lat],
      [g.lon + d, g.lat],
      [g.lon + d, g.lat + d],
      [g.lon, g.lat + d],
      [g.lon, g.lat],
    ];
    const zone = gk3(40, false);
    const file = path.join(work, '养老院.geojson');
    fs.writeFileSync(
      file,
      JSON.stringify({
        type: 'Feature',
        properties: { 名称: '第一养老院' },
        geometry: { type: 'Polygon', coordinates: [square.map((p) => zone.forward(p as [number, number]))] },
      }),
    );
    const specials = () =>
      withDb(
        async (db) =>
          (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM areas WHERE name = '第一养老院'`)).rows[0].n,
      );

    const dry = await cli([file, '--level', 'special', '--special-class', 'key', '--crs', 'epsg:4549']);
    expect(dry.code, dry.stderr).toBe(0);
    for (const step of ['读取', '坐标系', '转换', '修复', '上级', '拓扑检查', '保存报告'])
      expect(dry.stderr).toContain(step);
    expect(dry.stderr).toMatch(/保存报告 … \d+\.\d s/);
    expect(dry.stdout).toMatch(/import #(\d+) \(pending\) — 养老院\.geojson: geojson, utf-8, level special/);
    expect(dry.stdout).toContain('CRS EPSG:4549 (given)');
    expect(dry.stdout).toContain('1 features: 1 new, 0 updated in place; 0 errors');
    expect(dry.stdout).toMatch(/pending: npm run import -- --accept \d+/);
    expect(await specials()).toBe(0);
    const id = Number(/import #(\d+)/.exec(dry.stdout)![1]);
    expect(
      await withDb(
        async (db) =>
          (await db.query<{ status: string }>(`SELECT status FROM imports WHERE id = $1`, [id])).rows[0].status,
      ),
    ).toBe('pending');

    const yes = await cli([file, '--level', 'special', '--special-class', 'key', '--crs', 'epsg:4549', '--yes']);
    expect(yes.code, yes.stderr).toBe(0);
    expect(yes.stdout).toMatch(/\(accepted\)/);
    expect(yes.stdout).toContain('accepted: written in one transaction');
    const row = await withDb(
      async (db) =>
        (
          await db.query<{ parent: number; d: number }>(
            `SELECT parent_id AS parent, ST_HausdorffDistance(ST_Transform(geom, 32651), ST_Transform(ST_SetSRID(ST_GeomFromGeoJSON($1), 4326), 32651)) AS d FROM areas WHERE name = '第一养老院'`,
            [JSON.stringify({ type: 'Polygon', coordinates: [square] })],
          )
        ).rows,
    );
    expect(row).toHaveLength(1);
    expect(row[0].parent).toBe(g.community);
    expect(row[0].d).toBeLessThan(0.5);
  }, 300_000); // two runs of the CLI, each starting its own embedded database

  it('exits non-zero with the reason when the file cannot be read, in Chinese or in the English of the locale', async () => {
    const file = path.join(work, 'bad.csv');
    fs.writeFileSync(file, '名称,备注\r\n甲,乙\r\n');
    const r = await cli([file, '--level', 'grid']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/400: 找不到几何列：需要 WKT 列/);
    expect(r.stdout).not.toMatch(/import #/);
    const en = await cli([file, '--level', 'grid'], { LANG: 'en_GB.UTF-8' });
    expect(en.code).toBe(1);
    expect(en.stderr).toMatch(/400: no geometry: the table needs a WKT column/);
  }, 180_000); // two runs of the CLI, each starting its own embedded database
});
