// `npm run import -- <file> --level street [--crs auto|wgs84|cgcs2000|gcj02|bd09|epsg:NNNN] [--name F --code F --parent F]
// [--parent-id N] [--special-class daily|key|linkage] [--swap-axes] [--yes]`, `npm run import -- <file> --layer
// buildings|roads|water|resources|police_grids [--crs C] [--swap-axes] [--m2-per-household N] [--default-floors N] [--yes]`
// and `npm run import -- <file> --roster [--passwords-file F] [--yes]`: the same dry-run report as the admin page,
// then accept (--yes) or keep the import pending; `--accept ID` / `--cancel ID` decide a pending one (with --roster
// for a roster). Accepting a roster writes the one-time passwords to a file only its owner can read, never to the terminal.
// The embedded database is opened only when no live process holds it: while a server runs on it, the import goes
// through that server's API (--user with --password-file or GRIDWALL_IMPORT_PASSWORD), or is refused saying why.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { AREA_LEVELS } from '../contract/areas.js';
import type { ImportReport } from '../contract/imports.js';
import { isMessage, m, renderMessage, type Lang, type MessageKey } from '../contract/messages/index.js';
import { speak } from '../contract/messages/speak.js';
import { accountByUsername } from '../api/auth/queries.js';
import type { AuthUser } from '../api/auth/session.js';
import { loadConfig } from '../api/config.js';
import { openDb, pgliteDir, type Db } from '../api/db/index.js';
import { DataLocked } from '../api/db/lock.js';
import { migrate } from '../api/db/migrate.js';
import { HttpError } from '../api/http/errors.js';
import { acceptRegrid } from '../api/import/regrid.js';
import { acceptImport, analyseImport, cancelImport } from '../api/import/service.js';
import { importPassword, RemoteLayers, RemoteRefused } from './import-remote.js';
import { isLayerReport, LAYER_KINDS, type LayerImportState } from '../contract/layers.js';
import type { RosterReport } from '../contract/roster.js';
import { progressBar } from '../api/progress-bar.js';
import { acceptLayerImport, analyseLayerImport, cancelLayerImport, getLayerImport } from '../api/layers/service.js';
import { acceptRoster, analyseRoster, cancelRoster } from '../api/workers/roster.js';

const USAGE = `usage: npm run import -- <file> --level district|street|community|grid|special [options]
       npm run import -- <file> --layer buildings|roads|water|resources|police_grids [options]
       npm run import -- <file> --roster [--passwords-file F] [--yes]
  <file>                  GeoJSON, a zipped Shapefile (.zip with .shp .shx .dbf .prj .cpg), CSV or XLSX; layers also
                          an OpenStreetMap extract (.osm.pbf); the roster a CSV or XLSX (姓名/name, 手机号/phone, 网格/grids)
  --swap-axes             the file gives (lat, lon): exchange the axes on reading
  --m2-per-household N    buildings without a household count: floors × footprint ÷ N (default 90)
  --default-floors N      buildings without a number of floors get N (default 6)
  --passwords-file F      where accepting a roster writes the one-time passwords (default
                          ./roster-<id>-passwords.csv, created readable by you only; never printed)
  --crs C                 auto (default: detected and reported), wgs84, cgcs2000, gcj02, bd09, epsg:4513–4554
  --name F --code F       the property/column holding the name and the code (default: guessed, e.g. 名称 / 编码)
  --parent F              the property holding the parent's code or name (default: the parent is found spatially)
  --parent-by code|name   what --parent holds (default: a 12-digit value is a code)
  --parent-id N           put every feature under this area
  --households F          the property holding household counts
  --wkt F | --lon F --lat F   geometry columns of a CSV/XLSX table
  --special-class C       daily, key or linkage (level special)
  --tolerance R           share outside the parent / overlapping before it is reported (default 0.01)
  --user NAME             the account whose scope applies (default admin)
  --password-file F       its password (or GRIDWALL_IMPORT_PASSWORD), to import through a server running on the
                          same embedded data folder
  --yes                   accept at once when there are no errors
  --accept ID | --cancel ID   decide a pending import (a boundary or layer import; with --roster, a roster)`;

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    level: { type: 'string' },
    layer: { type: 'string' },
    roster: { type: 'boolean', default: false },
    'swap-axes': { type: 'boolean', default: false },
    'm2-per-household': { type: 'string' },
    'default-floors': { type: 'string' },
    'passwords-file': { type: 'string' },
    crs: { type: 'string', default: 'auto' },
    name: { type: 'string' },
    code: { type: 'string' },
    parent: { type: 'string' },
    'parent-by': { type: 'string', default: 'auto' },
    'parent-id': { type: 'string' },
    households: { type: 'string' },
    wkt: { type: 'string' },
    lon: { type: 'string' },
    lat: { type: 'string' },
    'special-class': { type: 'string' },
    tolerance: { type: 'string' },
    user: { type: 'string', default: 'admin' },
    'password-file': { type: 'string' },
    yes: { type: 'boolean', default: false },
    accept: { type: 'string' },
    cancel: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
});
const die = (msg: string, code = 2): never => {
  console.error(msg);
  process.exit(code);
};
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
const decide = values.accept ?? values.cancel;
const kinds = [values.level, values.layer, values.roster || undefined].filter((x) => x !== undefined).length;
if (kinds > 1) die('name one of --level, --layer and --roster');
if (!decide && (positionals.length !== 1 || kinds !== 1)) die(USAGE);
if (values.level && !(AREA_LEVELS as readonly string[]).includes(values.level))
  die(`--level must be one of ${AREA_LEVELS.join(', ')}`);
if (values.layer && !(LAYER_KINDS as readonly string[]).includes(values.layer))
  die(`--layer must be one of ${LAYER_KINDS.join(', ')}`);

// Reports and refusals print in Chinese, or in English when the locale (LC_ALL, LC_MESSAGES, LANG) is English.
const locale = process.env.LC_ALL || process.env.LC_MESSAGES || process.env.LANG || '';
const lang: Lang = /^en([_.-]|$)/i.test(locale) ? 'en' : 'zh-CN';

function print(r: ImportReport): void {
  const mark = { error: '✗', warning: '!', info: '·' } as const;
  console.log(
    `\nimport #${r.id} (${r.status}) — ${r.source.filename}: ${r.source.format}${r.source.encoding ? `, ${r.source.encoding}` : ''}, level ${r.level}`,
  );
  console.log(`CRS ${r.crs.name} (${r.crs.confidence}): ${r.crs.reason}`);
  console.log(
    `${r.counts.features} features: ${r.counts.insert} new, ${r.counts.update} updated in place; ${r.counts.errors} errors, ${r.counts.warnings} warnings`,
  );
  const shown = r.problems.slice(0, 60);
  for (const p of shown)
    console.log(`  ${mark[p.severity]} [${p.kind}]${p.feature !== null ? ` #${p.feature + 1}` : ''} ${p.message}`);
  if (r.problems.length > shown.length) console.log(`  … and ${r.problems.length - shown.length} more`);
}

const config = loadConfig();
const options = {
  level: values.level as never,
  crs: values.crs!,
  mapping: {
    name: values.name,
    code: values.code,
    parent: values.parent,
    parentBy: values['parent-by'] as never,
    households: values.households,
    wkt: values.wkt,
    lon: values.lon,
    lat: values.lat,
    ...(values['swap-axes'] ? { swapAxes: true } : {}),
  },
  parentId: values['parent-id'] === undefined ? undefined : Number(values['parent-id']),
  specialClass: values['special-class'] as never,
  tolerance: values.tolerance === undefined ? undefined : Number(values.tolerance),
};
const layerOptions = {
  layer: values.layer as never,
  crs: values.crs!,
  mapping: {
    name: values.name,
    code: values.code,
    households: values.households,
    wkt: values.wkt,
    lon: values.lon,
    lat: values.lat,
    ...(values['swap-axes'] ? { swapAxes: true } : {}),
  },
  ...(values['m2-per-household'] ? { m2PerHousehold: Number(values['m2-per-household']) } : {}),
  ...(values['default-floors'] ? { defaultFloors: Number(values['default-floors']) } : {}),
};
const say = (msg: Parameters<typeof renderMessage>[0]) => renderMessage(msg, lang);

function printLayer(r: LayerImportState): void {
  if (!isLayerReport(r)) {
    console.log(`\nlayer import #${r.id} (${r.status}) — ${r.filename}${r.message ? `: ${r.message}` : ''}`);
    return;
  }
  const mark = { error: '✗', warning: '!', info: '·' } as const;
  console.log(
    `\nlayer import #${r.id} (${r.status}) — ${r.source.filename}: ${r.source.format}${r.source.encoding ? `, ${r.source.encoding}` : ''}, layer ${r.layer}`,
  );
  console.log(`CRS ${r.crs.name} (${r.crs.confidence}): ${r.crs.reason}`);
  const c = r.counts;
  console.log(
    `${c.features} features: ${c.ready} ready${r.layer === 'buildings' ? ` (${c.households} households, ${c.estimated} estimated; ${c.updates ?? 0} earlier buildings updated in place, ${c.keeps ?? 0} kept)` : ''}, ${c.replaces} replaced; ${c.errors} errors, ${c.warnings} warnings`,
  );
  const shown = r.problems.slice(0, 60);
  for (const p of shown)
    console.log(`  ${mark[p.severity]} [${p.kind}]${p.feature !== null ? ` #${p.feature + 1}` : ''} ${p.message}`);
  if (r.problems.length > shown.length) console.log(`  … and ${r.problems.length - shown.length} more`);
}

function printRoster(r: RosterReport): void {
  console.log(`\nroster #${r.id} (${r.status}) — ${r.fileName}`);
  console.log(
    `${r.counts.insert} new workers, ${r.counts.update} updated (by phone); ${r.counts.refused} rows refused`,
  );
  for (const x of r.refused.slice(0, 60)) console.log(`  ✗ line ${x.line}: ${x.reason}`);
  if (r.refused.length > 60) console.log(`  … and ${r.refused.length - 60} more`);
}

/**
 * The one-time passwords of an accepted roster go to a new file readable by its owner only (mode 0600), never to the
 * terminal: an admin hands each worker their own line, and a password in scrollback, a CI log or a shared screen is
 * one nobody can take back. Answers the file's path.
 */
function writePasswords(id: number, csv: string, count: number): boolean {
  const file = path.resolve(values['passwords-file'] ?? `roster-${id}-passwords.csv`);
  try {
    fs.writeFileSync(file, csv, { flag: 'wx', mode: 0o600 });
  } catch (e) {
    // The roster is written; the passwords are answered once: say where they could not go, and print nothing else.
    console.error(`the one-time passwords could not be written to ${file}: ${(e as Error).message}`);
    console.error('reset the new accounts’ passwords from the admin page to hand them out');
    process.exitCode = 1;
    return false;
  }
  console.log(`${count} one-time passwords written to ${file} (readable by you only): hand them out, then delete it`);
  return true;
}

/** Progress on stderr: a bar on a terminal, a line per step otherwise. */
function layerProgress() {
  const bar = progressBar();
  const step = (s: string, done: number | null, total: number | null) =>
    bar(
      isMessage({ key: `layers.step.${s}` }) ? renderMessage(m(`layers.step.${s}` as MessageKey), lang) : s,
      done ?? 0,
      total ?? 0,
    );
  return { step, done: () => bar.done() };
}
const file = positionals[0];
if (!decide && !fs.existsSync(file)) die(`no such file: ${file}`);

let db: Db;
try {
  db = await openDb(
    config.databaseUrl
      ? { databaseUrl: config.databaseUrl }
      : { dataDir: pgliteDir(config.dataDir), role: 'cli', log: (msg) => console.error(msg) },
  );
} catch (e) {
  if (!(e instanceof DataLocked)) throw e;
  // Never open a folder a live process holds: go through the server that holds it, or say how to proceed.
  const h = e.holder;
  console.error(say(e.text));
  if (h.role !== 'server' || !h.url) process.exit(3);
  const password = importPassword(values['password-file']);
  if (password === null) die(say(m('datalock.needPassword', { user: values.user!, pid: h.pid })), 3);
  process.exit(await throughServer(h.url!, h.pid, password!));
}

/** The same steps through the running server's API; answers the exit code. */
async function throughServer(url: string, pid: number, password: string): Promise<number> {
  console.error(say(m('datalock.viaServer', { url, user: values.user! })));
  const api = new RemoteLayers({ url, pid, user: values.user!, lang });
  try {
    await api.login(password);
    if (decide && values.roster) {
      const id = Number(decide);
      const r = await api.decideRoster(id, values.accept ? 'accept' : 'cancel');
      printRoster(r);
      if ('passwordsCsv' in r) writePasswords(id, r.passwordsCsv, r.passwords.length);
      return process.exitCode === 1 ? 1 : 0;
    }
    if (decide && (await api.layerImport(Number(decide)))) {
      printLayer(await api.decideLayer(Number(decide), values.accept ? 'accept' : 'cancel'));
      return 0;
    }
    if (values.roster) {
      const report = await api.analyseRoster(file);
      printRoster(report);
      if (!report.acceptable) {
        console.log('\nnot accepted: fix the refused rows and import again (nothing was written)');
        return 1;
      }
      if (values.yes) {
        const r = await api.decideRoster(report.id, 'accept');
        printRoster(r);
        if ('passwordsCsv' in r) writePasswords(report.id, r.passwordsCsv, r.passwords.length);
      } else console.log(`\npending: npm run import -- --roster --accept ${report.id}   (or --cancel ${report.id})`);
      return process.exitCode === 1 ? 1 : 0;
    }
    if (values.layer) {
      const bar = layerProgress();
      const report = await api.analyseLayer(file, layerOptions, (p) => bar.step(p.step, p.done, p.total));
      bar.done();
      printLayer(report);
      if (!report.acceptable) {
        console.log('\nnot accepted: fix the errors and import again (nothing was written)');
        return 1;
      }
      if (values.yes) {
        printLayer(await api.decideLayer(report.id, 'accept'));
        console.log('accepted: written in one transaction by the running server');
      } else console.log(`\n${say(m('datalock.decideByServer', { id: report.id }))}`);
      return 0;
    }
    if (decide) {
      print(await api.decide(Number(decide), values.accept ? 'accept' : 'cancel'));
      return 0;
    }
    const report = await api.analyse(file, options);
    print(report);
    if (!report.acceptable) {
      console.log('\nnot accepted: fix the errors and import again (nothing was written)');
      return 1;
    }
    if (values.yes) {
      print(await api.decide(report.id, 'accept'));
      console.log('accepted: written in one transaction by the running server');
    } else console.log(`\n${say(m('datalock.decideByServer', { id: report.id }))}`);
    return 0;
  } catch (e) {
    if (!(e instanceof RemoteRefused)) throw e;
    console.error(e.status ? `${e.status}: ${e.message}` : e.message);
    return e.status === 0 ? 3 : 1;
  }
}

let exitCode = 0;
try {
  await migrate(db);
  const account = await accountByUsername(db, values.user!);
  if (!account || !account.active) die(`no active account "${values.user}"`);
  const user: AuthUser = {
    id: account!.id,
    username: account!.username,
    displayName: account!.displayName,
    role: account!.role,
    areaId: account!.areaId,
    areaPath: account!.areaPath,
    areaName: account!.areaName,
    areaLevel: account!.areaLevel,
  };
  const layerKind = decide
    ? (
        await db.query<{ kind: string }>(`SELECT kind FROM imports WHERE id = $1`, [Number(decide)]).catch(() => ({
          rows: [],
        }))
      ).rows[0]?.kind
    : undefined;
  if (decide && values.roster) {
    const id = Number(decide);
    if (values.accept) {
      const r = speak(await acceptRoster(db, user, id), lang);
      printRoster(r);
      if (!writePasswords(id, r.passwordsCsv, r.passwords.length)) exitCode = 1;
    } else printRoster(speak(await cancelRoster(db, user, id), lang));
  } else if (decide && layerKind === 'layer') {
    const id = Number(decide);
    printLayer(
      speak(values.accept ? await acceptLayerImport(db, user, id) : await cancelLayerImport(db, user, id), lang),
    );
  } else if (values.roster) {
    const report = await analyseRoster(db, user, path.basename(file), fs.readFileSync(file));
    printRoster(speak(report, lang));
    if (!report.acceptable) {
      console.log('\nnot accepted: fix the refused rows and import again (nothing was written)');
      exitCode = 1;
    } else if (values.yes) {
      const r = speak(await acceptRoster(db, user, report.id), lang);
      printRoster(r);
      if (!writePasswords(report.id, r.passwordsCsv, r.passwords.length)) exitCode = 1;
    } else console.log(`\npending: npm run import -- --roster --accept ${report.id}   (or --cancel ${report.id})`);
  } else if (values.layer) {
    const bar = layerProgress();
    const analysed = await analyseLayerImport(
      db,
      user,
      path.basename(file),
      fs.readFileSync(file),
      layerOptions,
      (st, d, t) => bar.step(st, d ?? null, t ?? null),
    );
    bar.done();
    const report = speak((await getLayerImport(db, user, analysed!.id)) as typeof analysed & object, lang);
    printLayer(report as LayerImportState);
    if (!analysed!.acceptable) {
      console.log('\nnot accepted: fix the errors and import again (nothing was written)');
      exitCode = 1;
    } else if (values.yes) {
      printLayer(speak(await acceptLayerImport(db, user, analysed!.id), lang) as LayerImportState);
      console.log(
        'accepted: written in one transaction (a running server shows the new layer once its tile cache is refreshed by a restart)',
      );
    } else console.log(`\npending: npm run import -- --accept ${analysed!.id}   (or --cancel ${analysed!.id})`);
  } else if (decide) {
    const id = Number(decide);
    // A re-gridding's order moves are in the event log: open walls of a running server find them at its next
    // watermark check (contract/push-check.ts), as they would a push lost between nodes.
    const orders = { policy: config.policy, now: () => new Date() };
    const r = values.accept
      ? (await acceptImport(db, user, id, { regrid: acceptRegrid(orders) })).report
      : await cancelImport(db, user, id);
    print(speak(r, lang));
  } else {
    const bytes = fs.readFileSync(file);
    const t0 = Date.now();
    const report = await analyseImport(db, user, path.basename(file), bytes, options, (step) =>
      process.stderr.write(
        `  ${isMessage({ key: `import.step.${step}` }) ? renderMessage(m(`import.step.${step}` as MessageKey), lang) : step} … ${((Date.now() - t0) / 1000).toFixed(1)} s\n`,
      ),
    );
    print(speak(report, lang));
    if (!report.acceptable) {
      console.log('\nnot accepted: fix the errors and import again (nothing was written)');
      exitCode = 1;
    } else if (values.yes) {
      print(speak((await acceptImport(db, user, report.id)).report, lang));
      console.log(
        'accepted: written in one transaction (a running server shows the new boundaries once its tile cache is refreshed by a restart)',
      );
    } else {
      console.log(`\npending: npm run import -- --accept ${report.id}   (or --cancel ${report.id})`);
    }
  }
} catch (e) {
  if (e instanceof HttpError) {
    console.error(`${e.status}: ${typeof e.text === 'string' ? e.text : renderMessage(e.text, lang)}`);
    exitCode = 1;
  } else throw e;
} finally {
  await db!.close();
}
process.exit(exitCode);
