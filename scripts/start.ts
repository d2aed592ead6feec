// `npm start`: builds the web app when its sources changed since the last build, then starts the server.
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../api/config.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const outDir = path.join(root, 'dist/web');
const stampFile = path.join(outDir, '.build-stamp');

function sourcesFingerprint(): string {
  const h = crypto.createHash('sha256');
  const walk = (p: string) => {
    const st = fs.statSync(p);
    if (st.isDirectory()) for (const f of fs.readdirSync(p).sort()) walk(path.join(p, f));
    else h.update(`${path.relative(root, p)}:${st.size}:${st.mtimeMs}\n`);
  };
  for (const p of ['web', 'contract', 'vite.config.ts', 'package-lock.json']) {
    const full = path.join(root, p);
    if (fs.existsSync(full)) walk(full);
  }
  return h.digest('hex');
}

const fingerprint = sourcesFingerprint();
const current = fs.existsSync(stampFile) ? fs.readFileSync(stampFile, 'utf8') : '';
// The configuration is checked before a build is spent on it (the server reads it again as it starts).
if (!loadConfig().skipWebBuild && current !== fingerprint) {
  const t0 = Date.now();
  console.log('[gridwall] building the web app ...');
  // In a child process: Vite sets NODE_ENV=production in the process that builds, and keeps its memory.
  const vite = path.join(root, 'node_modules/vite/bin/vite.js');
  const r = spawnSync(process.execPath, [vite, 'build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error('[gridwall] the web app did not build; see the errors above');
    process.exit(1);
  }
  fs.writeFileSync(stampFile, fingerprint);
  console.log(`[gridwall] web app built in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}
await import('../api/server.js');
