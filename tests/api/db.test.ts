// The database interface behaves the same on both drivers, and a second start reuses the data.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDb, type TestDb } from '../helpers/test-db.js';

let t: TestDb;
beforeAll(async () => {
  t = await openTestDb();
});
afterAll(async () => t?.close());

describe('Db', () => {
  it('counts rows returned by a SELECT and rows changed by DML alike', async () => {
    expect((await t.db.query(`SELECT 1 FROM areas WHERE level = 'district'`)).rowCount).toBe(1);
    expect((await t.db.query(`SELECT 1 FROM areas WHERE false`)).rowCount).toBe(0);
    const n = (await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM areas WHERE level = 'grid'`)).rows[0].n;
    expect((await t.db.query(`UPDATE areas SET name = name WHERE level = 'grid'`)).rowCount).toBe(n);
  });

  it('commits a transaction that resolves and rolls back one that throws', async () => {
    await t.db.tx((q) => q.query(`INSERT INTO city_meta (key, value) VALUES ('tx-ok', '1')`));
    await expect(
      t.db.tx(async (q) => {
        await q.query(`INSERT INTO city_meta (key, value) VALUES ('tx-bad', '1')`);
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    const keys = (await t.db.query<{ key: string }>(`SELECT key FROM city_meta WHERE key LIKE 'tx-%'`)).rows.map(
      (r) => r.key,
    );
    expect(keys).toEqual(['tx-ok']);
  });

  it('detects whether ST_AsMVT works', () => {
    expect(t.db.capabilities.asMvt).toBe(t.db.kind === 'postgres');
  });
});

describe.runIf(!process.env.DATABASE_URL)('a second start on the embedded database', () => {
  it('reuses the seeded data instead of building the city again', async () => {
    const { prepare } = await import('../../api/bootstrap.js');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gridwall-restart-'));
    try {
      const opts = { dataDir: dir, seedSize: 'small' as const, seed: 3, demoPassword: 'restart-password' };
      const first = await prepare(opts);
      const areas = (await first.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM areas`)).rows[0].n;
      await first.db.query(`INSERT INTO city_meta (key, value) VALUES ('marker', '"kept"')`);
      await first.db.close();
      const second = await prepare(opts);
      expect(second.seeded).toBe(false);
      expect(second.migrations).toEqual([]);
      expect((await second.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM areas`)).rows[0].n).toBe(areas);
      expect((await second.db.query(`SELECT 1 FROM city_meta WHERE key = 'marker'`)).rowCount).toBe(1);
      await second.db.close();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 180_000); // two PGlite opens and a small seed: slow on a loaded 2-core machine
});

describe.runIf(process.env.DATABASE_URL)('several nodes starting together on an empty PostgreSQL database', () => {
  it('lets one create the extension, migrate and seed while the others wait, and all of them start', async () => {
    const pg = (await import('pg')).default;
    const { prepare } = await import('../../api/bootstrap.js');
    const { withDatabase } = await import('../setup/template-db.js');
    const base = process.env.DATABASE_URL!;
    const name = `gridwall_start_${process.pid}`;
    const admin = new pg.Client({ connectionString: base });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${name}`);
    try {
      const url = withDatabase(base, name);
      const nodes = await Promise.all(
        [0, 1, 2].map(() =>
          prepare({
            databaseUrl: url,
            dataDir: os.tmpdir(),
            seedSize: 'small',
            seed: 3,
            demoPassword: 'node-start-password',
          }),
        ),
      );
      try {
        expect(nodes.filter((n) => n.seeded)).toHaveLength(1);
        expect(nodes.filter((n) => n.migrations.length > 0)).toHaveLength(1);
        const districts = await nodes[0].db.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM areas WHERE level = 'district'`,
        );
        expect(districts.rows[0].n).toBe(1);
      } finally {
        await Promise.all(nodes.map((n) => n.db.close()));
      }
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    }
  }, 180_000);
});
