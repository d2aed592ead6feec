// `npm run import` for layers and the roster, as a child process against its own copy of the test database:
// buildings given as (lat, lon) with --swap-axes, shown with their progress and report and accepted by id; a roster
// accepted with its one-time passwords written to a file of mode 0600 and never printed.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliDatabase } from '../helpers/cli-db.js';

const { cli, withDb, work } = cliDatabase();

describe('npm run import for layers and the roster', () => {
  it('imports buildings given as (lat, lon) with --swap-axes: progress, the report, nothing before accept', async () => {
    const g = await withDb(
      async (db) =>
        (
          await db.query<{ lon: number; lat: number }>(
            `SELECT ST_X(label_point) AS lon, ST_Y(label_point) AS lat FROM areas WHERE level = 'grid' ORDER BY code LIMIT 1`,
          )
        ).rows[0],
    );
    const d = 0.0002;
    const ring = [
      [g.lon, g.lat],
      [g.lon + d, g.lat],
      [g.lon + d, g.lat + d],
      [g.lon, g.lat + d],
      [g.lon, g.lat],
    ];
    const file = path.join(work, '楼栋.geojson');
    fs.writeFileSync(
      file,
      JSON.stringify({
        type: 'FeatureCollection',
        features: [
          {
            type: 'Feature',
            properties: { 名称: '命令行楼', 地址: '命令行路1号', 户数: '33' },
            geometry: { type: 'Polygon', coordinates: [ring.map(([x, y]) => [y, x])] },
          },
        ],
      }),
    );
    const count = () =>
      withDb(
        async (db) =>
          (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM buildings WHERE address = '命令行路1号'`))
            .rows[0].n,
      );
    const dry = await cli([file, '--layer', 'buildings', '--crs', 'wgs84', '--swap-axes']);
    expect(dry.code, dry.stderr).toBe(0);
    for (const step of ['读取文件', '转换坐标', '检查要素', '比对旧有建筑', '保存报告'])
      expect(dry.stderr).toContain(step);
    expect(dry.stdout).toMatch(/layer import #(\d+) \(pending\) — 楼栋\.geojson: geojson, utf-8, layer buildings/);
    expect(dry.stdout).toContain('1 features: 1 ready (33 households');
    expect(await count()).toBe(0);
    const id = Number(/layer import #(\d+)/.exec(dry.stdout)![1]);
    const yes = await cli(['--accept', String(id)]);
    expect(yes.code, yes.stderr).toBe(0);
    expect(yes.stdout).toMatch(new RegExp(`layer import #${id} \\(accepted\\)`));
    const placed = await withDb(
      async (db) =>
        (
          await db.query<{ d: number }>(
            `SELECT ST_Distance(geom::geography, ST_SetSRID(ST_MakePoint($1, $2), 4326)::geography) AS d FROM buildings WHERE address = '命令行路1号'`,
            [g.lon + d / 2, g.lat + d / 2],
          )
        ).rows,
    );
    expect(placed).toHaveLength(1);
    expect(placed[0].d).toBeLessThan(15); // where the swapped axes put it, not in the sea
  }, 240_000); // two runs of the CLI, each starting its own embedded database

  it('accepts a roster and writes its one-time passwords to a file only its owner reads, never to the terminal', async () => {
    const grid = await withDb(
      async (db) =>
        (await db.query<{ code: string }>(`SELECT code FROM areas WHERE level = 'grid' ORDER BY code LIMIT 1`)).rows[0]
          .code,
    );
    const file = path.join(work, 'roster.csv');
    fs.writeFileSync(file, `姓名,手机号,网格\n命令行员,13900139123,${grid}\n`);
    const out = path.join(work, 'passwords.csv');
    const r = await cli([file, '--roster', '--yes', '--passwords-file', out]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/roster #\d+ \(accepted\)/);
    expect(r.stdout).toContain(`1 one-time passwords written to ${out}`);
    expect(fs.statSync(out).mode & 0o777).toBe(0o600);
    const csv = fs.readFileSync(out, 'utf8');
    const password = csv.trim().split('\n').at(-1)!.split(',').at(-1)!.replace(/"/g, '');
    expect(password).toMatch(/^\S{12}$/);
    expect(r.stdout + r.stderr).not.toContain(password);
    // A second roster never overwrites the first one's file.
    fs.writeFileSync(file, `姓名,手机号,网格\n命令行员二,13900139124,${grid}\n`);
    const again = await cli([file, '--roster', '--yes', '--passwords-file', out]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('could not be written');
    expect(fs.readFileSync(out, 'utf8')).toBe(csv);
  }, 200_000);
});
