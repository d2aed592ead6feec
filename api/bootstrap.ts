// Opens the database, migrates it, and on first start generates and loads the demo city with its accounts, or (size
// none) leaves it empty; either way an administrator exists afterwards. Nothing here needs any area to exist.
import { generateCity } from '../geodata/city/index.js';
import type { CitySize, Progress } from '../geodata/city/types.js';
import { ensureDemoAccounts, type DemoAccount } from './auth/demo-accounts.js';
import { openDb, pgliteDir, type Db } from './db/index.js';
import { STARTUP_LOCK } from './db/postgres.js';
import { migrate } from './db/migrate.js';
import { isCityLoaded } from './meta/queries.js';
import {
  ensureEvaluationSystem,
  ensureInstallationAdmin,
  holdsDemoCity,
  markEmptyInstallation,
} from './meta/installation.js';
import { ensureOrderReferenceData } from './orders/reference-data.js';
import { clearCity, loadCity } from './seed/load-city.js';
import { seedOrderHistory } from './seed/load-orders.js';
import { seedTrails } from './seed/load-trails.js';
import { seedSurveys } from './seed/load-surveys.js';
import { seedEvaluation } from './seed/load-evaluation.js';

export interface PrepareOptions {
  databaseUrl?: string;
  dataDir: string;
  seedSize: CitySize | 'none';
  seed: number;
  demoPassword: string;
  /** The password of `admin` when no administrator exists (required then, and checked by the password policy). */
  adminPassword?: string;
  progress?: Progress;
  log?: (msg: string) => void;
}

export interface Prepared {
  db: Db;
  seeded: boolean;
  migrations: string[];
  accounts: DemoAccount[];
  /** `admin` (scope: the whole installation) was created by this start. */
  adminCreated: boolean;
}

export async function seedCity(
  db: Db,
  size: CitySize,
  seed: number,
  demoPassword: string,
  progress?: Progress,
): Promise<DemoAccount[]> {
  // The generator's own steps show as one bar: 生成城市 generate city.
  const city = generateCity(
    { size, seed },
    progress && ((_step, done, total) => progress('generate', done + 1, total)),
  );
  await loadCity(db, city, progress);
  await ensureOrderReferenceData(db);
  const accounts = await ensureDemoAccounts(db, demoPassword); // before history: its actors are these accounts
  if (!accounts.length) throw new Error('the demo city was loaded without a community and grid for its accounts');
  await seedOrderHistory(db, city, seed, progress);
  await seedEvaluation(db, city, seed, progress);
  await seedTrails(db, city, seed, Date.now(), progress);
  await seedSurveys(db, city, seed, progress);
  return accounts;
}

export async function prepare(o: PrepareOptions): Promise<Prepared> {
  const log = o.log ?? (() => undefined);
  const db = await openDb(o.databaseUrl ? { databaseUrl: o.databaseUrl } : { dataDir: pgliteDir(o.dataDir) });
  try {
    // Several nodes may start together on one empty database: one migrates and seeds, the others wait and find it done.
    return await db.exclusive(STARTUP_LOCK, () => migrateAndSeed(db, o, log));
  } catch (err) {
    await db.close().catch(() => undefined);
    throw err;
  }
}

async function migrateAndSeed(db: Db, o: PrepareOptions, log: (msg: string) => void): Promise<Prepared> {
  const migrations = await migrate(db);
  if (migrations.length) log(`applied migrations: ${migrations.join(', ')}`);
  let seeded = false;
  let accounts: DemoAccount[] = [];
  if (!(await isCityLoaded(db)) && o.seedSize === 'none') {
    log('first start: an empty installation (no demo city)');
    await markEmptyInstallation(db);
  } else if (!(await isCityLoaded(db))) {
    const size = o.seedSize as CitySize;
    log(`first start: building the ${size} demo city (seed ${o.seed}) ...`);
    await clearCity(db); // a half-loaded earlier attempt leaves nothing behind: the load is one transaction
    accounts = await seedCity(db, size, o.seed, o.demoPassword, o.progress);
    seeded = true;
  } else if (await holdsDemoCity(db)) {
    accounts = await ensureDemoAccounts(db, o.demoPassword);
  }
  await ensureOrderReferenceData(db);
  await ensureEvaluationSystem(db);
  const adminCreated = await ensureInstallationAdmin(db, o.adminPassword);
  if (adminCreated)
    log('created the administrator admin (scope: the whole installation; password GRIDWALL_ADMIN_PASSWORD)');
  return { db, seeded, migrations, accounts, adminCreated };
}
