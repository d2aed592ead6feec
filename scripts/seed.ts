// `npm run seed -- --size small|full --seed N`: rebuilds the demo city in the configured database; `--size none`
// removes it (and everything generated with it), keeping the administrators.
import { parseArgs } from 'node:util';
import { seedCity } from '../api/bootstrap.js';
import { loadConfig } from '../api/config.js';
import { openDb, pgliteDir } from '../api/db/index.js';
import { migrate } from '../api/db/migrate.js';
import { progressBar } from '../api/progress-bar.js';
import { clearCity } from '../api/seed/load-city.js';
import { ensureInstallationAdmin, holdsDemoCity, removeDemoCity } from '../api/meta/installation.js';

const { values } = parseArgs({
  options: {
    size: { type: 'string', default: 'full' },
    seed: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
});
if (values.help) {
  console.log(
    'usage: npm run seed -- [--size small|full|none] [--seed N]\nRebuilds the demo city: every area, resident, account and session in the database is replaced.\n--size none removes the demo city and everything generated with it in one transaction, keeping the administrators (scope: the whole installation).',
  );
  process.exit(0);
}
if (values.size !== 'small' && values.size !== 'full' && values.size !== 'none') {
  console.error(`--size must be small, full or none, not "${values.size}"`);
  process.exit(2);
}
const config = loadConfig();
const seed = values.seed === undefined ? config.seed : Number(values.seed);
if (!Number.isInteger(seed)) {
  console.error(`--seed must be an integer, not "${values.seed}"`);
  process.exit(2);
}
const t0 = Date.now();
const db = await openDb(
  config.databaseUrl ? { databaseUrl: config.databaseUrl } : { dataDir: pgliteDir(config.dataDir), role: 'cli' },
);
await migrate(db);
if (values.size === 'none') {
  if (!(await holdsDemoCity(db))) {
    await db.close();
    console.error('this installation holds no demo city: nothing removed');
    process.exit(1);
  }
  const removed = await removeDemoCity(db);
  await ensureInstallationAdmin(db, config.adminPassword);
  await db.close();
  console.log(
    `removed the demo city (${removed.areas} areas, ${removed.accounts} accounts) in ${((Date.now() - t0) / 1000).toFixed(1)} s; administrators kept`,
  );
  process.exit(0);
}
console.log(
  `rebuilding the ${values.size} demo city (seed ${seed}) in ${config.databaseUrl ? 'PostgreSQL' : config.dataDir} ...`,
);
await clearCity(db);
const bar = progressBar();
const accounts = await seedCity(db, values.size, seed, config.demoPassword, bar);
bar.done();
await db.close();
console.log(
  `done in ${((Date.now() - t0) / 1000).toFixed(1)} s; demo accounts: ${accounts.map((a) => a.username).join(', ')}`,
);
