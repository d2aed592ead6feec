// Satisfaction evaluation over the full demo city: loading the demo evaluation (indicator system, four quarters of
// questionnaires, special items) and answering the evaluation endpoints over HTTP, beside GET /api/evaluation/periods
// (same session check, one tiny query) in the same run.
// Prints the load time (the share of a first start that evaluation adds) and each endpoint's p50/p95 as a multiple
// of the baseline's p95; the community ranking includes 500 rank-band draws over every community.
// Usage: npx tsx bench/evaluation.ts [--size small|full] [--rounds 20]   (DATABASE_URL selects PostgreSQL + PostGIS)
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createApp } from '../api/app.js';
import { prepare } from '../api/bootstrap.js';
import { loadConfig } from '../api/config.js';
import { seedEvaluation } from '../api/seed/load-evaluation.js';
import { generateCity } from '../geodata/city/index.js';
import { ms, summarize, time } from './stats.js';

const { values } = parseArgs({
  options: {
    size: { type: 'string', default: 'full' },
    rounds: { type: 'string', default: '20' },
    'data-dir': { type: 'string' },
  },
});
const size = values.size === 'small' ? 'small' : 'full';
const rounds = Number(values.rounds);
const dataDir = values['data-dir'] ?? path.join(os.tmpdir(), `gridwall-bench-${size}`);
fs.mkdirSync(dataDir, { recursive: true });
const password = loadConfig().demoPassword;
const [prepMs, { db, seeded }] = await time(() =>
  prepare({ databaseUrl: process.env.DATABASE_URL, dataDir, seedSize: size, seed: 20181, demoPassword: password }),
);
const communities = (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM areas WHERE level = 'community'`))
  .rows[0].n;
console.log(`database: ${db.kind}; ${seeded ? 'seeded' : 'opened'} in ${ms(prepMs)}; ${communities} communities`);

const city = generateCity({ size, seed: 20181 });
const [loadMs, rows] = await time(() => seedEvaluation(db, city, 20181));
console.log(`demo evaluation loaded (${rows.toLocaleString('en')} questionnaire results): ${ms(loadMs)}`);

const app = createApp({
  db,
  config: loadConfig({
    GRIDWALL_LOG: 'silent',
    GRIDWALL_DEMO_PASSWORD: password,
    GRIDWALL_ESCALATION_INTERVAL_MS: '0',
  }),
});
await new Promise<void>((r) => app.http.listen(0, '127.0.0.1', r));
const base = `http://127.0.0.1:${(app.http.address() as AddressInfo).port}`;
const login = await fetch(`${base}/api/auth/login`, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ username: 'operator', password }),
});
const headers = { authorization: `Bearer ${((await login.json()) as { token: string }).token}` };
const someCommunity = (
  await db.query<{ id: number }>(`SELECT id FROM areas WHERE level = 'community' ORDER BY code LIMIT 1`)
).rows[0].id;
const get = async (p: string) => {
  const r = await fetch(base + p, { headers });
  if (!r.ok) throw new Error(`GET ${p}: ${r.status} ${await r.text()}`);
  return r.json();
};
const cases: [string, string][] = [
  ['baseline GET /periods', '/api/evaluation/periods'],
  ['results, streets', '/api/evaluation/results?level=street'],
  ['results, communities', '/api/evaluation/results?level=community'],
  ['trend, streets (4 periods)', '/api/evaluation/trend?level=street'],
  ['drill-down, one community', `/api/evaluation/areas/${someCommunity}`],
  ['reverse-issue list', '/api/evaluation/reverse'],
];
const samples = new Map(cases.map(([k]) => [k, [] as number[]]));
for (const [, p] of cases) await get(p); // warm-up
for (let i = 0; i < rounds; i++) for (const [k, p] of cases) samples.get(k)!.push((await time(() => get(p)))[0]);
await app.close();
await db.close();
const b = summarize(samples.get(cases[0][0])!);
for (const [k] of cases) {
  const s = summarize(samples.get(k)!);
  console.log(`${k.padEnd(28)} p50 ${ms(s.p50)}  p95 ${ms(s.p95)}  = ${(s.p95 / b.p95).toFixed(1)}× baseline p95`);
}
