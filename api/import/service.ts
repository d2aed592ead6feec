// Imports of area boundaries: read the layer, settle its CRS, map its fields, repair and check it, keep
// it as a pending import with its report; accept writes it in one transaction, cancel writes nothing.
import type { Geometry } from 'geojson';
import type { AreaLevel } from '../../contract/areas.js';
import { ImportOptions, type ImportFeature } from '../../contract/imports.js';
import { m, type Message, type MessageKey } from '../../contract/messages/index.js';
import type { AuthUser } from '../auth/session.js';
import type { Db, Queryable } from '../db/index.js';
import type { Published } from '../events/log.js';
import { Conflict, Forbidden, Invalid, NotFound } from '../http/errors.js';
import { degenerate, mapGeometry, settleCrs } from './crs.js';
import { readLayer } from './readers.js';
import * as sql from './queries.js';
import type { StoredProblem, StoredReport } from './stored-report.js';
import { issueText } from '../http/route.js';
import { placeBuildings } from '../layers/queries.js';

export const PARENT_LEVEL: Record<AreaLevel, AreaLevel | null> = {
  district: null,
  street: 'district',
  community: 'street',
  grid: 'community',
  special: 'community',
};
const CODE_LENGTH: Record<AreaLevel, number> = { district: 12, street: 12, community: 12, grid: 15, special: 15 };
export const LEVEL_NAMES: Record<AreaLevel, string> = {
  district: '区',
  street: '街道',
  community: '社区',
  grid: '网格',
  special: '专属网格',
};

export type Progress = (step: string, done?: number, total?: number) => void;

const GUESS = {
  name: [/^(name|名称|名字|mc|xzqmc|jdmc|sqmc|wgmc)$/i, /名称|name/i],
  code: [/^(code|编码|代码|区划代码|行政区划代码|dm|bm|xzqdm|jddm|sqdm|wgbm|wgdm)$/i, /编码|代码|code/i],
  parent: [
    /^(parent|parent_code|parentcode|上级|上级编码|上级代码|上级名称|所属街道|所属社区|所属|pcode)$/i,
    /上级|所属|parent/i,
  ],
  households: [/^(households|hh|户数|总户数|hs)$/i, /户数|household/i],
} as const;

function pickField(fields: string[], named: string | undefined, kind: keyof typeof GUESS): string | null {
  if (named) {
    if (!fields.includes(named))
      throw new Invalid(m('import.noProperty', { name: named, fields: fields.join(', ') }), { fields });
    return named;
  }
  for (const re of GUESS[kind]) {
    const f = fields.find((x) => re.test(x.trim()));
    if (f) return f;
  }
  return null;
}

const text = (v: unknown): string => (v == null ? '' : String(v)).trim();

interface Item {
  index: number;
  name: string;
  code: string;
  parentKey: string;
  households: number | null;
  wgs: Geometry;
  isPoint: boolean;
  parentId: number | null;
  existingId: number | null;
  derived: boolean;
  repaired: boolean;
  areaM2: number;
  stored: string | null;
  blocked: boolean;
  /** The geometry converted and well-formed enough to hand to PostGIS. */
  geomOk: boolean;
}

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
  const { detection: crs, doubt } = await settleCrs(db, user, layer, opts.crs, level, isPoints);
  const problems: StoredProblem[] = [];
  const problem = (
    severity: StoredProblem['severity'],
    kind: StoredProblem['kind'],
    feature: number | null,
    message: Message,
    geometry: unknown = null,
  ) => problems.push({ severity, kind, feature, message, geometry });
  problem(crs.confidence === 'low' ? 'warning' : 'info', 'crs', null, crs.reason);
  if (doubt) problem('warning', 'crs', null, doubt);

  const fields = layer.fields;
  const nameField = pickField(fields, opts.mapping.name, 'name');
  const codeField = pickField(fields, opts.mapping.code, 'code');
  const parentField = pickField(fields, opts.mapping.parent, 'parent');
  const hhField = pickField(fields, opts.mapping.households, 'households');
  // The field list travels with the error, so the mapping step can offer it and the user retry.
  if (!nameField) throw new Invalid(m('import.noNameField', { fields: fields.join(', ') }), { fields });

  progress('convert');
  const items: Item[] = [];
  layer.features.forEach((f, index) => {
    const name = text(f.properties[nameField]).slice(0, 100);
    const item: Item = {
      index,
      name,
      code: codeField ? text(f.properties[codeField]) : '',
      parentKey: parentField ? text(f.properties[parentField]) : '',
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
    };
    if (hhField) {
      const h = Number(text(f.properties[hhField]));
      if (text(f.properties[hhField]) !== '' && Number.isInteger(h) && h >= 0) item.households = h;
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
  const scoped = (path: string) => path.startsWith(user.areaPath);
  let parentById = new Map<number, sql.ScopeArea>();
  if (parentLevel) {
    const parents = await sql.areasOfLevel(db, user.areaPath, parentLevel);
    const byId = new Map(parents.map((p) => [p.id, p]));
    parentById = byId;
    if (opts.parentId !== undefined && !byId.has(opts.parentId)) {
      throw new Invalid(
        m('import.parentNotInScope', { id: opts.parentId, level: m(`import.level.${parentLevel}` as MessageKey) }),
      );
    }
    const byCode = new Map(parents.map((p) => [p.code, p]));
    const byName = new Map<string, typeof parents>();
    for (const p of parents) byName.set(p.name, [...(byName.get(p.name) ?? []), p]);
    const spatialNeeded = items.filter((i) => i.geomOk && opts.parentId === undefined && !i.parentKey);
    const spatial = await sql.spatialParents(
      db,
      user.areaPath,
      parentLevel,
      spatialNeeded.map((i) => ({ i: i.index, g: i.stored ? JSON.parse(i.stored) : i.wgs })),
    );
    for (const it of items) {
      if (!it.geomOk) continue;
      if (opts.parentId !== undefined) it.parentId = opts.parentId;
      else if (it.parentKey) {
        const by =
          opts.mapping.parentBy === 'auto' ? (/^\d{12}$/.test(it.parentKey) ? 'code' : 'name') : opts.mapping.parentBy;
        const found =
          by === 'code'
            ? byCode.get(it.parentKey)
            : byName.get(it.parentKey)?.length === 1
              ? byName.get(it.parentKey)![0]
              : undefined;
        if (by === 'name' && (byName.get(it.parentKey)?.length ?? 0) > 1) {
          problem('error', 'missing_parent', it.index, m('import.parentAmbiguous', { parent: it.parentKey }));
        } else if (!found) {
          problem(
            'error',
            'missing_parent',
            it.index,
            m('import.parentMissing', {
              name: it.name,
              level: m(`import.level.${parentLevel}` as MessageKey),
              parent: it.parentKey,
            }),
          );
        }
        it.parentId = found?.id ?? null;
      } else it.parentId = spatial.get(it.index) ?? null;
      if (it.parentId === null) {
        if (!it.parentKey)
          problem(
            'error',
            'missing_parent',
            it.index,
            m('import.inNoParent', { name: it.name, level: m(`import.level.${parentLevel}` as MessageKey) }),
          );
        it.blocked = true;
      }
    }
  }

  progress('codes');
  const codeCounts = new Map<string, number>();
  for (const it of items) if (it.code) codeCounts.set(it.code, (codeCounts.get(it.code) ?? 0) + 1);
  for (const [code, n] of codeCounts) {
    if (n > 1) {
      for (const it of items.filter((x) => x.code === code)) {
        problem('error', 'duplicate_code', it.index, m('import.codeRepeated', { code, n }));
        it.blocked = true;
      }
    }
  }
  const existing = new Map((await sql.existingByCode(db, [...codeCounts.keys()])).map((a) => [a.code, a]));
  for (const it of items) {
    if (!it.code) continue;
    if (!new RegExp(`^\\d{${CODE_LENGTH[level]}}$`).test(it.code)) {
      problem(
        'error',
        'bad_code',
        it.index,
        m('import.badCode', { name: it.name, code: it.code, digits: CODE_LENGTH[level] }),
      );
      it.blocked = true;
      continue;
    }
    const ex = existing.get(it.code);
    if (!ex) continue;
    if (ex.level !== level || !scoped(ex.path)) {
      problem(
        'error',
        'duplicate_code',
        it.index,
        m('import.codeTaken', { code: it.code, level: m(`import.level.${ex.level}` as MessageKey), name: ex.name }),
      );
      it.blocked = true;
    } else if (it.parentId !== null && ex.parentId !== it.parentId) {
      problem('error', 'parent_changed', it.index, m('import.parentChanged', { name: ex.name, code: it.code }));
      it.blocked = true;
    } else it.existingId = ex.id;
  }
  if (level === 'district' && items.some((i) => !i.blocked && i.existingId === null)) {
    for (const it of items.filter((i) => !i.blocked && i.existingId === null)) {
      problem('error', 'out_of_scope', it.index, m('import.districtByCodeOnly'));
      it.blocked = true;
    }
  }
  // New areas without a code get the next free one under their parent (street: district[0..6] + nnn + 000; community: street[0..9] + nnn; grids: community + nnn).
  const missing = items.filter((i) => !i.blocked && !i.code && i.parentId !== null);
  if (missing.length) {
    const taken = new Set([
      ...(await sql.childCodes(db, [...new Set(missing.map((i) => i.parentId!))])).map((c) => c.code),
      ...codeCounts.keys(),
    ]);
    for (const it of missing) {
      const p = parentById.get(it.parentId!)!;
      const make = (n: number) =>
        level === 'street'
          ? `${p.code.slice(0, 6)}${String(n).padStart(3, '0')}000`
          : level === 'community'
            ? `${p.code.slice(0, 9)}${String(n).padStart(3, '0')}`
            : `${p.code}${String(n).padStart(3, '0')}`;
      let n = 1;
      while (n < 1000 && taken.has(make(n))) n++;
      if (n >= 1000) {
        problem('error', 'bad_code', it.index, m('import.noFreeCode', { name: p.name }));
        it.blocked = true;
        continue;
      }
      it.code = make(n);
      taken.add(it.code);
      problem('info', 'generated_code', it.index, m('import.codeGenerated', { name: it.name, code: it.code }));
    }
  }

  if (isPoints) {
    progress('voronoi');
    const pts = items.filter((i) => !i.blocked && i.parentId !== null);
    const replaced = pts.map((i) => i.existingId).filter((x): x is number => x !== null);
    const cells = await sql.voronoiCells(
      db,
      level,
      pts.map((i) => ({ i: i.index, p: i.parentId!, g: i.wgs })),
      replaced,
    );
    const areas = await sql.repairPolygons(
      db,
      [...cells].map(([i, g]) => ({ i, g: JSON.parse(g) })),
    );
    for (const a of areas) {
      const it = items[a.i];
      if (a.empty) {
        problem('error', 'unrepairable_geometry', a.i, m('import.voronoiEmpty', { name: it.name }), it.wgs);
        it.blocked = true;
        continue;
      }
      it.stored = a.geom;
      it.areaM2 = a.areaM2;
      it.derived = true;
    }
    for (const it of pts.filter((i) => !cells.has(i.index))) {
      problem('error', 'unrepairable_geometry', it.index, m('import.pointOutsideParent', { name: it.name }), it.wgs);
      it.blocked = true;
    }
    problem(
      'info',
      'derived',
      null,
      m('import.pointsOnly', { count: pts.length, level: m(`import.level.${level}` as MessageKey) }),
    );
  }

  progress('checks');
  // A district has no parent; every other level needs one.
  const ready = items.filter((i) => !i.blocked && i.stored && (parentLevel === null || i.parentId !== null));
  // Nothing leaves the import unexplained: a feature that is not in the preview has an error saying why.
  const readyIdx = new Set(ready.map((i) => i.index));
  const explained = new Set(problems.filter((p) => p.severity === 'error' && p.feature !== null).map((p) => p.feature));
  for (const it of items) {
    if (readyIdx.has(it.index) || explained.has(it.index)) continue;
    problem('error', 'not_imported', it.index, m('import.notImported', { n: it.index + 1, name: it.name }));
  }
  if (parentLevel) {
    const checks = await sql.topologyChecks(
      db,
      level,
      ready.map((i) => ({ i: i.index, p: i.parentId!, e: i.existingId, g: JSON.parse(i.stored!) })),
      opts.tolerance,
      level !== 'special',
    );
    const pct = (r: number) => `${(r * 100).toFixed(1)}%`;
    for (const c of checks) {
      const it = c.i !== null ? items[c.i] : null;
      const geom = c.geom ? JSON.parse(c.geom) : null;
      if (c.kind === 'outside')
        problem(
          'warning',
          'outside_parent',
          c.i,
          m('import.outsideParent', {
            name: it!.name,
            share: pct(c.ratio),
            parent: parentById.get(it!.parentId!)?.name ?? '',
          }),
          geom,
        );
      else if (c.kind === 'overlap_incoming')
        problem(
          'warning',
          'overlaps_sibling',
          c.i,
          m('import.overlapIncoming', { name: it!.name, other: items[c.other!].name, share: pct(c.ratio) }),
          geom,
        );
      else if (c.kind === 'overlap_existing')
        problem(
          'warning',
          'overlaps_sibling',
          c.i,
          m('import.overlapExisting', {
            name: it!.name,
            level: m(`import.level.${level}` as MessageKey),
            other: c.otherName ?? '',
            share: pct(c.ratio),
          }),
          geom,
        );
      else
        problem(
          'warning',
          'gap',
          null,
          m('import.gap', {
            name: c.otherName ?? '',
            share: pct(c.ratio),
            level: m(`import.level.${level}` as MessageKey),
          }),
          geom,
        );
    }
  }

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
