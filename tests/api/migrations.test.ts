import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate, readMigrations } from '../../api/db/migrate.js';
import { openTestDb, type TestDb } from '../helpers/test-db.js';

let t: TestDb;
beforeAll(async () => {
  t = await openTestDb();
});
afterAll(async () => t?.close());

describe('migrations', () => {
  it('are numbered and applied in order, each recorded once', async () => {
    const files = readMigrations();
    expect(files.map((m) => m.version)).toEqual([...files.map((m) => m.version)].sort((a, b) => a - b));
    const r = await t.db.query<{ name: string }>(`SELECT name FROM schema_migrations ORDER BY version`);
    expect(r.rows.map((x) => x.name)).toEqual(files.map((m) => m.name));
  });

  it('do nothing when run again', async () => {
    expect(await migrate(t.db)).toEqual([]);
  });

  it('refuse to run when an applied migration was edited', async () => {
    const edited = readMigrations().map((m, i) => (i === 0 ? { ...m, checksum: 'edited' } : m));
    await expect(migrate(t.db, edited)).rejects.toThrow(/changed after it was applied/);
  });

  it('roll back a failing migration completely', async () => {
    const bad = [
      ...readMigrations(),
      {
        version: 9999,
        name: '9999_broken',
        checksum: 'x',
        sql: 'CREATE TABLE half_done (id int); SELECT no_such_function();',
      },
    ];
    await expect(migrate(t.db, bad)).rejects.toThrow();
    const r = await t.db.query(`SELECT 1 FROM pg_tables WHERE tablename = 'half_done'`);
    expect(r.rowCount).toBe(0);
    const v = await t.db.query(`SELECT 1 FROM schema_migrations WHERE version = 9999`);
    expect(v.rowCount).toBe(0);
  });
});
