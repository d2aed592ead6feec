// Layer imports: read the file, settle its CRS, map its fields, check every feature against the importer's
// area, and keep the result as a pending import with its report (nothing written) — as a job, whose progress the
// import shows until the report is there; accept writes it in one transaction (replacing the roads, water or police
// grids inside the area, or the earlier buildings of the communities a buildings file covers), cancel writes nothing.
import type { Geometry } from 'geojson';
import {
  LayerImportOptions,
  type LayerAnalysisStep,
  type LayerImportJob,
  type LayerFeature,
  type LayerKind,
  type LayerReport,
} from '../../contract/layers.js';
import { bilingual, m, type Message } from '../../contract/messages/index.js';
import type { Said } from '../../contract/messages/speak.js';
import type { AuthUser } from '../auth/session.js';
import type { Db, Queryable } from '../db/index.js';
import { Conflict, HttpError, Invalid, NotFound } from '../http/errors.js';
import { FinalJobError, type JobKind, type JobRunner } from '../jobs/runner.js';
import { issueText } from '../http/route.js';
import { refreshAreaCounts } from '../population/aggregates.js';
import { POPULATION_WRITE_LOCK } from '../population/import.js';
import { addressOf, count, pickField, resourceKindOf, roadClassOf, text } from './mapping.js';
import * as sql from './queries.js';
import { readLayerFile } from './read.js';

export type Progress = (step: LayerAnalysisStep, done?: number, total?: number) => void | Promise<void>;

/** Features checked against the area per query: progress is recorded between them. */
const CHECK_BATCH = 2000;

type Problem = Said<LayerReport['problems'][number], 'message'>;
export type StoredLayerReport = Omit<LayerReport, 'problems' | 'crs'> & {
  problems: Problem[];
  crs: Omit<LayerReport['crs'], 'reason' | 'messageKey' | 'params'> & { reason: Message };
};

const PREVIEW = 2000;
const POLYGONS = new Set(['Polygon', 'MultiPolygon']);
const LINES = new Set(['LineString', 'MultiLineString']);

/** Which geometries each layer takes. */
const TAKES: Record<LayerKind, (t: string) => boolean> = {
  buildings: (t) => POLYGONS.has(t) || t === 'Point',
  roads: (t) => LINES.has(t),
  water: (t) => POLYGONS.has(t),
  resources: (t) => t === 'Point',
  police_grids: (t) => POLYGONS.has(t),
};

export async function analyseLayerImport(
  db: Db,
  user: AuthUser,
  filename: string,
  bytes: Buffer,
  input: LayerImportOptions,
  progress: Progress = () => undefined,
  into?: number,
): Promise<StoredLayerReport | null> {
  const opts = layerOptions(input);
  const layer = opts.layer;
  await progress('read');
  const file = await readLayerFile(db, user, filename, bytes, layer, opts);
  const problems: Problem[] = [];
  const problem = (severity: Problem['severity'], kind: Problem['kind'], feature: number | null, message: Message) =>
    problems.push({ severity, kind, feature, message });
  problem(file.crs.confidence === 'low' ? 'warning' : 'info', 'crs', null, file.crs.reason);
  if (file.doubt) problem('warning', 'crs', null, file.doubt);
  if (file.otherLayers) problem('info', 'not_imported', null, m('layers.otherLayers', { count: file.otherLayers }));

  const f = file.fields;
  const field = {
    name: pickField(f, opts.mapping.name, 'name'),
    code: pickField(f, opts.mapping.code, 'code'),
    households: pickField(f, opts.mapping.households, 'households'),
    floors: pickField(f, opts.mapping.floors, 'floors'),
    address: pickField(f, opts.mapping.address, 'address'),
    roadClass: pickField(f, opts.mapping.roadClass, 'roadClass'),
    kind: pickField(f, opts.mapping.kind, 'kind'),
  };
  if (layer === 'police_grids' && !field.name)
    throw new Invalid(m('import.noNameField', { fields: f.join(', ') }), { fields: f });

  await progress('convert');
  // Multi-part lines become one road per part (the road graph and the roads table hold LineStrings).
  const parts: { index: number; props: Record<string, unknown>; g: Geometry }[] = [];
  let wrong = 0;
  file.features.forEach((feat, index) => {
    const g = feat.geometry;
    if (!g) {
      problem('warning', 'no_geometry', index, m('layers.noGeometry', { n: index + 1 }));
      return;
    }
    if (!TAKES[layer](g.type)) {
      if (wrong++ < 20)
        problem('warning', 'wrong_geometry', index, m('layers.wrongGeometry', { n: index + 1, type: g.type }));
      return;
    }
    if (g.type === 'MultiLineString')
      for (const line of g.coordinates)
        parts.push({ index, props: feat.properties, g: { type: 'LineString', coordinates: line } });
    else parts.push({ index, props: feat.properties, g });
  });
  if (wrong > 20) problem('warning', 'wrong_geometry', null, m('layers.wrongGeometryMore', { count: wrong - 20 }));

  await progress('check', 0, parts.length);
  const checked: sql.Checked[] = [];
  for (let s = 0; s < parts.length; s += CHECK_BATCH) {
    const batch = parts.slice(s, s + CHECK_BATCH).map((p, k) => ({ i: s + k, g: p.g }));
    checked.push(...(await sql.checkFeatures(db, user.areaId, batch)));
    await progress('check', Math.min(parts.length, s + CHECK_BATCH), parts.length);
  }
  const rows: sql.LayerRow[] = [];
  const preview: LayerFeature[] = [];
  const byClass: Record<string, number> = {};
  const unknownKinds: Record<string, number> = {};
  let outside = 0;
  let households = 0;
  let estimated = 0;
  let floorsDefaulted = 0;
  let noHouseholds = 0;
  for (const c of checked) {
    const p = parts[c.i];
    if (!c.geom) {
      problem('warning', 'wrong_geometry', p.index, m('layers.emptyGeometry', { n: p.index + 1 }));
      continue;
    }
    if (!c.inside) {
      outside++;
      continue;
    }
    const geometry = JSON.parse(c.geom) as Geometry;
    const name = (field.name ? text(p.props[field.name]) : '').slice(0, 100);
    const row: sql.LayerRow = { name, geometry };
    const feature: LayerFeature = { index: p.index, name, geometry };
    if (layer === 'buildings') {
      const floorsGiven = field.floors ? count(p.props[field.floors]) : null;
      const floors = Math.min(200, Math.max(1, floorsGiven ?? opts.defaultFloors));
      if (!floorsGiven) floorsDefaulted++;
      let hh = field.households ? count(p.props[field.households]) : null;
      const isEstimate = hh === null && c.areaM2 > 0;
      if (isEstimate) hh = Math.max(1, Math.round((floors * c.areaM2) / opts.m2PerHousehold));
      if (hh === null) {
        noHouseholds++;
        hh = 0;
      }
      const address = addressOf(p.props, field.address) || name;
      Object.assign(row, {
        households: hh,
        floors,
        address,
        point: JSON.parse(c.point!),
        geometry: geometry.type === 'Point' ? null : geometry,
      });
      Object.assign(feature, { households: hh, estimated: isEstimate, floors, address });
      households += hh;
      if (isEstimate) estimated += hh;
    } else if (layer === 'roads') {
      const raw = field.roadClass ? text(p.props[field.roadClass]) : '';
      const roadClass = roadClassOf(raw);
      row.roadClass = roadClass;
      row.name = name || '';
      feature.roadClass = roadClass;
      byClass[roadClass] = (byClass[roadClass] ?? 0) + 1;
    } else if (layer === 'water') {
      row.name = name;
    } else if (layer === 'resources') {
      const { raw, kind } = resourceKindOf(p.props, field.kind);
      if (!kind) {
        const key = raw || '—';
        unknownKinds[key] = (unknownKinds[key] ?? 0) + 1;
        continue;
      }
      if (!name) {
        problem('warning', 'missing_name', p.index, m('layers.resourceWithoutName', { n: p.index + 1 }));
        continue;
      }
      row.kind = kind;
      row.address = addressOf(p.props, field.address);
      feature.kind = kind;
      byClass[kind] = (byClass[kind] ?? 0) + 1;
    } else {
      if (!name) {
        problem('error', 'missing_name', p.index, m('import.featureWithoutName', { n: p.index + 1 }));
        continue;
      }
      row.code = (field.code ? text(p.props[field.code]) : '').slice(0, 64);
      feature.code = row.code;
    }
    rows.push(row);
    if (preview.length < PREVIEW) preview.push(feature);
  }
  if (outside) problem('warning', 'out_of_scope', null, m('layers.outsideArea', { count: outside }));
  if (layer === 'buildings') {
    if (estimated)
      problem(
        'info',
        'estimated',
        null,
        m('layers.householdsEstimated', { households: estimated, m2: opts.m2PerHousehold }),
      );
    if (floorsDefaulted)
      problem(
        'info',
        'defaulted',
        null,
        m('layers.floorsDefaulted', { count: floorsDefaulted, floors: opts.defaultFloors }),
      );
    if (noHouseholds)
      problem('warning', 'estimated', null, m('layers.pointsWithoutHouseholds', { count: noHouseholds }));
  }
  for (const [raw, n] of Object.entries(unknownKinds))
    problem('warning', 'unknown_kind', null, m('layers.unknownKind', { value: raw, count: n }));
  let replaces: number;
  let buildingPlan: { updates: number; keeps: number; remove: number[] } | null = null;
  if (layer === 'buildings') {
    await progress('match');
    buildingPlan = await planBuildings(db, user, rows, problem);
    replaces = buildingPlan.remove.length;
  } else {
    await progress('replaces');
    replaces = await sql.replacedCount(db, layer, user.areaId, user.areaPath);
  }
  if (replaces && layer === 'buildings')
    problem('info', 'replaced', null, m('layers.replaces.buildings', { count: replaces }));
  else if (replaces)
    problem(
      'info',
      'replaced',
      null,
      m(`layers.replaces.${layer === 'police_grids' ? 'police' : 'rows'}`, { count: replaces }),
    );
  if (rows.length === 0) problem('error', 'not_imported', null, m('layers.nothingToImport'));

  const errors = problems.filter((x) => x.severity === 'error').length;
  const report: Omit<StoredLayerReport, 'id' | 'status' | 'createdAt' | 'decidedAt'> = {
    kind: 'layer',
    layer,
    source: { filename, format: file.format, encoding: file.encoding, fields: f },
    crs: {
      name: file.crs.crs.name,
      confidence: file.crs.confidence,
      reason: file.crs.reason,
      ...(file.crs.alignment ? { alignment: file.crs.alignment } : {}),
    },
    settings: { m2PerHousehold: opts.m2PerHousehold, defaultFloors: opts.defaultFloors },
    counts: {
      features: file.features.length,
      ready: rows.length,
      otherLayers: file.otherLayers,
      errors,
      warnings: problems.filter((x) => x.severity === 'warning').length,
      households,
      estimated,
      replaces,
      ...(buildingPlan ? { updates: buildingPlan.updates, keeps: buildingPlan.keeps } : {}),
    },
    byClass,
    unknownKinds,
    problems,
    features: preview,
    acceptable: errors === 0 && rows.length > 0,
  };
  await progress('store');
  // What accept removes stays with the import, out of the answers (a district's buildings are tens of thousands).
  const stored = buildingPlan ? { ...report, replacing: { remove: buildingPlan.remove } } : report;
  if (into !== undefined) {
    const saved = await sql.completeLayerImport(db, into, stored, rows);
    if (!saved) return null; // cancelled meanwhile, or finished by an earlier run
    return { ...report, id: into, status: 'pending', createdAt: saved.createdAt, decidedAt: null };
  }
  const saved = await sql.insertLayerImport(db, {
    layer,
    scopePath: user.areaPath,
    createdBy: user.id,
    report: stored,
    rows,
  });
  return { ...report, id: saved.id, status: 'pending', createdAt: saved.createdAt, decidedAt: null };
}

/** The options of a layer import, or a 400 naming what is wrong with them. */
export function layerOptions(input: LayerImportOptions) {
  const parsed = LayerImportOptions.safeParse(input);
  if (!parsed.success)
    throw new Invalid(
      m('import.invalidOptions', {
        issues: parsed.error.issues.map((i) => m('common.issueAt', { at: i.path.join('.'), issue: issueText(i) })),
      }),
    );
  return parsed.data;
}

/**
 * A buildings file replaces the earlier buildings of the area it covers: each earlier building that a new one matches
 * (the same address nearby, else the most overlapping footprint) is updated in place, so the residents linked to it
 * keep their building; an unmatched one is removed, unless residents live in it or survey answers name it: then it is
 * kept, and the report says so. Marks the matched rows with the id they take over.
 */
async function planBuildings(
  db: Db,
  user: AuthUser,
  rows: sql.LayerRow[],
  problem: (severity: Problem['severity'], kind: Problem['kind'], feature: number | null, message: Message) => void,
): Promise<{ updates: number; keeps: number; remove: number[] }> {
  const { earlier, candidates } = await db.tx((q) =>
    sql.earlierBuildings(
      q,
      user.areaId,
      user.areaPath,
      rows.map((r, i) => ({ i, point: r.point, geometry: r.geometry, address: r.address ?? '' })),
    ),
  );
  const takenOld = new Set<number>();
  const takenNew = new Set<number>();
  const pick = (list: sql.BuildingCandidate[]) => {
    for (const c of list) {
      if (takenOld.has(c.id) || takenNew.has(c.i)) continue;
      takenOld.add(c.id);
      takenNew.add(c.i);
      rows[c.i].existingId = c.id;
    }
  };
  const byScore = (a: sql.BuildingCandidate, b: sql.BuildingCandidate) => b.score - a.score || a.id - b.id || a.i - b.i;
  pick(candidates.filter((c) => c.by === 'address').sort(byScore));
  pick(candidates.filter((c) => c.by === 'overlap' && c.score >= 0.5).sort(byScore));
  let residents = 0;
  const kept = { count: 0, households: 0, residents: 0 };
  const remove: number[] = [];
  for (const b of earlier) {
    if (takenOld.has(b.id)) residents += b.residents;
    else if (b.residents > 0 || b.surveyed) {
      kept.count++;
      kept.households += b.households;
      kept.residents += b.residents;
    } else remove.push(b.id);
  }
  if (takenOld.size)
    problem('info', 'replaced', null, m('layers.buildingsMatched', { count: takenOld.size, residents }));
  if (kept.count) problem('warning', 'replaced', null, m('layers.buildingsKept', kept));
  return { updates: takenOld.size, keeps: kept.count, remove };
}

/** What the imports row's report holds besides the report: where the analysis is, and what accept removes. */
interface Analysis {
  phase?: 'analysing' | 'failed';
  failure?: Message | string;
  replacing?: { remove: number[] };
}

/** A layer import whose analysis has not produced its report: analysing, or failed with the reason. */
export type StoredLayerJob = Omit<LayerImportJob, 'message' | 'messageKey' | 'params'> & {
  message: Message | string | null;
};

export const pollPath = (id: number) => `/api/layers/imports/${id}`;

const withState = (r: sql.LayerImportRow): StoredLayerReport => {
  const { phase: _p, failure: _f, replacing: _r, ...report } = r.report as Record<string, unknown> & Analysis;
  return {
    ...report,
    id: r.id,
    status: r.status,
    createdAt: new Date(r.createdAt).toISOString(),
    decidedAt: r.decidedAt ? new Date(r.decidedAt).toISOString() : null,
  } as StoredLayerReport;
};

function asJob(
  r: sql.LayerImportRow,
  job: { state: string; progress: unknown; attempts: number } | null,
): StoredLayerJob {
  const rep = r.report as Analysis & { source?: { filename?: string } };
  const failed = rep.phase === 'failed';
  const requeued = !failed && r.status === 'pending' && job?.state === 'queued' && job.attempts > 0;
  const progress =
    (job?.progress as StoredLayerJob['progress']) ?? (failed ? null : { step: 'queued', done: null, total: null });
  return {
    id: r.id,
    kind: 'layer',
    layer: r.layer,
    status: failed ? 'failed' : r.status === 'cancelled' ? 'cancelled' : 'analysing',
    createdAt: new Date(r.createdAt).toISOString(),
    filename: rep.source?.filename ?? '',
    progress:
      failed || r.status !== 'pending' ? null : requeued ? { step: 'queued', done: null, total: null } : progress,
    poll: pollPath(r.id),
    message: failed ? (rep.failure ?? null) : requeued ? m('layers.analysisRequeued') : null,
  };
}

async function own(q: Queryable, user: AuthUser, id: number, lock: boolean) {
  const r = await sql.layerImportInScope(q, user.areaPath, id, lock);
  if (!r) throw new NotFound(m('import.notFoundInScope', { id }));
  return r;
}

/** The report once the analysis is done; else where the analysis stands (its job's progress), or why it failed. */
export async function getLayerImport(
  db: Queryable,
  user: AuthUser,
  id: number,
): Promise<StoredLayerReport | StoredLayerJob> {
  const r = await own(db, user, id, false);
  const phase = (r.report as Analysis).phase;
  if (!phase) return withState(r);
  return asJob(r, phase === 'analysing' && r.status === 'pending' ? await sql.layerJob(db, layerJobId(id)) : null);
}

export async function listLayerImports(db: Queryable, user: AuthUser) {
  return (await sql.recentLayerImports(db, user.areaPath)).map((r) => {
    const rep = r.report as Analysis & {
      source?: { filename?: string };
      counts?: { ready?: number; errors?: number };
    };
    return {
      id: r.id,
      layer: r.layer,
      status:
        rep.phase === 'failed'
          ? 'failed'
          : rep.phase === 'analysing' && r.status === 'pending'
            ? 'analysing'
            : r.status,
      filename: rep.source?.filename ?? '',
      ready: rep.counts?.ready ?? 0,
      errors: rep.counts?.errors ?? 0,
      createdAt: new Date(r.createdAt).toISOString(),
    };
  });
}

// ---- the analysis as a job -----------------------------------------------------------------------------------

export const LAYER_JOB_KIND = 'layer-analysis';
export const layerJobId = (importId: number) => `layer-import-${importId}`;

/** What the job keeps besides the file: the import it fills, who imported, and the options. */
interface LayerJobPayload {
  importId: number;
  filename: string;
  options: LayerImportOptions;
  user: AuthUser;
}

/**
 * Checks the options, then records the import (analysing, nothing to accept yet) and queues its analysis with the
 * file, in one transaction; the answer says where to poll.
 */
export async function startLayerImport(
  db: Db,
  jobs: JobRunner,
  user: AuthUser,
  filename: string,
  bytes: Buffer,
  input: LayerImportOptions,
): Promise<StoredLayerJob> {
  const opts = layerOptions(input);
  const row = await db.tx(async (q) => {
    const saved = await sql.insertLayerImport(q, {
      layer: opts.layer,
      scopePath: user.areaPath,
      createdBy: user.id,
      report: { phase: 'analysing', layer: opts.layer, source: { filename } },
      rows: [],
    });
    const payload: LayerJobPayload = { importId: saved.id, filename, options: input, user };
    await jobs.enqueue(q, {
      id: layerJobId(saved.id),
      kind: LAYER_JOB_KIND,
      payload: payload as unknown as Record<string, unknown>,
      input: bytes,
      maxAttempts: 2,
      createdBy: user.id,
    });
    return saved;
  });
  jobs.poke();
  return asJob(
    {
      id: row.id,
      layer: opts.layer,
      status: 'pending',
      report: { phase: 'analysing', source: { filename } },
      rows: [],
      createdAt: new Date(row.createdAt),
      decidedAt: null,
    },
    null,
  );
}

/** Records why an analysis failed on its import (only while it is still analysing). */
async function failAnalysis(q: Queryable, importId: number, why: Message | string) {
  await sql.failLayerImport(q, importId, why);
}

/**
 * The analysis as a job kind: resumable, since it writes nothing but its report, at the end, and only while the import
 * is still analysing. A file that cannot be read fails the import at once, with the reason in the user's language.
 */
export function layerJobKind(db: Db): JobKind {
  return {
    resumable: true,
    maxAttempts: 2,
    async run(ctx) {
      const p = ctx.payload as unknown as LayerJobPayload;
      if (!(await sql.layerImportAnalysing(db, p.importId))) return null; // cancelled, or finished by an earlier run
      const bytes = await ctx.input();
      if (!bytes) throw new FinalJobError(bilingual(m('layers.fileGone')));
      let last = 0;
      let lastStep = '';
      const progress: Progress = async (step, done, total) => {
        const now = Date.now();
        // Each record is also this node's sign of life: on every step, and at most twice a second within one.
        if (step === lastStep && now - last < 500 && done !== total) return;
        last = now;
        lastStep = step;
        await ctx.progress({ step, done: done ?? null, total: total ?? null });
      };
      try {
        const report = await analyseLayerImport(db, p.user, p.filename, bytes, p.options, progress, p.importId);
        return report ? { id: report.id, ready: report.counts.ready, errors: report.counts.errors } : null;
      } catch (e) {
        if (!(e instanceof HttpError)) throw e;
        await failAnalysis(db, p.importId, e.text);
        return { id: p.importId, failed: true };
      }
    },
    async onFailed(q, job, reason) {
      const p = job.payload as unknown as LayerJobPayload;
      await failAnalysis(q, p.importId, m('layers.analysisFailed', { reason }));
    },
  };
}

/** Writes a pending layer import in one transaction; buildings and resources then find their grid by location. */
export async function acceptLayerImport(db: Db, user: AuthUser, id: number): Promise<StoredLayerReport> {
  return db.tx(async (q) => {
    const imp = await own(q, user, id, true);
    if ((imp.report as Analysis).phase === 'failed') throw new Conflict(m('layers.analysisFailedState', { id }));
    if (imp.status !== 'pending')
      throw new Conflict(m(imp.status === 'accepted' ? 'import.alreadyAccepted' : 'import.alreadyCancelled', { id }));
    const report = imp.report as unknown as StoredLayerReport & Analysis;
    if (report.phase === 'analysing') throw new Conflict(m('layers.analysing', { id }));
    if (!report.acceptable) throw new Conflict(m('import.hasErrors', { id, errors: report.counts.errors }));
    if (imp.layer === 'buildings' || imp.layer === 'resources') {
      // Population imports write the same buildings and refresh the same counts: one writer at a time.
      await q.query(/* sql */ `SELECT pg_advisory_xact_lock(${POPULATION_WRITE_LOCK})`);
    }
    if (imp.layer === 'buildings') {
      const { updated } = await sql.writeBuildings(q, imp, report.replacing?.remove ?? []);
      await sql.placeBuildings(q);
      await sql.residentsFollowBuildings(q, updated);
      await refreshAreaCounts(q);
    } else {
      await sql.writeLayer(q, imp, user.areaId, user.areaPath);
      if (imp.layer === 'resources') await sql.placeBuildings(q);
    }
    const decidedAt = await sql.decideLayerImport(q, imp.id, 'accepted', user.id);
    return withState({ ...imp, status: 'accepted', decidedAt });
  });
}

/** Cancels a pending layer import (one still being analysed too: its report is then never stored). */
export async function cancelLayerImport(
  db: Db,
  user: AuthUser,
  id: number,
): Promise<StoredLayerReport | StoredLayerJob> {
  return db.tx(async (q) => {
    const imp = await own(q, user, id, true);
    if ((imp.report as Analysis).phase === 'failed') throw new Conflict(m('layers.analysisFailedState', { id }));
    if (imp.status !== 'pending')
      throw new Conflict(m(imp.status === 'accepted' ? 'import.alreadyAccepted' : 'import.alreadyCancelled', { id }));
    const decidedAt = await sql.decideLayerImport(q, imp.id, 'cancelled', user.id);
    const decided = { ...imp, status: 'cancelled' as const, decidedAt };
    return (imp.report as Analysis).phase ? asJob(decided, null) : withState(decided);
  });
}
