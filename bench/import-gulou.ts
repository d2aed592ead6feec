// Import of a whole real district, step by step: the generated Gulou set (over the real outline, with the real
// street and committee points) written to a temporary folder, then each onboarding step run through the HTTP API
// of a fresh embedded installation, timed from upload to accept, and printed as features per second.
// Steps whose route the server does not have yet answer 404 and are printed as "not available".
// Usage: npx tsx bench/import-gulou.ts [--seed-size none|small|full] [--seed 320106] [--data ../shared/data/nanjing-gulou]
//   (an empty installation by default: Gulou is its only district; DATABASE_URL selects PostgreSQL + PostGIS)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Rng } from '../geodata/city/rng.js';
import { generateGulou } from '../scripts/gulou/generate.js';
import { rosterCsv } from '../scripts/gulou/people.js';
import { startBenchServer } from './lib/bench-server.js';
import { ms, time } from './stats.js';

const { values } = parseArgs({
  options: {
    'seed-size': { type: 'string' },
    // npm run bench passes its arguments to every benchmark: --size names the demo city there
    size: { type: 'string', default: 'none' },
    seed: { type: 'string', default: '320106' },
    data: { type: 'string', default: path.resolve('../shared/data/nanjing-gulou') },
  },
});
const real = (name: string) => path.join(values.data, name);

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gridwall-gulou-'));
const [genMs, files] = await time(async () =>
  generateGulou({
    outlineFile: real('gulou_district_gcj02.geojson'),
    committeesFile: real('gulou_communities_points_gcj02.geojson'),
    streetsFile: real('gulou_streets_points_gcj02.geojson'),
    seed: Number(values.seed),
    scale: 'full',
  }),
);
for (const [name, body] of files) fs.writeFileSync(path.join(dir, name), body);
console.log(`generated the full Gulou set in ${ms(genMs)} into ${dir}`);

const wanted = values['seed-size'] ?? values.size;
const server = await startBenchServer(wanted === 'full' || wanted === 'small' ? wanted : 'none');
const token = await server.login('admin');
console.log(`database: ${server.db.kind}; installation ready in ${ms(server.prepMs)}`);

type Answer = { status: number; body: Record<string, unknown> };
async function call(method: string, url: string, body?: FormData | Record<string, unknown>): Promise<Answer> {
  const json = body !== undefined && !(body instanceof FormData);
  const r = await fetch(`${server.base}${url}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(json ? { 'content-type': 'application/json' } : {}) },
    body: json ? JSON.stringify(body) : (body as FormData | undefined),
  });
  const text = await r.text();
  const answer = ((): Record<string, unknown> => {
    try {
      return JSON.parse(text) as Record<string, unknown>;
    } catch {
      return { message: text.slice(0, 200) };
    }
  })();
  return { status: r.status, body: answer };
}
function form(file: string, bytes: Buffer | string, fields: Record<string, string>): FormData {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.append(k, v);
  f.append('file', new Blob([typeof bytes === 'string' ? bytes : new Uint8Array(bytes)]), file);
  return f;
}

class Unavailable extends Error {}
class Refused extends Error {}
const refuse = (what: string, a: Answer): never => {
  const error = (a.body.error ?? {}) as { messageKey?: string; message?: string };
  if (a.status === 404 && error.messageKey === 'http.noSuchEndpoint') throw new Unavailable(what);
  throw new Refused(`${what}: ${a.status} ${error.message ?? JSON.stringify(a.body).slice(0, 300)}`);
};

/** Upload to a pending import, then accept it when nothing blocks. */
async function importThenAccept(base: string, file: string, bytes: Buffer | string, fields: Record<string, string>) {
  const t0 = performance.now();
  let a = await call('POST', base, form(file, bytes, fields));
  if (a.status === 202) {
    // Layer imports are analysed by a job: poll the import until its report is there.
    const poll = a.body.poll as string;
    do {
      await new Promise((r) => setTimeout(r, 100));
      a = await call('GET', poll);
    } while (a.status === 200 && a.body.status === 'analysing');
    if (a.body.status === 'failed') refuse(`${base} ${file}`, { status: 422, body: { error: a.body } });
  }
  if (a.status !== 201 && a.status !== 200) refuse(`${base} ${file}`, a);
  const t1 = performance.now();
  if (a.body.acceptable === false) {
    const problems = (a.body.problems as { severity: string; message: string }[]).filter((p) => p.severity === 'error');
    throw new Refused(
      `${file}: not acceptable: ${problems
        .slice(0, 3)
        .map((p) => p.message)
        .join(' | ')}`,
    );
  }
  const b = await call('POST', `${base}/${a.body.id as number}/accept`);
  if (b.status !== 200) refuse(`accept ${file}`, b);
  console.log(`  ${file}: report ${ms(t1 - t0)}, accept ${ms(performance.now() - t1)}`);
  return b.body;
}

const featuresOf = (name: string) => (JSON.parse(fs.readFileSync(name, 'utf8')) as { features: unknown[] }).features;
const results: string[] = [];
/** Runs and times one step; `count` (features) is read once the step is done. */
async function step(name: string, count: () => number, run: () => Promise<unknown>): Promise<void> {
  try {
    const [t] = await time(run);
    const n = count();
    results.push(
      `${name.padEnd(14)} ${String(n).padStart(7)} features  ${ms(t).padStart(9)}  ${((n / t) * 1000).toFixed(0).padStart(7)} features/s`,
    );
  } catch (e) {
    const n = count();
    if (e instanceof Unavailable)
      results.push(`${name.padEnd(14)} ${String(n).padStart(7)} features  not available (${e.message}: 404)`);
    else if (e instanceof Refused)
      results.push(`${name.padEnd(14)} ${String(n).padStart(7)} features  refused: ${e.message}`);
    else throw e;
  }
  console.log(results[results.length - 1]);
}

const gcj = { crs: 'gcj02' };
const GULOU = '320106000000';
let district: { id: number; path: string } | undefined;
const findDistrict = async (code: string) =>
  (await server.db.query<{ id: number; path: string }>(`SELECT id, path FROM areas WHERE code = $1`, [code])).rows[0];
/** Areas of a level inside Gulou's outline (by where they lie: a replaced demo district keeps its other areas). */
const inGulou = async (level: string) =>
  (
    await server.db.query<{ id: number; code: string; name: string }>(
      `SELECT a.id, a.code, a.name FROM areas a JOIN areas d ON d.id = $2
        WHERE a.level = $1 AND ST_Within(ST_PointOnSurface(a.geom), d.geom) ORDER BY a.code`,
      [level, district?.id ?? -1],
    )
  ).rows;

const outline = fs.readFileSync(real('gulou_district_gcj02.geojson'), 'utf8');
await step(
  'district',
  () => 1,
  async () => {
    try {
      await importThenAccept('/api/imports', 'gulou_district_gcj02.geojson', outline, { level: 'district', ...gcj });
      district = await findDistrict(GULOU);
    } catch (e) {
      // An installation that holds a district already (the demo city) takes no second one: Gulou's outline then
      // replaces that district's boundary, keeping its code, so that the steps below still run under it.
      const only = (await server.db.query<{ code: string }>(`SELECT code FROM areas WHERE level = 'district'`)).rows;
      if (!(e instanceof Refused) || only.length !== 1) throw e;
      console.log(`  (no second district can be added here: Gulou's outline replaces district ${only[0].code})`);
      const fc = JSON.parse(outline) as { features: { properties: Record<string, unknown> }[] };
      fc.features[0].properties.code = only[0].code;
      await importThenAccept('/api/imports', 'gulou_district_gcj02.geojson', JSON.stringify(fc), {
        level: 'district',
        ...gcj,
      });
      district = await findDistrict(only[0].code);
    }
  },
);
await step(
  'streets',
  () => featuresOf(real('gulou_streets_points_gcj02.geojson')).length,
  async () => {
    if (!district) throw new Refused('no Gulou district');
    return importThenAccept(
      '/api/imports',
      'gulou_streets_points_gcj02.geojson',
      fs.readFileSync(real('gulou_streets_points_gcj02.geojson')),
      {
        level: 'street',
        parentId: String(district.id),
        ...gcj,
      },
    );
  },
);
// Committees without a coordinate (39 of 122) cannot become Voronoi cells: only those with a point are sent. The
// streets above are Voronoi cells of one point each, not the real streets, so a committee goes under the cell it
// lies in (its street_code is left out) rather than being refused as outside its coded street.
const committees = (
  featuresOf(real('gulou_communities_points_gcj02.geojson')) as {
    geometry: unknown;
    properties: Record<string, unknown>;
  }[]
)
  .filter((f) => f.geometry)
  .map((f) => ({ ...f, properties: { name: f.properties.name, code: f.properties.code } }));
await step(
  'communities',
  () => committees.length,
  () =>
    importThenAccept(
      '/api/imports',
      'gulou_communities_points.geojson',
      JSON.stringify({ type: 'FeatureCollection', features: committees }),
      {
        level: 'community',
        mapping: JSON.stringify({ name: 'name', code: 'code' }),
        ...gcj,
      },
    ),
);
const layer = (name: string, file: string) =>
  step(
    name,
    () => featuresOf(path.join(dir, file)).length,
    () => importThenAccept('/api/layers/imports', file, fs.readFileSync(path.join(dir, file)), { layer: name, ...gcj }),
  );
await layer('buildings', 'buildings.geojson');
// Roads and water before the grids: the re-gridder cuts blocks along the roads.
await layer('roads', 'roads.geojson');
await layer('water', 'water.geojson');
let grids = 0;
await step(
  'grids',
  () => grids,
  async () => {
    for (const c of await inGulou('community')) {
      const a = await call('POST', '/api/regrid', { communityId: c.id });
      if (a.status !== 201 && a.status !== 200) refuse(`regrid ${c.name}`, a);
      const b = await call('POST', `/api/imports/${a.body.id as number}/accept`);
      if (b.status !== 200) refuse(`accept grids of ${c.name}`, b);
      grids += (a.body.features as unknown[]).length;
    }
  },
);
await layer('resources', 'pois.geojson');
await layer('police_grids', 'police_grids.geojson');
const gulouGrids = await inGulou('grid');
await step(
  'roster',
  () => gulouGrids.length,
  async () => {
    if (!gulouGrids.length) throw new Refused('no grids in the district to staff');
    const csv = rosterCsv(gulouGrids, new Rng(Number(values.seed)).fork('roster'));
    const a = await call('POST', '/api/workers/roster', form('roster.csv', csv, {}));
    if (a.status >= 300) refuse('/api/workers/roster', a);
    if (a.body.acceptable === false) throw new Refused(`roster: ${JSON.stringify(a.body.refused).slice(0, 300)}`);
    const b = await call('POST', `/api/workers/roster/${a.body.id as number}/accept`);
    if (b.status !== 200) refuse('accept roster', b);
  },
);
const residentFiles = [...files.keys()].filter((n) => n.startsWith('residents'));
const rows = residentFiles.reduce((s, n) => s + (files.get(n) as string).split('\n').length - 2, 0);
await step(
  'residents',
  () => rows,
  async () => {
    for (const [k, name] of residentFiles.entries()) {
      const a = await call(
        'POST',
        '/api/population/import',
        form(name, fs.readFileSync(path.join(dir, name)), { mode: k ? 'append' : 'replace' }),
      );
      if (a.status !== 200) refuse(`/api/population/import ${name}`, a);
    }
  },
);

console.log('\nGulou import, per step (upload → accepted):');
for (const r of results) console.log(`  ${r}`);
await server.close();
fs.rmSync(dir, { recursive: true, force: true });
