// 网格划分: proposes grids of 300–500 households for a community — its area cut by roads into blocks, the
// blocks' buildings walked and cut by regrid-plan, grid polygons as whole blocks or Voronoi cells of
// buildings clipped to a block — kept as a pending import that the planner may adjust (regrid-edit) before
// accepting. Proposed grids take over the old grid they overlap most (one to one: same id, code and name);
// the others are new. Accepting replaces the community's grids in one transaction: matched grids are
// updated in place, buildings, residents, orders, resources and worker assignments follow their location (each
// order moved is an event in its timeline and in the event log, so open walls and consoles follow it),
// and a surplus old grid is deleted only when nothing else still points at it (else the whole accept is
// refused, naming the table).
import type { ImportFeature, RegridRequest } from '../../contract/imports.js';
import { RegridAdjust, RegridRequest as RegridSchema } from '../../contract/imports.js';
import { m, type Message } from '../../contract/messages/index.js';
import type { AuthUser } from '../auth/session.js';
import type { Db, Queryable } from '../db/index.js';
import { Conflict, Invalid, NotFound } from '../http/errors.js';
import { refreshAreaCounts, refreshDemographics } from '../population/aggregates.js';
import { POPULATION_WRITE_LOCK } from '../population/import.js';
import { type MoveDeps, moveOrdersToGrids } from '../orders/area-moves.js';
import {
  gridCount,
  matchGrids,
  mergeGrids,
  moveUnits,
  renumber,
  settleBlocks,
  splitGrid,
  type Units,
} from './regrid-edit.js';
import { gridTarget, planGrids } from './regrid-plan.js';
import * as rq from './regrid-queries.js';
import * as sql from './queries.js';
import { type AcceptHook, ownImport, withState } from './service.js';
import type { StoredProblem, StoredProposal, StoredReport } from './stored-report.js';
import { issueText } from '../http/route.js';

type Draft = Omit<StoredReport, 'id' | 'createdAt' | 'decidedAt' | 'status'>;

export async function proposeRegrid(db: Db, user: AuthUser, input: RegridRequest): Promise<StoredReport> {
  const parsed = RegridSchema.safeParse(input);
  if (!parsed.success)
    throw new Invalid(m('import.regrid.invalidRequest', { issue: issueText(parsed.error.issues[0]) }));
  const { communityId, minHouseholds: min, maxHouseholds: max } = parsed.data;
  if (min >= max) throw new Invalid(m('import.regrid.minBelowMax'));
  const c = await rq.communityInScope(db, user.areaPath, communityId);
  if (!c) throw new NotFound(m('import.regrid.communityNotFound', { id: communityId }));

  const blocks = (await rq.communityBlocks(db, c.id)).map((b) => ({
    id: b.id,
    x: b.x,
    y: b.y,
    geometry: JSON.parse(b.geom) as unknown,
  }));
  const buildings = await rq.communityBuildings(db, c.id, blocks);
  if (buildings.length === 0) throw new Invalid(m('import.regrid.noHouseholds', { name: c.name }));
  const adjacency = await rq.blockAdjacency(db, blocks);
  const plan = planGrids({ buildings, blocks, adjacency, min, max });
  const unitsOf = (gridOf: Map<number, number>, whole: Map<number, number>): Units => ({
    blocks: blocks.map((b) => ({ ...b, grid: whole.get(b.id) ?? null })),
    buildings: buildings.map((b) => ({ ...b, grid: gridOf.get(b.id)! })),
  });

  const gridOf = new Map(plan.gridOf);
  const wholeBlocks = new Map(plan.wholeBlocks);
  let polyRows = await rq.gridPolygons(db, unitsOf(gridOf, wholeBlocks));
  // A grid in pieces: each piece but its largest goes, with its buildings, to the grid it shares most boundary with.
  for (let pass = 0; pass < 3 && polyRows.some((p) => p.parts > 1); pass++) {
    const moves = await rq.strayPieces(db, polyRows, unitsOf(gridOf, wholeBlocks));
    // A piece moves only if both grids stay within min–max households; else the grid stays in pieces (a warning).
    const hhOf = new Map(buildings.map((b) => [b.id, b.households]));
    const totals = new Map<number, number>();
    for (const b of buildings) totals.set(gridOf.get(b.id)!, (totals.get(gridOf.get(b.id)!) ?? 0) + b.households);
    const pieces = new Map<number, typeof moves>();
    for (const m of moves) pieces.set(m.piece, [...(pieces.get(m.piece) ?? []), m]);
    let moved = 0;
    for (const ms of pieces.values()) {
      const bs = ms.filter((m) => m.kind === 'b');
      const from = bs.length ? gridOf.get(bs[0].id)! : null;
      const hh = bs.reduce((x, m) => x + hhOf.get(m.id)!, 0);
      const to = ms[0].to;
      if (from !== null && ((totals.get(to) ?? 0) + hh > max || (totals.get(from) ?? 0) - hh < min)) continue;
      if (from !== null) {
        totals.set(to, (totals.get(to) ?? 0) + hh);
        totals.set(from, (totals.get(from) ?? 0) - hh);
      }
      for (const m of ms) {
        if (m.kind === 'b') gridOf.set(m.id, m.to);
        else if (wholeBlocks.has(m.id)) wholeBlocks.set(m.id, m.to);
      }
      moved++;
    }
    if (moved === 0) break;
    for (const b of buildings) if (wholeBlocks.has(b.block)) gridOf.set(b.id, wholeBlocks.get(b.block)!);
    polyRows = await rq.gridPolygons(db, unitsOf(gridOf, wholeBlocks));
  }
  const units = renumber(settleBlocks(unitsOf(gridOf, wholeBlocks)));
  const { report, rows } = await renderProposal(db, c, {
    communityId: c.id,
    minHouseholds: min,
    maxHouseholds: max,
    ...units,
    adjustments: [],
  });
  const saved = await sql.insertImport(db, {
    kind: 'regrid',
    level: 'grid',
    scopePath: user.areaPath,
    createdBy: user.id,
    report,
    rows,
    communityId: c.id,
  });
  return { ...report, id: saved.id, status: 'pending', createdAt: saved.createdAt, decidedAt: null };
}

/** The report and stored rows of a proposal: polygons, households, compactness, matching to the old grids, problems. */
async function renderProposal(
  q: Queryable,
  c: rq.Community,
  proposal: StoredProposal,
): Promise<{ report: Draft; rows: sql.StoredRow[] }> {
  const { minHouseholds: min, maxHouseholds: max, blocks, buildings } = proposal;
  const roads =
    blocks.length > 1 ? m('import.regrid.cutByRoads', { count: blocks.length }) : m('import.regrid.noRoads');
  const total = buildings.reduce((s, b) => s + b.households, 0);
  const target = Math.round(gridTarget(total, min, max).target);
  const intro = m('import.regrid.intro', { buildings: buildings.length, households: total, roads, target });
  const polys = await rq.gridPolygons(q, proposal);
  const householdsOf = new Map<number, number>();
  for (const b of proposal.buildings) householdsOf.set(b.grid, (householdsOf.get(b.grid) ?? 0) + b.households);
  const old = await rq.oldGrids(q, c.id);
  const oldById = new Map(old.map((o) => [o.id, o]));
  const match = matchGrids(await rq.overlapWithOld(q, c.id, polys));
  const taken = new Set((await sql.childCodes(q, [c.id])).map((x) => x.code));
  const namesInUse = new Set(old.map((o) => o.name));
  let seq = 1;
  const nextCode = () => {
    while (taken.has(`${c.code}${String(seq).padStart(3, '0')}`)) seq++;
    const code = `${c.code}${String(seq).padStart(3, '0')}`;
    taken.add(code);
    return code;
  };
  let nameSeq = 1;
  const nextName = () => {
    while (namesInUse.has(`${c.name}第${nameSeq}网格`)) nameSeq++;
    const name = `${c.name}第${nameSeq}网格`;
    namesInUse.add(name);
    return name;
  };
  const problems: StoredProblem[] = [];
  const features: ImportFeature[] = polys.map((p, i) => {
    const reuse = match.has(p.grid) ? oldById.get(match.get(p.grid)!)! : null;
    const name = reuse?.name ?? nextName();
    const hh = householdsOf.get(p.grid) ?? 0;
    if (hh < min || hh > max)
      problems.push({
        severity: 'warning',
        kind: 'households_out_of_range',
        feature: i,
        message: m('import.regrid.householdsOutOfRange', { n: i + 1, name, households: hh, min, max }),
        geometry: null,
      });
    if (p.parts > 1)
      problems.push({
        severity: 'warning',
        kind: 'not_contiguous',
        feature: i,
        message: m('import.regrid.notContiguous', { n: i + 1, name, parts: p.parts }),
        geometry: null,
      });
    return {
      index: i,
      name,
      code: reuse?.code ?? nextCode(),
      parentId: c.id,
      parentName: c.name,
      action: reuse ? 'update' : 'insert',
      existingId: reuse?.id ?? null,
      households: hh,
      derived: true,
      repaired: false,
      areaM2: Math.round(p.areaM2),
      compactness: Math.round((p.compactness ?? 0) * 1000) / 1000,
      geometry: JSON.parse(p.geom),
    };
  });
  const mean = polys.reduce((s, p) => s + (p.compactness ?? 0), 0) / Math.max(1, polys.length);
  problems.unshift({
    severity: 'info',
    kind: 'derived',
    feature: null,
    message: m('import.regrid.summary', { intro, count: features.length, compactness: mean.toFixed(2) }),
    geometry: null,
  });
  const kept = features.filter((f) => f.existingId !== null).length;
  const surplus = old.length - kept;
  if (old.length) {
    problems.push({
      severity: 'info',
      kind: 'derived',
      feature: null,
      message: m('import.regrid.replaces', {
        old: old.length,
        kept,
        surplus: surplus ? m('import.regrid.surplus', { count: surplus }) : '',
      }),
      geometry: null,
    });
  }
  for (const a of proposal.adjustments)
    problems.push({ severity: 'info', kind: 'derived', feature: null, message: a.summary, geometry: null });
  const report: Draft = {
    kind: 'regrid',
    level: 'grid',
    source: { filename: c.name, format: 'proposal', encoding: null, fields: [] },
    crs: { name: 'wgs84', confidence: 'given', reason: m('import.regrid.fromStoredData') },
    counts: {
      features: features.length,
      insert: features.filter((f) => f.action === 'insert').length,
      update: kept,
      errors: 0,
      warnings: problems.filter((p) => p.severity === 'warning').length,
    },
    problems,
    features,
    acceptable: features.length > 0,
    proposal,
  };
  const rows: sql.StoredRow[] = features.map((f) => ({
    code: f.code,
    name: f.name,
    parentId: c.id,
    existingId: f.existingId,
    households: f.households,
    derived: true,
    specialClass: null,
    geometry: f.geometry,
  }));
  return { report, rows };
}

/** Applies one adjustment to a pending proposal and stores the result, so that accepting writes the adjusted grids. */
export async function adjustRegrid(
  db: Db,
  user: AuthUser,
  id: number,
  input: RegridAdjust,
  now: () => Date = () => new Date(),
): Promise<StoredReport> {
  const parsed = RegridAdjust.safeParse(input);
  if (!parsed.success)
    throw new Invalid(
      m('import.regrid.invalidAdjustment', {
        issues: parsed.error.issues.map((i) => m('common.issueAt', { at: i.path.join('.'), issue: issueText(i) })),
      }),
    );
  const op = parsed.data;
  return db.tx(async (q) => {
    const imp = await ownImport(q, user, id, true);
    if (imp.kind !== 'regrid') throw new Conflict(m('import.regrid.notProposal', { id }));
    if (imp.status !== 'pending')
      throw new Conflict(
        m(imp.status === 'accepted' ? 'import.regrid.proposalAccepted' : 'import.regrid.proposalCancelled', { id }),
      );
    const p = imp.report.proposal;
    if (!p) throw new Conflict(m('import.regrid.noUnits', { id }));
    const c = await rq.communityInScope(q, user.areaPath, p.communityId);
    if (!c) throw new NotFound(m('import.regrid.communityNotInScope', { id: p.communityId }));
    const adjacency = await rq.blockAdjacency(q, p.blocks);
    let units: Units;
    let summary: Message;
    if (op.op === 'move') {
      units = moveUnits(p, adjacency, op);
      const [nb, nw] = [op.blockIds.length, op.buildingIds.length];
      const what =
        nb && nw
          ? m('import.regrid.blocksAndBuildings', { blocks: nb, buildings: nw })
          : nb
            ? m('import.regrid.blocks', { count: nb })
            : m('import.regrid.buildings', { count: nw });
      summary = m('import.regrid.moved', { what, grid: op.toGrid + 1 });
    } else if (op.op === 'merge') {
      units = mergeGrids(p, adjacency, op.grids);
      summary = m('import.regrid.merged', { from: op.grids[1] + 1, into: op.grids[0] + 1 });
    } else {
      units = splitGrid(p, adjacency, op.grid);
      summary = m('import.regrid.split', { grid: op.grid + 1, added: gridCount(units) });
    }
    const adjustments = [...p.adjustments, { op: op.op, summary, at: now().toISOString(), by: user.username }];
    const { report, rows } = await renderProposal(q, c, { ...p, ...units, adjustments });
    await rq.updatePendingImport(q, imp.id, report, rows);
    return withState({ ...imp, report: report as StoredReport, rows });
  });
}

/**
 * The accept hook of a re-gridding: runs inside the accept transaction, after the grids are written, and moves
 * what hangs on grids to the new ones. Orders move last, through the orders domain, which appends their events
 * (returned, to publish after commit): the event lock is taken only then, not over the population refresh.
 */
export function acceptRegrid(orders: MoveDeps): AcceptHook {
  return async (q, imp, user) => {
    const communityId = imp.communityId!;
    const codes = imp.rows.map((r) => r.code);
    const fresh = (
      await q.query<{ id: number }>(/* sql */ `SELECT id FROM areas WHERE code = ANY($1)`, [codes])
    ).rows.map((r) => r.id);
    const stale = (
      await q.query<{ id: number }>(
        /* sql */ `SELECT id FROM areas WHERE parent_id = $1 AND level = 'grid' AND id <> ALL($2)`,
        [communityId, fresh],
      )
    ).rows.map((r) => r.id);
    const all = [...fresh, ...stale];
    const nearest = (col: string) =>
      /* sql */ `(SELECT g.id FROM areas g WHERE g.id = ANY($1) ORDER BY ST_Distance(g.geom, ${col}), g.id LIMIT 1)`;
    // The buildings the proposal was made from: those of the community's grids, or (no grids before) those inside
    // it; with no grids before, the orders and resources inside it follow too.
    const noGridsBefore = stale.length === 0 && imp.rows.every((r) => r.existingId === null);
    await q.query(
      /* sql */ `UPDATE buildings b SET grid_id = ${nearest('b.geom')}
        WHERE b.grid_id = ANY($2) OR (b.grid_id IS NULL AND b.community_id = $4)
          OR ($3 AND ST_Intersects((SELECT geom FROM areas WHERE id = $4), b.geom))`,
      [fresh, all, noGridsBefore, communityId],
    );
    const moved = (
      await q.query<{ id: number }>(/* sql */ `SELECT id FROM buildings WHERE grid_id = ANY($1)`, [fresh])
    ).rows.map((r) => r.id);
    await q.query(
      /* sql */ `UPDATE residents r SET grid_id = b.grid_id FROM buildings b WHERE b.id = r.building_id AND b.id = ANY($1) AND r.grid_id <> b.grid_id`,
      [moved],
    );
    await q.query(
      /* sql */ `UPDATE resources s SET grid_id = ${nearest('s.geom')} WHERE s.grid_id = ANY($2) OR ($3 AND ST_Intersects((SELECT geom FROM areas WHERE id = $4), s.geom))`,
      [fresh, all, noGridsBefore, communityId],
    );
    // Population imports refresh the same aggregates: one writer at a time. The surplus grids hold no one by now.
    await q.query(/* sql */ `SELECT pg_advisory_xact_lock(${POPULATION_WRITE_LOCK})`);
    await refreshDemographics(q);
    await refreshAreaCounts(q);
    const published = await moveOrdersToGrids(
      q,
      orders,
      user,
      { to: fresh, from: all, inside: noGridsBefore ? communityId : null },
      { importId: imp.id },
    );
    if (stale.length) {
      // Workers of a removed grid take the new grid that overlaps it most.
      await q.query(
        /* sql */ `INSERT INTO worker_grids (worker_id, grid_id)
          SELECT wg.worker_id, (SELECT g.id FROM areas g WHERE g.id = ANY($1) ORDER BY ST_Area(ST_Intersection(g.geom, o.geom)) DESC, g.id LIMIT 1)
          FROM worker_grids wg JOIN areas o ON o.id = wg.grid_id WHERE wg.grid_id = ANY($2)
          ON CONFLICT DO NOTHING`,
        [fresh, stale],
      );
      await q.query(/* sql */ `DELETE FROM worker_grids WHERE grid_id = ANY($1)`, [stale]);
      const refs = await q.query<{
        tbl: string;
        col: string;
      }>(/* sql */ `SELECT c.conrelid::regclass::text AS tbl, a.attname AS col FROM pg_constraint c
          JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
          WHERE c.contype = 'f' AND c.confrelid = 'areas'::regclass AND c.confdeltype <> 'c' AND array_length(c.conkey, 1) = 1`);
      const blocking: string[] = [];
      for (const r of refs.rows) {
        const n = await q.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${r.tbl} WHERE "${r.col}" = ANY($1)`, [
          stale,
        ]);
        if (n.rows[0].n > 0) blocking.push(`${r.tbl}.${r.col} (${n.rows[0].n})`);
      }
      if (blocking.length) {
        throw new Conflict(m('import.regrid.surplusReferenced', { tables: blocking.join(', ') }));
      }
      await q.query(/* sql */ `DELETE FROM areas WHERE id = ANY($1)`, [stale]);
    }
    return published;
  };
}
