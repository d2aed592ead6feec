// `npm run build:api`: compiles the server to plain JavaScript in dist/server, for `node` without tsx (the
// production image runs dist/server/api/server.js). tsc, not a bundler: each module keeps its place, so what a
// module finds beside itself by `import.meta.url` (workers, the common-password list, migrations) is found there
// too once those files are copied alongside.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = path.join(root, 'dist/server');

/** Files the compiled modules read or start beside themselves: tsc copies only what it compiles. */
const ASSETS = ['api/http/unzip-worker.mjs', 'api/auth/common-passwords.txt', 'migrations'];

fs.rmSync(out, { recursive: true, force: true });
const tsc = path.join(root, 'node_modules/typescript/bin/tsc');
const r = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
if (r.status !== 0) {
  console.error('[gridwall] the server did not compile; see the errors above');
  process.exit(1);
}
for (const asset of ASSETS) fs.cpSync(path.join(root, asset), path.join(out, asset), { recursive: true });
// The compiled files are ES modules wherever dist/server is put.
fs.writeFileSync(path.join(out, 'package.json'), `${JSON.stringify({ type: 'module', private: true }, null, 2)}\n`);
console.log(`[gridwall] server compiled into ${path.relative(root, out)}`);
