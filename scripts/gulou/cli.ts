// `npm run gulou -- --out DIR [--seed N] [--scale full|excerpt]`: writes the generated Gulou data set (over the
// real outline in ../shared/data/nanjing-gulou, or --data DIR) with a README saying what is generated.
// `npm run gulou -- roster-for-grids --grids grids.geojson --out roster.csv [--seed N]`: one worker per grid.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Rng } from '../../geodata/city/rng.js';
import { type Scale, generateGulou } from './generate.js';
import { rosterCsv } from './people.js';
import { outputReadme } from './readme.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    out: { type: 'string' },
    seed: { type: 'string', default: '320106' },
    scale: { type: 'string', default: 'full' },
    data: { type: 'string', default: path.resolve('../shared/data/nanjing-gulou') },
    grids: { type: 'string' },
  },
});
const seed = Number(values.seed);
if (!Number.isInteger(seed) || seed < 0) throw new Error(`--seed must be a whole number, not ${values.seed}`);
if (!values.out) throw new Error('--out is required');

if (positionals[0] === 'roster-for-grids') {
  if (!values.grids) throw new Error('roster-for-grids needs --grids FILE (grids exported as GeoJSON)');
  const grids = (
    JSON.parse(fs.readFileSync(values.grids, 'utf8')) as { features: { properties: Record<string, unknown> }[] }
  ).features
    .map((f) => ({ code: String(f.properties.code ?? ''), name: String(f.properties.name ?? '') }))
    .filter((g) => g.code);
  if (!grids.length) throw new Error(`${values.grids}: no feature with a code property`);
  fs.writeFileSync(values.out, rosterCsv(grids, new Rng(seed).fork('roster')));
  console.log(`${values.out}: ${grids.length} grid workers`);
} else {
  if (values.scale !== 'full' && values.scale !== 'excerpt') throw new Error('--scale is full or excerpt');
  const scale = values.scale as Scale;
  const d = values.data;
  const t0 = performance.now();
  const files = generateGulou({
    outlineFile: path.join(d, 'gulou_district_gcj02.geojson'),
    committeesFile: path.join(d, 'gulou_communities_points_gcj02.geojson'),
    streetsFile: path.join(d, 'gulou_streets_points_gcj02.geojson'),
    seed,
    scale,
  });
  fs.mkdirSync(values.out, { recursive: true });
  for (const [name, body] of files) fs.writeFileSync(path.join(values.out, name), body);
  fs.writeFileSync(path.join(values.out, 'README.md'), outputReadme(files, seed, scale));
  for (const [name, body] of files) console.log(`${name}: ${(Buffer.byteLength(body) / 1024).toFixed(0)} KiB`);
  console.log(`generated in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}
