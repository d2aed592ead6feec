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
    const keys = (await t.db.query<{ key: string }>(`SELECT key FROM city_meta WHERE key LIKE 'tx-%'`)).rows.map((r) => r.key);
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
