// `npm run bench`: runs every benchmark in bench/ in turn, each in its own process.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';

const dir = fileURLToPath(new URL('.', import.meta.url));
const skip = new Set(['run-all.ts', 'stats.ts']);
for (const f of fs
  .readdirSync(dir)
  .filter((f) => f.endsWith('.ts') && !skip.has(f))
  .sort()) {
  console.log(`\n### ${f}`);
  const r = spawnSync('npx', ['tsx', `${dir}/${f}`, ...process.argv.slice(2)], { stdio: 'inherit' });
  if (r.status !== 0) process.exitCode = 1;
}
