// 网格划分: proposes grids of 300–500 households for a community — its area cut by roads into blocks, the
// blocks' buildings walked and cut by regrid-plan, grid polygons as whole blocks or Voronoi cells of
// buildings clipped to a block — kept as a pending import. Accepting replaces the community's grids in one
// transaction: existing grids are updated in place (same ids), buildings, residents, orders, resources and
// worker assignments follow their location, and a surplus old grid is deleted only when nothing else
// still points at it (else the whole accept is refused, naming the table).
import type { ImportFeature, ImportProblem, ImportReport, RegridRequest } from '../../contract/imports.js';
import { RegridRequest as RegridSchema } from '../../contract/imports.js';
import type { AuthUser } from '../auth/session.js';
import type { Db, Queryable } from '../db/index.js';
import { Conflict, Invalid, NotFound } from '../http/errors.js';
import { refreshAreaCounts, refreshDemographics } from '../population/aggregates.js';
import { POPULATION_WRITE_LOCK } from '../population/import.js';
import { planGrids } from './regrid-plan.js';
import * as sql from './queries.js';

interface Community {
  id: number;
  code: string;
  name: string;
  path: string;
}

export async function proposeRegrid(db: Db, user: AuthUser, input: RegridRequest): Promise<ImportReport> {
  const parsed = RegridSchema.safeParse(input);
  if (!parsed.success) throw new Invalid(`网格划分参数无效 / invalid re-gridding request: ${parsed.error.issues[0]?.message}`);
  const { communityId, minHouseholds: min, maxHouseholds: max } = parsed.data;
  if (min >= max) throw new Invalid('minHouseholds 应小于 maxHouseholds / minHouseholds must be below maxHouseholds');
  const c = (await db.query<Community>(/* sql */ `SELECT id, code, name, path FROM areas WHERE id = $1 AND level = 'community' AND path LIKE $2 || '%'`, [communityId, user.areaPath])).rows[0];
  if (!c) throw new NotFound(`社区 ${communityId} 不存在或不在您的辖区 / community ${communityId} not found in your scope`);

  // Blocks: the community cut by the roads through it (polygonised linework of its boundary and the roads).
  const blocks = await db.query<{ id: number; x: number; y: number; geom: string }>(
    /* sql */ `WITH c AS (SELECT geom FROM areas WHERE id = $1),
      lines AS (SELECT ST_Union(ST_Boundary(c.geom), COALESCE(
          (SELECT ST_Union(ST_CollectionExtract(ST_Intersection(r.geom, c.geom), 2)) FROM roads r WHERE ST_Intersects(r.geom, c.geom)),
          ST_Boundary(c.geom))) AS l FROM c),
      faces AS (SELECT (ST_Dump(ST_Polygonize(l))).geom AS g FROM lines)
      SELECT (row_number() OVER (ORDER BY ST_XMin(f.g), ST_YMin(f.g)))::int AS id, ST_X(ST_PointOnSurface(f.g)) AS x, ST_Y(ST_PointOnSurface(f.g)) AS y, ST_AsGeoJSON(f.g, 8) AS geom
      FROM faces f, c WHERE ST_Area(f.g) > 0 AND ST_Within(ST_PointOnSurface(f.g), c.geom)`,
    [c.id],
  );
  const blockJson = JSON.stringify(blocks.rows.map((b) => ({ id: b.id, g: JSON.parse(b.geom) })));
  const buildings = await db.query<{ id: number; x: number; y: number; households: number; block: number }>(
    /* sql */ `WITH k AS (SELECT (e->>'id')::int AS id, ST_SetSRID(ST_GeomFromGeoJSON(e->'g'), 4326) AS g FROM jsonb_array_elements($2::jsonb) e)
      SELECT b.id, ST_X(b.geom) AS x, ST_Y(b.geom) AS y, b.households,
        (SELECT k.id FROM k ORDER BY ST_Distance(k.g, b.geom), k.id LIMIT 1) AS block
      FROM buildings b JOIN areas c ON c.id = $1
      WHERE b.households > 0 AND (b.grid_id IN (SELECT id FROM areas WHERE parent_id = $1 AND level = 'grid')
        OR (NOT EXISTS (SELECT 1 FROM areas WHERE parent_id = $1 AND level = 'grid') AND ST_Intersects(c.geom, b.geom)))`,
    [c.id, blockJson],
  );
  if (buildings.rowCount === 0) throw new Invalid(`社区「${c.name}」内没有有住户的建筑，无法按户数划分网格 / community "${c.name}" has no buildings with households to grid by`);
  const adjacency = await db.query<{ a: number; b: number }>(
    /* sql */ `WITH k AS (SELECT (e->>'id')::int AS id, ST_SetSRID(ST_GeomFromGeoJSON(e->'g'), 4326) AS g FROM jsonb_array_elements($1::jsonb) e)
      SELECT x.id AS a, y.id AS b FROM k x JOIN k y ON x.id < y.id AND ST_Intersects(x.g, y.g)
      WHERE ST_Length(ST_CollectionExtract(ST_Intersection(x.g, y.g), 2)) > 0`,
    [blockJson],
  );
  const plan = planGrids({ buildings: buildings.rows, blocks: blocks.rows, adjacency: adjacency.rows.map((r) => [r.a, r.b] as [number, number]), min, max });

  // Grid polygons: whole blocks, plus Voronoi cells of buildings inside the blocks the walk split.
  type Poly = { grid: number; geom: string; parts: number; compactness: number; areaM2: number };
  const gridOf = new Map(plan.gridOf);
  const wholeBlocks = new Map(plan.wholeBlocks);
  const gridPolygons = async () =>
    (await db.query<Poly>(
      /* sql */ `WITH k AS (SELECT (e->>'id')::int AS id, (e->>'grid')::int AS grid, ST_SetSRID(ST_GeomFromGeoJSON(e->'g'), 4326) AS g FROM jsonb_array_elements($1::jsonb) e),
        p AS (SELECT (e->>'id')::int AS id, (e->>'grid')::int AS grid, (e->>'block')::int AS block, ST_SetSRID(ST_MakePoint((e->>'x')::float8, (e->>'y')::float8), 4326) AS g FROM jsonb_array_elements($2::jsonb) e),
        split AS (SELECT k.id, k.g, ST_Collect(p.g) AS pts, count(*) AS n FROM k JOIN p ON p.block = k.id WHERE k.grid IS NULL GROUP BY k.id, k.g),
        cells AS (SELECT s.id AS block, s.g AS bg, d.geom AS cell, row_number() OVER () AS cid FROM split s
          CROSS JOIN LATERAL ST_Dump(ST_VoronoiPolygons(s.pts, 0, ST_Expand(ST_Envelope(s.g), 0.001))) d),
        owned AS (SELECT DISTINCT ON (c.cid) p.grid, ST_Intersection(c.cell, c.bg) AS g FROM cells c JOIN p ON p.block = c.block AND ST_Intersects(c.cell, p.g) ORDER BY c.cid, ST_Distance(ST_Centroid(c.cell), p.g)),
        pieces AS (SELECT grid, g FROM k WHERE grid IS NOT NULL UNION ALL SELECT grid, g FROM owned),
        grids AS (SELECT grid, ST_Multi(ST_CollectionExtract(ST_MakeValid(ST_UnaryUnion(ST_Collect(g))), 3)) AS g FROM pieces GROUP BY grid)
        SELECT grid, ST_AsGeoJSON(g, 7) AS geom, ST_NumGeometries(g) AS parts, ST_Area(g::geography) AS "areaM2",
          4 * pi() * ST_Area(g::geography) / NULLIF(ST_Perimeter(g::geography) ^ 2, 0) AS compactness
        FROM grids ORDER BY grid`,
      [
        JSON.stringify(blocks.rows.map((b) => ({ id: b.id, grid: wholeBlocks.get(b.id) ?? null, g: JSON.parse(b.geom) }))),
        JSON.stringify(buildings.rows.map((b) => ({ ...b, grid: gridOf.get(b.id) }))),
      ],
    )).rows;
  let polyRows = await gridPolygons();
  // A grid in pieces: each piece but its largest goes, with its buildings, to the grid it shares most boundary with.
  for (let pass = 0; pass < 3 && polyRows.some((p) => p.parts > 1); pass++) {
    const moves = await db.query<{ piece: number; kind: 'b' | 'k'; id: number; to: number }>(
      /* sql */ `WITH g AS (SELECT (e->>'grid')::int AS grid, ST_MakeValid(ST_SetSRID(ST_GeomFromGeoJSON(e->'g'), 4326)) AS g FROM jsonb_array_elements($1::jsonb) e),
        parts AS (SELECT g.grid, d.geom AS part, row_number() OVER (PARTITION BY g.grid ORDER BY ST_Area(d.geom) DESC) AS rk FROM g CROSS JOIN LATERAL ST_Dump(g.g) d),
        target AS (SELECT row_number() OVER () AS piece, s.part, (SELECT o.grid FROM g o WHERE o.grid <> s.grid AND ST_DWithin(o.g, s.part, 1e-7)
            ORDER BY ST_Length(ST_Intersection(ST_Boundary(o.g), ST_Buffer(ST_Boundary(s.part), 1e-6))) DESC, o.grid LIMIT 1) AS "to"
          FROM parts s WHERE s.rk > 1),
        pts AS (SELECT 'b' AS kind, (e->>'id')::int AS id, ST_SetSRID(ST_MakePoint((e->>'x')::float8, (e->>'y')::float8), 4326) AS g FROM jsonb_array_elements($2::jsonb) e
          UNION ALL SELECT 'k', (e->>'id')::int, ST_SetSRID(ST_MakePoint((e->>'x')::float8, (e->>'y')::float8), 4326) FROM jsonb_array_elements($3::jsonb) e)
        SELECT DISTINCT ON (pts.kind, pts.id) t.piece::int AS piece, pts.kind, pts.id, t."to" FROM target t JOIN pts ON ST_Intersects(t.part, pts.g) WHERE t."to" IS NOT NULL`,
      [JSON.stringify(polyRows.map((p) => ({ grid: p.grid, g: JSON.parse(p.geom) }))), JSON.stringify(buildings.rows), JSON.stringify(blocks.rows.map((b) => ({ id: b.id, x: b.x, y: b.y })))],
    );
    // A piece moves only if both grids stay within min–max households; else the grid stays in pieces (a warning).
    const hhOf = new Map(buildings.rows.map((b) => [b.id, b.households]));
    const totals = new Map<number, number>();
    for (const b of buildings.rows) totals.set(gridOf.get(b.id)!, (totals.get(gridOf.get(b.id)!) ?? 0) + b.households);
    const pieces = new Map<number, typeof moves.rows>();
    for (const m of moves.rows) pieces.set(m.piece, [...(pieces.get(m.piece) ?? []), m]);
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
    for (const b of buildings.rows) if (wholeBlocks.has(b.block)) gridOf.set(b.id, wholeBlocks.get(b.block)!);
    polyRows = await gridPolygons();
  }
  const householdsOf = new Map<number, number>();
  for (const b of buildings.rows) householdsOf.set(gridOf.get(b.id)!, (householdsOf.get(gridOf.get(b.id)!) ?? 0) + b.households);
  const polys = { rows: polyRows, rowCount: polyRows.length };

  const old = await db.query<{ id: number; code: string }>(/* sql */ `SELECT id, code FROM areas WHERE parent_id = $1 AND level = 'grid' ORDER BY code`, [c.id]);
  const taken = new Set((await sql.childCodes(db, [c.id])).map((x) => x.code));
  const oldIds = new Set(old.rows.map((o) => o.id));
  let seq = 1;
  const nextCode = () => {
    while (taken.has(`${c.code}${String(seq).padStart(3, '0')}`)) seq++;
    const code = `${c.code}${String(seq).padStart(3, '0')}`;
    taken.add(code);
    return code;
  };
  const problems: ImportProblem[] = [];
  const features: ImportFeature[] = polys.rows.map((p, i) => {
    const reuse = old.rows[i];
    const hh = householdsOf.get(p.grid) ?? 0;
    if (hh < min || hh > max) problems.push({ severity: 'warning', kind: 'outside_parent', feature: i, message: `第 ${i + 1} 网格 ${hh} 户，超出 ${min}–${max} 户（建筑户数不允许更均匀的划分）/ grid ${i + 1} has ${hh} households, outside ${min}–${max} (the buildings allow no better cut)`, geometry: null });
    if (p.parts > 1) problems.push({ severity: 'warning', kind: 'gap', feature: i, message: `第 ${i + 1} 网格由 ${p.parts} 块组成，不连续 / grid ${i + 1} is in ${p.parts} separate pieces`, geometry: null });
    return {
      index: i,
      name: `${c.name}第${i + 1}网格`,
      code: reuse?.code ?? nextCode(),
      parentId: c.id,
      parentName: c.name,
      action: reuse ? 'update' : 'insert',
      existingId: reuse?.id ?? null,
      households: hh,
      derived: true,
      repaired: false,
      areaM2: Math.round(p.areaM2),
      geometry: JSON.parse(p.geom),
    };
  });
  const surplus = old.rows.slice(polys.rows.length);
  const roads = blocks.rowCount > 1 ? `按道路切成 ${blocks.rowCount} 个街坊 / cut by roads into ${blocks.rowCount} blocks` : '社区内无道路 / no roads inside the community';
  problems.unshift({
    severity: 'info',
    kind: 'derived',
    feature: null,
    message: `${buildings.rowCount} 栋建筑共 ${plan.households.reduce((a, b) => a + b, 0)} 户，${roads}，划为 ${features.length} 个网格（目标约 ${Math.round(plan.target)} 户），平均紧凑度 ${(polys.rows.reduce((s, p) => s + p.compactness, 0) / polys.rowCount).toFixed(2)} / ${buildings.rowCount} buildings, ${plan.households.reduce((a, b) => a + b, 0)} households; ${features.length} grids of about ${Math.round(plan.target)} households`,
    geometry: null,
  });
  if (oldIds.size) {
    problems.push({
      severity: 'info',
      kind: 'derived',
      feature: null,
      message: `替换现有 ${oldIds.size} 个网格：${Math.min(oldIds.size, features.length)} 个原地更新（编号不变），建筑、居民、工单、资源按位置归入新网格${surplus.length ? `；多出的 ${surplus.length} 个旧网格将删除（若仍有其他数据引用则拒绝）` : ''} / replaces the ${oldIds.size} existing grids: ${Math.min(oldIds.size, features.length)} updated in place (same ids); buildings, residents, orders and resources follow their location${surplus.length ? `; ${surplus.length} surplus old grids are deleted (refused while other data still points at them)` : ''}`,
      geometry: null,
    });
  }
  const report: Omit<ImportReport, 'id' | 'createdAt' | 'decidedAt' | 'status'> = {
    kind: 'regrid',
    level: 'grid',
    source: { filename: `${c.name}（网格划分 / re-gridding）`, format: 'proposal', encoding: null, fields: [] },
    crs: { name: 'wgs84', confidence: 'given', reason: '由库内数据生成 / generated from the stored data' },
    counts: { features: features.length, insert: features.filter((f) => f.action === 'insert').length, update: features.filter((f) => f.action === 'update').length, errors: 0, warnings: problems.filter((p) => p.severity === 'warning').length },
    problems,
    features,
    acceptable: features.length > 0,
  };
  const rows: sql.StoredRow[] = features.map((f) => ({ code: f.code, name: f.name, parentId: c.id, existingId: f.existingId, households: f.households, derived: true, specialClass: null, geometry: f.geometry }));
  const saved = await sql.insertImport(db, { kind: 'regrid', level: 'grid', scopePath: user.areaPath, createdBy: user.id, report, rows, communityId: c.id });
  return { ...report, id: saved.id, status: 'pending', createdAt: saved.createdAt, decidedAt: null };
}

/** Runs inside the accept transaction, after the grids are written: moves what hangs on grids to the new ones. */
export async function acceptRegrid(q: Queryable, imp: sql.ImportRow): Promise<void> {
  const communityId = imp.communityId!;
  const codes = imp.rows.map((r) => r.code);
  const fresh = (await q.query<{ id: number }>(/* sql */ `SELECT id FROM areas WHERE code = ANY($1)`, [codes])).rows.map((r) => r.id);
  const stale = (await q.query<{ id: number }>(/* sql */ `SELECT id FROM areas WHERE parent_id = $1 AND level = 'grid' AND id <> ALL($2)`, [communityId, fresh])).rows.map((r) => r.id);
  const all = [...fresh, ...stale];
  const nearest = (col: string) => /* sql */ `(SELECT g.id FROM areas g WHERE g.id = ANY($1) ORDER BY ST_Distance(g.geom, ${col}), g.id LIMIT 1)`;
  // The buildings the proposal was made from: those of the community's grids, or (no grids before) those inside it.
  await q.query(
    /* sql */ `UPDATE buildings b SET grid_id = ${nearest('b.geom')}
      WHERE b.grid_id = ANY($2) OR ($3 AND ST_Intersects((SELECT geom FROM areas WHERE id = $4), b.geom))`,
    [fresh, all, stale.length === 0 && imp.rows.every((r) => r.existingId === null), communityId],
  );
  const moved = (await q.query<{ id: number }>(/* sql */ `SELECT id FROM buildings WHERE grid_id = ANY($1)`, [fresh])).rows.map((r) => r.id);
  await q.query(/* sql */ `UPDATE residents r SET grid_id = b.grid_id FROM buildings b WHERE b.id = r.building_id AND b.id = ANY($1) AND r.grid_id <> b.grid_id`, [moved]);
  await q.query(
    /* sql */ `UPDATE orders o SET grid_id = n.id, area_path = n.path FROM (
        SELECT o2.id AS oid, g.id, g.path FROM orders o2 CROSS JOIN LATERAL (SELECT g.id, g.path FROM areas g WHERE g.id = ANY($1) ORDER BY ST_Distance(g.geom, o2.geom), g.id LIMIT 1) g
        WHERE o2.grid_id = ANY($2)) n
      WHERE o.id = n.oid AND (o.grid_id <> n.id OR o.area_path <> n.path)`,
    [fresh, all],
  );
  await q.query(/* sql */ `UPDATE resources s SET grid_id = ${nearest('s.geom')} WHERE s.grid_id = ANY($2)`, [fresh, all]);
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
    const refs = await q.query<{ tbl: string; col: string }>(
      /* sql */ `SELECT c.conrelid::regclass::text AS tbl, a.attname AS col FROM pg_constraint c
        JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
        WHERE c.contype = 'f' AND c.confrelid = 'areas'::regclass AND c.confdeltype <> 'c' AND array_length(c.conkey, 1) = 1`,
    );
    const blocking: string[] = [];
    for (const r of refs.rows) {
      const n = await q.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${r.tbl} WHERE "${r.col}" = ANY($1)`, [stale]);
      if (n.rows[0].n > 0) blocking.push(`${r.tbl}.${r.col} (${n.rows[0].n})`);
    }
    if (blocking.length) {
      throw new Conflict(`多出的旧网格仍被引用，未做任何修改：${blocking.join('、')} / the surplus old grids are still referenced, nothing was changed: ${blocking.join(', ')}`);
    }
    await q.query(/* sql */ `DELETE FROM areas WHERE id = ANY($1)`, [stale]);
  }
  // Population imports refresh the same aggregates: one writer at a time.
  await q.query(/* sql */ `SELECT pg_advisory_xact_lock(${POPULATION_WRITE_LOCK})`);
  await refreshDemographics(q);
  await refreshAreaCounts(q);
}
