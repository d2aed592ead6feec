// Layer imports: read the file, settle its CRS, map its fields, check every feature against the importer's
// area, and keep the result as a pending import with its report (nothing written); accept writes it in one
// transaction (replacing the roads, water or police grids inside the area), cancel writes nothing.
import type { Geometry } from 'geojson';
import { LayerImportOptions, type LayerFeature, type LayerKind, type LayerReport } from '../../contract/layers.js';
import { m, type Message } from '../../contract/messages/index.js';
import type { Said } from '../../contract/messages/speak.js';
import type { AuthUser } from '../auth/session.js';
import type { Db, Queryable } from '../db/index.js';
import { Conflict, Invalid, NotFound } from '../http/errors.js';
import { issueText } from '../http/route.js';
import { refreshAreaCounts } from '../population/aggregates.js';
import { POPULATION_WRITE_LOCK } from '../population/import.js';
import { addressOf, count, pickField, resourceKindOf, roadClassOf, text } from './mapping.js';
import * as sql from './queries.js';
import { readLayerFile } from './read.js';

export type Progress = (step: string, done?: number, total?: number) => void;

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
): Promise<StoredLayerReport> {
  const parsed = LayerImportOptions.safeParse(input);
  if (!parsed.success)
    throw new Invalid(
      m('import.invalidOptions', {
        issues: parsed.error.issues.map((i) => m('common.issueAt', { at: i.path.join('.'), issue: issueText(i) })),
      }),
    );
  const opts = parsed.data;
  const layer = opts.layer;
  progress('read');
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

  progress('convert');
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

  progress('check', 0, parts.length);
  const checked = await sql.checkFeatures(
    db,
    user.areaId,
    parts.map((p, i) => ({ i, g: p.g })),
  );
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
  progress('replaces');
  const replaces = await sql.replacedCount(db, layer, user.areaId, user.areaPath);
  if (replaces)
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
    },
    byClass,
    unknownKinds,
    problems,
    features: preview,
    acceptable: errors === 0 && rows.length > 0,
  };
  progress('store');
  const saved = await sql.insertLayerImport(db, {
    layer,
    scopePath: user.areaPath,
    createdBy: user.id,
    report,
    rows,
  });
  return { ...report, id: saved.id, status: 'pending', createdAt: saved.createdAt, decidedAt: null };
}

const withState = (r: sql.LayerImportRow): StoredLayerReport =>
  ({
    ...(r.report as object),
    id: r.id,
    status: r.status,
    createdAt: new Date(r.createdAt).toISOString(),
    decidedAt: r.decidedAt ? new Date(r.decidedAt).toISOString() : null,
  }) as StoredLayerReport;

async function own(q: Queryable, user: AuthUser, id: number, lock: boolean) {
  const r = await sql.layerImportInScope(q, user.areaPath, id, lock);
  if (!r) throw new NotFound(m('import.notFoundInScope', { id }));
  return r;
}

export async function getLayerImport(db: Queryable, user: AuthUser, id: number) {
  return withState(await own(db, user, id, false));
}

export async function listLayerImports(db: Queryable, user: AuthUser) {
  return (await sql.recentLayerImports(db, user.areaPath)).map((r) => {
    const rep = r.report as { source?: { filename?: string }; counts?: { ready?: number; errors?: number } };
    return {
      id: r.id,
      layer: r.layer,
      status: r.status,
      filename: rep.source?.filename ?? '',
      ready: rep.counts?.ready ?? 0,
      errors: rep.counts?.errors ?? 0,
      createdAt: new Date(r.createdAt).toISOString(),
    };
  });
}

/** Writes a pending layer import in one transaction; buildings and resources then find their grid by location. */
export async function acceptLayerImport(db: Db, user: AuthUser, id: number): Promise<StoredLayerReport> {
  return db.tx(async (q) => {
    const imp = await own(q, user, id, true);
    if (imp.status !== 'pending')
      throw new Conflict(m(imp.status === 'accepted' ? 'import.alreadyAccepted' : 'import.alreadyCancelled', { id }));
    const report = imp.report as unknown as StoredLayerReport;
    if (!report.acceptable) throw new Conflict(m('import.hasErrors', { id, errors: report.counts.errors }));
    await sql.writeLayer(q, imp, user.areaId, user.areaPath);
    if (imp.layer === 'buildings' || imp.layer === 'resources') {
      // Population imports refresh the same counts: one writer at a time.
      await q.query(/* sql */ `SELECT pg_advisory_xact_lock(${POPULATION_WRITE_LOCK})`);
      await sql.placeBuildings(q);
      if (imp.layer === 'buildings') await refreshAreaCounts(q);
    }
    const decidedAt = await sql.decideLayerImport(q, imp.id, 'accepted', user.id);
    return withState({ ...imp, status: 'accepted', decidedAt });
  });
}

export async function cancelLayerImport(db: Db, user: AuthUser, id: number): Promise<StoredLayerReport> {
  return db.tx(async (q) => {
    const imp = await own(q, user, id, true);
    if (imp.status !== 'pending')
      throw new Conflict(m(imp.status === 'accepted' ? 'import.alreadyAccepted' : 'import.alreadyCancelled', { id }));
    const decidedAt = await sql.decideLayerImport(q, imp.id, 'cancelled', user.id);
    return withState({ ...imp, status: 'cancelled', decidedAt });
  });
}
