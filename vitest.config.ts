// Projects: `web` and `unit` (pure modules, tests beside them) and `db` (tests/api, against a real database:
// PGlite by default, PostgreSQL + PostGIS when DATABASE_URL is set). Only `db` builds the template database.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 180_000,
    projects: [
      {
        extends: true,
        resolve: { alias: { '@contract': fileURLToPath(new URL('./contract', import.meta.url)) } },
        test: { name: 'web', include: ['web/**/*.test.ts'] },
      },
      {
        extends: true,
        test: { name: 'unit', include: ['core/**/*.test.ts', 'api/**/*.test.ts', 'geodata/**/*.test.ts', 'contract/**/*.test.ts', 'scripts/**/*.test.ts'] },
      },
      {
        extends: true,
        test: { name: 'db', include: ['tests/api/**/*.test.ts'], globalSetup: ['tests/setup/template-db.ts'] },
      },
    ],
  },
});
