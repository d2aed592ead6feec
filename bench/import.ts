// Import validation of a whole level of the full city: every grid (~1,000) sent back as GCJ-02 GeoJSON, read,
// CRS detected against the stored boundaries, repaired, parented and topology-checked into a pending report,
// as a ratio to a bare pass that only parses the same geometries and runs ST_IsValid on them; then re-gridding
// proposals for communities. Nothing is accepted (each import is cancelled).
// Usage: npx tsx bench/import.ts [--size small|full] [--communities 10]   (DATABASE_URL selects PostgreSQL + PostGIS)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { prepare } from '../api/bootstrap.js';
import { accountByUsername } from '../api/auth/queries.js';
import type { AuthUser } from '../api/auth/session.js';
import { proposeRegrid } from '../api/import/regrid.js';
import { analyseImport, cancelImport } from '../api/import/service.js';
import { wgs84ToGcj02 } from '../geodata/crs/china.js';
import { ms, summarize, time } from './stats.js';

const { values } = parseArgs({
  options: {
    size: { type: 'string', default: 'full' },
    'data-dir': { type: 'string' },
    communities: { type: 'string', default: '10' },
  },
});
const size = values.size === 'small' ? 'small' : 'full';
const dataDir = values['data-dir'] ?? path.join(os.tmpdir(), `gridwall-bench-${size}`);
fs.mkdirSync(dataDir, { recursive: true });
const [prepMs, { db, seeded }] = await time(() =>
  prepare({
    databaseUrl: process.env.DATABASE_URL,
    dataDir,
    seedSize: size,
    seed: 20181,
    demoPassword: 'bench-password',
  }),
);
console.log(
  `database: ${db.kind} (PostGIS ${db.capabilities.postgis}); ${seeded ? 'seeded' : 'opened'} in ${ms(prepMs)}`,
);

const a = (await accountByUsername(db, 'admin'))!;
const admin: AuthUser = {
  id: a.id,
  username: a.username,
  displayName: a.displayName,
  role: a.role,
  areaId: a.areaId,
  areaPath: a.areaPath,
  areaName: a.areaName,
  areaLevel: a.areaLevel,
};
const rows = (
  await db.query<{ code: string; name: string; g: string }>(
    `SELECT code, name, ST_AsGeoJSON(geom, 9) AS g FROM areas WHERE level = 'grid' ORDER BY code`,
  )
).rows;
const shift = (g: { type: string; coordinates: number[][][][] }) => ({
  type: g.type,
  coordinates: g.coordinates.map((p) => p.map((r) => r.map((c) => wgs84ToGcj02([c[0], c[1]])))),
});
const features = rows.map((r) => ({
  type: 'Feature',
  properties: { name: r.name, code: r.code },
  geometry: shift(JSON.parse(r.g)),
}));
const file = Buffer.from(JSON.stringify({ type: 'FeatureCollection', features }));
console.log(`layer: ${rows.length} grids, ${(file.length / 1024 / 1024).toFixed(1)} MiB of GCJ-02 GeoJSON`);

const baseline: number[] = [];
const full: number[] = [];
let report = null as Awaited<ReturnType<typeof analyseImport>> | null;
for (let i = 0; i < 3; i++) {
  const [b] = await time(async () => {
    const parsed = JSON.parse(file.toString('utf8')) as { features: { geometry: unknown }[] };
    await db.query(
      `SELECT count(*) FILTER (WHERE ST_IsValid(ST_SetSRID(ST_GeomFromGeoJSON(e), 4326))) FROM jsonb_array_elements($1::jsonb) e`,
      [JSON.stringify(parsed.features.map((f) => f.geometry))],
    );
  });
  baseline.push(b);
  const [t, r] = await time(() => analyseImport(db, admin, 'grids-gcj02.geojson', file, { level: 'grid' }));
  full.push(t);
  report = r;
  await cancelImport(db, admin, r.id);
}
const b = summarize(baseline);
const f = summarize(full);
console.log(
  `validation report: p50 ${ms(f.p50)} (baseline parse + ST_IsValid p50 ${ms(b.p50)}; ratio ${(f.p50 / b.p50).toFixed(1)}×); CRS ${report!.crs.name} (${report!.crs.confidence}), ${report!.counts.update} updates, ${report!.counts.errors} errors, ${report!.counts.warnings} warnings`,
);

const communities = (
  await db.query<{ id: number }>(`SELECT id FROM areas WHERE level = 'community' ORDER BY households DESC LIMIT $1`, [
    Number(values.communities),
  ])
).rows;
const regrid: number[] = [];
let grids = 0;
const outOfRange: number[] = [];
const inPieces: number[] = [];
for (const c of communities) {
  const [t, r] = await time(() => proposeRegrid(db, admin, { communityId: c.id }));
  regrid.push(t);
  outOfRange.push(r.features.filter((x) => (x.households ?? 0) < 300 || (x.households ?? 0) > 500).length);
  inPieces.push(r.problems.filter((p) => p.kind === 'gap').length);
  grids += r.features.length;
  await cancelImport(db, admin, r.id);
}
const g = summarize(regrid);
console.log(
  `re-gridding proposal (${communities.length} largest communities): p50 ${ms(g.p50)}, max ${ms(g.max)}; ${grids} grids, outside 300–500 households: ${outOfRange.reduce((x, y) => x + y, 0)}, in more than one piece: ${inPieces.reduce((x, y) => x + y, 0)}`,
);
await db.close();
