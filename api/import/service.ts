// Imports of area boundaries: read the layer, settle its CRS, map its fields, repair and check it, keep
// it as a pending import with its report; accept writes it in one transaction, cancel writes nothing.
import { ImportOptions, type ImportFeature } from '../../contract/imports.js';
import { m } from '../../contract/messages/index.js';
import type { AuthUser } from '../auth/session.js';
import type { Db, Queryable } from '../db/index.js';
import type { Published } from '../events/log.js';
import { Conflict, Forbidden, Invalid, NotFound } from '../http/errors.js';
import { degenerate, mapGeometry, settleCrs } from './crs.js';
import { readLayer } from './readers.js';
import * as sql from './queries.js';
import type { StoredReport } from './stored-report.js';
import { type Item, PARENT_LEVEL, levelName, problemList } from './items.js';
import { mapFields, text } from './fields.js';
import { assignParents } from './parents.js';
import { checkCodes, codeForms, generateCodes } from './codes.js';
import { flagDuplicateNames, mergeParts } from './parts.js';
import { cellsOfPoints } from './points.js';
import { checkTopology } from './checks.js';
import { issueText } from '../http/route.js';
import { placeBuildings } from '../layers/queries.js';

export type Progress = (step: string, done?: number, total?: number) => void;

/** Reads, converts and checks an uploaded layer; stores it as a pending import and returns its report. */
export async function analyseImport(
  db: Db,
  user: AuthUser,
  filename: string,
  bytes: Buffer,
  input: ImportOptions,
  progress: Progress = () => undefined,
): Promise<StoredReport> {
  const parsed = ImportOptions.safeParse(input);
  if (!parsed.success)
    throw new Invalid(
      m('import.invalidOptions', {
        issues: parsed.error.issues.map((i) => m('common.issueAt', { at: i.path.join('.'), issue: issueText(i) })),
      }),
    );
  const opts = parsed.data;
  const level = opts.level;
  const parentLevel = PARENT_LEVEL[level];
  if (level === 'special' && !opts.specialClass) throw new Invalid(m('import.specialClassRequired'));

  progress('read');
  const layer = await readLayer(filename, bytes, opts.mapping);
  const withGeom = layer.features.filter((f) => f.geometry);
  if (withGeom.length === 0) throw new Invalid(m('import.noGeometries'));
  const isPoints = withGeom.every((f) => f.geometry!.type === 'Point');

  progress('crs');
  const settled = await settleCrs(db, user, layer, opts.crs, level, isPoints);
  const { detection: crs, doubt } = settled;
  const { problems, problem } = problemList();
  problem(crs.confidence === 'low' ? 'warning' : 'info', 'crs', null, crs.reason);
  if (doubt) problem('warning', 'crs', null, doubt);
  // An undecided CRS or swapped axes block accepting until the user names the CRS or asks for the swap.
  if (settled.blocker) problem('error', 'crs', null, settled.blocker);
  if (settled.swapAxes === 'applied') problem('info', 'crs', null, m('import.crs.axesSwappedApplied'));
  if (layer.encodingNote) problem(layer.encodingNote.severity, 'encoding', null, layer.encodingNote.message);

  const parents = parentLevel ? await sql.areasOfLevel(db, user.areaPath, parentLevel) : [];
  const parentById = new Map(parents.map((p) => [p.id, p]));
  if (parentLevel && opts.parentId !== undefined && !parentById.has(opts.parentId))
    throw new Invalid(m('import.parentNotInScope', { id: opts.parentId, level: levelName(parentLevel) }));
  const parentName = (id: number) => parentById.get(id)?.name ?? '';
  const fields = layer.fields;
  const map = mapFields(
    fields,
    layer.features.map((f) => f.properties),
    opts.mapping,
    level,
    parentLevel,
    new Set(parents.flatMap((p) => codeForms(p.code))),
    problem,
  );
  // The field list travels with the error, so the mapping step can offer it and the user retry.
  if (!map.name) throw new Invalid(m('import.noNameField', { fields: fields.join(', ') }), { fields });
  const nameField = map.name;

  progress('convert');
  const items: Item[] = [];
  layer.features.forEach((f, index) => {
    const name = text(f.properties[nameField]).slice(0, 100);
    const item: Item = {
      index,
      name,
      code: map.code ? text(f.properties[map.code]) : '',
      parentKey: map.parent ? text(f.properties[map.parent]) : '',
      households: null,
      wgs: { type: 'Point', coordinates: [0, 0] },
      isPoint: f.geometry?.type === 'Point',
      parentId: null,
      existingId: null,
      derived: false,
      repaired: false,
      areaM2: 0,
      stored: null,
      blocked: false,
      geomOk: false,
      partOf: null,
    };
    if (map.households) {
      const h = Number(text(f.properties[map.households]));
      if (text(f.properties[map.households]) !== '' && Number.isInteger(h) && h >= 0) item.households = h;
    }
    items.push(item);
    if (!name) {
      problem('error', 'missing_name', index, m('import.featureWithoutName', { n: index + 1 }));
      item.blocked = true;
    }
    if (!f.geometry) {
      problem('error', 'not_polygon', index, m('import.featureWithoutGeometry', { name }));
      item.blocked = true;
      return;
    }
    if (f.geometry.type === 'MultiPoint' || (isPoints === false && f.geometry.type === 'Point')) {
      problem('error', 'not_polygon', index, m('import.pointAmongPolygons', { name }));
      item.blocked = true;
      return;
    }
    item.wgs = mapGeometry(f.geometry, crs.crs.toWgs84);
    if (!item.isPoint && degenerate(item.wgs)) {
      problem('error', 'unrepairable_geometry', index, m('import.ringTooShort', { name }));
      item.blocked = true;
      return;
    }
    item.geomOk = true;
  });
  const live = items.filter((i) => i.geomOk && !i.isPoint);

  progress('repair', 0, live.length);
  if (!isPoints) {
    for (const r of await sql.repairPolygons(
      db,
      live.map((i) => ({ i: i.index, g: i.wgs })),
    )) {
      const it = items[r.i];
      if (r.empty) {
        problem(
          'error',
          'unrepairable_geometry',
          r.i,
          m('import.unrepairable', { name: it.name, reason: r.reason ?? '' }),
          r.location ? JSON.parse(r.location) : null,
        );
        it.blocked = true;
        continue;
      }
      it.stored = r.geom;
      it.areaM2 = r.areaM2;
      if (!r.valid) {
        it.repaired = true;
        problem(
          'warning',
          'invalid_geometry',
          r.i,
          m('import.repaired', { name: it.name, reason: r.reason ?? '' }),
          r.location ? JSON.parse(r.location) : null,
        );
      }
    }
  }

  progress('parents');
  if (parentLevel) {
    const parentBy = map.parentByCode && !opts.mapping.parent ? 'code' : opts.mapping.parentBy;
    await assignParents(db, user.areaPath, parentLevel, parents, items, { parentId: opts.parentId, parentBy }, problem);
  }
  await mergeParts(db, items, problem);

  progress('codes');
  const scoped = (path: string) => path.startsWith(user.areaPath);
  const inFile = await checkCodes(db, level, items, scoped, problem);
  // A new district only from an account over the whole installation (several districts under one city).
  const newDistrict = (i: (typeof items)[number]) => !i.blocked && i.partOf === null && i.existingId === null;
  if (level === 'district' && user.areaPath !== '/' && items.some(newDistrict)) {
    for (const it of items.filter(newDistrict)) {
      problem('error', 'out_of_scope', it.index, m('import.districtByCodeOnly'));
      it.blocked = true;
    }
  }
  await generateCodes(db, level, items, parentById, inFile, problem);

  if (isPoints && parentLevel) {
    progress('voronoi');
    await cellsOfPoints(db, user.areaPath, level, parentLevel, items, parentName, problem);
  }
  await flagDuplicateNames(db, level, items, parentName, problem);

  progress('checks');
  // A district has no parent; every other level needs one.
  const ready = items.filter((i) => !i.blocked && i.stored && (parentLevel === null || i.parentId !== null));
  // Nothing leaves the import unexplained: a feature that is not in the preview has an error saying why
  // (or is a part of one that is).
  const readyIdx = new Set(ready.map((i) => i.index));
  const explained = new Set(problems.filter((p) => p.severity === 'error' && p.feature !== null).map((p) => p.feature));
  for (const it of items) {
    if (readyIdx.has(it.index) || explained.has(it.index) || it.partOf !== null) continue;
    problem('error', 'not_imported', it.index, m('import.notImported', { n: it.index + 1, name: it.name }));
  }
  if (parentLevel)
    await checkTopology(db, user.areaPath, level, parentLevel, ready, items, opts.tolerance, parentName, problem);

  const features: ImportFeature[] = ready.map((i) => ({
    index: i.index,
    name: i.name,
    code: i.code,
    parentId: i.parentId,
    parentName: parentById.get(i.parentId!)?.name ?? null,
    action: i.existingId === null ? 'insert' : 'update',
    existingId: i.existingId,
    households: i.households,
    derived: i.derived,
    repaired: i.repaired,
    areaM2: Math.round(i.areaM2),
    geometry: JSON.parse(i.stored!),
  }));
  // Features refused outright are not in the preview: their errors carry the geometry, so the map shows where they are.
  for (const p of problems) {
    if (p.severity === 'error' && p.feature !== null && p.geometry === null && items[p.feature]?.geomOk)
      p.geometry = items[p.feature].wgs;
  }
  const errors = problems.filter((p) => p.severity === 'error').length;
  const report: Omit<StoredReport, 'id' | 'createdAt' | 'decidedAt' | 'status'> = {
    kind: 'areas',
    level,
    source: { filename, format: layer.format, encoding: layer.encoding, fields },
    crs: {
      name: crs.crs.name,
      confidence: crs.confidence,
      reason: crs.reason,
      ...(crs.alignment ? { alignment: crs.alignment } : {}),
      ...(crs.undecided ? { undecided: true } : {}),
      ...(settled.candidates ? { candidates: settled.candidates } : {}),
      ...(settled.swapAxes ? { swapAxes: settled.swapAxes } : {}),
    },
    counts: {
      features: layer.features.length,
      insert: features.filter((f) => f.action === 'insert').length,
      update: features.filter((f) => f.action === 'update').length,
      errors,
      warnings: problems.filter((p) => p.severity === 'warning').length,
    },
    problems,
    features,
    acceptable: errors === 0 && features.length > 0,
  };
  const rows: sql.StoredRow[] = ready.map((i) => ({
    code: i.code,
    name: i.name,
    parentId: i.parentId,
    existingId: i.existingId,
    households: i.households,
    derived: i.derived,
    specialClass: level === 'special' ? opts.specialClass! : null,
    geometry: JSON.parse(i.stored!),
  }));
  progress('store');
  const saved = await sql.insertImport(db, {
    kind: 'areas',
    level,
    scopePath: user.areaPath,
    createdBy: user.id,
    report,
    rows,
  });
  return { ...report, id: saved.id, status: 'pending', createdAt: saved.createdAt, decidedAt: null };
}

export const withState = (r: sql.ImportRow): StoredReport => ({
  ...r.report,
  id: r.id,
  status: r.status,
  createdAt: new Date(r.createdAt).toISOString(),
  decidedAt: r.decidedAt ? new Date(r.decidedAt).toISOString() : null,
});

/** Boundary imports are the admin's; re-gridding proposals are also the planner's. */
export async function ownImport(q: Queryable, user: AuthUser, id: number, lock: boolean): Promise<sql.ImportRow> {
  const r = await sql.importInScope(q, user.areaPath, id, lock);
  if (!r) throw new NotFound(m('import.notFoundInScope', { id }));
  if (r.kind === 'areas' && user.role !== 'admin') throw new Forbidden(m('import.adminOnly'));
  return r;
}

export async function getImport(db: Queryable, user: AuthUser, id: number): Promise<StoredReport> {
  return withState(await ownImport(db, user, id, false));
}

export async function listImports(db: Queryable, user: AuthUser) {
  const kinds: ('areas' | 'regrid')[] = user.role === 'admin' ? ['areas', 'regrid'] : ['regrid'];
  return (await sql.recentImports(db, user.areaPath, 50, kinds)).map((r) => ({
    ...r,
    createdAt: new Date(r.createdAt).toISOString(),
  }));
}

/**
 * Hooks run inside the accept transaction, after the areas are written, for kinds that do more (re-gridding);
 * they return the events they appended, to publish after commit.
 */
export type AcceptHook = (q: Queryable, imp: sql.ImportRow, user: AuthUser) => Promise<Published[]>;

export async function acceptImport(
  db: Db,
  user: AuthUser,
  id: number,
  hooks: Partial<Record<sql.ImportRow['kind'], AcceptHook>> = {},
): Promise<{ report: StoredReport; published: Published[] }> {
  return db.tx(async (q) => {
    const imp = await ownImport(q, user, id, true);
    if (imp.status !== 'pending')
      throw new Conflict(m(imp.status === 'accepted' ? 'import.alreadyAccepted' : 'import.alreadyCancelled', { id }));
    if (!imp.report.acceptable) throw new Conflict(m('import.hasErrors', { id, errors: imp.report.counts.errors }));
    let published: Published[];
    try {
      await sql.writeAreas(q, imp.id, imp.level, imp.rows);
      published = (await hooks[imp.kind]?.(q, imp, user)) ?? [];
      await placeBuildings(q);
    } catch (e) {
      if ((e as { code?: string }).code === '23505') throw new Conflict(m('import.codeTakenMeanwhile'));
      throw e;
    }
    const decidedAt = await sql.decideImport(q, imp.id, 'accepted', user.id);
    return { report: withState({ ...imp, status: 'accepted', decidedAt }), published };
  });
}

export async function cancelImport(db: Db, user: AuthUser, id: number): Promise<StoredReport> {
  return db.tx(async (q) => {
    const imp = await ownImport(q, user, id, true);
    if (imp.status !== 'pending')
      throw new Conflict(m(imp.status === 'accepted' ? 'import.alreadyAccepted' : 'import.alreadyCancelled', { id }));
    const decidedAt = await sql.decideImport(q, imp.id, 'cancelled', user.id);
    return withState({ ...imp, status: 'cancelled', decidedAt });
  });
}
