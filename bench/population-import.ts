// Population import on the demo city: one street's residents re-imported (replace mode, the same people) as a
// GBK CSV over HTTP, end to end (parse, check, delete, insert, aggregates refreshed, audit), beside the aggregate
// refresh alone in the same run. The city's counts are the same afterwards (residents get new ids).
// Usage: npx tsx bench/population-import.ts [--size small|full] [--rounds 3]   (DATABASE_URL selects PostgreSQL + PostGIS)
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import iconv from 'iconv-lite';
import { createApp } from '../api/app.js';
import { prepare } from '../api/bootstrap.js';
import { loadConfig } from '../api/config.js';
import { refreshAreaCounts, refreshDemographics } from '../api/population/aggregates.js';
import { ms, summarize, time } from './stats.js';

const { values } = parseArgs({
  options: {
    size: { type: 'string', default: 'full' },
    rounds: { type: 'string', default: '3' },
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
const people = (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM residents`)).rows[0].n;
console.log(
  `database: ${db.kind}; ${seeded ? 'seeded' : 'opened'} in ${ms(prepMs)}; ${people.toLocaleString('en')} residents`,
);

// The first street's residents as an import file (Chinese titles and values, GBK).
const street = (
  await db.query<{ path: string; name: string }>(
    `SELECT path, name FROM areas WHERE level = 'street' ORDER BY code LIMIT 1`,
  )
).rows[0];
const rows = (
  await db.query<{ building_id: number; household: number; age: number; sex: number; flags: number }>(
    `SELECT r.building_id, r.household, r.age, r.sex, r.flags FROM residents r JOIN areas g ON g.id = r.grid_id WHERE g.path LIKE $1 || '%' ORDER BY r.id`,
    [street.path],
  )
).rows;
const yn = (f: number, bit: number) => (f & bit ? '是' : '否');
const lines = ['楼栋编号,户号,年龄,性别,低保,特困,残疾,困境儿童,独居老人'];
for (const r of rows)
  lines.push(
    `${r.building_id},${r.household},${r.age},${r.sex === 1 ? '男' : '女'},${yn(r.flags, 1)},${yn(r.flags, 2)},${yn(r.flags, 4)},${yn(r.flags, 8)},${yn(r.flags, 16)}`,
  );
const file = iconv.encode(lines.join('\r\n') + '\r\n', 'gbk');
console.log(
  `file: ${street.name}, ${rows.length.toLocaleString('en')} residents in ${new Set(rows.map((r) => r.building_id)).size} buildings, ${(file.length / 1024 / 1024).toFixed(1)} MB GBK CSV`,
);

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
  body: JSON.stringify({ username: 'admin', password }),
});
const headers = { authorization: `Bearer ${((await login.json()) as { token: string }).token}` };

const imports: number[] = [],
  refresh: number[] = [];
for (let i = 0; i < rounds; i++) {
  const form = new FormData();
  form.append('mode', 'replace');
  form.append('file', new Blob([new Uint8Array(file)]), 'street.csv');
  const [t, res] = await time(() => fetch(`${base}/api/population/import`, { method: 'POST', headers, body: form }));
  const body = (await res.json()) as { inserted?: number; removed?: number; errorCount?: number };
  if (res.status !== 200 || body.inserted !== rows.length || body.removed !== rows.length || body.errorCount !== 0)
    throw new Error(`import: ${res.status} ${JSON.stringify(body).slice(0, 300)}`);
  imports.push(t);
  refresh.push(
    (
      await time(() =>
        db.tx(async (q) => {
          await refreshDemographics(q);
          await refreshAreaCounts(q);
        }),
      )
    )[0],
  );
}
const after = (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM residents`)).rows[0].n;
if (after !== people) throw new Error(`residents ${people} → ${after}`);
await app.close();
await db.close();
const im = summarize(imports),
  rf = summarize(refresh);
console.log(`rounds: ${rounds}`);
console.log(
  `import over HTTP (replace ${rows.length.toLocaleString('en')} residents)   p50 ${ms(im.p50)}  max ${ms(im.max)}`,
);
console.log(`aggregate refresh alone (whole city)          p50 ${ms(rf.p50)}  max ${ms(rf.max)}`);
